//! Topics (SNS subscriptions), event buses (rules), object storage events and sinks.
//! Delivery retries and dead-letter queues of rules and subscriptions are in `delivery.rs`.

use crate::model::spec::Spec;
use crate::model::{ComponentKind, ConnectionKind};
use crate::sim::engine::{Reply, Simulation};
use crate::sim::metrics::{Fate, Rejection};
use crate::sim::slab::Key;
use crate::sim::time::ms;
use crate::sim::trace::HopOutcome;

impl Simulation {
    /// A topic pushes to every subscription that accepts the message; a bus to every
    /// matching rule. With none, the message goes nowhere (counted as no route).
    pub(crate) fn fanout_arrive(&mut self, n: u32, msg: Key, frame: Key) -> HopOutcome {
        if self.is_down(n) {
            self.nodes[n as usize].totals.errors += 1;
            self.finish(msg, Fate::Failed);
            self.reply(frame, Reply::ServerError);
            return HopOutcome::Failed;
        }
        let wanted = if self.nodes[n as usize].kind == ComponentKind::Topic { ConnectionKind::Subscription } else { ConnectionKind::Rule };
        let candidates: Vec<u32> = self.nodes[n as usize].out.iter().copied().filter(|&l| self.links[l as usize].kind == wanted).collect();
        let mut payload = None;
        let targets: Vec<u32> = candidates.into_iter().filter(|&l| self.accepts(l, msg, &mut payload)).collect();
        self.reply(frame, Reply::Ok);
        if targets.is_empty() {
            self.finish(msg, Fate::Rejected(Rejection::NoRoute));
            return HopOutcome::Delivered;
        }
        self.nodes[n as usize].totals.processed += 1;
        self.deliver_all(&targets, msg);
        HopOutcome::Delivered
    }

    /// Object storage keeps the object, lets analytics count it, and emits an event per
    /// write to its connected function, queue, topic or bus.
    pub(crate) fn object_storage_arrive(&mut self, n: u32, msg: Key, frame: Key) -> HopOutcome {
        if self.is_down(n) {
            self.nodes[n as usize].totals.errors += 1;
            self.finish(msg, Fate::Failed);
            self.reply(frame, Reply::ServerError);
            return HopOutcome::Failed;
        }
        self.nodes[n as usize].totals.processed += 1;
        let queries: Vec<u32> =
            self.nodes[n as usize].out.iter().copied().filter(|&l| self.links[l as usize].kind == ConnectionKind::Query).collect();
        for l in queries {
            let to = self.links[l as usize].to as usize;
            if let Some(a) = self.nodes.get_mut(to) {
                a.totals.received += 1;
                a.totals.processed += 1;
            }
        }
        self.reply(frame, Reply::Ok);
        self.forward(n, msg);
        HopOutcome::Delivered
    }

    /// Search index, analytics, notification: the message ends here. The search index
    /// records how far its read model lags the original write (including its refresh).
    pub(crate) fn sink_arrive(&mut self, n: u32, msg: Key, frame: Key) -> HopOutcome {
        if self.is_down(n) {
            self.nodes[n as usize].totals.errors += 1;
            self.finish(msg, Fate::Failed);
            self.reply(frame, Reply::ServerError);
            return HopOutcome::Failed;
        }
        let refresh = match &self.nodes[n as usize].spec {
            Spec::SearchIndex(s) => Some(ms(s.refresh_ms)),
            _ => None,
        };
        if let (Some(refresh), Some(m)) = (refresh, self.msgs.get(msg)) {
            let lag = self.now.saturating_sub(m.born) + refresh;
            let t = &mut self.nodes[n as usize].totals;
            t.lag_sum_us += u128::from(lag);
            t.lags += 1;
            t.max_lag_us = t.max_lag_us.max(lag);
        }
        self.nodes[n as usize].totals.processed += 1;
        self.finish(msg, Fate::Consumed);
        self.reply(frame, Reply::Ok);
        HopOutcome::Delivered
    }
}
