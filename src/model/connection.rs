//! Connection kinds and the rule table that says which ends may connect, and how.

use super::ids::ComponentId;
use super::kind::ComponentKind;
use crate::text::{capitalise, Lang, Message, Text};
use serde::{Deserialize, Serialize};

/// What a connection does; it follows from its two ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConnectionKind {
    /// A synchronous request: the caller waits for the answer or its timeout.
    Call,
    /// An asynchronous invocation (Lambda retries twice, then the on-failure destination).
    Invoke,
    /// SendMessage to a queue.
    Send,
    /// Publish to a topic.
    Publish,
    /// PutEvents to an event bus.
    PutEvent,
    /// PutRecord to a stream or delivery stream.
    PutRecord,
    /// A topic's subscription, with an optional filter policy.
    Subscription,
    /// An event bus rule, with an event pattern.
    Rule,
    /// Lambda polling a queue or stream for batches.
    EventSourceMapping,
    /// Instances or a delivery stream polling a queue or stream.
    Poll,
    /// A queue's redrive policy to its dead-letter queue.
    Redrive,
    /// Where a failed asynchronous invocation goes.
    OnFailure,
    /// A write to storage.
    Write,
    /// A database's change stream feeding a function or stream.
    ChangeStream,
    /// A state machine Task calling a function or service.
    Task,
    /// Queries over stored data.
    Query,
    /// A synchronous read from a database, search index or object store.
    Read,
}

impl ConnectionKind {
    pub fn label(self) -> &'static str {
        use ConnectionKind::*;
        match self {
            Call => "call (sync)",
            Invoke => "invoke (async)",
            Send => "send",
            Publish => "publish",
            PutEvent => "put event",
            PutRecord => "put record",
            Subscription => "subscription",
            Rule => "rule",
            EventSourceMapping => "event source mapping",
            Poll => "poll",
            Redrive => "redrive to DLQ",
            OnFailure => "on-failure destination",
            Write => "write",
            ChangeStream => "change stream",
            Task => "task",
            Query => "query",
            Read => "read",
        }
    }

    /// The label in `lang`, as the canvas and the inspector show it.
    pub fn label_in(self, lang: Lang) -> &'static str {
        use ConnectionKind::*;
        let vi = match self {
            Call => "gọi (đồng bộ)",
            Invoke => "gọi (bất đồng bộ)",
            Send => "gửi",
            Publish => "phát tin",
            PutEvent => "gửi event",
            PutRecord => "ghi record",
            Subscription => "đăng ký",
            Rule => "quy tắc",
            EventSourceMapping => "ánh xạ nguồn sự kiện",
            Poll => "thăm dò",
            Redrive => "chuyển sang DLQ",
            OnFailure => "đích khi lỗi",
            Write => "ghi",
            ChangeStream => "luồng thay đổi",
            Task => "tác vụ",
            Query => "truy vấn",
            Read => "đọc",
        };
        Text::new(self.label(), vi).get(lang)
    }

    /// What the connection does, in a sentence for the inspector.
    pub fn help(self) -> Text {
        use ConnectionKind::*;
        match self {
            Call => Text::new(
                "Synchronous: the caller waits for the answer, and fails when the callee is down or slow.",
                "Đồng bộ: bên gọi chờ câu trả lời, và lỗi theo khi bên được gọi bị tắt hoặc chậm.",
            ),
            Invoke => Text::new(
                "Asynchronous invocation: Lambda retries twice, then sends the event to the on-failure destination.",
                "Gọi bất đồng bộ: Lambda thử lại hai lần, rồi gửi event tới đích khi lỗi.",
            ),
            Send => Text::new(
                "The message waits in the queue until a consumer takes it.",
                "Message nằm chờ trong hàng đợi tới khi có consumer lấy đi.",
            ),
            Publish => Text::new("The topic pushes a copy to every subscription.", "Topic đẩy một bản sao tới mọi subscription."),
            PutEvent => Text::new("The bus matches the event against its rules.", "Event bus so event với từng rule của nó."),
            PutRecord => Text::new(
                "Records are ordered per shard by their partition key.",
                "Record được xếp thứ tự trong từng shard theo partition key của nó.",
            ),
            Subscription => Text::new(
                "Receives every message the topic publishes, or only those its filter policy accepts.",
                "Nhận mọi message topic phát ra, hoặc chỉ những message mà filter policy chấp nhận.",
            ),
            Rule => Text::new(
                "Delivers the events that match the pattern to this target, retrying when it fails.",
                "Chuyển các event khớp pattern tới target này, thử lại khi target lỗi.",
            ),
            EventSourceMapping => Text::new(
                "Lambda polls for batches and deletes what it processed.",
                "Lambda lấy message về theo lô và xoá những gì đã xử lý xong.",
            ),
            Poll => Text::new(
                "Instances receive messages and delete them when done.",
                "Các instance nhận message và xoá chúng khi xử lý xong.",
            ),
            Redrive => Text::new(
                "Messages received too many times without success move to this dead-letter queue.",
                "Message bị nhận quá nhiều lần mà vẫn không thành công sẽ chuyển sang dead-letter queue này.",
            ),
            OnFailure => Text::new("Where events go after the last retry fails.", "Nơi event được gửi tới khi lần thử lại cuối cùng vẫn lỗi."),
            Write => Text::new("Writes count against the target's capacity.", "Mỗi lần ghi tính vào sức chứa của đích."),
            ChangeStream => Text::new(
                "Every change to the table goes to a shard by its item key, in order; a function reads the shards in batches, and a failing batch holds its shard.",
                "Mọi thay đổi của bảng vào một shard theo khoá của item, đúng thứ tự; function đọc các shard theo lô, và một lô lỗi giữ shard của nó lại.",
            ),
            Task => Text::new(
                "A state of the state machine calls this target and waits for its answer.",
                "Một state của state machine gọi target này và chờ câu trả lời.",
            ),
            Query => Text::new("Queries read what has landed in storage.", "Truy vấn đọc những gì đã được lưu vào kho."),
            Read => Text::new(
                "A synchronous read: the caller waits for the store's answer, which counts against its read capacity.",
                "Đọc đồng bộ: bên gọi chờ câu trả lời của kho dữ liệu, mỗi lần đọc tính vào sức đọc của kho.",
            ),
        }
    }

    /// Synchronous connections hold the caller: they are the lesson's tight coupling.
    pub fn is_synchronous(self) -> bool {
        matches!(self, ConnectionKind::Call | ConnectionKind::Task | ConnectionKind::Read)
    }
}

