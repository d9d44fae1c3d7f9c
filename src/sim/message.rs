//! Messages: small records; the payload text is rendered again from a seed when needed.

use super::time::Micros;

/// Where a message is right now (queues check this before trusting a stale reference).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// Travelling, or held by a job, a call or a buffer.
    Moving,
    /// Visible in a queue (node index).
    Visible(u32),
    /// Waiting out a queue's delivery delay.
    Delayed(u32),
    /// Received from a queue and not yet deleted.
    Received(u32),
}

/// `Message::attrs` of a message that carries no attributes.
pub(crate) const NO_ATTRIBUTES: u32 = u32::MAX;

#[derive(Clone, Debug)]
pub(crate) struct Message {
    /// Unique within the run; the trace and the page know messages by it.
    pub id: u64,
    /// The first message of this lineage (copies keep it: FIFO deduplication).
    pub origin: u64,
    pub born: Micros,
    /// When it entered its current place (wait times, oldest age).
    pub since: Micros,
    /// When it was sent to the queue it is in (retention).
    pub enqueued: Micros,
    /// The node whose payload template made it.
    pub source: u32,
    /// The node whose attribute template gives its SNS message attributes (the last
    /// client or function that set some), or [`NO_ATTRIBUTES`].
    pub attrs: u32,
    pub seq: u64,
    pub seed: u64,
    /// FIFO message group (hash of the group field's value).
    pub group: u64,
    pub receives: u32,
    /// Bumped at each receive: a consumer holding an older receipt lost the message.
    pub receipt: u32,
    pub place: Place,
    pub hops: u16,
    /// Async invocation or throttled-write retries used at the current step.
    pub attempts: u8,
    /// Injected by `inject_poison`: fails at every consumer.
    pub poison: bool,
    /// Sitting in a dead-letter queue.
    pub dead: bool,
    /// Sent again from an event bus's archive (copies keep it): buses do not archive
    /// it or check its schema again, as they did when it first arrived.
    pub replayed: bool,
}
