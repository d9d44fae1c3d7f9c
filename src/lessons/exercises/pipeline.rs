//! Exercise 1, API Gateway → SQS → Lambda → DynamoDB: the parts the exercise names,
//! then the function taken down for 30 s while the check's users send orders; orders
//! are counted once the diagram's own visibility timeout and function timeout have let
//! every stranded order come back.

use super::common::{client_report, no_client_report, no_test_client, refused, run_until, secs, sim_failed};
use super::Exercise;
use crate::lessons::build::Builder;
use crate::lessons::graph::{name, of_kind, targets};
use crate::lessons::simulate;
use crate::lessons::text::Text;
use crate::lessons::verdict::{fail, finding_codes, pass, Finding};
use crate::model::spec::{DatabaseEngine, Integration, Spec};
use crate::model::{ComponentId, ComponentKind as K, ConnectionKind as C, Diagram, Window};

finding_codes! {
    /// AWS would refuse to create part of the diagram.
    Refused => "aws-refuses",
    Gateway => "gateway",
    GatewayToQueue => "gateway-to-queue",
    QueueToFunction => "queue-to-function",
    /// A DynamoDB table saves the orders (not another engine).
    FunctionToDatabase => "function-to-database",
    OutageUsers => "outage-users",
    NoLostOrders => "no-lost-orders",
}

pub(super) const EXERCISE: Exercise = Exercise {
    id: "pipeline",
    title: Text { en: "API Gateway → SQS → Lambda → DynamoDB", vi: "API Gateway → SQS → Lambda → DynamoDB" },
    goal: Text {
        en: "Build an order pipeline: API Gateway receives each order and puts it in an SQS queue, a Lambda function takes orders from the queue and saves them in a DynamoDB table. The check takes your function down for 30 seconds: no order may be lost and no user may see an error.",
        vi: "Dựng pipeline nhận đơn: API Gateway nhận từng đơn và bỏ vào SQS queue, một Lambda function lấy đơn từ queue rồi lưu vào bảng DynamoDB. Bài kiểm tra sẽ tắt function của bạn 30 giây: không được mất đơn nào và không người dùng nào được thấy lỗi.",
    },
    hints: &[
        Text {
            en: "Connect the API Gateway to the queue, not to the function: then the gateway answers 202 as soon as the order is stored.",
            vi: "Nối API Gateway vào queue chứ không nối thẳng vào function: khi đó gateway trả 202 ngay khi đơn đã được lưu vào queue.",
        },
        Text {
            en: "A queue connected to a function becomes an event source mapping: Lambda polls the queue for you. AWS wants the queue's “Visibility timeout” at least the function's “Timeout”, and advises six times it.",
            vi: "Nối queue vào function sẽ tạo event source mapping: Lambda tự poll queue giúp bạn. AWS đòi “Thời gian ẩn message” của queue không nhỏ hơn “Thời gian chờ tối đa” của function, và khuyên đặt gấp sáu lần.",
        },
        Text {
            en: "When the backlog drains after an outage, the function writes fast; give the table enough “Write capacity”.",
            vi: "Khi function sống lại và xử lý dồn backlog, nó ghi rất nhanh; hãy cho bảng đủ “Sức ghi”.",
        },
    ],
    check,
    solution,
};

/// The function is down from `OUTAGE.0` to `OUTAGE.1` seconds; users send until `SEND_S`.
const OUTAGE: (f64, f64) = (10.0, 40.0);
const SEND_S: f64 = 50.0;

