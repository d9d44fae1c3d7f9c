//! Exercise 3, a Step Functions saga: a valid definition whose Task states all have a
//! function to run; then a run with nothing failing finds the steps, and each step is
//! made to fail in turn: the executions must undo exactly the steps that finished,
//! newest first, whatever the states are called, however the compensations are
//! chained, with Parallel or Map states, Retry before Catch, or one function serving
//! several states.

use super::common::{no_test_client, refused, run_until, sim_failed};
use super::Exercise;
use crate::lessons::build::Builder;
use crate::lessons::graph::{list_en, list_vi, of_kind};
use crate::lessons::simulate;
use crate::lessons::text::{Message, Text};
use crate::lessons::verdict::{fail, finding_codes, pass, Finding};
use crate::model::spec::Spec;
use crate::model::{ComponentId, ComponentKind as K, ConnectionKind as C, Diagram};
use crate::routing::asl::{Branch, StateKind, StateMachineDefinition};
use crate::sim::{ExecutionStatus, ExecutionView, StepStatus};
use std::collections::BTreeMap;

finding_codes! {
    Refused => "aws-refuses",
    StateMachine => "state-machine",
    Definition => "definition",
    /// Every Task state has a Task connection to the function it runs.
    TaskConnections => "task-connections",
    /// A run with nothing failing succeeds through three or more steps.
    ThreeSteps => "three-steps",
    /// When a later step fails, a Catch leads somewhere.
    Catch => "catch",
    /// Step 1 failing: nothing to undo.
    CompensateStep1 => "compensate-step-1",
    /// Step 2 failing: step 1 undone.
    CompensateStep2 => "compensate-step-2",
    /// Step 3 failing: step 2 undone, then step 1.
    CompensateStep3 => "compensate-step-3",
    /// A fourth or later step failing: every finished step undone, newest first.
    CompensateLaterStep => "compensate-later-step",
}

pub(super) const EXERCISE: Exercise = Exercise {
    id: "saga",
    title: Text { en: "A Step Functions saga of three steps", vi: "Saga ba bước với Step Functions" },
    goal: Text {
        en: "Write a state machine with three steps in a row (for example reserve the hotel, book the flight, charge the payment). Give the second and third steps a Catch, so that a failure in step 3 undoes step 2 and then step 1, and a failure in step 2 undoes step 1.",
        vi: "Viết một state machine có ba bước nối tiếp (ví dụ giữ phòng khách sạn, đặt vé máy bay, trừ tiền). Thêm Catch cho bước hai và bước ba, để khi bước 3 lỗi thì hủy bước 2 rồi tới bước 1, còn khi bước 2 lỗi thì hủy bước 1.",
    },
    hints: &[
        Text {
            en: "Each compensation is a Task of its own (CancelFlight, CancelHotel); chain them with Next, newest step first.",
            vi: "Mỗi bước bù trừ là một Task riêng (CancelFlight, CancelHotel); nối chúng bằng Next, bước làm sau cùng thì hủy trước.",
        },
        Text {
            en: "Let step 3's Catch lead to the undo of step 2, whose Next is the undo of step 1; step 2's Catch can then lead straight to the undo of step 1. Separate chains per failure work too.",
            vi: "Cho Catch của bước 3 dẫn tới bước hủy của bước 2, Next của nó là bước hủy của bước 1; Catch của bước 2 thì dẫn thẳng tới bước hủy của bước 1. Mỗi điểm lỗi một chuỗi riêng cũng được.",
        },
        Text {
            en: "Connect the state machine to the function each Task runs, and set the connection's task state to the state's name; one function may serve several states.",
            vi: "Nối state machine tới function mà mỗi Task chạy, và đặt task state của connection bằng đúng tên state; một function có thể phục vụ nhiều state.",
        },
    ],
    check,
    solution,
};

const TRIP: &str = r#"{"tripId": "trip-{{seq}}", "customerId": "c-{{int 1 200}}", "nights": {{int 1 7}}}"#;

