//! Exercise 2, SNS fan-out: a topic the API publishes to, with a queue (read by
//! something), a function and an e-mail subscription; then each subscriber is taken
//! down in turn while the others must still get every order.

use super::common::{gateway_before, names, no_test_client, refused, run_until, sim_failed};
use super::Exercise;
use crate::lessons::build::Builder;
use crate::lessons::graph::{list_en, list_vi, name, of_kind, sources, targets, COMPUTE};
use crate::lessons::simulate;
use crate::lessons::text::Text;
use crate::lessons::verdict::{fail, finding_codes, pass, Finding};
use crate::model::spec::{Integration, NotificationChannel, Spec};
use crate::model::{Component, ComponentId, ComponentKind as K, ConnectionKind as C, Diagram, Window};

finding_codes! {
    Refused => "aws-refuses",
    /// A topic that the API (not the client) publishes to.
    Topic => "topic",
    QueueSubscriber => "queue-subscriber",
    FunctionSubscriber => "function-subscriber",
    EmailSubscriber => "email-subscriber",
    /// With each subscriber down in turn, the others got every order.
    EverySubscriber => "every-subscriber",
}

pub(super) const EXERCISE: Exercise = Exercise {
    id: "fanout",
    title: Text { en: "SNS fan-out to a queue, a function and e-mail", vi: "SNS fan-out tới queue, function và e-mail" },
    goal: Text {
        en: "Have your API publish each order to an SNS topic, and subscribe three things to it: an SQS queue (with a consumer), a Lambda function and an e-mail notification. Every subscriber must get every order, even while one of them is down.",
        vi: "Cho API của bạn publish mỗi đơn lên một SNS topic, và subscribe ba thứ vào topic đó: một SQS queue (có consumer), một Lambda function và một e-mail notification. Subscriber nào cũng phải nhận đủ mọi đơn, kể cả khi một subscriber khác đang chết.",
    },
    hints: &[
        Text {
            en: "The API publishes: an API Gateway connected to the topic, or a function or service behind it; a topic pushes, so the arrows go from the topic to its subscribers.",
            vi: "API là bên publish: một API Gateway nối vào topic, hoặc một function hay service phía sau nó; topic là bên đẩy đi, nên mũi tên đi từ topic tới các subscriber.",
        },
        Text {
            en: "A notification component whose “Channel” is e-mail stands for an e-mail subscription.",
            vi: "Component notification có “Kênh gửi” là e-mail tượng trưng cho một e-mail subscription.",
        },
    ],
    check,
    solution,
};

const PUBLISHERS: &[K] = &[K::ApiGateway, K::Function, K::Service, K::WorkerGroup, K::Client];

