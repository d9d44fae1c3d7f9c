//! A message's story for the message inspector: its hops in causal order, which of them
//! were retries, and how it ended (waiting, stored, dead-lettered, failed...).

use crate::model::{ComponentId, ComponentKind};
use crate::sim::{Hop, HopOutcome};

/// Why a message's story ends where it does, from its last hop and whether the engine
/// still holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Still alive at this component: waiting there or being worked on.
    At(ComponentId),
    /// In this dead-letter queue.
    DeadLettered(ComponentId),
    /// Refused or failed here, and the engine still holds it: a retry is coming.
    RetryPending(ComponentId, HopOutcome),
    Failed(ComponentId),
    Throttled(ComponentId),
    Rejected(ComponentId),
    /// Landed in a store or sink: the journey is complete.
    Stored(ComponentId),
    /// Gone after arriving here: consumed (nowhere further to send it), or failed while
    /// this component worked on it with no retry left.
    EndedAt(ComponentId),
}

/// A message's hops told as a story: which hops were retries, and how it ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    pub hops: Vec<Hop>,
    /// Per hop: it repeats an earlier hop between the same two components.
    pub retry: Vec<bool>,
    pub retries: u32,
    pub ending: Option<Ending>,
}

pub fn story(hops: &[Hop], alive: bool, kind_of: impl Fn(ComponentId) -> Option<ComponentKind>) -> Story {
    let hops = in_causal_order(hops);
    let hops = hops.as_slice();
    let retry: Vec<bool> = hops.iter().enumerate().map(|(i, h)| hops[..i].iter().any(|e| (e.from, e.to) == (h.from, h.to))).collect();
    let retries = retry.iter().filter(|r| **r).count() as u32;
    let ending = hops.last().map(|last| {
        let at = last.to;
        match (last.outcome, alive) {
            (HopOutcome::DeadLettered, _) => Ending::DeadLettered(at),
            (HopOutcome::Delivered, true) => Ending::At(at),
            (outcome, true) => Ending::RetryPending(at, outcome),
            (HopOutcome::Failed, false) => Ending::Failed(at),
            (HopOutcome::Throttled, false) => Ending::Throttled(at),
            (HopOutcome::Rejected, false) => Ending::Rejected(at),
            (HopOutcome::Delivered, false) if kind_of(at).is_some_and(is_store) => Ending::Stored(at),
            (HopOutcome::Delivered, false) => Ending::EndedAt(at),
        }
    });
    Story { hops: hops.to_vec(), retry, retries, ending }
}

/// The engine records a hop once its target has taken the message in, so a hop the
/// target makes at the same instant (a topic's first delivery) comes first in the
/// trace. Within one instant, a hop into a component goes before the hops out of it.
fn in_causal_order(hops: &[Hop]) -> Vec<Hop> {
    let mut out = Vec::with_capacity(hops.len());
    let mut start = 0;
    while start < hops.len() {
        let end = start + hops[start..].iter().take_while(|h| h.arrive_us == hops[start].arrive_us).count();
        let mut group: Vec<Hop> = hops[start..end].to_vec();
        while !group.is_empty() {
            // The first hop whose source no other hop of the instant leads into.
            let next = group.iter().position(|h| !group.iter().any(|o| o.to == h.from && o.from != h.from)).unwrap_or(0);
            out.push(group.remove(next));
        }
        start = end;
    }
    out
}

fn is_store(kind: ComponentKind) -> bool {
    use ComponentKind::*;
    matches!(kind, Database | ObjectStorage | SearchIndex | Analytics | Notification)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::playback::test_hop as hop;

    #[test]
    fn stories_say_which_hops_were_retries_and_how_it_ended() {
        let kinds = |id: ComponentId| Some([ComponentKind::Client, ComponentKind::Queue, ComponentKind::Function, ComponentKind::Database][id.0 as usize % 4]);
        let retried = [hop(1, 0, 1, 0, HopOutcome::Delivered), hop(1, 1, 2, 10, HopOutcome::Delivered), hop(1, 1, 2, 40, HopOutcome::Delivered)];
        let s = story(&retried, true, kinds);
        assert_eq!((s.retry.clone(), s.retries), (vec![false, false, true], 1));
        assert_eq!(s.ending, Some(Ending::At(ComponentId(2))));
        assert_eq!(story(&retried, false, kinds).ending, Some(Ending::EndedAt(ComponentId(2))));
        let stored = [hop(2, 2, 3, 0, HopOutcome::Delivered)];
        assert_eq!(story(&stored, false, kinds).ending, Some(Ending::Stored(ComponentId(3))));
        let dlq = [hop(3, 1, 3, 0, HopOutcome::DeadLettered)];
        assert_eq!(story(&dlq, true, kinds).ending, Some(Ending::DeadLettered(ComponentId(3))));
        let failed = [hop(4, 0, 2, 0, HopOutcome::Failed)];
        assert_eq!(story(&failed, false, kinds).ending, Some(Ending::Failed(ComponentId(2))));
        assert_eq!(story(&failed, true, kinds).ending, Some(Ending::RetryPending(ComponentId(2), HopOutcome::Failed)));
        // A topic's first delivery is traced before the hop that brought the message.
        let traced = [hop(7, 1, 2, 5, HopOutcome::Failed), hop(7, 0, 1, 5, HopOutcome::Delivered), hop(7, 1, 2, 5, HopOutcome::Failed)];
        let s = story(&traced, true, kinds);
        assert_eq!(s.hops.iter().map(|h| (h.from.0, h.to.0)).collect::<Vec<_>>(), vec![(0, 1), (1, 2), (1, 2)]);
        assert_eq!(s.retry, vec![false, false, true]);
        let throttled = [hop(5, 0, 2, 0, HopOutcome::Throttled)];
        assert_eq!(story(&throttled, false, kinds).ending, Some(Ending::Throttled(ComponentId(2))));
        let rejected = [hop(6, 0, 1, 0, HopOutcome::Rejected)];
        assert_eq!(story(&rejected, false, kinds).ending, Some(Ending::Rejected(ComponentId(1))));
        assert_eq!(story(&[], false, kinds).ending, None);
    }
}
