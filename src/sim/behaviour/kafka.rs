//! Kafka consumer groups on a stream with `flavour: kafka` (the classic group protocol
//! with eager rebalancing, and the range assignor):
//!
//! - Each partition of a group goes to one live member; with more members than
//!   partitions the extra ones read nothing. The range assignor (the first in the Java
//!   consumer's default `partition.assignment.strategy`): members in connection order,
//!   each takes `partitions / members` consecutive partitions, the first
//!   `partitions % members` one more.
//! - A member that goes down stops heartbeating (every 3 s, `heartbeat.interval.ms`);
//!   the coordinator removes it `session.timeout.ms` (45 s, the default since Kafka 3.0)
//!   after the first beat it missed, and starts a rebalance. A member that comes back
//!   joins at once, which starts one too. Back within the session timeout, it simply
//!   carries on.
//! - A rebalance stops the whole group (eager protocol: every member gives up its
//!   partitions and rejoins, which takes them up to one heartbeat, 3 s) and then the
//!   partitions are assigned again among the live members. Positions are the committed
//!   offsets: the new owner carries on where the old one committed, so nothing is lost;
//!   a batch the dead member was processing is read again (at-least-once).
//! - The group a run starts with is formed before the first record (no initial
//!   rebalance delay).

use crate::model::spec::StreamFlavour;
use crate::sim::engine::Simulation;
use crate::sim::time::{Micros, MICROS_PER_S};

/// `session.timeout.ms` default (45 s since Kafka 3.0, KIP-735).
const SESSION_TIMEOUT: Micros = 45 * MICROS_PER_S;
/// `heartbeat.interval.ms` default: how often members beat, and how soon they hear of a
/// rebalance.
const HEARTBEAT: Micros = 3 * MICROS_PER_S;
/// How long an eager rebalance stops the group: members rejoin at their next heartbeat.
const REBALANCE_PAUSE: Micros = HEARTBEAT;

/// A consumer group as its coordinator sees it.
pub(crate) struct Group {
    /// Per member: in the group, and when its heartbeats stopped (while still in it).
    live: Vec<bool>,
    silent_since: Vec<Option<Micros>>,
    /// Per partition: the member (index) that owns it.
    owner: Vec<Option<usize>>,
    /// A rebalance under way ends then.
    rebalance_until: Option<Micros>,
    pub rebalances: u32,
}

/// The range assignor over the members in the group.
fn range_assign(live: &[bool], partitions: u32) -> Vec<Option<usize>> {
    let members: Vec<usize> = (0..live.len()).filter(|&m| live[m]).collect();
    let mut owner = vec![None; partitions as usize];
    if members.is_empty() {
        return owner;
    }
    let (each, extra) = (owner.len() / members.len(), owner.len() % members.len());
    let mut next = 0;
    for (i, &m) in members.iter().enumerate() {
        let count = each + usize::from(i < extra);
        for slot in owner.iter_mut().skip(next).take(count) {
            *slot = Some(m);
        }
        next += count;
    }
    owner
}

impl Group {
    /// The group a run starts with: the members that are up, partitions assigned.
    pub fn new(up: &[bool], partitions: u32) -> Group {
        Group {
            live: up.to_vec(),
            silent_since: vec![None; up.len()],
            owner: range_assign(up, partitions),
            rebalance_until: None,
            rebalances: 0,
        }
    }

    /// The member reading `partition` now (none while the group rebalances).
    pub fn owner_of(&self, partition: u32) -> Option<usize> {
        if self.rebalancing() {
            return None;
        }
        self.owner.get(partition as usize).copied().flatten()
    }

    pub fn rebalancing(&self) -> bool {
        self.rebalance_until.is_some()
    }

    fn start_rebalance(&mut self, now: Micros) {
        if self.rebalance_until.is_none() {
            self.rebalance_until = Some(now + REBALANCE_PAUSE);
            self.rebalances += 1;
        }
    }

    /// Compares the members that are `up` with the group; returns when it next needs a
    /// look (a session running out, a rebalance ending).
    fn heartbeat(&mut self, now: Micros, up: &[bool]) -> Micros {
        let mut wake = Micros::MAX;
        for (m, &alive) in up.iter().enumerate() {
            let (Some(live), Some(silent)) = (self.live.get(m).copied(), self.silent_since.get(m).copied()) else { continue };
            match (live, alive) {
                (true, false) => {
                    let expires = silent.unwrap_or(now) + SESSION_TIMEOUT;
                    if now >= expires {
                        self.live[m] = false;
                        self.silent_since[m] = None;
                        self.start_rebalance(now);
                    } else {
                        self.silent_since[m] = Some(silent.unwrap_or(now));
                        wake = wake.min(expires);
                    }
                }
                (true, true) => self.silent_since[m] = None,
                (false, true) => {
                    self.live[m] = true;
                    self.start_rebalance(now);
                }
                (false, false) => {}
            }
        }
        if let Some(until) = self.rebalance_until {
            if now >= until {
                self.owner = range_assign(&self.live, self.owner.len() as u32);
                self.rebalance_until = None;
            } else {
                wake = wake.min(until);
            }
        }
        wake
    }
}

impl Simulation {
    /// The coordinator's look at every group of a Kafka stream; returns when it needs
    /// the next (at least every heartbeat, to notice members that went down).
    pub(crate) fn heartbeat_groups(&mut self, s: u32) -> Micros {
        let now = self.now;
        let Some(st) = self.stream_ref(s) else { return Micros::MAX };
        if st.flavour != StreamFlavour::Kafka || st.readers.is_empty() {
            return Micros::MAX;
        }
        let up: Vec<Vec<bool>> = st
            .readers
            .iter()
            .map(|r| r.members.iter().map(|&l| self.links.get(l as usize).is_some_and(|l| !self.is_down(l.to))).collect())
            .collect();
        let Some(st) = self.stream_state(s) else { return Micros::MAX };
        let mut wake = now + HEARTBEAT;
        for (reader, up) in st.readers.iter_mut().zip(&up) {
            if let Some(g) = reader.group.as_mut() {
                wake = wake.min(g.heartbeat(now, up));
            }
        }
        wake
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_assignor_gives_the_first_members_one_more() {
        assert_eq!(range_assign(&[true, true], 4), vec![Some(0), Some(0), Some(1), Some(1)]);
        assert_eq!(range_assign(&[true, false, true], 5), vec![Some(0), Some(0), Some(0), Some(2), Some(2)]);
        assert_eq!(range_assign(&[true, true, true], 2), vec![Some(0), Some(1)]);
        assert_eq!(range_assign(&[false], 2), vec![None, None]);
    }

    #[test]
    fn a_silent_member_leaves_after_the_session_timeout_then_the_group_waits_out_the_rebalance() {
        let mut g = Group::new(&[true, true], 4);
        assert_eq!(g.heartbeat(0, &[true, false]), SESSION_TIMEOUT);
        assert_eq!(g.owner_of(3), Some(1), "still its partition while the session lasts");
        assert_eq!(g.heartbeat(SESSION_TIMEOUT, &[true, false]), SESSION_TIMEOUT + REBALANCE_PAUSE);
        assert!(g.rebalancing() && g.owner_of(0).is_none(), "stop-the-world");
        g.heartbeat(SESSION_TIMEOUT + REBALANCE_PAUSE, &[true, false]);
        assert_eq!((0..4).map(|p| g.owner_of(p)).collect::<Vec<_>>(), vec![Some(0); 4]);
        assert_eq!(g.rebalances, 1);
    }
}
