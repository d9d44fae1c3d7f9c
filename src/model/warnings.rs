//! Things that are allowed but probably not what the learner meant.

use super::connection::ConnectionKind;
use super::diagram::{Component, Diagram};
use super::ids::ComponentId;
use super::kind::ComponentKind;
use super::spec::Spec;
use crate::text::Message;

/// A warning about one component, in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub component: ComponentId,
    pub message: Message,
}

/// Every warning for the diagram, in component order.
pub fn warnings(diagram: &Diagram) -> Vec<Warning> {
    let mut found = Vec::new();
    for component in diagram.components() {
        for message in component_warnings(diagram, component) {
            found.push(Warning { component: component.id, message });
        }
    }
    // What AWS would refuse to create shows on the connection's source.
    for refusal in super::aws_refusals(diagram) {
        if let Some(c) = diagram.connection(refusal.connection) {
            found.push(Warning { component: c.from, message: refusal.message });
        }
    }
    found
}

fn component_warnings(diagram: &Diagram, component: &Component) -> Vec<Message> {
    use ComponentKind::*;
    let id = component.id;
    let name = &component.name;
    let has_in = diagram.incoming(id).any(|c| c.kind != ConnectionKind::Redrive);
    let consumers = diagram.outgoing(id).filter(|c| c.kind != ConnectionKind::Redrive).count();
    let mut out = Vec::new();
    match &component.spec {
        Spec::Queue(queue) => {
            let is_dlq = diagram.incoming(id).any(|c| c.kind == ConnectionKind::Redrive);
            if consumers == 0 && !is_dlq {
                out.push(msg!(
                    "Nobody consumes the queue {name}: its messages will wait until they expire.",
                    "Không có ai tiêu thụ hàng đợi {name}: message trong đó sẽ nằm chờ tới khi hết hạn."
                ));
            }
            if !has_in && !is_dlq {
                out.push(msg!("Nothing sends to the queue {name}.", "Không có gì gửi tới hàng đợi {name}."));
            }
            for redrive in diagram.outgoing(id).filter(|c| c.kind == ConnectionKind::Redrive) {
                if let Some(Spec::Queue(dlq)) = diagram.component(redrive.to).map(|c| &c.spec) {
                    if dlq.fifo != queue.fifo {
                        out.push(if queue.fifo {
                            msg!(
                                "The FIFO queue {name} has a standard dead-letter queue; AWS requires both to be of the same type.",
                                "Hàng đợi FIFO {name} có dead-letter queue loại standard; AWS yêu cầu cả hai phải cùng một loại."
                            )
                        } else {
                            msg!(
                                "The standard queue {name} has a FIFO dead-letter queue; AWS requires both to be of the same type.",
                                "Hàng đợi standard {name} có dead-letter queue loại FIFO; AWS yêu cầu cả hai phải cùng một loại."
                            )
                        });
                    }
                }
            }
            for mapping in diagram.outgoing(id).filter(|c| c.kind == ConnectionKind::EventSourceMapping) {
                if let Some(Spec::Function(f)) = diagram.component(mapping.to).map(|c| &c.spec) {
                    if u64::from(queue.visibility_timeout_s) < 6 * u64::from(f.timeout_s) {
                        let (visibility, timeout) = (queue.visibility_timeout_s, f.timeout_s);
                        out.push(msg!(
                            "The queue {name}'s visibility timeout ({visibility} s) is under six times its function's timeout ({timeout} s), as AWS advises: messages may be received twice.",
                            "Thời gian ẩn message của hàng đợi {name} ({visibility} s) chưa bằng sáu lần thời gian chờ tối đa của hàm ({timeout} s) như AWS khuyên: message có thể bị nhận hai lần."
                        ));
                    }
                }
            }
        }
        Spec::Function(_) if !has_in => out.push(msg!(
            "The function {name} has no trigger: nothing invokes it.",
            "Hàm {name} chưa có nguồn kích hoạt: không có gì gọi tới nó."
        )),
        Spec::WorkerGroup(_) if !has_in => out.push(msg!(
            "The worker group {name} polls nothing: connect a queue to it.",
            "Nhóm worker {name} không lấy message từ đâu cả: hãy nối một hàng đợi tới nó."
        )),
        Spec::Topic(_) if consumers == 0 => out.push(msg!(
            "The topic {name} has no subscribers: what it publishes reaches nobody.",
            "Topic {name} không có subscriber nào: những gì nó phát ra không tới được ai."
        )),
        Spec::EventBus(_) if consumers == 0 => out.push(msg!(
            "The event bus {name} has no rules: its events go nowhere.",
            "Event bus {name} chưa có quy tắc nào: event của nó không đi đâu cả."
        )),
        Spec::Stream(_) if consumers == 0 => out.push(msg!("Nobody reads the stream {name}.", "Không có ai đọc luồng dữ liệu {name}.")),
        Spec::Client(_) | Spec::EventSource(_) if consumers == 0 => {
            out.push(msg!(
                "{name} is not connected to anything, so its requests go nowhere.",
                "{name} chưa nối với thành phần nào, nên request của nó không đi đâu cả."
            ))
        }
        Spec::Database(db) if !db.change_stream && diagram.outgoing(id).any(|c| c.kind == ConnectionKind::ChangeStream) => {
            out.push(msg!(
                "The database {name} has a change stream connection but its change stream is off.",
                "Cơ sở dữ liệu {name} có kết nối luồng thay đổi nhưng luồng thay đổi của nó đang tắt."
            ))
        }
        _ => {}
    }
    if let Spec::EventBus(bus) = &component.spec {
        if bus.replay_at_s > 0.0 && !bus.archive {
            let at = bus.replay_at_s;
            out.push(msg!(
                "The event bus {name} replays its archive at {at} s, but its archive is off: there is nothing to replay.",
                "Event bus {name} được đặt phát lại archive lúc {at} s, nhưng archive đang tắt: không có gì để phát lại."
            ));
        }
    }
    if matches!(component.kind(), SearchIndex | Analytics | Notification | Database | ObjectStorage) && !has_in {
        out.push(msg!("Nothing writes to {name}.", "Không có gì ghi vào {name}."));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Point;

    /// Every kind of warning, raised on purpose, is said in each language.
    #[test]
    fn every_warning_is_said_in_both_languages() {
        let mut d = Diagram::new();
        let at = Point { x: 0.0, y: 0.0 };
        for kind in ComponentKind::ALL {
            d.add_component(kind, format!("{kind:?}"), at);
        }
        // A FIFO queue redriving to a standard one, feeding a function whose timeout is long.
        let fifo = d.add_component(ComponentKind::Queue, "Orders.fifo", at);
        let dlq = d.add_component(ComponentKind::Queue, "Orders DLQ", at);
        let function = d.add_component(ComponentKind::Function, "Worker", at);
        let table = d.add_component(ComponentKind::Database, "Table", at);
        if let Some(Spec::Queue(q)) = d.component_mut(fifo).map(|c| &mut c.spec) {
            q.fifo = true;
        }
        if let Some(Spec::Function(f)) = d.component_mut(function).map(|c| &mut c.spec) {
            f.timeout_s = 60;
        }
        // A replay scheduled on a bus whose archive is off.
        let bus = d.add_component(ComponentKind::EventBus, "Bus", at);
        if let Some(Spec::EventBus(b)) = d.component_mut(bus).map(|c| &mut c.spec) {
            b.replay_at_s = 30.0;
        }
        for (from, to) in [(fifo, dlq), (fifo, function), (table, function)] {
            d.connect(from, to).expect("connect");
        }
        let found = warnings(&d);
        let distinct: std::collections::BTreeSet<_> = found.iter().map(|w| w.message.en.split(' ').take(3).collect::<Vec<_>>()).collect();
        assert!(distinct.len() >= 12, "{distinct:?}");
        assert!(found.iter().any(|w| w.message.en.contains("nothing to replay")));
        for w in &found {
            assert_ne!(w.message.en, w.message.vi);
            for english in ["Nobody", "Nothing", "The ", " has ", " is ", "connect"] {
                assert!(!w.message.vi.contains(english), "{english:?} in {}", w.message.vi);
            }
        }
    }
}
