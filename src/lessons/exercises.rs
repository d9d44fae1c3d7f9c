//! The lesson's five hands-on exercises, each with a goal, hints, a check and a
//! reference solution.

use super::build::Builder;
use super::graph::{list_en, list_vi, name, of_kind, sources, targets, COMPUTE};
use super::simulate;
use super::text::{Message, Text};
use super::verdict::{fail, pass, Finding, Verdict};
use crate::model::spec::{DatabaseEngine, Integration, NotificationChannel, Spec};
use crate::model::{Component, ComponentId, ComponentKind as K, ConnectionKind as C, Diagram, Window};
use crate::routing::asl::{Catcher, StateKind, StateMachineDefinition, Transition};

/// One exercise.
#[derive(Clone, Copy)]
pub struct Exercise {
    /// Stable id, as `dlab exercises` lists it and `dlab check` takes it.
    pub id: &'static str,
    pub title: Text,
    pub goal: Text,
    pub hints: &'static [Text],
    check: fn(&Diagram) -> Vec<Finding>,
    solution: fn() -> Diagram,
}

impl std::fmt::Debug for Exercise {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exercise").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Exercise {
    /// Checks the learner's diagram: its structure first, then (when the structure is
    /// right) a simulated run with the faults the goal implies.
    pub fn check(&self, diagram: &Diagram) -> Verdict {
        Verdict::new((self.check)(diagram))
    }

    /// A reference solution, ready to open as a diagram.
    pub fn solution(&self) -> Diagram {
        let mut d = (self.solution)();
        d.exercise = Some(self.id.to_string());
        d
    }
}

/// Every exercise, in the lesson's order.
pub fn exercises() -> &'static [Exercise] {
    EXERCISES
}

/// The exercise with this id.
pub fn exercise(id: &str) -> Option<&'static Exercise> {
    EXERCISES.iter().find(|e| e.id == id.trim())
}

static EXERCISES: &[Exercise] = &[
    Exercise {
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
                en: "A queue connected to a function becomes an event source mapping: Lambda polls the queue for you.",
                vi: "Nối queue vào function sẽ tạo event source mapping: Lambda tự poll queue giúp bạn.",
            },
            Text {
                en: "When the backlog drains after an outage, the function writes fast; give the table enough write capacity.",
                vi: "Khi function sống lại và xử lý dồn backlog, nó ghi rất nhanh; hãy cho bảng đủ write capacity.",
            },
        ],
        check: check_pipeline,
        solution: solution_pipeline,
    },
    Exercise {
        id: "fanout",
        title: Text { en: "SNS fan-out to a queue, a function and e-mail", vi: "SNS fan-out tới queue, function và e-mail" },
        goal: Text {
            en: "Have your API publish each order to an SNS topic, and subscribe three things to it: an SQS queue (with a consumer), a Lambda function and an e-mail notification. Every subscriber must get every order, even while one of them is down.",
            vi: "Cho API của bạn publish mỗi đơn lên một SNS topic, và subscribe ba thứ vào topic đó: một SQS queue (có consumer), một Lambda function và một e-mail notification. Subscriber nào cũng phải nhận đủ mọi đơn, kể cả khi một subscriber khác đang chết.",
        },
        hints: &[
            Text {
                en: "Put a function or service behind the API that publishes to the topic; a topic pushes, so the arrows go from the topic to its subscribers.",
                vi: "Đặt một function hoặc service sau API để publish lên topic; topic là bên đẩy đi, nên mũi tên đi từ topic tới các subscriber.",
            },
            Text {
                en: "A notification component set to e-mail stands for an e-mail subscription.",
                vi: "Component notification đặt kênh e-mail tượng trưng cho một e-mail subscription.",
            },
        ],
        check: check_fanout,
        solution: solution_fanout,
    },
    Exercise {
        id: "saga",
        title: Text { en: "A Step Functions saga of three steps", vi: "Saga ba bước với Step Functions" },
        goal: Text {
            en: "Write a state machine with three steps in a row (for example reserve the hotel, book the flight, charge the payment). Give the second and third steps a Catch, so that a failure in step 3 undoes step 2 and then step 1, and a failure in step 2 undoes step 1.",
            vi: "Viết một state machine có ba bước nối tiếp (ví dụ giữ phòng khách sạn, đặt vé máy bay, trừ tiền). Thêm Catch cho bước hai và bước ba, để khi bước 3 lỗi thì huỷ bước 2 rồi tới bước 1, còn khi bước 2 lỗi thì huỷ bước 1.",
        },
        hints: &[
            Text {
                en: "Each compensation is a Task of its own (CancelFlight, CancelHotel); chain them with Next, newest step first.",
                vi: "Mỗi bước bù trừ là một Task riêng (CancelFlight, CancelHotel); nối chúng bằng Next, bước làm sau cùng thì huỷ trước.",
            },
            Text {
                en: "Let step 3's Catch lead to the undo of step 2, whose Next is the undo of step 1; step 2's Catch can then lead straight to the undo of step 1.",
                vi: "Cho Catch của bước 3 dẫn tới bước huỷ của bước 2, Next của nó là bước huỷ của bước 1; Catch của bước 2 thì dẫn thẳng tới bước huỷ của bước 1.",
            },
            Text {
                en: "Connect the state machine to the function each Task runs, and set the connection's task state to the state's name.",
                vi: "Nối state machine tới function mà mỗi Task chạy, và đặt task state của connection bằng đúng tên state.",
            },
        ],
        check: check_saga,
        solution: solution_saga,
    },
    Exercise {
        id: "async-api",
        title: Text { en: "An async API: submit, job id, poll", vi: "Async API: gửi job, nhận job id, poll trạng thái" },
        goal: Text {
            en: "Build an API for jobs that take a minute: POST /jobs answers 202 with a job id at once and puts the job in a queue; a worker does the job and records its status; GET /jobs/{id} lets the client poll the status. The check makes each job last 60 seconds: submitting must still answer within one second.",
            vi: "Dựng API cho những job mất cả phút: POST /jobs trả 202 kèm job id ngay và bỏ job vào queue; một worker làm job và ghi lại trạng thái; GET /jobs/{id} cho client poll trạng thái. Bài kiểm tra sẽ cho mỗi job chạy 60 giây: việc gửi job vẫn phải được trả lời trong vòng một giây.",
        },
        hints: &[
            Text {
                en: "Set the submit gateway's integration to asynchronous and connect it to a queue.",
                vi: "Đặt integration của gateway nhận job là async và nối nó vào một queue.",
            },
            Text {
                en: "A worker function needs a timeout longer than the job, and the queue a visibility timeout longer than that.",
                vi: "Worker function cần timeout dài hơn thời gian chạy job, và queue cần visibility timeout dài hơn nữa.",
            },
            Text {
                en: "The status endpoint is a second, synchronous API Gateway that calls a small function reading the status.",
                vi: "Endpoint trạng thái là một API Gateway thứ hai, kiểu sync, gọi một function nhỏ đọc trạng thái.",
            },
        ],
        check: check_async_api,
        solution: solution_async_api,
    },
    Exercise {
        id: "microservices",
        title: Text { en: "A microservices architecture", vi: "Kiến trúc microservices" },
        goal: Text {
            en: "Draw a microservices app: an API Gateway in front of at least three services, each with a database of its own (no database shared between services), and an event bus or topic that carries side effects such as notifications, analytics or search to their own consumers. The check takes every side-effect consumer down: users must not notice.",
            vi: "Vẽ một ứng dụng microservices: API Gateway đứng trước ít nhất ba service, mỗi service có database riêng (không service nào dùng chung database), và một event bus hoặc topic mang các việc phụ như thông báo, analytics hay search tới consumer riêng của chúng. Bài kiểm tra sẽ tắt hết các consumer việc phụ: người dùng không được nhận ra điều gì.",
        },
        hints: &[
            Text {
                en: "The API Gateway calls each service synchronously: the user needs an answer.",
                vi: "API Gateway gọi từng service theo kiểu sync: người dùng cần câu trả lời.",
            },
            Text {
                en: "If two services need the same data, one owns it and the other gets it through an API or an event, never by writing to the same table.",
                vi: "Nếu hai service cần cùng dữ liệu, một service sở hữu nó, service kia lấy qua API hoặc event, chứ không bao giờ ghi chung một bảng.",
            },
        ],
        check: check_microservices,
        solution: solution_microservices,
    },
];

