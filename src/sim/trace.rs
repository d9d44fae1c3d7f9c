//! The hops the page animates, in a bounded ring: a long run keeps only the latest.

use super::time::Micros;
use crate::model::ComponentId;
use serde::Serialize;

/// What happened to a message on one hop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HopOutcome {
    /// Arrived and was taken in.
    Delivered,
    /// Refused with 429 / throttled.
    Throttled,
    /// The target was down or failed it.
    Failed,
    /// Refused: no route, filtered, deduplicated, loop.
    Rejected,
    /// Moved to a dead-letter queue.
    DeadLettered,
}

/// One message moving from one component to another.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Hop {
    pub message: u64,
    pub from: ComponentId,
    pub to: ComponentId,
    pub depart_us: Micros,
    pub arrive_us: Micros,
    pub outcome: HopOutcome,
}

/// A hop as the engine records it: node indices and the arrival time only (the
/// ids and the departure are filled in when the page drains the ring, not per hop).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawHop {
    pub message: u64,
    pub from: u32,
    pub to: u32,
    pub arrive_us: Micros,
    pub outcome: HopOutcome,
}

/// A ring over one buffer that is never shifted: a full ring overwrites its oldest
/// hop in place (every hop of a long run is recorded, so this is on the hot path).
pub struct TraceRing {
    hops: Vec<RawHop>,
    /// Index of the oldest hop, and how many there are.
    head: usize,
    len: usize,
    capacity: usize,
    /// Hops pushed out of the ring before anyone drained them.
    pub dropped: u64,
}

impl TraceRing {
    pub fn new(capacity: u32) -> TraceRing {
        TraceRing { hops: Vec::new(), head: 0, len: 0, capacity: capacity as usize, dropped: 0 }
    }

    pub(crate) fn push(&mut self, hop: RawHop) {
        if self.len == self.capacity {
            self.dropped += 1;
            if self.capacity == 0 {
                return;
            }
            // Full: the newest takes the oldest's place, which becomes the next oldest.
            self.hops[self.head] = hop;
            self.head = if self.head + 1 == self.capacity { 0 } else { self.head + 1 };
            return;
        }
        let at = self.head + self.len;
        let at = if at >= self.capacity { at - self.capacity } else { at };
        if at < self.hops.len() {
            self.hops[at] = hop;
        } else {
            self.hops.push(hop);
        }
        self.len += 1;
    }

    /// Takes every hop recorded since the last drain, oldest first, each made whole
    /// by `hop` (node ids, departure; None leaves it out).
    pub(crate) fn drain(&mut self, hop: impl Fn(RawHop) -> Option<Hop>) -> Vec<Hop> {
        let (head, len) = (self.head, self.len);
        self.head = 0;
        self.len = 0;
        (0..len).filter_map(|i| hop(self.hops[(head + i) % self.capacity])).collect()
    }

    pub fn len(&self) -> u32 {
        self.len as u32
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(message: u64) -> RawHop {
        RawHop { message, from: 0, to: 1, arrive_us: message * 10, outcome: HopOutcome::Delivered }
    }

    fn whole(h: RawHop) -> Option<Hop> {
        Some(Hop { message: h.message, from: ComponentId(h.from), to: ComponentId(h.to), depart_us: h.arrive_us, arrive_us: h.arrive_us, outcome: h.outcome })
    }

    #[test]
    fn a_full_ring_keeps_the_latest_in_order_and_counts_the_rest() {
        let mut ring = TraceRing::new(3);
        for m in 1..=5 {
            ring.push(raw(m));
        }
        assert_eq!(ring.len(), 3);
        assert_eq!(ring.dropped, 2);
        let kept: Vec<u64> = ring.drain(whole).iter().map(|h| h.message).collect();
        assert_eq!(kept, vec![3, 4, 5]);
        assert!(ring.is_empty());
        // After a drain the buffer is reused from its start.
        for m in 6..=7 {
            ring.push(raw(m));
        }
        let kept: Vec<u64> = ring.drain(whole).iter().map(|h| h.message).collect();
        assert_eq!(kept, vec![6, 7]);
    }

    #[test]
    fn a_ring_of_no_hops_only_counts() {
        let mut ring = TraceRing::new(0);
        ring.push(raw(1));
        assert_eq!((ring.len(), ring.dropped), (0, 1));
        assert!(ring.drain(whole).is_empty());
    }
}
