//! Exercise 4, an async API: a submit endpoint that puts jobs in a queue (an API
//! Gateway sending to it, or a function behind the gateway that enqueues and answers),
//! a worker that records the job's status, and a status endpoint that reads it; then
//! jobs made to last 60 s: submitting must answer within a second, the status read
//! must answer, and each job must be done once.

use super::common::{client_report, no_client_report, no_test_client, refused, run_until, secs, sim_failed};
use super::Exercise;
use crate::lessons::build::Builder;
use crate::lessons::graph::{name, of_kind, targets, COMPUTE};
use crate::lessons::simulate;
use crate::lessons::text::Text;
use crate::lessons::verdict::{fail, finding_codes, pass, Finding};
use crate::model::spec::Spec;
use crate::model::{Component, ComponentId, ComponentKind as K, ConnectionKind as C, Diagram};

finding_codes! {
    Refused => "aws-refuses",
    /// An API Gateway whose requests end in a queue.
    Submit => "submit",
    Worker => "worker",
    StatusStore => "status-store",
    /// An endpoint whose function reads the status store (a Read connection).
    StatusEndpoint => "status-endpoint",
    SubmitFast => "submit-fast",
    /// Every job done, and done once.
    JobsFinish => "jobs-finish",
    PollAnswers => "poll-answers",
}

pub(super) const EXERCISE: Exercise = Exercise {
    id: "async-api",
    title: Text { en: "An async API: submit, job id, poll", vi: "Async API: gửi job, nhận job id, poll trạng thái" },
    goal: Text {
        en: "Build an API for jobs that take a minute: POST /jobs answers 202 with a job id at once and puts the job in a queue; a worker does the job and records its status; GET /jobs/{id} lets the client poll the status. The check makes each job last 60 seconds: submitting must still answer within one second.",
        vi: "Dựng API cho những job mất cả phút: POST /jobs trả 202 kèm job id ngay và bỏ job vào queue; một worker làm job và ghi lại trạng thái; GET /jobs/{id} cho client poll trạng thái. Bài kiểm tra sẽ cho mỗi job chạy 60 giây: việc gửi job vẫn phải được trả lời trong vòng một giây.",
    },
    hints: &[
        Text {
            en: "Either set the submit gateway's “Integration” to asynchronous and connect it to a queue, or let it call a small function that puts the job in the queue, records it as pending and answers with the job id.",
            vi: "Hoặc đặt “Kiểu tích hợp” của gateway nhận job là async và nối nó vào một queue, hoặc cho nó gọi một function nhỏ bỏ job vào queue, ghi trạng thái pending rồi trả job id.",
        },
        Text {
            en: "A worker function needs a “Timeout” longer than the job, and the queue a “Visibility timeout” longer than that.",
            vi: "Worker function cần “Thời gian chờ tối đa” dài hơn thời gian chạy job, và queue cần “Thời gian ẩn message” dài hơn nữa.",
        },
        Text {
            en: "The status endpoint is an API Gateway that calls a small function; connect that function to the status table and set the connection to read.",
            vi: "Endpoint trạng thái là một API Gateway gọi một function nhỏ; nối function đó vào bảng trạng thái và đặt connection là đọc.",
        },
    ],
    check,
    solution,
};

/// How long each job lasts in the check, and how long the check's client submits.
const JOB_S: f64 = 60.0;
const SEND_S: f64 = 20.0;
const SUBMITS_PER_S: f64 = 1.0;

/// The queue a gateway's requests end in: sent to it directly, or by a function or
/// service the gateway calls.
fn submit_queue<'a>(d: &'a Diagram, gateway: &Component) -> Option<(&'a Component, Option<&'a Component>)> {
    if let Some(q) = targets(d, gateway.id, Some(C::Send), &[K::Queue]).first() {
        return Some((q, None));
    }
    targets(d, gateway.id, Some(C::Call), COMPUTE)
        .into_iter()
        .find_map(|f| targets(d, f.id, Some(C::Send), &[K::Queue]).first().map(|q| (*q, Some(f))))
}

