//! Which subscriptions and rules accept a message.
//!
//! The real SNS filter-policy and EventBridge pattern matchers live in `crate::routing`
//! (another module, landing separately). The engine calls them through two plain
//! function pointers, [`Matcher`]s, set with [`Simulation::set_filter_matcher`] and
//! [`Simulation::set_pattern_matcher`]. Until they are plugged in, an interim matcher
//! checks only exact values at the top level and accepts anything it cannot judge.

use super::engine::{FilterMatcher, Matcher, Simulation};
use crate::model::FilterPolicyScope;
use super::slab::Key;
use crate::model::ConnectionKind;
use serde_json::Value;

impl Simulation {
    /// Plugs in the SNS filter policy matcher: `(policy JSON, message JSON) -> matches`.
    pub fn set_filter_matcher(&mut self, matcher: Matcher) {
        self.filter_matcher = FilterFn::Plain(matcher);
    }

    /// The same, for a matcher that also wants the subscription's scope. The message
    /// JSON is the payload; with `MessageAttributes` scope the engine has no separate
    /// attributes, so the payload's top-level fields stand for them.
    pub fn set_scoped_filter_matcher(&mut self, matcher: FilterMatcher) {
        self.filter_matcher = FilterFn::Scoped(matcher);
    }

    /// Plugs in the EventBridge pattern matcher: `(pattern JSON, event JSON) -> matches`.
    pub fn set_pattern_matcher(&mut self, matcher: Matcher) {
        self.pattern_matcher = matcher;
    }

    /// Does the subscription or rule `link` accept `msg`? An empty policy accepts all.
    pub(crate) fn accepts(&self, link: u32, msg: Key, payload: &mut Option<String>) -> bool {
        let Some(l) = self.links.get(link as usize) else { return false };
        let policy = match l.kind {
            ConnectionKind::Subscription => &l.settings.filter_policy,
            ConnectionKind::Rule => &l.settings.pattern,
            _ => return true,
        };
        if policy.trim().is_empty() {
            return true;
        }
        let text = payload.get_or_insert_with(|| self.payload_of(msg));
        match l.kind {
            ConnectionKind::Subscription => match self.filter_matcher {
                FilterFn::Plain(m) => m(policy, text),
                FilterFn::Scoped(m) => m(policy, l.settings.filter_policy_scope, text),
            },
            _ => (self.pattern_matcher)(policy, text),
        }
    }
}

/// The subscription matcher in use.
#[derive(Clone, Copy)]
pub(crate) enum FilterFn {
    Plain(Matcher),
    Scoped(FilterMatcher),
}

/// The interim filter policy matcher (the scope is not used yet).
pub fn interim_filter_matcher(policy: &str, _scope: FilterPolicyScope, payload: &str) -> bool {
    interim_matcher(policy, payload)
}

/// Exact-value matching on top-level (and nested object) fields; anything richer
/// (prefix, numeric, anything-but...) is accepted until the real matcher is plugged in.
pub fn interim_matcher(policy: &str, payload: &str) -> bool {
    let (Ok(policy), Ok(payload)) = (serde_json::from_str::<Value>(policy), serde_json::from_str::<Value>(payload)) else {
        return true;
    };
    fits(&policy, &payload)
}

fn fits(policy: &Value, payload: &Value) -> bool {
    let Value::Object(rules) = policy else { return true };
    rules.iter().all(|(field, rule)| match rule {
        Value::Array(options) => {
            if options.iter().any(|o| o.is_object()) {
                return true;
            }
            payload.get(field).is_some_and(|v| match v {
                Value::Array(values) => values.iter().any(|v| options.contains(v)),
                v => options.contains(v),
            })
        }
        Value::Object(_) => payload.get(field).is_some_and(|inner| fits(rule, inner)),
        _ => true,
    })
}

#[cfg(test)]
mod tests {
    use super::interim_matcher;

    #[test]
    fn exact_values_match_and_rich_rules_pass() {
        assert!(interim_matcher(r#"{"type": ["order"]}"#, r#"{"type": "order"}"#));
        assert!(!interim_matcher(r#"{"type": ["order"]}"#, r#"{"type": "refund"}"#));
        assert!(interim_matcher(r#"{"source": [{"prefix": ""}]}"#, r#"{"a": 1}"#));
    }
}
