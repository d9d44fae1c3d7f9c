//! What every exercise's check needs: AWS's refusals first, finding the parts by
//! following connections, and running the simulation with the check's own traffic.

use super::super::graph::name;
use super::super::simulate;
use super::super::text::Message;
use super::super::verdict::{fail, Finding, FindingCode};
use crate::model::{Component, ComponentId, ComponentKind, Diagram};
use crate::sim::{ClientReport, Simulation};
use std::collections::{BTreeSet, VecDeque};

pub fn names(cs: &[&Component]) -> Vec<String> {
    cs.iter().map(|c| c.name.clone()).collect()
}

pub fn client_report(sim: &Simulation, id: ComponentId) -> Option<ClientReport> {
    sim.component_report(id).and_then(|r| r.client)
}

pub fn sim_failed(code: impl FindingCode, why: Message) -> Finding {
    let (en, vi) = (why.en, why.vi);
    fail(code, msg!("The diagram could not be simulated: {en}", "Không chạy mô phỏng được sơ đồ này: {vi}"))
}

/// Why a check's own test client could not be added (`target` names what it calls).
pub fn no_test_client(target: &str) -> Message {
    msg!("a client cannot connect to {target}.", "không nối được client kiểm tra tới {target}.")
}

pub fn no_client_report() -> Message {
    msg!("the test client reported nothing.", "client kiểm tra không báo lại kết quả nào.")
}

/// A verdict never passes what AWS would not deploy: the first refusal, worded as AWS
/// words it, naming the connection.
pub fn refused(d: &Diagram, code: impl FindingCode) -> Option<Finding> {
    let r = crate::model::aws_refusals(d).into_iter().next()?;
    let c = d.connection(r.connection)?;
    let (from, to) = (name(d, c.from), name(d, c.to));
    let (en, vi) = (&r.message.en, &r.message.vi);
    Some(fail(code, msg!(
        "AWS would not create {from} → {to}: {en} Change that setting first.",
        "AWS sẽ không tạo {from} → {to}: {vi} Hãy sửa thiết lập đó trước."
    )))
}

/// Every component reached from `start` over any number of connections (not `start`
/// itself unless a loop leads back), never walking through `stop`.
pub fn downstream(d: &Diagram, start: ComponentId, stop: &BTreeSet<ComponentId>) -> BTreeSet<ComponentId> {
    walk(d, start, stop)
}

fn walk(d: &Diagram, start: ComponentId, stop: &BTreeSet<ComponentId>) -> BTreeSet<ComponentId> {
    let mut seen = BTreeSet::new();
    let mut todo = VecDeque::from([start]);
    while let Some(at) = todo.pop_front() {
        let next: Vec<ComponentId> = d.outgoing(at).map(|c| c.to).collect();
        for n in next {
            if !stop.contains(&n) && seen.insert(n) {
                todo.push_back(n);
            }
        }
    }
    seen
}

/// The nearest API Gateway from which `id` is reached (or `id` itself).
pub fn gateway_before(d: &Diagram, id: ComponentId) -> Option<ComponentId> {
    if d.component(id).is_some_and(|c| c.kind() == ComponentKind::ApiGateway) {
        return Some(id);
    }
    let mut todo = VecDeque::from([id]);
    let mut seen = BTreeSet::from([id]);
    while let Some(at) = todo.pop_front() {
        for c in d.incoming(at) {
            if d.component(c.from).is_some_and(|f| f.kind() == ComponentKind::ApiGateway) {
                return Some(c.from);
            }
            if seen.insert(c.from) {
                todo.push_back(c.from);
            }
        }
    }
    None
}

/// A run the check drives: its test clients send for `send_s` seconds and then stop;
/// the run goes on, ten simulated seconds at a time, until `settled` says the work is
/// done or `deadline_s` is reached. Returns the simulation and the second it stopped.
pub fn run_until(
    d: &Diagram,
    clients: &[ComponentId],
    send_s: f64,
    deadline_s: f64,
    mut settled: impl FnMut(&Simulation) -> bool,
) -> Result<(Simulation, f64), Message> {
    let mut sim = simulate::run(d, send_s)?;
    for &c in clients {
        // A vanishing rate for the rest of the run stops the client (the engine reads
        // a factor of 0 as "no spike"); what it already sent goes on.
        sim.spike(c, 1e-9, 1e7);
    }
    let mut at = send_s;
    while at < deadline_s {
        let step = (deadline_s - at).min(10.0);
        sim.run_for((step * 1e6) as u64);
        at += step;
        if settled(&sim) {
            break;
        }
    }
    Ok((sim, at))
}

/// Seconds as the learner reads them: "75 s" rather than "75.0 s".
pub fn secs(s: f64) -> String {
    format!("{s:.0}")
}