/// Where a filter policy looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum FilterPolicyScope {
    #[default]
    MessageAttributes,
    MessageBody,
}

/// Settings that belong to the connection rather than to either end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ConnectionSettings {
    /// Subscription: SNS filter policy JSON (empty: receive everything).
    pub filter_policy: String,
    pub filter_policy_scope: FilterPolicyScope,
    /// Rule: EventBridge event pattern JSON.
    pub pattern: String,
    /// Event source mapping: records per batch (SQS default 10, Kinesis default 100).
    pub batch_size: u32,
    /// Event source mapping: how long to gather a batch, 0 to 300 s.
    pub batch_window_s: u32,
    /// Event source mapping: report failed items only, so the rest of the batch is deleted.
    pub report_batch_item_failures: bool,
    /// Stream event source mapping: split a failing batch in two to find the bad record.
    pub bisect_on_error: bool,
    /// Stream event source mapping: retries of a failing batch before its records are
    /// discarded to the on-failure destination (Lambda's MaximumRetryAttempts: -1,
    /// the default, retries until the records expire; 0 to 10,000).
    pub mapping_retry_attempts: i32,
    /// Stream event source mapping: records older than this are discarded to the
    /// on-failure destination (MaximumRecordAgeInSeconds: -1, the default, keeps them
    /// until the stream's retention; 60 to 604,800).
    pub max_record_age_s: i32,
    /// Rule: retry attempts (EventBridge default 185).
    pub max_retry_attempts: u32,
    /// Rule: maximum event age in seconds (EventBridge default 24 hours).
    pub max_event_age_s: u32,
    /// Rule or subscription: the dead-letter queue for deliveries that keep failing.
    pub dead_letter_queue: Option<ComponentId>,
    /// Task: the state name in the definition whose `Resource` this connection serves.
    pub task_state: String,
    /// Kafka stream to a consumer: the consumer group it joins; consumers sharing a group
    /// split the partitions, each group reads every record (empty: a group of its own).
    pub consumer_group: String,
    /// Subscription to a service (HTTP/S): retries after a failed delivery (SNS default 3).
    pub http_retries: u32,
    /// Subscription to a service (HTTP/S): seconds between those retries (SNS default 20).
    pub http_retry_delay_s: u32,
}

