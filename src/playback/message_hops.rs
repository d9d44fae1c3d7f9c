//! Each recent message's hops, for the message inspector: a slot per message id in a
//! fixed ring, so a long run keeps the newest [`MESSAGES`] messages and no more.

use crate::sim::Hop;

/// Messages whose hops are kept for the message inspector (the newest ids).
pub const MESSAGES: usize = 4_096;
/// Hops kept per message (the engine refuses a message past 64 hops anyway).
pub const HOPS_PER_MESSAGE: usize = 64;

struct MessageSlot {
    id: u64,
    hops: Vec<Hop>,
}

/// The hops of the newest [`MESSAGES`] messages.
pub struct MessageHops {
    slots: Vec<MessageSlot>,
}

impl Default for MessageHops {
    fn default() -> Self {
        MessageHops { slots: (0..MESSAGES).map(|_| MessageSlot { id: 0, hops: Vec::new() }).collect() }
    }
}

impl MessageHops {
    /// Keeps a hop with its message's others.
    pub fn remember(&mut self, h: &Hop) {
        let slot = &mut self.slots[(h.message % MESSAGES as u64) as usize];
        if slot.id != h.message {
            if h.message < slot.id {
                return; // an old message whose place a newer one took
            }
            slot.id = h.message;
            slot.hops.clear();
        }
        if slot.hops.len() >= HOPS_PER_MESSAGE {
            slot.hops.remove(0);
        }
        slot.hops.push(*h);
    }

    /// A recent message's hops, oldest first (None once newer messages took its place).
    pub fn message(&self, id: u64) -> Option<&[Hop]> {
        let slot = &self.slots[(id % MESSAGES as u64) as usize];
        (slot.id == id && id != 0).then_some(slot.hops.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::HopOutcome;

    use crate::playback::test_hop as hop;

    #[test]
    fn a_message_keeps_its_hops_until_newer_messages_take_its_place() {
        let mut l = MessageHops::default();
        take(&mut l, &[hop(5, 0, 1, 0, HopOutcome::Delivered), hop(5, 1, 2, 100, HopOutcome::Delivered)]);
        assert_eq!(l.message(5).map(<[Hop]>::len), Some(2));
        assert_eq!(l.message(6), None);
        let newer = 5 + MESSAGES as u64;
        take(&mut l, &[hop(newer, 0, 1, 200, HopOutcome::Delivered)]);
        assert_eq!(l.message(5), None, "its slot went to a newer message");
        // A late hop of the old message does not disturb the newer one.
        take(&mut l, &[hop(5, 2, 3, 300, HopOutcome::Delivered)]);
        assert_eq!(l.message(newer).map(<[Hop]>::len), Some(1));
        // A message that loops keeps only its latest hops.
        let looping: Vec<Hop> = (0..100).map(|i| hop(7, 1, 2, 400 + i, HopOutcome::Delivered)).collect();
        take(&mut l, &looping);
        assert_eq!(l.message(7).map(<[Hop]>::len), Some(HOPS_PER_MESSAGE));
        assert_eq!(l.message(7).and_then(|h| h.last()).map(|h| h.arrive_us), Some(499_000));
    }

    fn take(l: &mut MessageHops, hops: &[Hop]) {
        hops.iter().for_each(|h| l.remember(h));
    }
}