fn check(d: &Diagram) -> Vec<Finding> {
    if let Some(f) = refused(d, Code::Refused) {
        return vec![f];
    }
    let mut out = Vec::new();
    let topics = of_kind(d, K::Topic);
    // A topic published to from behind an API Gateway (or by the gateway itself).
    let by_api = topics.iter().find_map(|t| {
        sources(d, t.id, Some(C::Publish), PUBLISHERS).into_iter().find_map(|p| gateway_before(d, p.id).map(|g| (*t, p, g)))
    });
    let Some((topic, publisher, gateway)) = by_api else {
        let client = topics.iter().find_map(|t| sources(d, t.id, Some(C::Publish), &[K::Client]).first().map(|c| (t.name.clone(), c.name.clone())));
        out.push(match (client, topics.first()) {
            (Some((t, c)), _) => fail(Code::Topic, msg!(
                "{c} publishes straight to the topic {t}: the exercise asks your API to publish. Put an API Gateway between the client and the topic (connected to the topic, or to a function or service that publishes).",
                "{c} publish thẳng lên topic {t}: bài này yêu cầu API của bạn publish. Hãy đặt một API Gateway giữa client và topic (nối vào topic, hoặc vào một function hay service để nó publish)."
            )),
            (None, None) => fail(Code::Topic, msg!(
                "There is no SNS topic: add one, and have your API publish each order to it.",
                "Chưa có SNS topic: hãy thêm một topic, và cho API của bạn publish từng đơn lên đó."
            )),
            (None, Some(t)) => {
                let t = &t.name;
                fail(Code::Topic, msg!(
                    "Nothing behind an API Gateway publishes to the topic {t}: connect your API (or the function or service behind it) to the topic.",
                    "Chưa có gì phía sau API Gateway publish lên topic {t}: hãy nối API của bạn (hoặc function hay service phía sau nó) vào topic."
                ))
            }
        });
        return out;
    };
    let (t, p) = (&topic.name, &publisher.name);
    out.push(pass(Code::Topic, msg!("{p} publishes each order to the topic {t}.", "{p} publish từng đơn lên topic {t}.")));
    let queue = targets(d, topic.id, Some(C::Subscription), &[K::Queue]).into_iter().find(|q| !targets(d, q.id, None, COMPUTE).is_empty());
    let any_queue = targets(d, topic.id, Some(C::Subscription), &[K::Queue]).into_iter().next();
    let function = targets(d, topic.id, Some(C::Subscription), &[K::Function]).into_iter().next();
    let mails = targets(d, topic.id, Some(C::Subscription), &[K::Notification]);
    match (queue, any_queue) {
        (Some(q), _) => {
            let qn = &q.name;
            out.push(pass(Code::QueueSubscriber, msg!("The queue {qn} is subscribed to {t} and has a consumer.", "Queue {qn} đã subscribe {t} và có consumer.")));
        }
        (None, Some(q)) => {
            let qn = &q.name;
            out.push(fail(Code::QueueSubscriber, msg!(
                "The queue {qn} gets the orders from {t}, but nothing reads it: connect it to a function or a worker group.",
                "Queue {qn} nhận đơn từ {t} nhưng chưa ai đọc nó: hãy nối nó vào một function hoặc worker group."
            )));
        }
        (None, None) => out.push(fail(Code::QueueSubscriber, msg!(
            "No SQS queue is subscribed to {t}: connect the topic to a queue.",
            "Chưa có SQS queue nào subscribe {t}: hãy nối topic vào một queue."
        ))),
    }
    match function {
        Some(f) => {
            let f = &f.name;
            out.push(pass(Code::FunctionSubscriber, msg!("The function {f} is subscribed to {t}.", "Function {f} đã subscribe {t}.")));
        }
        None => out.push(fail(Code::FunctionSubscriber, msg!(
            "No Lambda function is subscribed to {t}: connect the topic straight to a function.",
            "Chưa có Lambda function nào subscribe {t}: hãy nối topic thẳng vào một function."
        ))),
    }
    let email = mails.iter().find(|m| matches!(&m.spec, Spec::Notification(n) if n.channel == NotificationChannel::Email));
    match (email, mails.first()) {
        (Some(m), _) => {
            let m = &m.name;
            out.push(pass(Code::EmailSubscriber, msg!("{m} sends an e-mail for every order on {t}.", "{m} gửi e-mail cho mỗi đơn trên {t}.")));
        }
        (None, Some(m)) => {
            let m = &m.name;
            out.push(fail(Code::EmailSubscriber, msg!(
                "{m} is subscribed to {t} but sends SMS: set its “Channel” to e-mail.",
                "{m} đã subscribe {t} nhưng đang gửi SMS: hãy đổi “Kênh gửi” của nó sang e-mail."
            )));
        }
        (None, None) => out.push(fail(Code::EmailSubscriber, msg!(
            "Nothing sends e-mail from {t}: subscribe a notification component whose “Channel” is e-mail.",
            "Chưa có gì gửi e-mail từ {t}: hãy subscribe một component notification có “Kênh gửi” là e-mail."
        ))),
    }
    if let (Some(q), Some(f), Some(m)) = (queue, function, email) {
        if out.iter().all(|f| f.passed) {
            out.push(each_subscriber_down(d, gateway, topic.id, &[q, f, m]));
        }
    }
    out
}

/// Users send for 40 s; one subscriber is down from 10 s to 30 s; the others must get
/// every order published. Repeated with each subscriber down in turn.
fn each_subscriber_down(d: &Diagram, gateway: ComponentId, topic: ComponentId, subscribers: &[&Component]) -> Finding {
    let t = name(d, topic);
    let mut short: Vec<(String, String, u64, u64)> = Vec::new();
    let mut published_total = 0;
    for down in subscribers {
        let mut run = d.clone();
        simulate::silence_sources(&mut run);
        let Some(users) = simulate::add_test_client(&mut run, "Check: orders", gateway, 5.0, None) else {
            return sim_failed(Code::EverySubscriber, no_test_client("API Gateway"));
        };
        if let Some(c) = run.component_mut(down.id) {
            c.faults.down_window = Some(Window { from_s: 10.0, to_s: 30.0 });
        }
        let (sim, _) = match run_until(&run, &[users], 40.0, 70.0, |_| false) {
            Ok(r) => r,
            Err(why) => return sim_failed(Code::EverySubscriber, why),
        };
        let published = sim.component_report(topic).map(|r| r.received).unwrap_or(0);
        published_total += published;
        for other in subscribers.iter().filter(|o| o.id != down.id) {
            let got = sim.component_report(other.id).map(|r| r.received).unwrap_or(0);
            if published == 0 || got < published {
                short.push((down.name.clone(), other.name.clone(), got, published));
            }
        }
    }
    let all = names(subscribers);
    let (list, list_v) = (list_en(&all), list_vi(&all));
    match short.first() {
        None => pass(Code::EverySubscriber, msg!(
            "With {list} each down in turn for 20 s, the other subscribers got every one of the {published_total} orders published on {t}.",
            "Khi lần lượt tắt {list_v} mỗi cái 20 giây, các subscriber còn lại vẫn nhận đủ {published_total} đơn đã publish lên {t}."
        )),
        Some((down, other, got, published)) => fail(Code::EverySubscriber, msg!(
            "While {down} was down, {other} got only {got} of the {published} orders published on {t}: each subscriber should get every message on its own. Check its filter policy and what else sits between the topic and it.",
            "Khi {down} chết, {other} chỉ nhận {got}/{published} đơn đã publish lên {t}: mỗi subscriber phải tự nhận đủ mọi message. Hãy xem lại filter policy của nó và những gì nằm giữa topic với nó."
        )),
    }
}

fn solution() -> Diagram {
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
