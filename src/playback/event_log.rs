//! The event log: the latest hops of a run, newest first, bounded whatever the run's
//! length, and the filter the page's log panel applies to them.

use crate::model::ComponentId;
use crate::sim::{Hop, HopOutcome};
use std::collections::VecDeque;

/// Hops the event log keeps.
pub const LOG_HOPS: usize = 10_000;

/// Every outcome, in the order the page lists them.
pub const OUTCOMES: [HopOutcome; 5] =
    [HopOutcome::Delivered, HopOutcome::Throttled, HopOutcome::Failed, HopOutcome::Rejected, HopOutcome::DeadLettered];

/// A bit per outcome, for filters.
pub fn outcome_bit(o: HopOutcome) -> u8 {
    match o {
        HopOutcome::Delivered => 1,
        HopOutcome::Throttled => 2,
        HopOutcome::Failed => 4,
        HopOutcome::Rejected => 8,
        HopOutcome::DeadLettered => 16,
    }
}

/// Which hops the event log shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogFilter {
    /// Hops from or to this component only.
    pub component: Option<ComponentId>,
    /// Outcomes shown, as [`outcome_bit`]s.
    pub outcomes: u8,
}

impl Default for LogFilter {
    fn default() -> Self {
        LogFilter { component: None, outcomes: 0x1f }
    }
}

impl LogFilter {
    pub fn accepts(&self, h: &Hop) -> bool {
        self.outcomes & outcome_bit(h.outcome) != 0 && self.component.is_none_or(|c| h.from == c || h.to == c)
    }
}

/// The latest [`LOG_HOPS`] hops.
pub struct EventLog {
    hops: VecDeque<Hop>,
    taken: u64,
}

impl Default for EventLog {
    fn default() -> Self {
        EventLog { hops: VecDeque::with_capacity(LOG_HOPS), taken: 0 }
    }
}

impl EventLog {
    /// Keeps a hop, letting go of the oldest past [`LOG_HOPS`].
    pub fn push(&mut self, h: &Hop) {
        self.taken += 1;
        if self.hops.len() >= LOG_HOPS {
            self.hops.pop_front();
        }
        self.hops.push_back(*h);
    }

    /// Hops taken since the run started.
    pub fn hops_taken(&self) -> u64 {
        self.taken
    }

    /// The newest hops the filter accepts, newest first.
    pub fn recent(&self, filter: &LogFilter, limit: usize) -> Vec<Hop> {
        self.hops.iter().rev().filter(|h| filter.accepts(h)).take(limit).copied().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::playback::test_hop as hop;

    #[test]
    fn the_event_log_keeps_the_latest_hops_and_filters_them() {
        let mut l = EventLog::default();
        let hops: Vec<Hop> = (1..=LOG_HOPS as u64 + 10).map(|m| hop(m, 0, 1, m, HopOutcome::Delivered)).collect();
        hops.iter().for_each(|h| l.push(h));
        l.push(&hop(99_999, 1, 2, 20_000, HopOutcome::Failed));
        assert_eq!(l.hops_taken(), LOG_HOPS as u64 + 11);
        let all = l.recent(&LogFilter::default(), usize::MAX);
        assert_eq!(all.len(), LOG_HOPS, "bounded");
        assert_eq!(all[0].message, 99_999, "newest first");
        let failed = LogFilter { outcomes: outcome_bit(HopOutcome::Failed), ..LogFilter::default() };
        assert_eq!(l.recent(&failed, 10).len(), 1);
        let at_two = LogFilter { component: Some(ComponentId(2)), ..LogFilter::default() };
        assert_eq!(l.recent(&at_two, 10).iter().map(|h| h.message).collect::<Vec<_>>(), vec![99_999]);
        let none = LogFilter { outcomes: 0, ..LogFilter::default() };
        assert!(l.recent(&none, 10).is_empty());
    }
}