fn check(d: &Diagram) -> Vec<Finding> {
    if let Some(f) = refused(d, Code::Refused) {
        return vec![f];
    }
    let mut out = Vec::new();
    let gateways = of_kind(d, K::ApiGateway);
    if gateways.is_empty() {
        out.push(fail(Code::Gateway, msg!(
            "There is no API Gateway: add one as the front door that receives the orders.",
            "Chưa có API Gateway: hãy thêm một cái làm cửa trước nhận đơn hàng."
        )));
        return out;
    }
    // The gateway that sends to a queue, if any.
    let route = gateways.iter().find_map(|g| targets(d, g.id, Some(C::Send), &[K::Queue]).first().map(|q| (*g, *q)));
    let Some((gw, queue)) = route else {
        let g = &gateways[0].name;
        let direct = targets(d, gateways[0].id, Some(C::Call), &[K::Function]);
        out.push(match direct.first() {
            Some(f) => {
                let f = &f.name;
                fail(Code::GatewayToQueue, msg!(
                    "The API Gateway {g} calls the function {f} directly and waits for it: while {f} is down, users get errors and orders are lost. Connect the gateway to an SQS queue instead.",
                    "API Gateway {g} gọi thẳng function {f} và chờ nó trả lời: khi {f} chết, người dùng nhận lỗi và đơn bị mất. Hãy nối gateway vào một SQS queue thay vì vậy."
                ))
            }
            None => fail(Code::GatewayToQueue, msg!(
                "The API Gateway {g} doesn't send to an SQS queue: connect it to a queue so each order is stored before anyone processes it.",
                "API Gateway {g} chưa gửi vào SQS queue nào: hãy nối nó vào một queue để mỗi đơn được lưu lại trước khi xử lý."
            )),
        });
        return out;
    };
    let (g, q) = (&gw.name, &queue.name);
    if let Some(call) = d.outgoing(gw.id).find(|e| e.kind == C::Call) {
        let f = &name(d, call.to);
        out.push(fail(Code::GatewayToQueue, msg!(
            "The API Gateway {g} sends to the queue {q} but also calls {f} and waits for it; a gateway that calls something answers only when that call returns. Remove the call so the gateway answers 202 once the order is queued.",
            "API Gateway {g} có gửi vào queue {q} nhưng đồng thời gọi {f} và chờ nó; gateway nào có lời gọi sync thì chỉ trả lời khi lời gọi đó xong. Hãy bỏ lời gọi đó để gateway trả 202 ngay khi đơn đã vào queue."
        )));
        return out;
    }
    out.push(pass(Code::GatewayToQueue, msg!(
        "The API Gateway {g} stores each order in the queue {q} and answers at once.",
        "API Gateway {g} lưu từng đơn vào queue {q} và trả lời ngay."
    )));
    let consumers = targets(d, queue.id, Some(C::EventSourceMapping), &[K::Function]);
    let Some(function) = consumers.first() else {
        let workers = targets(d, queue.id, Some(C::Poll), &[K::WorkerGroup]);
        out.push(match workers.first() {
            Some(w) => {
                let w = &w.name;
                fail(Code::QueueToFunction, msg!(
                    "The queue {q} is read by the worker group {w}; this exercise asks for a Lambda function to take the orders from the queue.",
                    "Queue {q} đang được worker group {w} đọc; bài này yêu cầu một Lambda function lấy đơn ra khỏi queue."
                ))
            }
            None => fail(Code::QueueToFunction, msg!(
                "Nothing takes orders out of the queue {q}: connect it to a Lambda function (an event source mapping).",
                "Chưa có gì lấy đơn ra khỏi queue {q}: hãy nối nó vào một Lambda function (event source mapping)."
            )),
        });
        return out;
    };
    let f = &function.name;
    out.push(pass(Code::QueueToFunction, msg!("The function {f} takes orders from the queue {q}.", "Function {f} lấy đơn từ queue {q}.")));
    let dbs = targets(d, function.id, Some(C::Write), &[K::Database]);
    let dynamo = dbs.iter().find(|db| matches!(&db.spec, Spec::Database(s) if s.engine == DatabaseEngine::DynamoDb));
    let Some(db) = dynamo else {
        out.push(match dbs.first() {
            Some(other) => {
                let t = &other.name;
                fail(Code::FunctionToDatabase, msg!(
                    "The function {f} saves the orders in {t}, whose “Engine” is Aurora; the exercise asks for a DynamoDB table. Set its “Engine” to DynamoDB.",
                    "Function {f} lưu đơn vào {t}, có “Loại cơ sở dữ liệu” là Aurora; bài này yêu cầu bảng DynamoDB. Hãy đặt “Loại cơ sở dữ liệu” của nó là DynamoDB."
                ))
            }
            None => fail(Code::FunctionToDatabase, msg!(
                "The function {f} doesn't save the orders anywhere: connect it to a DynamoDB table (a database).",
                "Function {f} chưa lưu đơn vào đâu cả: hãy nối nó vào một bảng DynamoDB (database)."
            )),
        });
        return out;
    };
    let t = &db.name;
    out.push(pass(Code::FunctionToDatabase, msg!("The function {f} saves each order in the DynamoDB table {t}.", "Function {f} lưu từng đơn vào bảng DynamoDB {t}.")));
    out.extend(simulate_outage(d, gw.id, queue.id, function.id, db.id));
    out
}

