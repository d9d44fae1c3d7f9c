//! Connection kinds and the rule table that says which ends may connect, and how.

use super::ids::ComponentId;
use super::kind::ComponentKind;
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
        }
    }

    /// Synchronous connections hold the caller: they are the lesson's tight coupling.
    pub fn is_synchronous(self) -> bool {
        matches!(self, ConnectionKind::Call | ConnectionKind::Task)
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
    /// Rule: retry attempts (EventBridge default 185).
    pub max_retry_attempts: u32,
    /// Rule: maximum event age in seconds (EventBridge default 24 hours).
    pub max_event_age_s: u32,
    /// Rule or subscription: the dead-letter queue for deliveries that keep failing.
    pub dead_letter_queue: Option<ComponentId>,
    /// Task: the state name in the definition whose `Resource` this connection serves.
    pub task_state: String,
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
            max_retry_attempts: 185,
            max_event_age_s: 86_400,
            dead_letter_queue: None,
            task_state: String::new(),
        }
    }
}

/// The kinds a connection from `from` to `to` may take, the default first, or why it
/// may not exist at all, in a sentence a learner understands.
pub fn allowed_kinds(from: ComponentKind, to: ComponentKind) -> Result<&'static [ConnectionKind], String> {
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
fn refusal(from: ComponentKind, to: ComponentKind) -> String {
    use ComponentKind::*;
    if from == to {
        return format!("Two {}s can't be connected this way.", from.noun());
    }
    if rule(to, from).is_some() {
        let role = match to {
            Topic => "A topic pushes to subscribers".to_string(),
            Queue => "A queue is polled by its consumers".to_string(),
            EventBus => "An event bus sends events to its rule targets".to_string(),
            Stream => "A stream is read by its consumers".to_string(),
            Database => "A database streams its changes out".to_string(),
            ObjectStorage => "A bucket emits events for the objects written to it".to_string(),
            StateMachine => "A state machine calls its tasks".to_string(),
            _ => format!("{} sends to {}", capitalise(&to.with_article()), from.with_article()),
        };
        return format!(
            "{role}; connect the {} to the {}, not the {} to the {}.",
            to.noun(),
            from.noun(),
            from.noun(),
            to.noun()
        );
    }
    match from {
        SearchIndex | Analytics | Notification => {
            format!("{} is an end point: it sends nothing onward.", capitalise(&from.with_article()))
        }
        Client => format!("A client can't reach {} directly; put an API gateway, a queue or a function in between.", to.with_article()),
        _ => format!("{} can't send to {}.", capitalise(&from.with_article()), to.with_article()),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
