//! What AWS refuses to create between two components, with AWS's reason.
//!
//! A range check looks at one component or one connection; these rules need both
//! ends (a queue's visibility timeout against its function's timeout, a FIFO topic's
//! subscribers). The editor refuses an edit that would add one, a diagram opened from a
//! file or link lists them as warnings, and the simulation refuses to run while any
//! remains, as a deployment would fail. docs/simulation.md lists them.

use super::connection::ConnectionKind;
use super::diagram::{Connection, Diagram};
use super::ids::ConnectionId;
use super::kind::ComponentKind;
use super::spec::Spec;
use crate::text::Message;

/// One connection AWS would not create, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub connection: ConnectionId,
    pub message: Message,
}

/// Every connection of the diagram that AWS would refuse, in connection order.
pub fn aws_refusals(diagram: &Diagram) -> Vec<Refusal> {
    diagram
        .connections_by_id()
        .into_iter()
        .filter_map(|c| refusal(diagram, c).map(|message| Refusal { connection: c.id, message }))
        .collect()
}

/// Why AWS would refuse `connection` in `diagram`, if it would.
pub fn refusal(diagram: &Diagram, connection: &Connection) -> Option<Message> {
    let from = diagram.component(connection.from)?;
    let to = diagram.component(connection.to)?;
    match (connection.kind, &from.spec, &to.spec) {
        // CreateEventSourceMapping: InvalidParameterValueException.
        (ConnectionKind::EventSourceMapping, Spec::Queue(queue), Spec::Function(function))
            if queue.visibility_timeout_s < function.timeout_s =>
        {
            let (v, t) = (queue.visibility_timeout_s, function.timeout_s);
            Some(msg!(
                "Queue visibility timeout: {v} seconds is less than Function timeout: {t} seconds (AWS refuses this event source mapping: raise the queue's visibility timeout, six times the function timeout is AWS's advice).",
                "Queue visibility timeout: {v} giây nhỏ hơn Function timeout: {t} giây (AWS từ chối event source mapping này: hãy tăng visibility timeout của hàng đợi, AWS khuyên gấp sáu lần timeout của function)."
            ))
        }
        (ConnectionKind::EventSourceMapping, Spec::Queue(queue), _) if queue.fifo && connection.settings.batch_size > 10 => {
            let n = connection.settings.batch_size;
            Some(msg!(
                "A FIFO queue's event source mapping takes at most 10 messages per batch, not {n} (AWS's limit).",
                "Event source mapping của hàng đợi FIFO chỉ nhận tối đa 10 message mỗi lô, không phải {n} (giới hạn của AWS)."
            ))
        }
        // Subscribe: a FIFO topic delivers to SQS queues only.
        (ConnectionKind::Subscription, Spec::Topic(topic), _) if topic.fifo && to.kind() != ComponentKind::Queue => {
            let target = to.kind().with_article();
            let target_vi = to.kind().noun_in(crate::text::Lang::Vi);
            Some(msg!(
                "A FIFO topic delivers only to SQS queues; AWS refuses a subscription from it to {target}.",
                "FIFO topic chỉ gửi tới hàng đợi SQS; AWS từ chối subscription từ nó tới {target_vi}."
            ))
        }
        (ConnectionKind::Subscription, Spec::Topic(topic), Spec::Queue(queue)) if !topic.fifo && queue.fifo => Some(msg!(
            "FIFO SQS queues can't be subscribed to standard SNS topics (AWS's words); make the topic FIFO too.",
            "Hàng đợi SQS FIFO không subscribe được vào SNS topic loại standard (AWS báo như vậy); hãy đổi topic sang FIFO."
        )),
        // S3 event notifications: standard topics and queues only.
        (_, Spec::ObjectStorage(_), Spec::Topic(t)) if t.fifo => Some(msg!(
            "S3 event notifications can't go to a FIFO topic; AWS allows only standard topics.",
            "S3 event notification không gửi được tới FIFO topic; AWS chỉ cho phép topic loại standard."
        )),
        (_, Spec::ObjectStorage(_), Spec::Queue(q)) if q.fifo => Some(msg!(
            "S3 event notifications can't go to a FIFO queue; AWS allows only standard queues.",
            "S3 event notification không gửi được tới hàng đợi FIFO; AWS chỉ cho phép hàng đợi standard."
        )),
        _ => None,
    }
}

/// The first refusal in `after` on a connection that `before` did not refuse: an edit
/// that adds one is refused with it (one that only eases an old one is not).
pub fn new_refusal(before: &Diagram, after: &Diagram) -> Option<Message> {
    let old: Vec<ConnectionId> = aws_refusals(before).into_iter().map(|r| r.connection).collect();
    aws_refusals(after).into_iter().find(|r| !old.contains(&r.connection)).map(|r| r.message)
}