// ----- helpers -----

fn names(cs: &[&Component]) -> Vec<String> {
    cs.iter().map(|c| c.name.clone()).collect()
}

fn client_report(sim: &crate::sim::Simulation, id: ComponentId) -> Option<crate::sim::ClientReport> {
    sim.component_report(id).and_then(|r| r.client)
}

fn sim_failed(code: &'static str, why: Message) -> Finding {
    let (en, vi) = (why.en, why.vi);
    fail(code, msg!("The diagram could not be simulated: {en}", "Không chạy mô phỏng được sơ đồ này: {vi}"))
}

/// Why a check's own test client could not be added (`target` names what it calls).
fn no_test_client(target: &str) -> Message {
    msg!("a client cannot connect to {target}.", "không nối được client kiểm tra tới {target}.")
}

fn no_client_report() -> Message {
    msg!("the test client reported nothing.", "client kiểm tra không báo lại kết quả nào.")
}

// ----- 1: API Gateway → SQS → Lambda → DynamoDB -----

fn check_pipeline(d: &Diagram) -> Vec<Finding> {
    let mut out = Vec::new();
    let gateways = of_kind(d, K::ApiGateway);
    if gateways.is_empty() {
        out.push(fail("gateway", msg!(
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
                fail("gateway-to-queue", msg!(
                    "The API Gateway {g} calls the function {f} directly and waits for it: while {f} is down, users get errors and orders are lost. Connect the gateway to an SQS queue instead.",
                    "API Gateway {g} gọi thẳng function {f} và chờ nó trả lời: khi {f} chết, người dùng nhận lỗi và đơn bị mất. Hãy nối gateway vào một SQS queue thay vì vậy."
                ))
            }
            None => fail("gateway-to-queue", msg!(
                "The API Gateway {g} doesn't send to an SQS queue: connect it to a queue so each order is stored before anyone processes it.",
                "API Gateway {g} chưa gửi vào SQS queue nào: hãy nối nó vào một queue để mỗi đơn được lưu lại trước khi xử lý."
            )),
        });
        return out;
    };
    let (g, q) = (&gw.name, &queue.name);
    if let Some(call) = d.outgoing(gw.id).find(|e| e.kind == C::Call) {
        let f = &name(d, call.to);
        out.push(fail("gateway-to-queue", msg!(
            "The API Gateway {g} sends to the queue {q} but also calls {f} and waits for it; a gateway that calls something answers only when that call returns. Remove the call so the gateway answers 202 once the order is queued.",
            "API Gateway {g} có gửi vào queue {q} nhưng đồng thời gọi {f} và chờ nó; gateway nào có lời gọi sync thì chỉ trả lời khi lời gọi đó xong. Hãy bỏ lời gọi đó để gateway trả 202 ngay khi đơn đã vào queue."
        )));
        return out;
    }
    out.push(pass("gateway-to-queue", msg!(
        "The API Gateway {g} stores each order in the queue {q} and answers at once.",
        "API Gateway {g} lưu từng đơn vào queue {q} và trả lời ngay."
    )));
    let consumers = targets(d, queue.id, Some(C::EventSourceMapping), &[K::Function]);
    let Some(function) = consumers.first() else {
        let workers = targets(d, queue.id, Some(C::Poll), &[K::WorkerGroup]);
        out.push(match workers.first() {
            Some(w) => {
                let w = &w.name;
                fail("queue-to-function", msg!(
                    "The queue {q} is read by the worker group {w}; this exercise asks for a Lambda function to take the orders from the queue.",
                    "Queue {q} đang được worker group {w} đọc; bài này yêu cầu một Lambda function lấy đơn ra khỏi queue."
                ))
            }
            None => fail("queue-to-function", msg!(
                "Nothing takes orders out of the queue {q}: connect it to a Lambda function (an event source mapping).",
                "Chưa có gì lấy đơn ra khỏi queue {q}: hãy nối nó vào một Lambda function (event source mapping)."
            )),
        });
        return out;
    };
    let f = &function.name;
    out.push(pass("queue-to-function", msg!("The function {f} takes orders from the queue {q}.", "Function {f} lấy đơn từ queue {q}.")));
    let dbs = targets(d, function.id, Some(C::Write), &[K::Database]);
    let Some(db) = dbs.first() else {
        out.push(fail("function-to-database", msg!(
            "The function {f} doesn't save the orders anywhere: connect it to a DynamoDB table (a database).",
            "Function {f} chưa lưu đơn vào đâu cả: hãy nối nó vào một bảng DynamoDB (database)."
        )));
        return out;
    };
    let t = &db.name;
    out.push(pass("function-to-database", msg!("The function {f} saves each order in the table {t}.", "Function {f} lưu từng đơn vào bảng {t}.")));
    out.extend(simulate_pipeline(d, gw.id, function.id, db.id));
    out
}