impl Default for ConnectionSettings {
    fn default() -> Self {
        ConnectionSettings {
            filter_policy: String::new(),
            filter_policy_scope: FilterPolicyScope::MessageAttributes,
            pattern: String::new(),
            batch_size: 10,
            batch_window_s: 0,
            report_batch_item_failures: false,
            bisect_on_error: false,
            mapping_retry_attempts: -1,
            max_record_age_s: -1,
            max_retry_attempts: 185,
            max_event_age_s: 86_400,
            dead_letter_queue: None,
            task_state: String::new(),
            consumer_group: String::new(),
            http_retries: 3,
            http_retry_delay_s: 20,
        }
    }
}

/// The kinds a connection from `from` to `to` may take, the default first, or why it
/// may not exist at all, in a sentence a learner understands.
pub fn allowed_kinds(from: ComponentKind, to: ComponentKind) -> Result<&'static [ConnectionKind], Message> {
    if let Some(kinds) = rule(from, to) {
        return Ok(kinds);
    }
    Err(refusal(from, to))
}

fn rule(from: ComponentKind, to: ComponentKind) -> Option<&'static [ConnectionKind]> {
    use ComponentKind::*;
    use ConnectionKind as C;
    // What a producer (client, compute) may do to each kind of target.
    fn produce(to: ComponentKind, sync_caller: bool) -> Option<&'static [ConnectionKind]> {
        Some(match to {
            Queue => &[C::Send],
            Topic => &[C::Publish],
            EventBus => &[C::PutEvent],
            Stream | DeliveryStream => &[C::PutRecord],
            Service | ApiGateway => &[C::Call],
            Function if sync_caller => &[C::Call, C::Invoke],
            Function => &[C::Invoke, C::Call],
            StateMachine => &[C::Call],
            Database | ObjectStorage | SearchIndex => &[C::Write],
            Notification => &[C::Call],
            _ => return None,
        })
    }
    // A function may also send failures somewhere.
    fn from_function(to: ComponentKind) -> Option<&'static [ConnectionKind]> {
        Some(match to {
            Queue => &[C::Send, C::OnFailure],
            Topic => &[C::Publish, C::OnFailure],
            EventBus => &[C::PutEvent, C::OnFailure],
            Function => &[C::Invoke, C::Call, C::OnFailure],
            Database | ObjectStorage | SearchIndex => &[C::Write, C::Read],
            _ => return produce(to, false),
        })
    }
    match (from, to) {
        (a, b) if a == b && !matches!(a, Queue | Service | Function | EventBus) => None,
        (Client, ApiGateway | Service | Function | Queue | Topic | EventBus | Stream | DeliveryStream | StateMachine | ObjectStorage) => {
            produce(to, true)
        }
        (ApiGateway, Service | Function | Queue | Topic | EventBus | Stream | DeliveryStream | StateMachine) => produce(to, true),
        (EventSource, Queue | Topic | EventBus | Stream) => produce(to, false),
        (EventSource, Function) => Some(&[C::Invoke]),
        (Queue, Queue) => Some(&[C::Redrive]),
        (Queue, Function) => Some(&[C::EventSourceMapping]),
        (Queue, WorkerGroup) => Some(&[C::Poll]),
        (Topic, Queue | Function | Service | Notification) => Some(&[C::Subscription]),
        (EventBus, Function | Queue | Topic | EventBus | Stream | DeliveryStream | StateMachine | Service) => Some(&[C::Rule]),
        (Stream, Function) => Some(&[C::EventSourceMapping]),
        (Stream, WorkerGroup | DeliveryStream) => Some(&[C::Poll]),
        (DeliveryStream, ObjectStorage | SearchIndex) => Some(&[C::Write]),
        (Function, _) => from_function(to),
        (WorkerGroup | Service, Database | ObjectStorage | SearchIndex) => Some(&[C::Write, C::Read]),
        (WorkerGroup | Service, _) => produce(to, true),
        (StateMachine, Function | Service | Queue | Topic | EventBus | Database | Notification | StateMachine) => Some(&[C::Task]),
        (Database, Function | Stream) => Some(&[C::ChangeStream]),
        (ObjectStorage, Function) => Some(&[C::Invoke]),
        (ObjectStorage, Queue | Topic | EventBus) => produce(to, false),
        (ObjectStorage, Analytics) => Some(&[C::Query]),
        _ => None,
    }
}

