//! Amazon EventBridge event patterns.
//!
//! ```
//! use decouple_lab::routing::EventPattern;
//! let pattern = EventPattern::parse(r#"{"source": ["aws.ec2"], "detail": {"state": [{"prefix": "run"}]}}"#).unwrap();
//! let event = serde_json::json!({"source": "aws.ec2", "detail": {"state": "running"}});
//! assert!(pattern.matches(&event));
//! ```
//!
//! Supported syntax, as documented in EventBridge's "content filtering" guide:
//! exact values (strings, numbers compared numerically, booleans, `null`, `""`),
//! arrays as OR, nested objects, `prefix` and `suffix` (each also with
//! `{"equals-ignore-case": ..}`), `equals-ignore-case`, `wildcard`, `anything-but`
//! (a value, a list, or `prefix`/`suffix`/`equals-ignore-case`/`wildcard`),
//! `numeric`, `exists`, `cidr` (IPv4 and IPv6) and `$or`. When the event holds an
//! array, the field matches if any element matches.

use crate::text::Message;
use std::fmt;

use serde_json::Value;

use super::content_filter::{compile_root, expand_dotted_keys, Dialect, ObjectRule, Precision};
use super::json_text::{depth_exceeds, parse_strict, MAX_DEPTH};

/// EventBridge's flavour of the filter language.
const EVENTBRIDGE: Dialect = Dialect {
    noun: "event pattern",
    allow_nested: true,
    allow_empty_root: false,
    ignore_case_affixes: true,
    wildcard: true,
    rich_anything_but: true,
    anything_but_prefix_list: true,
    // EventBridge documents numeric matching for values within ±5.0e9.
    numeric_limit: 5.0e9,
    precision: Precision::Exact,
    // Recorded against AWS: a pattern key "state.status" matches a nested
    // state -> status (LocalStack test_events_patterns.py, dot_joining_pattern).
    dotted_paths: true,
};

/// Why a pattern was refused. `Display` gives AWS's wording:
/// `Event pattern is not valid. Reason: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// The reason alone, without the leading sentence.
    pub reason: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Event pattern is not valid. Reason: {}", self.reason)
    }
}

impl std::error::Error for PatternError {}

impl PatternError {
    /// For the page: AWS's own words in English (what the console would say); in
    /// Vietnamese, a sentence saying so around them, since the reason quotes AWS.
    pub fn message(&self) -> Message {
        let aws = self.to_string();
        msg!("{aws}", "Event pattern không hợp lệ. AWS báo lỗi như sau: {aws}")
    }
}

/// A compiled EventBridge event pattern: parse once, match many events.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPattern {
    rule: ObjectRule,
}

/// The outcome of [`explain`]: did it match, and which field decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub matched: bool,
    /// One sentence for the inspector's pattern tester, in both languages.
    pub reason: Message,
}

impl EventPattern {
    /// Parses raw JSON text. Duplicate keys and malformed JSON are refused, as
    /// `PutRule` refuses them.
    pub fn parse(text: &str) -> Result<EventPattern, PatternError> {
        let value = parse_strict(text).map_err(|reason| PatternError { reason })?;
        EventPattern::from_value(&value)
    }

    /// Compiles an already-parsed JSON value.
    pub fn from_value(value: &Value) -> Result<EventPattern, PatternError> {
        if depth_exceeds(value, MAX_DEPTH) {
            return Err(PatternError { reason: format!("nesting deeper than {MAX_DEPTH} levels") });
        }
        compile_root(value, &EVENTBRIDGE)
            .map(|rule| EventPattern { rule })
            .map_err(|reason| PatternError { reason })
    }

    /// Does this event match? A dotted event key counts as the nesting it spells;
    /// only an event level holding one is copied, so ordinary events allocate nothing.
    pub fn matches(&self, event: &Value) -> bool {
        self.rule.matches_dotted(Some(event), Precision::Exact)
    }

    /// Matches and says which field decided the outcome.
    pub fn explain(&self, event: &Value) -> Explanation {
        let (matched, reason) = self.rule.explain(Some(&expand_dotted_keys(event)), Precision::Exact);
        Explanation { matched, reason }
    }

    /// The compiled form, for tools that want to display it.
    pub fn rule(&self) -> &ObjectRule {
        &self.rule
    }
}