fn check(d: &Diagram) -> Vec<Finding> {
    if let Some(f) = refused(d, Code::Refused) {
        return vec![f];
    }
    let mut out = Vec::new();
    let gateways = of_kind(d, K::ApiGateway);
    let submit = gateways.iter().find_map(|g| submit_queue(d, g).map(|(q, via)| (*g, q, via)));
    let Some((submit, queue, via)) = submit else {
        let sync = gateways.iter().find_map(|g| d.outgoing(g.id).find(|c| c.kind == C::Call).map(|c| (g.name.clone(), name(d, c.to))));
        out.push(match sync {
            Some((g, w)) => fail(Code::Submit, msg!(
                "The API Gateway {g} calls {w} and waits for it, and no queue is on the way: a one-minute job would hold the request past the gateway's 29-second limit. Have the submit endpoint put the job in an SQS queue and answer at once.",
                "API Gateway {g} gọi {w} và chờ nó, mà trên đường đi không có queue nào: job dài một phút sẽ giữ request quá giới hạn 29 giây của gateway. Hãy cho endpoint nhận job bỏ job vào SQS queue rồi trả lời ngay."
            )),
            None => fail(Code::Submit, msg!(
                "No API Gateway puts jobs in a queue: add POST /jobs, an API Gateway connected to an SQS queue (or calling a function that sends the job to one).",
                "Chưa có API Gateway nào bỏ job vào queue: hãy thêm POST /jobs, một API Gateway nối vào SQS queue (hoặc gọi một function gửi job vào queue)."
            )),
        });
        return out;
    };
    let (g, q) = (&submit.name, &queue.name);
    out.push(match via {
        None => pass(Code::Submit, msg!("{g} puts each job in the queue {q}.", "{g} bỏ từng job vào queue {q}.")),
        Some(f) => {
            let f = &f.name;
            pass(Code::Submit, msg!("{g} calls {f}, which puts each job in the queue {q}.", "{g} gọi {f}, function này bỏ từng job vào queue {q}."))
        }
    });
    let workers = targets(d, queue.id, None, &[K::Function, K::WorkerGroup]);
    let Some(worker) = workers.first().copied() else {
        out.push(fail(Code::Worker, msg!(
            "Nothing takes jobs out of the queue {q}: connect it to a worker (a Lambda function or a worker group).",
            "Chưa có gì lấy job ra khỏi queue {q}: hãy nối nó vào một worker (Lambda function hoặc worker group)."
        )));
        return out;
    };
    let w = &worker.name;
    out.push(pass(Code::Worker, msg!("{w} does the jobs from {q}.", "{w} xử lý các job từ {q}.")));
    let stores = targets(d, worker.id, Some(C::Write), &[K::Database]);
    let Some(store) = stores.first().copied() else {
        out.push(fail(Code::StatusStore, msg!(
            "{w} doesn't record the job's status anywhere: connect it to a database, so a status request can find whether the job is done.",
            "{w} chưa ghi trạng thái job vào đâu cả: hãy nối nó vào một database để khi client hỏi trạng thái thì biết job đã xong chưa."
        )));
        return out;
    };
    let s = &store.name;
    out.push(pass(Code::StatusStore, msg!("{w} records each job's status in {s}.", "{w} ghi trạng thái từng job vào {s}.")));
    // The status endpoint: a gateway calling something that reads the store.
    let status = gateways.iter().find_map(|gw| {
        targets(d, gw.id, Some(C::Call), COMPUTE)
            .into_iter()
            .find(|r| d.outgoing(r.id).any(|c| c.kind == C::Read && c.to == store.id))
            .map(|r| (gw.id, r.id))
    });
    let Some((status_gw, reader)) = status else {
        out.push(fail(Code::StatusEndpoint, msg!(
            "There is no way to poll: add GET /jobs/{{id}}, an API Gateway that calls a small function reading {s} (connect the function to {s} and set the connection to read).",
            "Chưa có cách nào để poll: hãy thêm GET /jobs/{{id}}, một API Gateway gọi một function nhỏ đọc {s} (nối function vào {s} và đặt connection là đọc)."
        )));
        return out;
    };
    let (pg, r) = (name(d, status_gw), name(d, reader));
    out.push(pass(Code::StatusEndpoint, msg!("Clients poll {pg}, which calls {r} to read the status in {s}.", "Client poll {pg}, gateway này gọi {r} để đọc trạng thái trong {s}.")));
    out.extend(simulate_jobs(d, submit.id, queue.id, worker.id, store.id, status_gw));
    out
}