/// Every Task state of a branch and the branches inside it, with its Parameters or
/// Arguments (what a shared function reads to know which step it undoes).
fn task_states(branch: &Branch, out: &mut Vec<(String, String)>) {
    for s in &branch.states {
        match &s.kind {
            StateKind::Task(_) => {
                let input = s.io.parameters.as_ref().or(s.io.arguments.as_ref()).map(|v| v.to_string()).unwrap_or_default();
                out.push((s.name.clone(), input));
            }
            StateKind::Parallel { branches, .. } => branches.iter().for_each(|b| task_states(b, out)),
            StateKind::Map(m) => task_states(&m.processor, out),
            _ => {}
        }
    }
}

/// What a compensation is, across runs: the function it runs and the input its state
/// gives it. Separate chains that call the same function the same way are the same
/// undo; one function serving two undos with different inputs is two.
type Undo = (ComponentId, String);

struct Machine<'a> {
    d: &'a Diagram,
    id: ComponentId,
    name: String,
    /// Task state → the function its connection runs.
    served: BTreeMap<String, ComponentId>,
    /// Task state → its Parameters/Arguments.
    input: BTreeMap<String, String>,
    deadline_s: f64,
}

impl Machine<'_> {
    fn undo(&self, state: &str) -> Undo {
        (self.served.get(state).copied().unwrap_or(self.id), self.input.get(state).cloned().unwrap_or_default())
    }

    /// The first execution that ends, with the state `failing` (if any) failing
    /// every call. A state whose function serves other states gets a copy of it, so
    /// only that state fails.
    fn run(&self, failing: Option<&str>) -> Result<Option<ExecutionView>, Message> {
        let mut d = self.d.clone();
        simulate::silence_sources(&mut d);
        if let Some(state) = failing {
            let conn = d.outgoing(self.id).find(|c| c.kind == C::Task && c.settings.task_state == state).map(|c| (c.id, c.to));
            if let Some((conn, function)) = conn {
                let shared = d.outgoing(self.id).filter(|c| c.kind == C::Task && c.to == function).count() > 1;
                let target = if shared { isolate(&mut d, self.id, conn, function, state).unwrap_or(function) } else { function };
                if let Some(c) = d.component_mut(target) {
                    c.faults.error_rate = 1.0;
                }
            }
        }
        let client = simulate::add_test_client(&mut d, "Saga check", self.id, 0.5, Some(TRIP)).ok_or_else(|| no_test_client("state machine"))?;
        let ended = |sim: &crate::sim::Simulation| sim.executions(self.id).iter().any(|e| e.status != ExecutionStatus::Running);
        let (sim, _) = run_until(&d, &[client], 2.0, self.deadline_s, ended)?;
        Ok(sim.executions(self.id).into_iter().find(|e| e.status != ExecutionStatus::Running))
    }
}

/// Gives the Task state `state` its own copy of `function`; returns the copy.
fn isolate(d: &mut Diagram, machine: ComponentId, conn: crate::model::ConnectionId, function: ComponentId, state: &str) -> Option<ComponentId> {
    let original = d.component(function)?.clone();
    let copy = d.add_component(original.kind(), format!("{} ({state})", original.name), original.position);
    d.component_mut(copy)?.spec = original.spec.clone();
    d.remove_connection(conn).ok()?;
    let c = d.connect(machine, copy).ok()?;
    d.set_connection_kind(c, C::Task).ok()?;
    d.connection_mut(c)?.settings.task_state = state.to_string();
    Some(copy)
}

/// How long a run may take, from the diagram's own settings: each Task's function
/// timeout, tried up to four times, plus two minutes of Retry intervals and backoff.
fn deadline_s(d: &Diagram, served: &BTreeMap<String, ComponentId>) -> f64 {
    let per_task: f64 = served
        .values()
        .map(|id| match d.component(*id).map(|c| &c.spec) {
            Some(Spec::Function(f)) => f64::from(f.timeout_s),
            Some(Spec::Service(s)) => f64::from(s.latency_ms) / 1000.0 + 1.0,
            Some(Spec::WorkerGroup(w)) => f64::from(w.processing_ms) / 1000.0 + f64::from(w.warmup_s),
            _ => 30.0,
        })
        .sum();
    (per_task * 4.0 + 120.0).min(3_600.0)
}