/// Tests `event` against `pattern` (both JSON text) for the inspector's pattern
/// tester; an invalid pattern or event is reported as a non-match with the reason.
pub fn explain(pattern: &str, event: &str) -> Explanation {
    let pattern = match EventPattern::parse(pattern) {
        Ok(p) => p,
        // AWS's own refusal, as PutRule words it.
        Err(e) => return Explanation { matched: false, reason: Message::new(e.to_string(), e.to_string()) },
    };
    match serde_json::from_str::<Value>(event) {
        Ok(event) if event.is_object() => pattern.explain(&event),
        Ok(_) => Explanation { matched: false, reason: msg!("The event must be a JSON object.", "Event phải là một object JSON.") },
        Err(e) => Explanation { matched: false, reason: msg!("The event is not valid JSON: {e}.", "Event không phải JSON hợp lệ: {e}.") },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pattern(text: &str) -> EventPattern {
        EventPattern::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn check(p: &str, event: Value) -> bool {
        pattern(p).matches(&event)
    }

    #[test]
    fn a_refusal_keeps_aws_words_and_says_so_in_vietnamese() {
        let e = EventPattern::parse(r#"{"source": "not-an-array"}"#).expect_err("a bare string is refused");
        let m = e.message();
        assert_eq!(m.en, e.to_string(), "English is AWS's wording");
        assert!(m.vi.starts_with("Event pattern không hợp lệ") && m.vi.ends_with(&m.en), "{}", m.vi);
        let p = crate::routing::FilterPolicy::parse(r#"{"a": "b"}"#, Default::default()).expect_err("a bare string is refused");
        assert!(p.message().vi.starts_with("Filter policy không hợp lệ") && p.message().vi.ends_with(&p.to_string()));
    }

    fn refused(text: &str) -> String {
        match EventPattern::parse(text) {
            Ok(_) => panic!("{text} should be refused"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn exact_strings_and_or_lists() {
        let p = r#"{"source": ["aws.ec2", "aws.fargate"]}"#;
        assert!(check(p, json!({"source": "aws.fargate"})));
        assert!(!check(p, json!({"source": "aws.s3"})));
        assert!(!check(p, json!({"detail": {}})));
    }

    #[test]
    fn numbers_compare_numerically_and_types_must_agree() {
        let p = r#"{"size": [300]}"#;
        assert!(check(p, json!({"size": 300.0})));
        assert!(check(p, json!({"size": 3e2})));
        assert!(!check(p, json!({"size": "300"})));
    }

    #[test]
    fn booleans_null_and_empty_string() {
        assert!(check(r#"{"ok": [false]}"#, json!({"ok": false})));
        assert!(!check(r#"{"ok": [false]}"#, json!({"ok": "false"})));
        assert!(check(r#"{"name": [null]}"#, json!({"name": null})));
        assert!(!check(r#"{"name": [null]}"#, json!({})));
        assert!(check(r#"{"name": [""]}"#, json!({"name": ""})));
        assert!(!check(r#"{"name": [""]}"#, json!({"name": null})));
    }

    #[test]
    fn nested_fields_and_event_arrays() {
        let p = r#"{"detail": {"state": ["running"]}}"#;
        assert!(check(p, json!({"detail": {"state": "running"}})));
        assert!(check(p, json!({"detail": {"state": ["stopped", "running"]}})));
        assert!(!check(p, json!({"detail": {"state": ["stopped"]}})));
        assert!(!check(p, json!({"detail": "running"})));
    }

    #[test]
    fn fields_of_one_array_element_stay_together() {
        let event = json!({"people": [{"first": "Ana", "last": "Ito"}, {"first": "Bo", "last": "Diaz"}]});
        assert!(check(r#"{"people": {"first": ["Ana"], "last": ["Ito"]}}"#, event.clone()));
        assert!(!check(r#"{"people": {"first": ["Ana"], "last": ["Diaz"]}}"#, event));
    }

    #[test]
    fn dots_in_keys_spell_nesting_in_pattern_and_event() {
        // Pattern side, as AWS answered TestEventPattern (LocalStack dot_joining_pattern).
        let dotted = r#"{"detail": {"order.status": ["paid"]}}"#;
        assert!(check(dotted, json!({"detail": {"order": {"status": "paid"}}})));
        assert!(!check(dotted, json!({"detail": {"order": {"status": "open"}}})));
        assert!(!check(r#"{"detail": {"order.status": {"status": ["paid"]}}}"#, json!({"detail": {"order": {"status": "paid"}}})));
        // Event side: a key holding a dot is the same path as the nesting it spells.
        let nested = r#"{"detail": {"order": {"status": ["paid"]}}}"#;
        assert!(check(nested, json!({"detail": {"order.status": "paid"}})));
        assert!(check(nested, json!({"detail.order.status": "paid"})));
        assert!(!check(nested, json!({"detail": {"order.status": {"status": "paid"}}})));
        // Both spellings of one path count as two values of that path.
        let both = json!({"detail": {"order": {"status": "open"}, "order.status": "paid"}});
        assert!(check(nested, both.clone()));
        assert!(check(r#"{"detail": {"order.status": [{"exists": true}]}}"#, both));
        // A dotted key at the top joins the nested object it names; the tester agrees.
        let merged = json!({"detail": {"order": {"id": 7}}, "detail.order.status": "paid"});
        assert!(check(nested, merged.clone()));
        assert!(explain(nested, &merged.to_string()).matched);
        assert!(!check(r#"{"detail": {"order.status": [{"exists": false}]}}"#, merged));
    }

    #[test]
    fn dotted_and_nested_keys_of_one_object_stay_on_one_array_element() {
        let event = json!({"items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 5}]});
        assert!(check(r#"{"items.sku": ["b"], "items": {"qty": [5]}}"#, event.clone()));
        assert!(!check(r#"{"items.sku": ["a"], "items": {"qty": [5]}}"#, event));
    }

    #[test]
    fn prefix_and_suffix_with_and_without_case() {
        assert!(check(r#"{"t": [{"prefix": "2017-10"}]}"#, json!({"t": "2017-10-02T16:24"})));
        assert!(!check(r#"{"t": [{"prefix": "2017-11"}]}"#, json!({"t": "2017-10-02T16:24"})));
        assert!(check(r#"{"s": [{"prefix": {"equals-ignore-case": "EVENTB"}}]}"#, json!({"s": "eventbridge"})));
        assert!(check(r#"{"f": [{"suffix": ".png"}]}"#, json!({"f": "a.png"})));
        assert!(!check(r#"{"f": [{"suffix": ".png"}]}"#, json!({"f": "a.PNG"})));
        assert!(check(r#"{"f": [{"suffix": {"equals-ignore-case": ".png"}}]}"#, json!({"f": "a.PNG"})));
        assert!(!check(r#"{"f": [{"prefix": "1"}]}"#, json!({"f": 123})));
    }

    #[test]
    fn equals_ignore_case_and_wildcard() {
        assert!(check(r#"{"n": [{"equals-ignore-case": "alice"}]}"#, json!({"n": "ALICE"})));
        assert!(!check(r#"{"n": [{"equals-ignore-case": "alice"}]}"#, json!({"n": "alicia"})));
        assert!(check(r#"{"k": [{"wildcard": "dir/*.png"}]}"#, json!({"k": "dir/a/b.png"})));
        assert!(!check(r#"{"k": [{"wildcard": "dir/*.png"}]}"#, json!({"k": "dir/a/b.jpg"})));
    }

    #[test]
    fn anything_but_forms() {
        let single = r#"{"state": [{"anything-but": "initializing"}]}"#;
        assert!(check(single, json!({"state": "running"})));
        assert!(!check(single, json!({"state": "initializing"})));
        assert!(!check(single, json!({})), "anything-but needs the field to be present");
        let numbers = r#"{"n": [{"anything-but": [100, 200]}]}"#;
        assert!(check(numbers, json!({"n": 150})));
        assert!(!check(numbers, json!({"n": 200})));
        assert!(check(r#"{"r": [{"anything-but": {"prefix": "us-"}}]}"#, json!({"r": "eu-west-1"})));
        assert!(!check(r#"{"r": [{"anything-but": {"prefix": "us-"}}]}"#, json!({"r": "us-east-1"})));
        assert!(!check(r#"{"f": [{"anything-but": {"suffix": ".png"}}]}"#, json!({"f": "x.png"})));
        assert!(!check(r#"{"s": [{"anything-but": {"equals-ignore-case": ["a", "b"]}}]}"#, json!({"s": "B"})));
        assert!(check(r#"{"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#, json!({"p": "/usr/bin/x"})));
        assert!(!check(r#"{"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#, json!({"p": "/usr/lib/x"})));
    }

    #[test]
    fn numeric_ranges() {
        let p = r#"{"c": [{"numeric": [">", 0, "<=", 5]}]}"#;
        assert!(check(p, json!({"c": 5})));
        assert!(check(p, json!({"c": 0.5})));
        assert!(!check(p, json!({"c": 0})));
        assert!(!check(p, json!({"c": "3"})));
        assert!(check(r#"{"c": [{"numeric": ["=", 301.8]}]}"#, json!({"c": 301.8})));
        assert!(check(r#"{"c": [{"numeric": [">=", 10]}]}"#, json!({"c": 10})));
        assert!(!check(r#"{"c": [{"numeric": ["<", 10]}]}"#, json!({"c": 10})));
    }

    #[test]
    fn exists_on_leaves_only() {
        let yes = r#"{"d": {"x": [{"exists": true}]}}"#;
        let no = r#"{"d": {"x": [{"exists": false}]}}"#;
        assert!(check(yes, json!({"d": {"x": null}})));
        assert!(!check(yes, json!({"d": {"x": {"y": 1}}})));
        assert!(check(no, json!({"d": {}})));
        assert!(check(no, json!({})));
        assert!(!check(no, json!({"d": {"x": "v"}})));
    }

    #[test]
    fn cidr_matching() {
        let p = r#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#;
        assert!(check(p, json!({"ip": "10.0.0.7"})));
        assert!(!check(p, json!({"ip": "10.0.1.7"})));
        assert!(check(r#"{"ip": [{"cidr": "2001:db8::/64"}]}"#, json!({"ip": "2001:db8::42"})));
    }

    #[test]
    fn or_groups_at_top_and_nested() {
        let p = r#"{"$or": [{"source": ["a"]}, {"detail": {"n": [{"numeric": [">", 5]}]}}]}"#;
        assert!(check(p, json!({"source": "a"})));
        assert!(check(p, json!({"source": "b", "detail": {"n": 9}})));
        assert!(!check(p, json!({"source": "b", "detail": {"n": 1}})));
    }

    #[test]
    fn structural_errors() {
        assert!(refused("[1]").contains("Event pattern is not valid. Reason:"));
        refused(r#"{"a": 1}"#);
        refused(r#"{"a": []}"#);
        refused(r#"{"a": {}}"#);
        refused(r#"{"a": [[1]]}"#);
        refused(r#"{"a": ["x"], "a": ["y"]}"#);
        refused(r#"{"a": ["x"]"#);
    }

    #[test]
    fn operator_errors() {
        assert!(refused(r#"{"a": [{"nope": 1}]}"#).contains("Unrecognized match type nope"));
        refused(r#"{"a": [{"prefix": 3}]}"#);
        refused(r#"{"a": [{"prefix": "x", "suffix": "y"}]}"#);
        refused(r#"{"a": [{"prefix": {"equals-ignore-case": ["x"]}}]}"#);
        refused(r#"{"a": [{"equals-ignore-case": ["x"]}]}"#);
        refused(r#"{"a": [{"wildcard": "a**"}]}"#);
        refused(r#"{"a": [{"anything-but": ["x", 1]}]}"#);
        refused(r#"{"a": [{"anything-but": {"prefix": ""}}]}"#);
        refused(r#"{"a": [{"numeric": [">", "1"]}]}"#);
        refused(r#"{"a": [{"numeric": [">", 5, "<", 1]}]}"#);
        refused(r#"{"a": [{"numeric": ["=", 1, "<", 3]}]}"#);
        refused(r#"{"a": [{"exists": "yes"}]}"#);
        refused(r#"{"a": [{"cidr": "10.0.0.0/40"}]}"#);
        refused(r#"{"a": [{"exactly": "x"}]}"#);
    }

    #[test]
    fn explanation_names_the_deciding_field() {
        let e = explain(r#"{"detail": {"state": ["running"]}}"#, r#"{"detail": {"state": "stopped"}}"#);
        assert!(!e.matched);
        assert!(e.reason.en.contains("detail.state"), "{:?}", e.reason);
        let e = explain(r#"{"source": ["x"]}"#, r#"{"other": 1}"#);
        assert!(e.reason.en.contains("missing"), "{:?}", e.reason);
        let e = explain(r#"{"source": ["x"]}"#, r#"{"source": "x"}"#);
        assert!(e.matched);
        assert!(e.reason.en.contains("source"), "{:?}", e.reason);
    }
}