/// How long after the outage an order can still be on its way back, from the
/// diagram's own settings: one visibility timeout (a message received while the
/// function was down comes back only then), one function timeout, and a minute to
/// drain the backlog.
fn settle_s(d: &Diagram, queue: ComponentId, function: ComponentId) -> f64 {
    let visibility = match d.component(queue).map(|c| &c.spec) {
        Some(Spec::Queue(q)) => f64::from(q.visibility_timeout_s) + f64::from(q.delay_s),
        _ => 0.0,
    };
    let timeout = match d.component(function).map(|c| &c.spec) {
        Some(Spec::Function(f)) => f64::from(f.timeout_s),
        _ => 0.0,
    };
    visibility + timeout + 60.0
}

/// The simulated part: the function down from 10 s to 40 s, users sending for 50 s.
fn simulate_outage(d: &Diagram, gateway: ComponentId, queue: ComponentId, function: ComponentId, table: ComponentId) -> Vec<Finding> {
    let mut d = d.clone();
    simulate::silence_sources(&mut d);
    let Some(users) = simulate::add_test_client(&mut d, "Check: users", gateway, 10.0, None) else {
        return vec![sim_failed(Code::OutageUsers, no_test_client("API Gateway"))];
    };
    if let Some(c) = d.component_mut(function) {
        c.faults.down_window = Some(Window { from_s: OUTAGE.0, to_s: OUTAGE.1 });
    }
    let deadline = SEND_S.max(OUTAGE.1) + settle_s(&d, queue, function);
    // Distinct orders: a write the function repeated (it got an order another
    // invocation already had) is counted once.
    let saved = |sim: &crate::sim::Simulation| {
        let writes = sim.component_report(table).map(|r| r.processed).unwrap_or(0);
        writes.saturating_sub(sim.component_report(function).map(|r| r.duplicates).unwrap_or(0))
    };
    let accepted = |sim: &crate::sim::Simulation| client_report(sim, users).map(|s| s.accepted_202 + s.ok).unwrap_or(0);
    let run = run_until(&d, &[users], SEND_S, deadline, |sim| saved(sim) >= accepted(sim) && sim.component_report(queue).is_some_and(|r| r.depth == 0 && r.in_flight == 0));
    let (sim, waited) = match run {
        Ok(r) => r,
        Err(why) => return vec![sim_failed(Code::OutageUsers, why)],
    };
    let (f, t) = (name(&d, function), name(&d, table));
    let (from, to) = (secs(OUTAGE.0), secs(OUTAGE.1));
    let mut out = Vec::new();
    let Some(seen) = client_report(&sim, users) else { return vec![sim_failed(Code::OutageUsers, no_client_report())] };
    let (sent, errors) = (seen.sent, seen.errors_total());
    out.push(if errors == 0 {
        pass(Code::OutageUsers, msg!(
            "With {f} down from {from} s to {to} s, none of the {sent} test orders got an error.",
            "Khi {f} chết từ giây {from} đến giây {to}, không đơn nào trong {sent} đơn thử bị lỗi."
        ))
    } else {
        fail(Code::OutageUsers, msg!(
            "With {f} down from {from} s to {to} s, {errors} of {sent} test orders got an error at the gateway: users should only ever see the gateway, which stores the order and answers.",
            "Khi {f} chết từ giây {from} đến giây {to}, có {errors}/{sent} đơn thử bị lỗi ở gateway: người dùng chỉ nên chạm tới gateway, nơi lưu đơn rồi trả lời."
        ))
    });
    let saved = saved(&sim);
    let accepted = accepted(&sim);
    let dead = sim.component_report(queue).map(|r| r.dead_lettered).unwrap_or(0);
    let throttled = sim.component_report(table).map(|r| r.throttles).unwrap_or(0);
    let waited = secs(waited);
    out.push(if dead == 0 && saved >= accepted && accepted > 0 {
        pass(Code::NoLostOrders, msg!(
            "No order was lost: after the outage the queue drained and all {accepted} accepted orders reached {t} (counted at {waited} s, once the queue's visibility timeout had let every stranded order come back).",
            "Không mất đơn nào: sau sự cố queue được xử lý hết và cả {accepted} đơn đã nhận đều vào {t} (đếm ở giây {waited}, khi “Thời gian ẩn message” của queue đã trả mọi đơn bị kẹt về)."
        ))
    } else if dead > 0 {
        fail(Code::NoLostOrders, msg!(
            "{dead} orders ended in the dead-letter queue during the outage: raise the queue's “Maximum receives” so orders wait for {f} to come back.",
            "{dead} đơn rơi vào dead-letter queue trong lúc sự cố: hãy tăng “Số lần nhận tối đa” của queue để đơn chờ {f} sống lại."
        ))
    } else if throttled > 0 {
        fail(Code::NoLostOrders, msg!(
            "Only {saved} of {accepted} accepted orders reached {t} by {waited} s, and {t} refused {throttled} writes while the backlog drained: the table's “Write capacity” is too low for the burst. Raise it, or the function's “Concurrency limit” down.",
            "Chỉ {saved}/{accepted} đơn đã nhận vào được {t} tới giây {waited}, và {t} từ chối {throttled} lần ghi khi backlog dồn về: “Sức ghi” của bảng quá thấp so với đợt ghi dồn dập đó. Hãy tăng nó, hoặc hạ “Giới hạn đồng thời” của function."
        ))
    } else {
        let waiting = accepted.saturating_sub(saved);
        fail(Code::NoLostOrders, msg!(
            "Only {saved} of {accepted} accepted orders reached {t}; {waiting} were not there after {waited} s, as long as the queue's settings can keep an order away: check what happens between the queue and the table.",
            "Chỉ {saved}/{accepted} đơn đã nhận vào được {t}; {waiting} đơn sau {waited} giây vẫn chưa tới, dù đã chờ đủ lâu theo thiết lập của queue: hãy xem lại đoạn từ queue tới bảng."
        ))
    });
    out
}

fn solution() -> Diagram {
    let mut b = Builder::new();
    let users = b.client("Shoppers", 0.0, 0.0, 10.0, true, "");
    let api = b.gateway("Orders API", 1.0, 0.0, Integration::Async);
    let q = b.queue("Orders queue", 2.0, 0.0, 10);
    let f = b.function("Save order", 3.0, 0.0, 100, 10);
    let db = b.database("Orders table", 4.0, 0.0, DatabaseEngine::DynamoDb, false);
    let dlq = b.queue("Orders DLQ", 2.0, 1.0, 10);
    b.link(users, api);
    b.link(api, q);
    b.link(q, f);
    b.link(f, db);
    b.redrive(q, dlq, 5);
    b.finish().unwrap_or_default()
}