/// Why `from` cannot connect to `to`: name the right direction when there is one.
fn refusal(from: ComponentKind, to: ComponentKind) -> Message {
    use ComponentKind::*;
    let (f, t) = (from.noun(), to.noun());
    let (f_vi, t_vi) = (from.noun_in(Lang::Vi), to.noun_in(Lang::Vi));
    let (from_a, to_a) = (from.with_article(), to.with_article());
    let (cap_from_a, cap_to_a, cap_from_vi, cap_to_vi) = (capitalise(&from_a), capitalise(&to_a), capitalise(f_vi), capitalise(t_vi));
    if from == to {
        let many = if f.ends_with('x') { format!("{f}es") } else { format!("{f}s") };
        return msg!("Two {many} can't be connected this way.", "Không thể nối hai {f_vi} với nhau theo cách này.");
    }
    if rule(to, from).is_some() {
        // What the other end does on its own, so the learner sees which way data flows.
        let role = match to {
            Topic => msg!("A topic pushes to subscribers", "Topic tự đẩy message tới các subscriber"),
            Queue => msg!("A queue is polled by its consumers", "Consumer tự đến lấy message từ hàng đợi"),
            EventBus => msg!("An event bus sends events to its rule targets", "Event bus gửi event tới target của các rule"),
            Stream => msg!("A stream is read by its consumers", "Consumer tự đến đọc luồng dữ liệu"),
            Database => msg!("A database streams its changes out", "Cơ sở dữ liệu tự phát luồng thay đổi ra ngoài"),
            ObjectStorage => msg!("A bucket emits events for the objects written to it", "Kho lưu trữ đối tượng phát event cho mỗi đối tượng được ghi vào"),
            StateMachine => msg!("A state machine calls its tasks", "State machine tự gọi các tác vụ của nó"),
            _ => msg!("{cap_to_a} sends to {from_a}", "{cap_to_vi} gửi tới {f_vi}"),
        };
        let (role_en, role_vi) = (role.en, role.vi);
        return msg!(
            "{role_en}; connect the {t} to the {f}, not the {f} to the {t}.",
            "{role_vi}; hãy nối từ {t_vi} tới {f_vi}, không phải từ {f_vi} tới {t_vi}."
        );
    }
    match from {
        SearchIndex | Analytics | Notification => {
            msg!("{cap_from_a} is an end point: it sends nothing onward.", "{cap_from_vi} là điểm cuối: nó không gửi gì đi tiếp.")
        }
        Client => msg!(
            "A client can't reach {to_a} directly; put an API gateway, a queue or a function in between.",
            "Người dùng không gọi thẳng tới {t_vi} được; hãy đặt một API Gateway, một hàng đợi hoặc một hàm ở giữa."
        ),
        _ => msg!("{cap_from_a} can't send to {to_a}.", "{cap_from_vi} không gửi tới {t_vi} được."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every refusal the rule table can give has a Vietnamese sentence of its own.
    #[test]
    fn every_refusal_is_said_in_both_languages() {
        let mut refused = 0;
        for from in ComponentKind::ALL {
            for to in ComponentKind::ALL {
                if let Err(why) = allowed_kinds(from, to) {
                    refused += 1;
                    assert!(why.en.ends_with('.') && why.vi.ends_with('.'), "{why:?}");
                    assert_ne!(why.en, why.vi);
                    // No English noun or verb left in the Vietnamese sentence.
                    for english in [" can't ", " to the ", " sends ", "connect", "queue", "bucket", "function", "client"] {
                        assert!(!why.vi.contains(english), "{english:?} in {}", why.vi);
                    }
                }
            }
        }
        assert!(refused > 100, "{refused}");
    }

    #[test]
    fn every_connection_kind_has_a_vietnamese_label_and_help() {
        use ConnectionKind::*;
        let all = [
            Call, Invoke, Send, Publish, PutEvent, PutRecord, Subscription, Rule, EventSourceMapping, Poll, Redrive, OnFailure, Write,
            ChangeStream, Task, Query,
        ];
        for kind in all {
            assert_ne!(kind.label_in(Lang::Vi), kind.label(), "{kind:?}");
            assert_eq!(kind.label_in(Lang::En), kind.label());
            assert_ne!(kind.help().vi, kind.help().en);
        }
    }
}
