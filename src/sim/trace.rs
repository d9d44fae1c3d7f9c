//! The hops the page animates, in a bounded ring: a long run keeps only the latest.

use super::time::Micros;
use crate::model::ComponentId;
use serde::Serialize;
use std::collections::VecDeque;

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

pub struct TraceRing {
    hops: VecDeque<Hop>,
    capacity: u32,
    /// Hops pushed out of the ring before anyone drained them.
    pub dropped: u64,
}

impl TraceRing {
    pub fn new(capacity: u32) -> TraceRing {
        TraceRing { hops: VecDeque::new(), capacity, dropped: 0 }
    }

    pub fn push(&mut self, hop: Hop) {
        if self.capacity == 0 {
            self.dropped += 1;
            return;
        }
        if self.hops.len() as u64 >= u64::from(self.capacity) {
            self.hops.pop_front();
            self.dropped += 1;
        }
        self.hops.push_back(hop);
    }

    /// Takes every hop recorded since the last drain, oldest first.
    pub fn drain(&mut self) -> Vec<Hop> {
        self.hops.drain(..).collect()
    }

    pub fn len(&self) -> u32 {
        self.hops.len() as u32
    }

    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }
}