fn check(d: &Diagram) -> Vec<Finding> {
    if let Some(f) = refused(d, Code::Refused) {
        return vec![f];
    }
    let mut out = Vec::new();
    let machines = of_kind(d, K::StateMachine);
    let Some(sm) = machines.iter().find(|m| d.outgoing(m.id).any(|c| c.kind == C::Task)).or(machines.first()).copied() else {
        out.push(fail(Code::StateMachine, msg!(
            "There is no state machine: add a Step Functions state machine to orchestrate the saga.",
            "Chưa có state machine: hãy thêm một Step Functions state machine để điều phối saga."
        )));
        return out;
    };
    let m = sm.name.clone();
    let Spec::StateMachine(spec) = &sm.spec else { return out };
    let def = match StateMachineDefinition::parse(&spec.definition) {
        Ok(def) => def,
        Err(errors) => {
            let Message { en: first_en, vi: first_vi } = errors.into_iter().next().unwrap_or_else(|| Message::new("", ""));
            out.push(fail(Code::Definition, msg!(
                "The definition of {m} is not valid Amazon States Language: {first_en}",
                "Definition của {m} chưa phải Amazon States Language hợp lệ: {first_vi}"
            )));
            return out;
        }
    };
    out.push(pass(Code::Definition, msg!("The definition of {m} is valid.", "Definition của {m} hợp lệ.")));
    let mut tasks = Vec::new();
    task_states(&def.root, &mut tasks);
    let served: BTreeMap<String, ComponentId> =
        d.outgoing(sm.id).filter(|c| c.kind == C::Task).map(|c| (c.settings.task_state.clone(), c.to)).collect();
    let missing: Vec<String> = tasks.iter().map(|(n, _)| n.clone()).filter(|n| !served.contains_key(n)).collect();
    if !missing.is_empty() {
        let (list, list_v) = (list_en(&missing), list_vi(&missing));
        out.push(fail(Code::TaskConnections, msg!(
            "{list}: no task connection from {m}. Connect {m} to the function each state runs and set the connection's task state to the state's name.",
            "{list_v}: chưa có task connection nào từ {m}. Hãy nối {m} tới function mà mỗi state chạy và đặt task state của connection bằng tên state."
        )));
        return out;
    }
    out.push(pass(Code::TaskConnections, msg!(
        "Every Task state of {m} is connected to the function that does it.",
        "Mọi Task state của {m} đều được nối tới function thực hiện nó."
    )));
    let machine = Machine { d, id: sm.id, name: m.clone(), deadline_s: deadline_s(d, &served), served, input: tasks.into_iter().collect() };
    out.extend(judge_runs(&machine));
    out
}

/// The Task states that finished, in the order they were entered.
fn finished(run: &ExecutionView) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for s in run.steps.iter().filter(|s| s.kind == "Task" && s.status == StepStatus::Succeeded) {
        if !v.contains(&s.state) {
            v.push(s.state.clone());
        }
    }
    v
}

fn ended_how(run: &ExecutionView) -> Message {
    match run.status {
        ExecutionStatus::Succeeded => msg!("succeeded", "thành công"),
        ExecutionStatus::TimedOut => msg!("timed out", "hết thời gian"),
        _ => {
            let e = run.error.clone().unwrap_or_default();
            msg!("failed ({e})", "thất bại ({e})")
        }
    }
}

