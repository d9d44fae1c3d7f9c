//! The event heap: ordered by (simulated time, sequence), ties in insertion order.

use super::slab::Key;
use super::time::Micros;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// Something that happens at one instant. Kept small: the heap moves these a lot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    /// A client or event source may emit its next request (stale if `generation` moved on).
    Tick { node: u32, generation: u32 },
    /// A message arrives over a connection; `frame` is the waiting caller, if any.
    Deliver { link: u32, msg: Key, frame: Key },
    /// A writer's SDK sends a throttled write again: the same request, not a new
    /// arrival (the target counts it in `retries`, not `received`).
    RetryWrite { link: u32, msg: Key, frame: Key },
    /// A queue's earliest delay or visibility deadline.
    QueueTimer { node: u32 },
    /// A consumer may take more work (batch window over, instance warm, outage over).
    Pump { node: u32 },
    /// A job's processing time is over.
    JobDone { job: Key },
    /// A caller's timeout.
    CallTimeout { frame: Key },
    /// A worker instance finished warming up.
    InstanceReady { node: u32 },
    /// Auto Scaling looks at the backlog.
    Scale { node: u32 },
    /// A delivery stream writes its buffer.
    Flush { node: u32 },
    /// Per-second metrics.
    Sample,
    /// A Step Functions thread's timer (branch start, Wait state, retry).
    ExecResume { thread: Key },
    /// An execution's `TimeoutSeconds`.
    ExecTimeout { exec: Key },
    /// A rule or subscription tries to deliver a held message again.
    Redeliver { link: u32, msg: Key },
    /// An event bus replays its archive to its rules.
    Replay { node: u32 },
    /// A store answers a read (after its read latency).
    ReadDone { node: u32, msg: Key, frame: Key },
}

#[derive(Debug)]
struct Scheduled {
    at: Micros,
    seq: u64,
    event: Event,
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at && self.seq == other.seq
    }
}
impl Eq for Scheduled {}
impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Scheduled {
    // Reversed: BinaryHeap is a max-heap and we want the earliest first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.at.cmp(&self.at).then_with(|| other.seq.cmp(&self.seq))
    }
}

/// The heap, plus a plain FIFO for events due at the current instant (most hops):
/// they would sort after everything already in the heap for this instant anyway, so
/// taking the smaller (time, sequence) of the two fronts gives exactly the heap's
/// order without its cost.
#[derive(Default)]
pub(crate) struct EventQueue {
    heap: BinaryHeap<Scheduled>,
    now: Micros,
    immediate: VecDeque<(u64, Event)>,
    seq: u64,
}

impl EventQueue {
    pub fn push(&mut self, at: Micros, event: Event) {
        self.seq += 1;
        if at == self.now {
            self.immediate.push_back((self.seq, event));
        } else {
            self.heap.push(Scheduled { at, seq: self.seq, event });
        }
    }

    pub fn peek_time(&self) -> Option<Micros> {
        if !self.immediate.is_empty() {
            return Some(self.now);
        }
        self.heap.peek().map(|s| s.at)
    }

    /// The next event if it is due at or before `t` (one look at both fronts: the
    /// event loop's peek and pop in one).
    #[inline]
    pub fn pop_until(&mut self, t: Micros) -> Option<(Micros, Event)> {
        let heap_first = match (self.immediate.front(), self.heap.peek()) {
            (None, None) => return None,
            (None, Some(top)) => {
                if top.at > t {
                    return None;
                }
                true
            }
            (Some(_), _) if self.now > t => return None,
            (Some(_), None) => false,
            (Some(&(seq, _)), Some(top)) => top.at == self.now && top.seq < seq,
        };
        if heap_first {
            let s = self.heap.pop()?;
            // Time only moves forward; the immediate FIFO is empty when it does.
            self.now = s.at;
            Some((s.at, s.event))
        } else {
            self.immediate.pop_front().map(|(_, e)| (self.now, e))
        }
    }

    /// The clock moved to `t` without an event (end of a slice).
    pub fn set_now(&mut self, t: Micros) {
        if self.immediate.is_empty() && t >= self.now {
            self.now = t;
        }
    }

    /// Every pending event, in no particular order (for audits).
    pub fn iter(&self) -> impl Iterator<Item = &Event> + '_ {
        self.heap.iter().map(|s| &s.event).chain(self.immediate.iter().map(|(_, e)| e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immediate_events_keep_heap_order() {
        let mut q = EventQueue::default();
        q.push(0, Event::Pump { node: 1 }); // immediate (now = 0)
        q.push(4, Event::Pump { node: 2 });
        assert_eq!(q.pop_until(Micros::MAX), Some((0, Event::Pump { node: 1 })));
        assert_eq!(q.pop_until(Micros::MAX), Some((4, Event::Pump { node: 2 })));
        q.push(4, Event::Pump { node: 3 }); // now = 4: immediate
        q.push(9, Event::Pump { node: 4 });
        q.push(4, Event::Pump { node: 5 });
        let order: Vec<_> = std::iter::from_fn(|| q.pop_until(Micros::MAX)).collect();
        assert_eq!(order, vec![(4, Event::Pump { node: 3 }), (4, Event::Pump { node: 5 }), (9, Event::Pump { node: 4 })]);
    }

    #[test]
    fn pop_until_leaves_later_events() {
        let mut q = EventQueue::default();
        q.push(0, Event::Pump { node: 1 }); // immediate (now = 0)
        q.push(7, Event::Pump { node: 2 });
        assert_eq!(q.pop_until(0), Some((0, Event::Pump { node: 1 })));
        assert_eq!(q.pop_until(6), None);
        assert_eq!(q.pop_until(7), Some((7, Event::Pump { node: 2 })));
        q.push(7, Event::Pump { node: 3 }); // immediate at 7
        assert_eq!(q.pop_until(6), None);
        assert_eq!(q.pop_until(7), Some((7, Event::Pump { node: 3 })));
    }

    #[test]
    fn earliest_first_ties_in_insertion_order() {
        let mut q = EventQueue::default();
        q.push(5, Event::Pump { node: 1 });
        q.push(3, Event::Pump { node: 2 });
        q.push(5, Event::Pump { node: 3 });
        q.push(3, Event::Pump { node: 4 });
        let order: Vec<_> = std::iter::from_fn(|| q.pop_until(Micros::MAX)).collect();
        assert_eq!(
            order,
            vec![
                (3, Event::Pump { node: 2 }),
                (3, Event::Pump { node: 4 }),
                (5, Event::Pump { node: 1 }),
                (5, Event::Pump { node: 3 })
            ]
        );
    }
}