/// How long after the last submit a job can still be running, from the diagram's own
/// settings: the jobs done at the worker's smallest capacity (a worker group that has
/// not scaled out yet), a visibility timeout (a job handed out again), the worker's
/// timeout or warm-up, and a minute more.
fn settle_s(d: &Diagram, queue: ComponentId, worker: ComponentId) -> f64 {
    let capacity = match d.component(worker).map(|c| &c.spec) {
        Some(Spec::WorkerGroup(w)) => f64::from(w.min_instances.max(1) * w.per_instance_concurrency.max(1)),
        Some(Spec::Function(f)) if f.concurrency_limit > 0 => f64::from(f.concurrency_limit),
        _ => SEND_S * SUBMITS_PER_S,
    };
    let backlog = (SEND_S * SUBMITS_PER_S / capacity).ceil() * JOB_S;
    let visibility = match d.component(queue).map(|c| &c.spec) {
        Some(Spec::Queue(q)) => f64::from(q.visibility_timeout_s) + f64::from(q.delay_s),
        _ => 0.0,
    };
    let timeout = match d.component(worker).map(|c| &c.spec) {
        Some(Spec::Function(f)) => f64::from(f.timeout_s),
        Some(Spec::WorkerGroup(w)) => f64::from(w.warmup_s),
        _ => 0.0,
    };
    backlog + visibility + timeout + 60.0
}