/// The simulated part of exercise 1: the function down from 10 s to 40 s.
fn simulate_pipeline(d: &Diagram, gateway: ComponentId, function: ComponentId, table: ComponentId) -> Vec<Finding> {
    let mut d = d.clone();
    simulate::silence_sources(&mut d);
    let Some(users) = simulate::add_test_client(&mut d, "Check: users", gateway, 10.0, None) else {
        return vec![sim_failed("outage-users", no_test_client("API Gateway"))];
    };
    if let Some(c) = d.component_mut(function) {
        c.faults.down_window = Some(Window { from_s: 10.0, to_s: 40.0 });
    }
    let sim = match simulate::run(&d, 120.0) {
        Ok(sim) => sim,
        Err(why) => return vec![sim_failed("outage-users", why)],
    };
    let (f, t) = (name(&d, function), name(&d, table));
    let mut out = Vec::new();
    let Some(seen) = client_report(&sim, users) else { return vec![sim_failed("outage-users", no_client_report())] };
    let (sent, errors) = (seen.sent, seen.errors_total());
    out.push(if errors == 0 {
        pass("outage-users", msg!(
            "With {f} down from 10 s to 40 s, none of the {sent} test orders got an error.",
            "Khi {f} chết từ giây 10 đến giây 40, không đơn nào trong {sent} đơn thử bị lỗi."
        ))
    } else {
        fail("outage-users", msg!(
            "With {f} down from 10 s to 40 s, {errors} of {sent} test orders got an error at the gateway: users should only ever see the gateway, which stores the order and answers.",
            "Khi {f} chết từ giây 10 đến giây 40, có {errors}/{sent} đơn thử bị lỗi ở gateway: người dùng chỉ nên chạm tới gateway, nơi lưu đơn rồi trả lời."
        ))
    });
    let books = sim.books();
    let saved = sim.component_report(table).map(|r| r.processed).unwrap_or(0);
    let dead = books.dead_lettered;
    // Throttled writes fail the function, so the orders go back to the queue: the
    // table's own throttle count says why they are not saved yet.
    let throttled = sim.component_report(table).map(|r| r.throttles).unwrap_or(0) + books.throttled;
    let lost = books.failed + books.rejected() + books.expired;
    let accepted = seen.accepted_202 + seen.ok;
    out.push(if lost == 0 && dead == 0 && saved + 5 >= accepted {
        pass("no-lost-orders", msg!(
            "No order was lost: after the outage the queue drained and {saved} orders reached {t}.",
            "Không mất đơn nào: sau sự cố queue được xử lý hết và {saved} đơn đã vào {t}."
        ))
    } else if throttled > 0 {
        fail("no-lost-orders", msg!(
            "{t} throttled {throttled} writes while the backlog drained, so those orders went back to the queue and are not saved yet: the table's write capacity is too low for the burst. Raise it, or cap the function's concurrency.",
            "{t} đã chặn (throttle) {throttled} lượt ghi khi backlog dồn về, nên các đơn đó quay lại queue và vẫn chưa được lưu: write capacity của bảng quá thấp so với đợt ghi dồn dập đó. Hãy tăng nó lên, hoặc giới hạn concurrency của function."
        ))
    } else if dead > 0 {
        fail("no-lost-orders", msg!(
            "{dead} orders ended in a dead-letter queue during the outage: let the queue keep them longer (more receives before the DLQ) so they wait for {f} to come back.",
            "{dead} đơn rơi vào dead-letter queue trong lúc sự cố: hãy để queue giữ chúng lâu hơn (tăng số lần nhận trước khi vào DLQ) để chúng chờ {f} sống lại."
        ))
    } else {
        let waiting = accepted.saturating_sub(saved);
        fail("no-lost-orders", msg!(
            "Only {saved} of {accepted} accepted orders reached {t} ({lost} failed on the way, {waiting} not there after 120 s): check what happens between the queue and the table.",
            "Chỉ {saved}/{accepted} đơn đã nhận vào được {t} ({lost} đơn lỗi giữa đường, {waiting} đơn sau 120 giây vẫn chưa tới): hãy xem lại đoạn từ queue tới bảng."
        ))
    });
    out
}