fn judge_runs(m: &Machine) -> Vec<Finding> {
    let mut out = Vec::new();
    let name = &m.name;
    let limit = m.deadline_s.round();
    // A run with nothing failing shows the steps.
    let clean = match m.run(None) {
        Ok(Some(run)) => run,
        Ok(None) => {
            return vec![fail(Code::ThreeSteps, msg!(
                "With nothing failing, no execution of {name} ended within {limit} simulated seconds: check the Wait states, the Retry settings and the functions' “Timeout”.",
                "Khi không có gì lỗi, không execution nào của {name} kết thúc trong {limit} giây mô phỏng: hãy xem lại các Wait state, cấu hình Retry và “Thời gian chờ tối đa” của các function."
            ))]
        }
        Err(why) => return vec![sim_failed(Code::ThreeSteps, why)],
    };
    let steps = finished(&clean);
    if clean.status != ExecutionStatus::Succeeded {
        let how = ended_how(&clean);
        let (en, vi) = (&how.en, &how.vi);
        return vec![fail(Code::ThreeSteps, msg!(
            "With nothing failing, the execution of {name} {en}: a saga must succeed when every step does. Look at the execution in the page to see where it ended.",
            "Khi không có gì lỗi, execution của {name} {vi}: saga phải thành công khi mọi bước đều thành công. Hãy xem execution trên trang để biết nó kết thúc ở đâu."
        ))];
    }
    if steps.len() < 3 {
        let n = steps.len();
        return vec![fail(Code::ThreeSteps, msg!(
            "With nothing failing, {name} runs {n} Task state(s); the saga needs three steps, each a Task.",
            "Khi không có gì lỗi, {name} mới chạy {n} Task state; saga cần ba bước, mỗi bước là một Task."
        ))];
    }
    let (list, list_v) = (list_en(&steps), list_vi(&steps));
    out.push(pass(Code::ThreeSteps, msg!("With nothing failing, {name} runs {list} and succeeds.", "Khi không có gì lỗi, {name} chạy {list_v} và thành công.")));
    let mut previous: Option<(Vec<String>, Vec<String>)> = None;
    let mut uncaught = Vec::new();
    for (k, step) in steps.iter().enumerate() {
        let code = match k {
            0 => Code::CompensateStep1,
            1 => Code::CompensateStep2,
            2 => Code::CompensateStep3,
            _ => Code::CompensateLaterStep,
        };
        let run = match m.run(Some(step)) {
            Ok(Some(run)) => run,
            Ok(None) => {
                out.push(fail(code, msg!(
                    "With {step} failing, no execution of {name} ended within {limit} simulated seconds: check the Retry settings and the functions' “Timeout”.",
                    "Khi {step} lỗi, không execution nào của {name} kết thúc trong {limit} giây mô phỏng: hãy xem lại cấu hình Retry và “Thời gian chờ tối đa” của các function."
                )));
                continue;
            }
            Err(why) => {
                out.push(sim_failed(code, why));
                continue;
            }
        };
        let done: Vec<String> = finished(&run).into_iter().filter(|s| steps.contains(s)).collect();
        let at = run.steps.iter().rposition(|s| s.state == *step).unwrap_or(0);
        let undone: Vec<String> = run.steps[at..]
            .iter()
            .filter(|s| s.kind == "Task" && s.status == StepStatus::Succeeded && !steps.contains(&s.state))
            .map(|s| s.state.clone())
            .collect();
        if !done.is_empty() && run.catchers().is_empty() {
            uncaught.push(step.clone());
        }
        let finding = judge_failure(m, code, step, &done, &undone, previous.as_ref());
        // Order is judged against the previous failure only when that one was right,
        // so one mistake is reported once.
        previous = finding.passed.then_some((done, undone));
        out.push(finding);
    }
    if uncaught.is_empty() {
        out.push(pass(Code::Catch, msg!(
            "Whenever a step failed after another had finished, a Catch led to the compensations.",
            "Mỗi khi một bước lỗi sau khi bước khác đã xong, Catch đều dẫn tới các bước bù trừ."
        )));
    } else {
        let (list, list_v) = (list_en(&uncaught), list_vi(&uncaught));
        out.push(fail(Code::Catch, msg!(
            "{list}: no Catch fired when it failed, so the execution just stopped and the steps before it stayed done. Add a Catch for States.ALL that leads to the compensations.",
            "{list_v}: không Catch nào chạy khi nó lỗi, nên execution dừng luôn và các bước trước vẫn giữ nguyên. Hãy thêm Catch cho States.ALL dẫn tới các bước bù trừ."
        )));
    }
    out
}