fn simulate_jobs(d: &Diagram, submit: ComponentId, queue: ComponentId, worker: ComponentId, store: ComponentId, status: ComponentId) -> Vec<Finding> {
    let mut d = d.clone();
    simulate::silence_sources(&mut d);
    let (Some(jobs), Some(polls)) =
        (simulate::add_test_client(&mut d, "Check: submit", submit, SUBMITS_PER_S, None), simulate::add_test_client(&mut d, "Check: poll", status, 2.0, None))
    else {
        return vec![sim_failed(Code::SubmitFast, no_test_client("API Gateway"))];
    };
    let mut timeout_s = None;
    if let Some(c) = d.component_mut(worker) {
        match &mut c.spec {
            Spec::Function(f) => {
                f.duration_ms = (JOB_S * 1000.0) as u32;
                timeout_s = Some(f.timeout_s);
            }
            Spec::WorkerGroup(w) => w.processing_ms = (JOB_S * 1000.0) as u32,
            _ => {}
        }
    }
    let deadline = SEND_S + settle_s(&d, queue, worker);
    let done = |sim: &crate::sim::Simulation| sim.component_report(worker).map(|r| r.processed).unwrap_or(0);
    let accepted = |sim: &crate::sim::Simulation| client_report(sim, jobs).map(|s| s.accepted_202 + s.ok).unwrap_or(0);
    // Polls go on while the jobs run; the run stops once the backlog is gone and
    // every accepted job is done, or at the deadline.
    let run = run_until(&d, &[jobs], SEND_S, deadline, |sim| {
        done(sim) >= accepted(sim) && sim.component_report(queue).is_some_and(|r| r.depth == 0 && r.in_flight == 0)
    });
    let (sim, waited) = match run {
        Ok(r) => r,
        Err(why) => return vec![sim_failed(Code::SubmitFast, why)],
    };
    let (g, w, s) = (name(&d, submit), name(&d, worker), name(&d, store));
    let mut out = Vec::new();
    let Some(seen) = client_report(&sim, jobs) else { return vec![sim_failed(Code::SubmitFast, no_client_report())] };
    let p99 = seen.latency.map(|l| l.p99_ms).unwrap_or(f64::INFINITY);
    let (sent, errors) = (seen.sent, seen.errors_total());
    let p99_text = if p99.is_finite() { format!("{p99:.0}") } else { "-".to_string() };
    out.push(if errors == 0 && p99 < 1.0 && sent > 0 {
        pass(Code::SubmitFast, msg!(
            "With jobs lasting 60 s, {g} still answered all {sent} submits with a job id at once, in under a millisecond.",
            "Dù mỗi job chạy 60 giây, {g} vẫn trả job id ngay cho đủ {sent} lần gửi job, chưa tới một mili giây."
        ))
    } else if errors == 0 && p99 < 1_000.0 && sent > 0 {
        pass(Code::SubmitFast, msg!(
            "With jobs lasting 60 s, {g} still answered all {sent} submits with a job id, 99% of them within {p99_text} ms.",
            "Dù mỗi job chạy 60 giây, {g} vẫn trả job id cho đủ {sent} lần gửi job, 99% trong vòng {p99_text} ms."
        ))
    } else {
        fail(Code::SubmitFast, msg!(
            "With jobs lasting 60 s, {g} answered 99% of submits only within {p99_text} ms, and {errors} of {sent} failed: submitting must not wait for the job. Store the job and answer at once.",
            "Khi mỗi job chạy 60 giây, {g} chỉ trả lời 99% lần gửi trong vòng {p99_text} ms, và {errors}/{sent} lần bị lỗi: gửi job không được phải chờ job chạy xong. Hãy lưu job lại rồi trả lời ngay."
        ))
    });
    let (done, accepted) = (done(&sim), accepted(&sim));
    let waited = secs(waited);
    out.push(if done == accepted && done > 0 {
        pass(Code::JobsFinish, msg!(
            "Each of the {accepted} one-minute jobs was done once by {w} (counted at {waited} s).",
            "Mỗi job trong {accepted} job một phút đều được {w} làm xong đúng một lần (đếm ở giây {waited})."
        ))
    } else if let Some(t) = timeout_s.filter(|&t| f64::from(t) < JOB_S) {
        fail(Code::JobsFinish, msg!(
            "The jobs never finish: {w} times out after {t} s, before a one-minute job is done. Raise its “Timeout” (Lambda allows up to 900 s).",
            "Job không bao giờ xong: {w} bị timeout sau {t} giây, trước khi job một phút kịp chạy xong. Hãy tăng “Thời gian chờ tối đa” của nó (Lambda cho tối đa 900 giây)."
        ))
    } else if done > accepted {
        fail(Code::JobsFinish, msg!(
            "{w} did {done} jobs for {accepted} submitted: some jobs ran twice, because the queue let them be received again while they were still running. Raise the queue's “Visibility timeout” above the job's length.",
            "{w} làm {done} job trong khi chỉ có {accepted} job được gửi: có job chạy hai lần, vì queue cho nhận lại job khi nó còn đang chạy. Hãy tăng “Thời gian ẩn message” của queue lên trên thời gian chạy job."
        ))
    } else {
        fail(Code::JobsFinish, msg!(
            "Only {done} of {accepted} one-minute jobs were done by {waited} s: check the worker's capacity and the queue's “Visibility timeout”.",
            "Tới giây {waited} mới chỉ {done}/{accepted} job một phút chạy xong: hãy xem lại sức chứa của worker và “Thời gian ẩn message” của queue."
        ))
    });
    let reads = sim.component_report(store).map(|r| r.reads).unwrap_or(0);
    out.push(match client_report(&sim, polls) {
        Some(p) if p.errors_total() == 0 && p.ok > 0 && reads > 0 => {
            let ok = p.ok;
            pass(Code::PollAnswers, msg!(
                "All {ok} status polls were answered, each reading {s}.",
                "Cả {ok} lần poll trạng thái đều được trả lời, mỗi lần đọc {s}."
            ))
        }
        Some(p) => {
            let (ok, bad) = (p.ok, p.errors_total());
            fail(Code::PollAnswers, msg!(
                "{bad} status polls failed and {ok} were answered ({reads} reads of {s}): the status endpoint must answer quickly from {s}, whatever the jobs are doing.",
                "{bad} lần poll trạng thái bị lỗi, {ok} lần được trả lời ({reads} lần đọc {s}): endpoint trạng thái phải trả lời nhanh từ {s}, bất kể job đang thế nào."
            ))
        }
        None => sim_failed(Code::PollAnswers, no_client_report()),
    });
    out
}

fn solution() -> Diagram {
    let mut b = Builder::new();
    crate::lessons::patterns::async_api_parts(&mut b, 30_000);
    b.finish().unwrap_or_default()
}
