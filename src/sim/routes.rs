//! Which subscriptions and rules accept a message.
//!
//! Building a simulation compiles every rule's event pattern and every subscription's
//! filter policy, with its scope, once ([`Route::compile`]): an invalid one refuses the
//! whole run, as AWS refuses to create it. A message arriving at a topic or bus is read
//! once ([`Routed`]: its body as JSON, its SNS message attributes) and then matched
//! against each outgoing link.

use super::engine::Simulation;
use super::slab::Key;
use crate::model::{ConnectionKind, ConnectionSettings, FilterPolicyScope};
use crate::routing::{EventPattern, FilterPolicy, SnsMessage};
use crate::text::Message;
use serde_json::Value;

/// What a link lets through, compiled when the simulation is built.
pub(crate) enum Route {
    /// Not a rule or subscription, or one with an empty filter: everything.
    All,
    Pattern(Box<EventPattern>),
    Policy(Box<FilterPolicy>),
}

impl Route {
    /// Compiles a rule's pattern or a subscription's filter policy; the reason (AWS's
    /// words) when it is not valid. A rule not yet given a pattern passes everything
    /// (the model warns that AWS needs one).
    pub fn compile(kind: ConnectionKind, settings: &ConnectionSettings) -> Result<Route, Message> {
        match kind {
            ConnectionKind::Rule if settings.pattern.trim().is_empty() => Ok(Route::All),
            ConnectionKind::Rule => EventPattern::parse(&settings.pattern).map(|p| Route::Pattern(Box::new(p))).map_err(|e| e.message()),
            ConnectionKind::Subscription if settings.filter_policy.trim().is_empty() => Ok(Route::All),
            ConnectionKind::Subscription => FilterPolicy::parse(&settings.filter_policy, settings.filter_policy_scope)
                .map(|p| Route::Policy(Box::new(p)))
                .map_err(|e| e.message()),
            _ => Ok(Route::All),
        }
    }

    fn needs_body(&self) -> bool {
        match self {
            Route::All => false,
            Route::Pattern(_) => true,
            Route::Policy(p) => p.scope() == FilterPolicyScope::MessageBody,
        }
    }
}

/// A message as routing reads it, built at most once per arrival at a topic or bus.
pub(crate) struct Routed {
    /// The body parsed as JSON (`None` when it is not JSON: no pattern matches it).
    event: Option<Value>,
    /// Body and attributes as SNS matches them.
    sns: SnsMessage,
}

impl Simulation {
    /// Reads `msg` for routing: its payload, parsed once, and its attributes.
    pub(crate) fn routed(&self, msg: Key, payload: &mut Option<String>) -> Routed {
        let body = payload.get_or_insert_with(|| self.payload_of(msg)).clone();
        let event = serde_json::from_str::<Value>(&body).ok();
        Routed { event, sns: SnsMessage { body, attributes: self.attributes_of(msg) } }
    }

    /// Does the subscription or rule `link` accept `msg`? `routed` is filled the first
    /// time a link needs to read the message.
    pub(crate) fn accepts(&self, link: u32, msg: Key, payload: &mut Option<String>, routed: &mut Option<Routed>) -> bool {
        let Some(l) = self.links.get(link as usize) else { return false };
        if matches!(l.route, Route::All) {
            return true;
        }
        if !l.route.needs_body() && self.msgs.get(msg).is_some_and(|m| m.attrs == super::message::NO_ATTRIBUTES) {
            // Attribute scope and a message without attributes: SNS matches only
            // policies that ask for absence, which the compiled policy answers itself.
            let empty = SnsMessage::default();
            return matches!(&l.route, Route::Policy(p) if p.matches(&empty));
        }
        let r = routed.get_or_insert_with(|| self.routed(msg, payload));
        match &l.route {
            Route::All => true,
            Route::Pattern(p) => r.event.as_ref().is_some_and(|e| p.matches(e)),
            Route::Policy(p) => p.matches(&r.sns),
        }
    }
}