/// One failure: exactly the finished steps undone (as many undos as steps done), and,
/// when the step before this one was judged, its undos come after a new one.
fn judge_failure(
    m: &Machine,
    code: Code,
    step: &str,
    done: &[String],
    undone: &[String],
    previous: Option<&(Vec<String>, Vec<String>)>,
) -> Finding {
    let (d_en, d_vi) = (list_en(done), list_vi(done));
    let (u_en, u_vi) = (list_en(undone), list_vi(undone));
    let (n_done, n_undone) = (done.len(), undone.len());
    if done.is_empty() {
        return if undone.is_empty() {
            pass(code, msg!("With {step} failing, nothing had finished and nothing was undone.", "Khi {step} lỗi, chưa bước nào xong và không có gì bị hủy."))
        } else {
            fail(code, msg!(
                "With {step} failing, nothing had finished, yet {u_en} ran: a compensation undoes only a step that finished. Lead {step}'s Catch straight to a Fail state.",
                "Khi {step} lỗi, chưa bước nào xong, vậy mà {u_vi} vẫn chạy: bước bù trừ chỉ hủy bước đã xong. Hãy cho Catch của {step} dẫn thẳng tới một Fail state."
            ))
        };
    }
    if n_undone == 0 {
        return fail(code, msg!(
            "With {step} failing, {d_en} had finished but no compensation finished: lead {step}'s Catch to the undo of the newest finished step, then on to the older ones, and give the compensations a Retry so they finish.",
            "Khi {step} lỗi, {d_vi} đã xong nhưng không bước bù trừ nào chạy xong: hãy cho Catch của {step} dẫn tới bước hủy của bước xong sau cùng, rồi tới các bước trước đó, và thêm Retry cho các bước bù trừ để chúng chạy xong."
        ));
    }
    if n_undone < n_done {
        return fail(code, msg!(
            "With {step} failing, {d_en} had finished but only {n_undone} compensation(s) finished ({u_en}): undo every finished step, newest first, and give the compensations a Retry so they finish.",
            "Khi {step} lỗi, {d_vi} đã xong nhưng chỉ {n_undone} bước bù trừ chạy xong ({u_vi}): hãy hủy mọi bước đã xong, bước làm sau hủy trước, và thêm Retry cho các bước bù trừ để chúng chạy xong."
        ));
    }
    if n_undone > n_done {
        return fail(code, msg!(
            "With {step} failing, {d_en} had finished, yet {n_undone} compensations ran ({u_en}): undo only the steps that finished.",
            "Khi {step} lỗi, {d_vi} đã xong, vậy mà có tới {n_undone} bước bù trừ chạy ({u_vi}): chỉ hủy những bước đã xong."
        ));
    }
    if let Some((prev_done, prev_undone)) = previous {
        // This failure came one step later: the newest undo first, then exactly the
        // undos of the previous failure.
        let one_later = prev_done.len() + 1 == done.len() && done.starts_with(prev_done);
        let same = |a: &String, b: &String| a == b || m.undo(a) == m.undo(b);
        let newest_first = undone[1..].len() == prev_undone.len()
            && undone[1..].iter().zip(prev_undone).all(|(a, b)| same(a, b))
            && !prev_undone.contains(&undone[0]);
        if one_later && !newest_first {
            let newest = done.last().cloned().unwrap_or_default();
            let (p_en, p_vi) = (list_en(prev_undone), list_vi(prev_undone));
            return fail(code, msg!(
                "With {step} failing, {u_en} ran; undo in reverse order: first undo {newest}, the newest finished step, then the same undo ({p_en}) that runs when the step before fails.",
                "Khi {step} lỗi, {u_vi} đã chạy; phải hủy theo thứ tự ngược: hủy {newest} trước, vì đó là bước xong sau cùng, rồi tới đúng bước hủy ({p_vi}) chạy khi bước trước lỗi."
            ));
        }
    }
    // One finished step is undone by one compensation: no order to speak of.
    if n_done == 1 {
        return pass(code, msg!("With {step} failing, {d_en} had finished; {u_en} ran to undo it.", "Khi {step} lỗi, {d_vi} đã xong; {u_vi} đã chạy để hủy bước đó."));
    }
    pass(code, msg!(
        "With {step} failing, {d_en} had finished; {u_en} ran to undo them, newest first.",
        "Khi {step} lỗi, {d_vi} đã xong; {u_vi} đã chạy để hủy chúng, bước làm sau hủy trước."
    ))
}

fn solution() -> Diagram {
    let mut b = Builder::new();
    crate::lessons::patterns::saga_orchestration(&mut b, 0.0);
    b.finish().unwrap_or_default()
}
