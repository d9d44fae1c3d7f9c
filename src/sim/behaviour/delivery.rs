//! How rules (EventBridge) and subscriptions (SNS) deliver to their targets, retry a
//! target that is unavailable, and give up to a dead-letter queue.
//!
//! A delivery fails when the target is down, or, for a service (an HTTP endpoint or
//! API destination), when it answers with an error or not within the timeout (5 s for
//! rules, 15 s for subscriptions). Functions are invoked asynchronously: Lambda takes
//! the event and its own retries and on-failure destination handle errors.
//!
//! - Rules retry with exponential backoff (1 s doubling, at most 5 minutes between
//!   tries, jittered) up to the connection's `max_retry_attempts` (185 by default) and
//!   `max_event_age_s` (24 h by default).
//! - Subscriptions follow SNS's delivery policies: to an HTTP service, the connection's
//!   `http_retries` (3 by default) `http_retry_delay_s` apart (20 s by default), within
//!   an hour; to AWS-managed endpoints (functions, queues...), 3 immediate retries, 2
//!   after 1 s, 10 backing off from 1 s to 20 s, then every 20 s, for up to 23 days.
//!
//! Then the message goes to the connection's `dead_letter_queue` (a queue), or, with
//! none (or one that is down), it is counted failed. While it waits for the next try
//! the message is held by the bus or topic (a `Redeliver` event); the retries done are
//! kept in its receive count, which a queue resets anyway.

use crate::model::{ComponentId, ComponentKind, ConnectionKind};
use crate::sim::engine::{Caller, Reply, Simulation};
use crate::sim::event::Event;
use crate::sim::message::Place;
use crate::sim::metrics::{Fate, Rejection};
use crate::sim::slab::Key;
use crate::sim::time::{Micros, MICROS_PER_S};
use crate::sim::trace::HopOutcome;

const RULE_HTTP_TIMEOUT: Micros = 5 * MICROS_PER_S;
const SUBSCRIPTION_HTTP_TIMEOUT: Micros = 15 * MICROS_PER_S;
const RULE_MAX_BACKOFF: Micros = 300 * MICROS_PER_S;
const SNS_MANAGED_RETRIES: u32 = 100_014;
const SNS_MANAGED_MAX_AGE: Micros = 23 * 86_400 * MICROS_PER_S;
/// SNS's HTTP/S delivery policy may not retry for longer than 3,600 s in all.
const SNS_HTTP_MAX_AGE: Micros = 3_600 * MICROS_PER_S;

/// SNS's delay before retry number `tried + 1` to an AWS-managed endpoint.
fn sns_managed_delay(tried: u32) -> Micros {
    match tried {
        0..=2 => 0,
        3..=4 => MICROS_PER_S,
        5..=14 => (MICROS_PER_S << (tried - 5).min(5)).min(20 * MICROS_PER_S),
        _ => 20 * MICROS_PER_S,
    }
}

impl Simulation {
    /// Sends `msg` to every accepting rule or subscription (copies for all but one).
    pub(crate) fn deliver_all(&mut self, links: &[u32], msg: Key) {
        let Some((&first, rest)) = links.split_first() else {
            self.finish(msg, Fate::Consumed);
            return;
        };
        for &l in rest {
            if let Some(copy) = self.copy_message(msg) {
                self.start_delivery(l, copy);
            }
        }
        self.start_delivery(first, msg);
    }

    fn start_delivery(&mut self, link: u32, msg: Key) {
        let now = self.now;
        if let Some(m) = self.msgs.get_mut(msg) {
            m.attempts = 0;
            m.receives = 0;
            m.enqueued = now;
            m.place = Place::Moving;
        }
        self.attempt_delivery(link, msg);
    }