fn solution_pipeline() -> Diagram {
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

// ----- 2: SNS fan-out -----

fn check_fanout(d: &Diagram) -> Vec<Finding> {
    let mut out = Vec::new();
    let topics = of_kind(d, K::Topic);
    let with_publisher = topics.iter().find(|t| !sources(d, t.id, Some(C::Publish), &[K::ApiGateway, K::Function, K::Service, K::WorkerGroup, K::Client]).is_empty());
    let Some(topic) = with_publisher.copied() else {
        out.push(match topics.first() {
            None => fail("topic", msg!(
                "There is no SNS topic: add one, and have your API's function or service publish each order to it.",
                "Chưa có SNS topic: hãy thêm một topic, và cho function hoặc service sau API publish từng đơn lên đó."
            )),
            Some(t) => {
                let t = &t.name;
                fail("topic", msg!(
                    "Nothing publishes to the topic {t}: connect the function or service behind your API to it.",
                    "Chưa có gì publish lên topic {t}: hãy nối function hoặc service phía sau API vào topic."
                ))
            }
        });
        return out;
    };
    let t = &topic.name;
    let publisher = sources(d, topic.id, Some(C::Publish), &[K::ApiGateway, K::Function, K::Service, K::WorkerGroup, K::Client])[0];
    let p = &publisher.name;
    out.push(pass("topic", msg!("{p} publishes each order to the topic {t}.", "{p} publish từng đơn lên topic {t}.")));
    let queue = targets(d, topic.id, Some(C::Subscription), &[K::Queue]).into_iter().next();
    let function = targets(d, topic.id, Some(C::Subscription), &[K::Function]).into_iter().next();
    let mails = targets(d, topic.id, Some(C::Subscription), &[K::Notification]);
    match queue {
        Some(q) if !targets(d, q.id, None, COMPUTE).is_empty() => {
            let qn = &q.name;
            out.push(pass("queue-subscriber", msg!("The queue {qn} is subscribed to {t} and has a consumer.", "Queue {qn} đã subscribe {t} và có consumer.")));
        }
        Some(q) => {
            let qn = &q.name;
            out.push(fail("queue-subscriber", msg!(
                "The queue {qn} gets the orders from {t}, but nothing reads it: connect it to a function or a worker group.",
                "Queue {qn} nhận đơn từ {t} nhưng chưa ai đọc nó: hãy nối nó vào một function hoặc worker group."
            )));
        }
        None => out.push(fail("queue-subscriber", msg!(
            "No SQS queue is subscribed to {t}: connect the topic to a queue.",
            "Chưa có SQS queue nào subscribe {t}: hãy nối topic vào một queue."
        ))),
    }
    match function {
        Some(f) => {
            let f = &f.name;
            out.push(pass("function-subscriber", msg!("The function {f} is subscribed to {t}.", "Function {f} đã subscribe {t}.")));
        }
        None => out.push(fail("function-subscriber", msg!(
            "No Lambda function is subscribed to {t}: connect the topic straight to a function.",
            "Chưa có Lambda function nào subscribe {t}: hãy nối topic thẳng vào một function."
        ))),
    }
    let email = mails.iter().find(|m| matches!(&m.spec, Spec::Notification(n) if n.channel == NotificationChannel::Email));
    match (email, mails.first()) {
        (Some(m), _) => {
            let m = &m.name;
            out.push(pass("email-subscriber", msg!("{m} sends an e-mail for every order on {t}.", "{m} gửi e-mail cho mỗi đơn trên {t}.")));
        }
        (None, Some(m)) => {
            let m = &m.name;
            out.push(fail("email-subscriber", msg!(
                "{m} is subscribed to {t} but sends SMS: set its channel to e-mail.",
                "{m} đã subscribe {t} nhưng đang gửi SMS: hãy đổi kênh của nó sang e-mail."
            )));
        }
        (None, None) => out.push(fail("email-subscriber", msg!(
            "Nothing sends e-mail from {t}: subscribe a notification component set to e-mail.",
            "Chưa có gì gửi e-mail từ {t}: hãy subscribe một component notification đặt kênh e-mail."
        ))),
    }
    if out.iter().all(|f| f.passed) {
        if let (Some(q), Some(f), Some(m)) = (queue, function, email) {
            out.extend(simulate_fanout(d, publisher.id, topic.id, q.id, f.id, m.id));
        }
    }
    out
}

fn simulate_fanout(d: &Diagram, publisher: ComponentId, topic: ComponentId, queue: ComponentId, function: ComponentId, mail: ComponentId) -> Vec<Finding> {
    let mut d = d.clone();
    simulate::silence_sources(&mut d);
    let entry = sources(&d, publisher, None, &[K::ApiGateway]).first().map(|g| g.id).unwrap_or(publisher);
    if d.component(publisher).map(|c| c.kind()) == Some(K::Client) {
        if let Some(Spec::Client(s)) = d.component_mut(publisher).map(|c| &mut c.spec) {
            s.rate_per_s = 5.0;
        }
    } else if simulate::add_test_client(&mut d, "Check: orders", entry, 5.0, None).is_none() {
        return vec![sim_failed("every-subscriber", no_test_client("API"))];
    }
    if let Some(c) = d.component_mut(function) {
        c.faults.down_window = Some(Window { from_s: 10.0, to_s: 30.0 });
    }
    let sim = match simulate::run(&d, 60.0) {
        Ok(sim) => sim,
        Err(why) => return vec![sim_failed("every-subscriber", why)],
    };
    let published = sim.component_report(topic).map(|r| r.received).unwrap_or(0);
    let got = |id| sim.component_report(id).map(|r| r.received).unwrap_or(0);
    let (q_got, m_got) = (got(queue), got(mail));
    let (t, f, q, m) = (name(&d, topic), name(&d, function), name(&d, queue), name(&d, mail));
    let enough = |n: u64| published > 0 && n * 100 >= published * 95;
    if enough(q_got) && enough(m_got) {
        vec![pass("every-subscriber", msg!(
            "Of {published} orders on {t}, {q} got {q_got} and {m} sent {m_got} e-mails, even while {f} was down from 10 s to 30 s.",
            "Trong {published} đơn trên {t}, {q} nhận {q_got} và {m} gửi {m_got} e-mail, kể cả khi {f} chết từ giây 10 đến giây 30."
        ))]
    } else {
        vec![fail("every-subscriber", msg!(
            "Of {published} orders on {t}, only {q_got} reached {q} and {m_got} reached {m} while {f} was down: each subscriber should get every message on its own. Check filter policies and what else sits between the topic and them.",
            "Trong {published} đơn trên {t}, chỉ {q_got} đơn tới {q} và {m_got} đơn tới {m} khi {f} chết: mỗi subscriber phải tự nhận đủ mọi message. Hãy xem lại filter policy và những gì nằm giữa topic với chúng."
        ))]
    }
}

fn solution_fanout() -> Diagram {
    let mut b = Builder::new();
    let users = b.client("Shoppers", 0.0, 1.0, 5.0, true, "");
    let api = b.gateway("Orders API", 1.0, 1.0, Integration::SyncProxy);
    let place = b.function("Place order", 2.0, 1.0, 50, 3);
    let topic = b.add(K::Topic, "OrderPlaced", 3.0, 1.0);
    let q = b.queue("Inventory queue", 4.0, 0.0, 3);
    let inv = b.function("Update stock", 5.0, 0.0, 100, 3);
    let audit = b.function("Audit log", 4.0, 1.0, 50, 3);
    let mail = b.add(K::Notification, "Order e-mail", 4.0, 2.0);
    b.link(users, api);
    b.link(api, place);
    b.link(place, topic);
    b.link(topic, q);
    b.link(q, inv);
    b.link(topic, audit);
    b.link(topic, mail);
    b.finish().unwrap_or_default()
}

// ----- 3: saga -----

/// The Task states met following `Next` from `start` (not entering Parallel or Map),
/// and whether the walk ended in a Fail state.
fn walk(def: &StateMachineDefinition, start: &str, limit: usize) -> (Vec<String>, bool) {
    let mut tasks = Vec::new();
    let mut at = start.to_string();
    for _ in 0..limit {
        let Some(state) = def.root.state(&at) else { break };
        match &state.kind {
            StateKind::Task(_) => tasks.push(state.name.clone()),
            StateKind::Fail(_) => return (tasks, true),
            _ => {}
        }
        match &state.transition {
            Transition::Next(n) => at = n.clone(),
            _ => break,
        }
    }
    (tasks, false)
}

fn catches_everything(catch: &[Catcher]) -> Option<&Catcher> {
    catch.iter().find(|c| c.error_equals.iter().any(|e| e == "States.ALL" || e == "States.TaskFailed"))
}

fn check_saga(d: &Diagram) -> Vec<Finding> {
    let mut out = Vec::new();
    let machines = of_kind(d, K::StateMachine);
    let Some(sm) = machines.first() else {
        out.push(fail("state-machine", msg!(
            "There is no state machine: add a Step Functions state machine to orchestrate the saga.",
            "Chưa có state machine: hãy thêm một Step Functions state machine để điều phối saga."
        )));
        return out;
    };
    let m = &sm.name;
    let Spec::StateMachine(spec) = &sm.spec else { return out };
    let def = match StateMachineDefinition::parse(&spec.definition) {
        Ok(def) => def,
        Err(errors) => {
            let Message { en: first_en, vi: first_vi } = errors.into_iter().next().unwrap_or_else(|| Message::new("", ""));
            out.push(fail("definition", msg!(
                "The definition of {m} is not valid Amazon States Language: {first_en}",
                "Definition của {m} chưa phải Amazon States Language hợp lệ: {first_vi}"
            )));
            return out;
        }
    };
    out.push(pass("definition", msg!("The definition of {m} is valid.", "Definition của {m} hợp lệ.")));
    let limit = def.root.states.len() + 1;
    let (steps, _) = walk(&def, &def.root.start_at, limit);
    if steps.len() < 3 {
        let n = steps.len();
        out.push(fail("three-steps", msg!(
            "From StartAt, {m} runs {n} Task state(s) in a row; the saga needs three steps, each a Task, joined with Next.",
            "Tính từ StartAt, {m} mới chạy {n} Task state nối tiếp; saga cần ba bước, mỗi bước là một Task, nối nhau bằng Next."
        )));
        return out;
    }
    let (s1, s2, s3) = (steps[0].clone(), steps[1].clone(), steps[2].clone());
    out.push(pass("three-steps", msg!("{m} runs {s1}, {s2} and {s3} in a row.", "{m} chạy lần lượt {s1}, {s2} và {s3}.")));
    // The compensations each step's Catch leads to.
    let mut chains: Vec<Option<Vec<String>>> = Vec::new();
    for step in &steps[..3] {
        let catch = match def.root.state(step).map(|s| &s.kind) {
            Some(StateKind::Task(t)) => catches_everything(&t.catch).map(|c| c.next.clone()),
            _ => None,
        };
        chains.push(catch.map(|next| walk(&def, &next, limit).0.into_iter().filter(|t| !steps.contains(t)).collect()));
    }
    let mut ok = true;
    for (k, step) in [(1usize, &s2), (2, &s3)] {
        if chains[k].is_none() {
            ok = false;
            out.push(fail("catch", msg!(
                "{step} has no Catch for States.ALL (or States.TaskFailed): when it fails, the execution just stops and the steps before it stay done. Add a Catch that leads to the compensations.",
                "{step} chưa có Catch cho States.ALL (hoặc States.TaskFailed): khi nó lỗi, execution dừng luôn và các bước trước vẫn giữ nguyên. Hãy thêm Catch dẫn tới các bước bù trừ."
            )));
        }
    }
    if !ok {
        return out;
    }
    out.push(pass("catch", msg!("{s2} and {s3} each catch their errors.", "{s2} và {s3} đều có Catch bắt lỗi.")));
    let c2 = chains[1].clone().unwrap_or_default();
    let c3 = chains[2].clone().unwrap_or_default();
    if c2.is_empty() {
        out.push(fail("compensate-step-2", msg!(
            "When {s2} fails, its Catch runs no Task: {s1} stays done. Lead the Catch to a Task that undoes {s1}.",
            "Khi {s2} lỗi, Catch của nó không chạy Task nào: {s1} vẫn giữ nguyên. Hãy cho Catch dẫn tới một Task huỷ {s1}."
        )));
    } else {
        let undo = list_en(&c2);
        let undo_vi = list_vi(&c2);
        out.push(pass("compensate-step-2", msg!("When {s2} fails, {undo} runs to undo {s1}.", "Khi {s2} lỗi, {undo_vi} chạy để huỷ {s1}.")));
    }
    let reverse = c3.len() >= 2 && c3.len() > c2.len() && c3.ends_with(&c2);
    if reverse {
        let first = c3[0].clone();
        let rest = list_en(&c3[1..]);
        let rest_vi = list_vi(&c3[1..]);
        out.push(pass("compensate-step-3", msg!(
            "When {s3} fails, {first} undoes {s2} first, then {rest} undoes {s1}: newest step first.",
            "Khi {s3} lỗi, {first} huỷ {s2} trước, rồi {rest_vi} huỷ {s1}: bước làm sau huỷ trước."
        )));
    } else if c3.len() < 2 {
        let n = c3.len();
        out.push(fail("compensate-step-3", msg!(
            "When {s3} fails, its Catch runs {n} compensating Task(s), but two steps are already done: undo {s2}, then {s1}.",
            "Khi {s3} lỗi, Catch của nó chỉ chạy {n} Task bù trừ, trong khi đã có hai bước xong: cần huỷ {s2}, rồi tới {s1}."
        )));
    } else {
        let chain = list_en(&c3);
        let chain_vi = list_vi(&c3);
        out.push(fail("compensate-step-3", msg!(
            "When {s3} fails, its Catch runs {chain}; undo in reverse order: first undo {s2}, then go on to the same undo of {s1} that {s2}'s Catch uses.",
            "Khi {s3} lỗi, Catch của nó chạy {chain_vi}; phải huỷ theo thứ tự ngược: huỷ {s2} trước, rồi đi tiếp tới đúng bước huỷ {s1} mà Catch của {s2} dùng."
        )));
    }
    // Every Task must be served by a connection, or the run has nothing to call.
    let served: Vec<String> = d.outgoing(sm.id).filter(|c| c.kind == C::Task).map(|c| c.settings.task_state.clone()).collect();
    let mut needed: Vec<String> = steps[..3].to_vec();
    needed.extend(c3.iter().cloned());
    needed.extend(c2.iter().cloned());
    needed.dedup();
    let missing: Vec<String> = needed.iter().filter(|s| !served.contains(s)).cloned().collect();
    if missing.is_empty() {
        out.push(pass("task-connections", msg!(
            "Every step and compensation of {m} is connected to the function that does it.",
            "Mọi bước và bước bù trừ của {m} đều được nối tới function thực hiện nó."
        )));
    } else {
        let list = list_en(&missing);
        let list_v = list_vi(&missing);
        out.push(fail("task-connections", msg!(
            "{list}: no task connection from {m}. Connect {m} to the function each state runs and set the connection's task state to the state's name.",
            "{list_v}: chưa có task connection nào từ {m}. Hãy nối {m} tới function mà mỗi state chạy và đặt task state của connection bằng tên state."
        )));
    }
    // The engine runs executions: make step 3 fail and watch the compensations run.
    if simulate::STATE_MACHINES_SIMULATED && missing.is_empty() {
        match simulate::saga_failure(d, sm.id, &s3) {
            Err(why) => out.push(sim_failed("simulated", why)),
            Ok(None) => out.push(fail("simulated", msg!(
                "With {s3} failing, no execution of {m} ended within 30 simulated seconds: check the Retry settings and the functions' timeouts.",
                "Khi {s3} lỗi, không execution nào của {m} kết thúc trong 30 giây mô phỏng: hãy xem lại cấu hình Retry và timeout của các function."
            ))),
            Ok(Some(run)) => {
                let ran: Vec<String> = run
                    .steps
                    .iter()
                    .skip_while(|st| st.state != s3)
                    .skip(1)
                    .filter(|st| st.kind == "Task" && st.status == crate::sim::StepStatus::Succeeded)
                    .map(|st| st.state.clone())
                    .collect();
                if ran == c3 {
                    let chain = list_en(&ran);
                    let chain_vi = list_vi(&ran);
                    out.push(pass("simulated", msg!(
                        "In a simulated run with {s3} failing, its Catch fired and {chain} ran in that order: the trip was undone.",
                        "Trong lần chạy mô phỏng với {s3} lỗi, Catch của nó đã chạy và {chain_vi} chạy đúng thứ tự đó: chuyến đi đã được huỷ."
                    )));
                } else if ran.is_empty() {
                    out.push(fail("simulated", msg!(
                        "In a simulated run with {s3} failing, no compensation finished: look at the execution in the page to see where it stopped.",
                        "Trong lần chạy mô phỏng với {s3} lỗi, không bước bù trừ nào chạy xong: hãy xem execution trên trang để biết nó dừng ở đâu."
                    )));
                } else {
                    let chain = list_en(&ran);
                    let chain_vi = list_vi(&ran);
                    out.push(fail("simulated", msg!(
                        "In a simulated run with {s3} failing, only {chain} finished: every compensation must succeed (give them a Retry).",
                        "Trong lần chạy mô phỏng với {s3} lỗi, chỉ {chain_vi} chạy xong: mọi bước bù trừ đều phải thành công (hãy thêm Retry cho chúng)."
                    )));
                }
            }
        }
    }
    out
}

fn solution_saga() -> Diagram {
    let mut b = Builder::new();
    super::patterns::saga_orchestration(&mut b, 0.0);
    b.finish().unwrap_or_default()
}

// ----- 4: async API -----

fn check_async_api(d: &Diagram) -> Vec<Finding> {
    let mut out = Vec::new();
    let gateways = of_kind(d, K::ApiGateway);
    let submit = gateways.iter().find(|g| {
        !targets(d, g.id, Some(C::Send), &[K::Queue]).is_empty() && d.outgoing(g.id).all(|c| c.kind != C::Call)
    });
    let Some(submit) = submit.copied() else {
        let sync = gateways.iter().find_map(|g| d.outgoing(g.id).find(|c| c.kind == C::Call).map(|c| (g.name.clone(), name(d, c.to))));
        out.push(match sync {
            Some((g, w)) if gateways.len() == 1 => fail("submit", msg!(
                "The API Gateway {g} calls {w} and waits for it: a one-minute job would hold the request past the gateway's 29-second limit. Have the submit endpoint put the job in an SQS queue and answer 202.",
                "API Gateway {g} gọi {w} và chờ nó: job dài một phút sẽ giữ request quá giới hạn 29 giây của gateway. Hãy cho endpoint nhận job bỏ job vào SQS queue rồi trả 202."
            )),
            _ => fail("submit", msg!(
                "No API Gateway puts jobs in a queue: add POST /jobs, an API Gateway with an asynchronous integration connected to an SQS queue.",
                "Chưa có API Gateway nào bỏ job vào queue: hãy thêm POST /jobs, một API Gateway có integration async nối vào SQS queue."
            )),
        });
        return out;
    };
    let queue = targets(d, submit.id, Some(C::Send), &[K::Queue])[0];
    let (g, q) = (&submit.name, &queue.name);
    out.push(pass("submit", msg!(
        "{g} puts each job in the queue {q} and answers 202 Accepted with its id.",
        "{g} bỏ từng job vào queue {q} và trả 202 Accepted kèm id của job."
    )));
    let workers = targets(d, queue.id, None, &[K::Function, K::WorkerGroup]);
    let Some(worker) = workers.first().copied() else {
        out.push(fail("worker", msg!(
            "Nothing takes jobs out of the queue {q}: connect it to a worker (a Lambda function or a worker group).",
            "Chưa có gì lấy job ra khỏi queue {q}: hãy nối nó vào một worker (Lambda function hoặc worker group)."
        )));
        return out;
    };
    let w = &worker.name;
    out.push(pass("worker", msg!("{w} does the jobs from {q}.", "{w} xử lý các job từ {q}.")));
    let stores = targets(d, worker.id, Some(C::Write), &[K::Database]);
    let Some(store) = stores.first().copied() else {
        out.push(fail("status-store", msg!(
            "{w} doesn't record the job's status anywhere: connect it to a database, so a status request can find whether the job is done.",
            "{w} chưa ghi trạng thái job vào đâu cả: hãy nối nó vào một database để khi client hỏi trạng thái thì biết job đã xong chưa."
        )));
        return out;
    };
    let s = &store.name;
    out.push(pass("status-store", msg!("{w} records each job's status in {s}.", "{w} ghi trạng thái từng job vào {s}.")));
    let status = gateways
        .iter()
        .filter(|gw| gw.id != submit.id)
        .find_map(|gw| d.outgoing(gw.id).find(|c| c.kind == C::Call && c.to != worker.id).map(|c| (gw.id, c.to)));
    let Some((status_gw, reader)) = status else {
        out.push(fail("status-endpoint", msg!(
            "There is no way to poll: add GET /jobs/{{id}}, a second API Gateway that calls a small function reading the job's status.",
            "Chưa có cách nào để poll: hãy thêm GET /jobs/{{id}}, một API Gateway thứ hai gọi một function nhỏ đọc trạng thái job."
        )));
        return out;
    };
    let (pg, r) = (name(d, status_gw), name(d, reader));
    out.push(pass("status-endpoint", msg!("Clients poll {pg}, which asks {r} for the status.", "Client poll {pg}, gateway này hỏi {r} để lấy trạng thái.")));
    out.extend(simulate_async_api(d, submit.id, worker.id, store.id, status_gw));
    out
}

fn simulate_async_api(d: &Diagram, submit: ComponentId, worker: ComponentId, store: ComponentId, status: ComponentId) -> Vec<Finding> {
    let mut d = d.clone();
    simulate::silence_sources(&mut d);
    let (Some(jobs), Some(polls)) =
        (simulate::add_test_client(&mut d, "Check: submit", submit, 1.0, None), simulate::add_test_client(&mut d, "Check: poll", status, 2.0, None))
    else {
        return vec![sim_failed("submit-fast", no_test_client("API Gateway"))];
    };
    let mut timeout_s = None;
    if let Some(c) = d.component_mut(worker) {
        match &mut c.spec {
            Spec::Function(f) => {
                f.duration_ms = 60_000;
                timeout_s = Some(f.timeout_s);
            }
            Spec::WorkerGroup(w) => w.processing_ms = 60_000,
            _ => {}
        }
    }
    let sim = match simulate::run(&d, 150.0) {
        Ok(sim) => sim,
        Err(why) => return vec![sim_failed("submit-fast", why)],
    };
    let (g, w, s) = (name(&d, submit), name(&d, worker), name(&d, store));
    let mut out = Vec::new();
    let Some(seen) = client_report(&sim, jobs) else { return vec![sim_failed("submit-fast", no_client_report())] };
    let p99 = seen.latency.map(|l| l.p99_ms).unwrap_or(f64::INFINITY);
    let (sent, errors) = (seen.sent, seen.errors_total());
    let p99_text = if p99.is_finite() { format!("{p99:.0}") } else { "-".to_string() };
    out.push(if errors == 0 && p99 < 1.0 {
        pass("submit-fast", msg!(
            "With jobs lasting 60 s, {g} still answered all {sent} submits at once, in under a millisecond.",
            "Dù mỗi job chạy 60 giây, {g} vẫn trả lời ngay đủ {sent} lần gửi job, chưa tới một mili giây."
        ))
    } else if errors == 0 && p99 < 1_000.0 {
        pass("submit-fast", msg!(
            "With jobs lasting 60 s, {g} still answered all {sent} submits, 99% of them within {p99_text} ms.",
            "Dù mỗi job chạy 60 giây, {g} vẫn trả lời đủ {sent} lần gửi job, 99% trong vòng {p99_text} ms."
        ))
    } else {
        fail("submit-fast", msg!(
            "With jobs lasting 60 s, {g} answered 99% of submits only within {p99_text} ms, and {errors} of {sent} failed: submitting must not wait for the job. Store the job and answer 202 at once.",
            "Khi mỗi job chạy 60 giây, {g} chỉ trả lời 99% lần gửi trong vòng {p99_text} ms, và {errors}/{sent} lần bị lỗi: gửi job không được phải chờ job chạy xong. Hãy lưu job lại rồi trả 202 ngay."
        ))
    });
    let done = sim.component_report(store).map(|r| r.processed).unwrap_or(0);
    out.push(if done * 3 >= sent && done > 0 {
        pass("jobs-finish", msg!(
            "The one-minute jobs finish: {done} of them recorded their status in {s} within 150 s.",
            "Các job một phút đều chạy xong: {done} job đã ghi trạng thái vào {s} trong 150 giây."
        ))
    } else if let Some(t) = timeout_s.filter(|&t| t < 60) {
        fail("jobs-finish", msg!(
            "The jobs never finish: {w} times out after {t} s, before a one-minute job is done. Raise its timeout (Lambda allows up to 900 s).",
            "Job không bao giờ xong: {w} bị timeout sau {t} giây, trước khi job một phút kịp chạy xong. Hãy tăng timeout của nó (Lambda cho tối đa 900 giây)."
        ))
    } else {
        fail("jobs-finish", msg!(
            "Only {done} of {sent} one-minute jobs recorded a status in {s} within 150 s: check the worker's capacity and the queue's visibility timeout.",
            "Chỉ {done}/{sent} job một phút ghi được trạng thái vào {s} trong 150 giây: hãy xem lại sức chứa của worker và visibility timeout của queue."
        ))
    });
    if let Some(p) = client_report(&sim, polls) {
        let (ok, bad) = (p.ok, p.errors_total());
        out.push(if bad == 0 && ok > 0 {
            pass("poll-answers", msg!("All {ok} status polls were answered.", "Cả {ok} lần poll trạng thái đều được trả lời."))
        } else {
            fail("poll-answers", msg!(
                "{bad} status polls failed and {ok} were answered: the status endpoint must answer quickly, whatever the jobs are doing.",
                "{bad} lần poll trạng thái bị lỗi, {ok} lần được trả lời: endpoint trạng thái phải trả lời nhanh, bất kể job đang thế nào."
            ))
        });
    }
    out
}

fn solution_async_api() -> Diagram {
    let mut b = Builder::new();
    super::patterns::async_api_parts(&mut b, 30_000);
    b.finish().unwrap_or_default()
}

// ----- 5: microservices -----

fn check_microservices(d: &Diagram) -> Vec<Finding> {
    let mut out = Vec::new();
    let gateways = of_kind(d, K::ApiGateway);
    let front = gateways.iter().max_by_key(|g| targets(d, g.id, Some(C::Call), COMPUTE).len()).copied();
    let services: Vec<&Component> = front.map(|g| targets(d, g.id, Some(C::Call), COMPUTE)).unwrap_or_default();
    let Some(gw) = front.filter(|_| !services.is_empty()) else {
        out.push(fail("front-door", msg!(
            "There is no API Gateway calling services: put one in front, and connect it to each service.",
            "Chưa có API Gateway nào gọi tới service: hãy đặt một cái phía trước và nối nó tới từng service."
        )));
        return out;
    };
    let g = &gw.name;
    if services.len() < 3 {
        let n = services.len();
        let list = list_en(&names(&services));
        let list_v = list_vi(&names(&services));
        out.push(fail("services", msg!(
            "{g} reaches {n} service(s) ({list}); a microservices app here needs at least three, each doing one job.",
            "{g} mới tới được {n} service ({list_v}); ứng dụng microservices ở đây cần ít nhất ba service, mỗi service làm một việc."
        )));
        return out;
    }
    let list = list_en(&names(&services));
    let list_v = list_vi(&names(&services));
    out.push(pass("services", msg!("{g} calls the services {list}.", "{g} gọi các service {list_v}.")));
    // Own databases.
    let mut own = true;
    for s in &services {
        if targets(d, s.id, Some(C::Write), &[K::Database]).is_empty() {
            own = false;
            let sn = &s.name;
            out.push(fail("own-database", msg!(
                "{sn} has no database of its own: give each service a database that only it writes to.",
                "{sn} chưa có database riêng: hãy cho mỗi service một database chỉ mình nó ghi vào."
            )));
        }
    }
    if own {
        out.push(pass("own-database", msg!("Every service writes to a database.", "Service nào cũng ghi vào database của mình.")));
    }
    let mut shared = false;
    for db in of_kind(d, K::Database) {
        let writers = sources(d, db.id, Some(C::Write), COMPUTE);
        if writers.len() >= 2 {
            shared = true;
            let dbn = &db.name;
            let who = list_en(&names(&writers));
            let who_vi = list_vi(&names(&writers));
            out.push(fail("no-shared-database", msg!(
                "The database {dbn} is written by {who}: each service should own its data. Let one service own it, and the other ask through its API or react to its events.",
                "Database {dbn} đang bị {who_vi} cùng ghi: mỗi service phải sở hữu dữ liệu của mình. Hãy để một service sở hữu nó, service kia hỏi qua API hoặc phản ứng với event của nó."
            )));
        }
    }
    if !shared {
        out.push(pass("no-shared-database", msg!("No database is shared between services.", "Không có database nào bị các service dùng chung.")));
    }
    // Side effects through a channel with consumers.
    let channels = [K::EventBus, K::Topic, K::Queue, K::Stream];
    let mut side: Vec<ComponentId> = Vec::new();
    let mut channel_names = Vec::new();
    for s in &services {
        for ch in targets(d, s.id, None, &channels) {
            let consumers: Vec<ComponentId> = d.outgoing(ch.id).filter(|c| c.kind != C::Redrive).map(|c| c.to).collect();
            if !consumers.is_empty() && !channel_names.contains(&ch.name) {
                channel_names.push(ch.name.clone());
                side.extend(consumers);
            }
        }
    }
    side.sort();
    side.dedup();
    if side.is_empty() {
        out.push(fail("async-side-effects", msg!(
            "Nothing is asynchronous: have the services publish events to an event bus (or a topic) and give notifications, analytics or search their own consumers there.",
            "Chưa có gì async cả: hãy cho các service publish event lên một event bus (hoặc topic), và để thông báo, analytics hay search có consumer riêng ở đó."
        )));
        return out;
    }
    let ch = list_en(&channel_names);
    let ch_vi = list_vi(&channel_names);
    let n = side.len();
    out.push(pass("async-side-effects", msg!(
        "The services publish to {ch}, which feeds {n} consumer(s) of their own.",
        "Các service publish lên {ch_vi}, nơi cung cấp event cho {n} consumer riêng."
    )));
    if out.iter().all(|f| f.passed) {
        out.extend(simulate_microservices(d, gw.id, &side));
    }
    out
}

fn simulate_microservices(d: &Diagram, gateway: ComponentId, side: &[ComponentId]) -> Vec<Finding> {
    let mut d = d.clone();
    simulate::silence_sources(&mut d);
    let payload = super::patterns::MICRO_EVENT;
    let Some(users) = simulate::add_test_client(&mut d, "Check: users", gateway, 10.0, Some(payload)) else {
        return vec![sim_failed("side-effects-isolated", no_test_client("API Gateway"))];
    };
    for id in side {
        if let Some(c) = d.component_mut(*id) {
            c.faults.down = true;
        }
    }
    let down = list_en(&side.iter().map(|id| name(&d, *id)).collect::<Vec<_>>());
    let down_vi = list_vi(&side.iter().map(|id| name(&d, *id)).collect::<Vec<_>>());
    let sim = match simulate::run(&d, 60.0) {
        Ok(sim) => sim,
        Err(why) => return vec![sim_failed("side-effects-isolated", why)],
    };
    let Some(seen) = client_report(&sim, users) else { return vec![sim_failed("side-effects-isolated", no_client_report())] };
    let (sent, errors) = (seen.sent, seen.errors_total());
    vec![if errors == 0 && seen.ok > 0 {
        pass("side-effects-isolated", msg!(
            "With {down} down, users saw no error in {sent} requests: side effects are decoupled from the answer.",
            "Khi {down_vi} chết, người dùng không gặp lỗi nào trong {sent} request: các việc phụ đã tách khỏi câu trả lời."
        ))
    } else {
        fail("side-effects-isolated", msg!(
            "With {down} down, {errors} of {sent} user requests failed: a side effect is still on the path users wait for. Make the services publish and move on instead of calling it.",
            "Khi {down_vi} chết, có {errors}/{sent} request của người dùng bị lỗi: vẫn còn việc phụ nằm trên đường người dùng phải chờ. Hãy cho service publish rồi đi tiếp thay vì gọi trực tiếp."
        ))
    }]
}

fn solution_microservices() -> Diagram {
    super::patterns::pattern("microservices").map(|p| p.diagram()).unwrap_or_default()
}