    fn attempt_delivery(&mut self, link: u32, msg: Key) {
        let Some(l) = self.links.get(link as usize) else {
            self.finish(msg, Fate::Rejected(Rejection::NoRoute));
            return;
        };
        let (from, to, kind) = (l.from, l.to, l.kind);
        if self.is_down(to) {
            let id = self.message_id(msg);
            self.record_hop(id, from, to, HopOutcome::Failed);
            self.delivery_failed(link, msg);
            return;
        }
        if self.nodes[to as usize].kind == ComponentKind::Service {
            // An HTTP endpoint: delivered when it answers 2xx in time. The bus or topic
            // keeps the event; the service gets the request.
            let Some(request) = self.copy_message(msg) else {
                self.delivery_failed(link, msg);
                return;
            };
            let timeout = if kind == ConnectionKind::Rule { RULE_HTTP_TIMEOUT } else { SUBSCRIPTION_HTTP_TIMEOUT };
            self.call(link, request, Caller::Delivery { link, msg }, timeout);
            return;
        }
        if let Some(m) = self.msgs.get_mut(msg) {
            m.receives = 0;
        }
        self.send(link, msg, Key::NONE);
    }

    /// An HTTP target answered (or timed out).
    pub(crate) fn delivery_answered(&mut self, link: u32, msg: Key, reply: Reply) {
        if self.msgs.get(msg).is_none() {
            return;
        }
        if reply.is_ok() {
            self.finish(msg, Fate::Consumed);
        } else {
            self.delivery_failed(link, msg);
        }
    }

    pub(crate) fn redeliver(&mut self, link: u32, msg: Key) {
        if self.msgs.get(msg).is_some() {
            self.attempt_delivery(link, msg);
        }
    }

    /// A delivery failed: try again later, or give up to the dead-letter queue.
    fn delivery_failed(&mut self, link: u32, msg: Key) {
        let Some(l) = self.links.get(link as usize) else {
            self.finish(msg, Fate::Failed);
            return;
        };
        let (from, to, kind) = (l.from, l.to, l.kind);
        let dlq = l.settings.dead_letter_queue;
        let http = self.nodes[to as usize].kind == ComponentKind::Service;
        // The subscription's HTTP/S delivery policy: a linear backoff with equal minimum
        // and maximum delays is a fixed delay.
        let http_delay = Micros::from(l.settings.http_retry_delay_s) * MICROS_PER_S;
        let (max_retries, max_age) = if kind == ConnectionKind::Rule {
            (l.settings.max_retry_attempts, Micros::from(l.settings.max_event_age_s) * MICROS_PER_S)
        } else if http {
            (l.settings.http_retries, SNS_HTTP_MAX_AGE)
        } else {
            (SNS_MANAGED_RETRIES, SNS_MANAGED_MAX_AGE)
        };
        let Some(m) = self.msgs.get(msg) else { return };
        let tried = m.receives;
        let age = self.now.saturating_sub(m.enqueued);
        let delay = if kind == ConnectionKind::Rule {
            let full = (MICROS_PER_S << tried.min(20)).min(RULE_MAX_BACKOFF);
            full / 2 + self.rng.below((full / 2).min(u64::from(u32::MAX - 1)) as u32 + 1) as Micros
        } else if http {
            http_delay
        } else {
            sns_managed_delay(tried)
        };
        if tried < max_retries && age.saturating_add(delay) <= max_age {
            if let Some(m) = self.msgs.get_mut(msg) {
                m.receives = tried + 1;
            }
            self.nodes[from as usize].totals.retries += 1;
            let at = self.now.saturating_add(delay);
            self.events.push(at, Event::Redeliver { link, msg });
            return;
        }
        self.undeliverable(from, dlq, msg);
    }

    /// Out of retries: into the connection's dead-letter queue, or lost.
    fn undeliverable(&mut self, from: u32, dlq: Option<ComponentId>, msg: Key) {
        let target = dlq
            .and_then(|id| self.index.get(&id).copied())
            .filter(|&d| self.nodes[d as usize].kind == ComponentKind::Queue && !self.is_down(d));
        match target {
            Some(d) => self.dead_letter(from, d, msg),
            None => {
                self.nodes[from as usize].totals.errors += 1;
                self.finish(msg, Fate::Failed);
            }
        }
    }
}
