//! Amazon SNS subscription filter policies.
//!
//! ```
//! use decouple_lab::routing::{FilterPolicy, FilterPolicyScope, SnsMessage};
//! let policy = FilterPolicy::parse(r#"{"store": ["example_corp"], "price": [{"numeric": [">", 10]}]}"#,
//!                                  FilterPolicyScope::MessageAttributes).unwrap();
//! let message = SnsMessage::new("hello")
//!     .with_attribute("store", "String", "example_corp")
//!     .with_attribute("price", "Number", "12.5");
//! assert!(policy.matches(&message));
//! ```
//!
//! SNS shares EventBridge's filter language but has its own rules, from the SNS
//! developer guide ("Amazon SNS subscription filter policies" and "Filter policy
//! constraints"): at most five keys, at most 150 value combinations, numbers within
//! ±1e9 compared to five decimal places, `anything-but` only with values or one
//! `prefix`, no `wildcard`, no case-insensitive `prefix`/`suffix`, and nested
//! objects only when the scope is `MessageBody`.

use crate::text::Message;
use std::borrow::Cow;
use std::fmt;

use serde_json::{Map, Value};

use super::content_filter::{
    compile_root, expand_dotted_keys, AnythingBut, Dialect, FieldBody, Literal, Matcher, ObjectRule, Precision,
};
use super::json_text::{depth_exceeds, parse_strict, MAX_DEPTH};

/// Maximum number of keys in one policy.
pub const MAX_KEYS: usize = 5;
/// Maximum number of value combinations in one policy.
pub const MAX_COMBINATIONS: u64 = 150;
/// Numbers in a policy must lie within ±this value.
pub const NUMERIC_LIMIT: f64 = 1.0e9;

/// What a filter policy looks at: the subscription's own setting in the diagram.
pub use crate::model::FilterPolicyScope;

impl FilterPolicyScope {
    /// Parses AWS's spelling of the scope.
    pub fn from_name(name: &str) -> Option<FilterPolicyScope> {
        match name {
            "MessageAttributes" => Some(FilterPolicyScope::MessageAttributes),
            "MessageBody" => Some(FilterPolicyScope::MessageBody),
            _ => None,
        }
    }

    fn dialect(self) -> Dialect {
        Dialect {
            noun: "filter policy",
            allow_nested: self == FilterPolicyScope::MessageBody,
            allow_empty_root: true,
            ignore_case_affixes: false,
            wildcard: false,
            rich_anything_but: false,
            anything_but_prefix_list: false,
            numeric_limit: NUMERIC_LIMIT,
            precision: Precision::FiveDecimals,
            // Recorded against AWS: a MessageBody policy key "object.nested"
            // matches {"object": {"nested": ..}} and a body key "object.nested"
            // (LocalStack test_sns_filter_policy.py, dot_attribute test).
            dotted_paths: self == FilterPolicyScope::MessageBody,
        }
    }
}

/// Why a policy was refused. `Display` gives SNS's wording:
/// `Invalid parameter: FilterPolicy: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub reason: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Invalid parameter: FilterPolicy: {}", self.reason)
    }
}

impl std::error::Error for PolicyError {}

impl PolicyError {
    /// For the page: AWS's own words in English (what the console would say); in
    /// Vietnamese, a sentence saying so around them, since the reason quotes AWS.
    pub fn message(&self) -> Message {
        let aws = self.to_string();
        msg!("{aws}", "Filter policy không hợp lệ. AWS báo lỗi như sau: {aws}")
    }
}

/// One message attribute as given to `Publish`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageAttribute {
    /// `String`, `Number`, `String.Array` or `Binary` (custom suffixes such as
    /// `Number.float` are allowed, as SNS allows them).
    pub data_type: String,
    /// The value as text (`BinaryValue` is not compared, so it is not kept).
    pub string_value: Option<String>,
}

/// A published message: body and attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SnsMessage {
    pub body: String,
    pub attributes: Vec<(String, MessageAttribute)>,
}

impl SnsMessage {
    /// A message with this body and no attributes.
    pub fn new(body: impl Into<String>) -> SnsMessage {
        SnsMessage { body: body.into(), attributes: Vec::new() }
    }

    /// Adds an attribute (builder style).
    pub fn with_attribute(mut self, name: &str, data_type: &str, value: &str) -> SnsMessage {
        self.attributes.push((
            name.to_owned(),
            MessageAttribute { data_type: data_type.to_owned(), string_value: Some(value.to_owned()) },
        ));
        self
    }

    /// Attributes written as a JSON object, as a learner sets them on a client or
    /// function: a string is a `String`, a number a `Number`, an array of strings and
    /// numbers a `String.Array`. Anything else is refused with the reason, as SNS
    /// refuses a `Publish` whose attribute has no type or an empty value.
    pub fn attributes_from_json(value: &Value) -> Result<Vec<(String, MessageAttribute)>, Message> {
        let Value::Object(map) = value else {
            return Err(msg!(
                "Message attributes are a JSON object of names and values, such as {{\"eventType\": \"order_placed\"}}.",
                "Message attributes là một JSON object gồm tên và giá trị, ví dụ {{\"eventType\": \"order_placed\"}}."
            ));
        };
        let mut attributes = Vec::with_capacity(map.len());
        for (name, v) in map {
            let (data_type, text) = match v {
                Value::String(s) if !s.is_empty() => ("String", s.clone()),
                Value::Number(n) => ("Number", n.to_string()),
                Value::Array(items) if items.iter().all(|i| i.is_string() || i.is_number()) => ("String.Array", v.to_string()),
                _ => {
                    return Err(msg!(
                        "Message attribute {name}: SNS takes a non-empty string (String), a number (Number) or an array of strings and numbers (String.Array).",
                        "Message attribute {name}: SNS chỉ nhận chuỗi khác rỗng (String), số (Number) hoặc mảng chuỗi và số (String.Array)."
                    ))
                }
            };
            if name.is_empty() {
                return Err(msg!("A message attribute needs a name.", "Message attribute cần có tên."));
            }
            attributes.push((name.clone(), MessageAttribute { data_type: data_type.to_owned(), string_value: Some(text) }));
        }
        Ok(attributes)
    }

    /// The attributes as the JSON object a policy is matched against: numbers for
    /// `Number`, arrays for `String.Array`; `Binary` attributes are left out
    /// because SNS does not compare them.
    pub fn attributes_as_json(&self) -> Value {
        let mut map = Map::new();
        for (name, attribute) in &self.attributes {
            if let Some(value) = attribute_value(attribute) {
                map.insert(name.clone(), value);
            }
        }
        Value::Object(map)
    }
}

fn attribute_value(attribute: &MessageAttribute) -> Option<Value> {
    let text = attribute.string_value.as_deref()?;
    let base = attribute.data_type.split('.').next().unwrap_or_default();
    match (base, attribute.data_type.as_str()) {
        (_, t) if t == "String.Array" || t.starts_with("String.Array.") => {
            // An unparseable array cannot match anything, so it is treated as absent.
            serde_json::from_str::<Value>(text).ok().filter(|v| !v.is_object())
        }
        ("Number", _) => Some(
            text.trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or_else(|| Value::String(text.to_owned()), Value::Number),
        ),
        ("String", _) => Some(Value::String(text.to_owned())),
        _ => None,
    }
}

/// A compiled subscription filter policy.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterPolicy {
    rule: ObjectRule,
    scope: FilterPolicyScope,
}

/// The outcome of [`FilterPolicy::explain`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyExplanation {
    pub matched: bool,
    /// One sentence naming the attribute or body key that decided it, in both languages.
    pub reason: Message,
}

impl FilterPolicy {
    /// Parses raw JSON text (duplicate keys and malformed JSON are refused).
    pub fn parse(text: &str, scope: FilterPolicyScope) -> Result<FilterPolicy, PolicyError> {
        let value = parse_strict(text).map_err(|e| PolicyError { reason: format!("failed to parse JSON: {e}") })?;
        FilterPolicy::from_value(&value, scope)
    }

    /// Compiles an already-parsed JSON value.
    pub fn from_value(value: &Value, scope: FilterPolicyScope) -> Result<FilterPolicy, PolicyError> {
        let fail = |reason: String| PolicyError { reason };
        if depth_exceeds(value, MAX_DEPTH) {
            return Err(fail(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        let rule = compile_root(value, &scope.dialect()).map_err(fail)?;
        check_numbers(&rule).map_err(fail)?;
        let keys = count_keys(&rule);
        if keys > MAX_KEYS {
            return Err(fail(format!("Filter policy can not have more than {MAX_KEYS} keys (it has {keys})")));
        }
        let combinations = count_combinations(&rule);
        if combinations > MAX_COMBINATIONS {
            return Err(fail(format!(
                "Filter policy is too complex: {combinations} value combinations, the limit is {MAX_COMBINATIONS}"
            )));
        }
        Ok(FilterPolicy { rule, scope })
    }

    /// The scope this policy was compiled for.
    pub fn scope(&self) -> FilterPolicyScope {
        self.scope
    }

    /// Would SNS deliver this message to the subscription?
    pub fn matches(&self, message: &SnsMessage) -> bool {
        self.explain_or_match(message, false).0
    }

    /// Matches and says which key decided it, in one sentence.
    pub fn explain(&self, message: &SnsMessage) -> PolicyExplanation {
        let (matched, reason) = self.explain_or_match(message, true);
        PolicyExplanation { matched, reason }
    }

    fn explain_or_match(&self, message: &SnsMessage, explain: bool) -> (bool, Message) {
        if self.rule.fields.is_empty() && self.rule.any_of.is_empty() {
            return (true, msg!("Matched: an empty filter policy accepts every message.", "Khớp: filter policy trống nhận mọi message."));
        }
        let subject = match self.scope {
            FilterPolicyScope::MessageAttributes => message.attributes_as_json(),
            FilterPolicyScope::MessageBody => match serde_json::from_str::<Value>(&message.body) {
                Ok(body @ Value::Object(_)) => body,
                _ => {
                    return (
                        false,
                        msg!(
                            "The message body is not a JSON object, so a MessageBody policy cannot match it.",
                            "Nội dung message không phải một object JSON, nên policy theo MessageBody không thể khớp."
                        ),
                    )
                }
            },
        };
        // A body key with a dot spells nesting (the dialect's `dotted_paths`);
        // attribute names stay literal.
        let dotted = self.scope == FilterPolicyScope::MessageBody;
        if explain {
            let subject = if dotted { expand_dotted_keys(&subject) } else { Cow::Borrowed(&subject) };
            self.rule.explain(Some(&subject), Precision::FiveDecimals)
        } else {
            let matched = if dotted {
                self.rule.matches_dotted(Some(&subject), Precision::FiveDecimals)
            } else {
                self.rule.matches(Some(&subject), Precision::FiveDecimals)
            };
            // Empty strings: matching alone allocates nothing.
            (matched, Message::new(String::new(), String::new()))
        }
    }
}

/// Every number in the policy must lie within SNS's documented range.
fn check_numbers(rule: &ObjectRule) -> Result<(), String> {
    let in_range = |x: f64| x.abs() <= NUMERIC_LIMIT;
    let literal_ok = |l: &Literal| !matches!(l, Literal::Num(x) if !in_range(*x));
    for field in &rule.fields {
        match &field.body {
            FieldBody::Nested(inner) => check_numbers(inner)?,
            FieldBody::Leaf(matchers) => {
                for m in matchers {
                    let ok = match m {
                        Matcher::Exact(l) => literal_ok(l),
                        Matcher::AnythingBut(AnythingBut::Values(list)) => list.iter().all(literal_ok),
                        _ => true,
                    };
                    if !ok {
                        return Err(format!(
                            "numbers in \"{}\" must lie between -1000000000 and 1000000000",
                            field.key
                        ));
                    }
                }
            }
        }
    }
    rule.any_of.iter().flatten().try_for_each(check_numbers)
}

/// Keys that hold values (nested parents are not counted, as the SNS guide counts
/// only the keys that carry match values); keys repeated across `$or`
/// alternatives count once.
fn count_keys(rule: &ObjectRule) -> usize {
    fn collect(rule: &ObjectRule, prefix: &str, keys: &mut Vec<String>) {
        for field in &rule.fields {
            let path = format!("{prefix}{}", field.key);
            match &field.body {
                FieldBody::Nested(inner) => collect(inner, &format!("{path}."), keys),
                FieldBody::Leaf(_) => {
                    if !keys.contains(&path) {
                        keys.push(path);
                    }
                }
            }
        }
        for alternative in rule.any_of.iter().flatten() {
            collect(alternative, prefix, keys);
        }
    }
    let mut keys = Vec::new();
    collect(rule, "", &mut keys);
    keys.len()
}

/// SNS's count of value combinations, as its "Filter policy constraints" page
/// works it out and as SNS refused policies in recordings against AWS: every key
/// contributes its number of values times its nesting depth (a top-level key 1,
/// `{"a": {"b": [..]}}` 2), keys multiply, and an `$or` group contributes the sum
/// of its alternatives. So `{"a": {"b": {"c": [4 values]}}, "d": {"e": [3]}, "f": [3]}`
/// counts 3x4 x 2x3 x 1x3 = 216, over the limit of 150.
fn count_combinations(rule: &ObjectRule) -> u64 {
    fn count(rule: &ObjectRule, depth: u64) -> u64 {
        let mut total: u64 = 1;
        for field in &rule.fields {
            let n = match &field.body {
                FieldBody::Nested(inner) => count(inner, depth + 1),
                FieldBody::Leaf(matchers) => depth.saturating_mul(matchers.len() as u64),
            };
            total = total.saturating_mul(n);
        }
        for group in &rule.any_of {
            let sum = group.iter().map(|alt| count(alt, depth)).fold(0u64, u64::saturating_add);
            total = total.saturating_mul(sum);
        }
        total
    }
    count(rule, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATTRS: FilterPolicyScope = FilterPolicyScope::MessageAttributes;
    const BODY: FilterPolicyScope = FilterPolicyScope::MessageBody;

    fn policy(text: &str, scope: FilterPolicyScope) -> FilterPolicy {
        FilterPolicy::parse(text, scope).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn refused(text: &str, scope: FilterPolicyScope) -> String {
        match FilterPolicy::parse(text, scope) {
            Ok(_) => panic!("{text} should be refused"),
            Err(e) => e.to_string(),
        }
    }

    fn attr(name: &str, data_type: &str, value: &str) -> SnsMessage {
        SnsMessage::new("body").with_attribute(name, data_type, value)
    }

    #[test]
    fn message_body_keys_with_dots_spell_nesting_but_attribute_names_do_not() {
        // As SNS delivered in LocalStack's AWS-validated dot_attribute test.
        let p = policy(r#"{"order.item.sku": ["x-1"]}"#, BODY);
        for body in [
            r#"{"order": {"item": {"sku": "x-1"}}}"#,
            r#"{"order.item.sku": "x-1"}"#,
            r#"{"order.item": {"sku": "x-1"}}"#,
            r#"{"order": {"item.sku": "x-1"}}"#,
        ] {
            assert!(p.matches(&SnsMessage::new(body)), "{body}");
        }
        assert!(!p.matches(&SnsMessage::new(r#"{"order": {"item": {"sku": "x-2"}}}"#)));
        let attrs = policy(r#"{"order.sku": ["x-1"]}"#, ATTRS);
        assert!(attrs.matches(&attr("order.sku", "String", "x-1")));
        assert!(!attrs.matches(&attr("order", "String", "x-1")));
    }

    #[test]
    fn exact_string_on_attributes() {
        let p = policy(r#"{"store": ["example_corp", "other_corp"]}"#, ATTRS);
        assert!(p.matches(&attr("store", "String", "other_corp")));
        assert!(!p.matches(&attr("store", "String", "third_corp")));
        assert!(!p.matches(&SnsMessage::new("no attributes")));
    }

    #[test]
    fn numbers_compare_numerically_with_five_decimals() {
        let p = policy(r#"{"price": [100]}"#, ATTRS);
        assert!(p.matches(&attr("price", "Number", "100.0")));
        assert!(!p.matches(&attr("price", "String", "100")), "a String attribute is not a number");
        let precise = policy(r#"{"price": [3.000001]}"#, ATTRS);
        assert!(precise.matches(&attr("price", "Number", "3")));
    }

    #[test]
    fn string_arrays_match_any_element() {
        let p = policy(r#"{"sports": ["rugby"]}"#, ATTRS);
        assert!(p.matches(&attr("sports", "String.Array", r#"["soccer", "rugby"]"#)));
        assert!(!p.matches(&attr("sports", "String.Array", r#"["soccer"]"#)));
        assert!(!p.matches(&attr("sports", "String.Array", "not json")));
    }

    #[test]
    fn binary_attributes_are_not_compared() {
        let p = policy(r#"{"blob": [{"exists": true}]}"#, ATTRS);
        assert!(!p.matches(&attr("blob", "Binary", "AAEC")));
    }

    #[test]
    fn operators_on_attributes() {
        let m = attr("v", "String", "basketball");
        assert!(policy(r#"{"v": [{"prefix": "bas"}]}"#, ATTRS).matches(&m));
        assert!(policy(r#"{"v": [{"suffix": "ball"}]}"#, ATTRS).matches(&m));
        assert!(policy(r#"{"v": [{"equals-ignore-case": "BASKETBALL"}]}"#, ATTRS).matches(&m));
        assert!(!policy(r#"{"v": [{"anything-but": ["basketball", "rugby"]}]}"#, ATTRS).matches(&m));
        assert!(!policy(r#"{"v": [{"anything-but": {"prefix": "bas"}}]}"#, ATTRS).matches(&m));
        assert!(policy(r#"{"v": [{"exists": true}]}"#, ATTRS).matches(&m));
        assert!(policy(r#"{"w": [{"exists": false}]}"#, ATTRS).matches(&m));
        let ip = attr("ip", "String", "192.168.1.20");
        assert!(policy(r#"{"ip": [{"cidr": "192.168.1.0/24"}]}"#, ATTRS).matches(&ip));
        let n = attr("n", "Number", "42");
        assert!(policy(r#"{"n": [{"numeric": [">", 0, "<=", 42]}]}"#, ATTRS).matches(&n));
        assert!(!policy(r#"{"n": [{"numeric": ["<", 42]}]}"#, ATTRS).matches(&n));
    }

    #[test]
    fn or_combines_with_and() {
        let p = policy(r#"{"source": ["a"], "$or": [{"x": ["1"]}, {"y": ["2"]}]}"#, ATTRS);
        let both = SnsMessage::new("").with_attribute("source", "String", "a").with_attribute("y", "String", "2");
        assert!(p.matches(&both));
        assert!(!p.matches(&attr("source", "String", "a")));
    }

    #[test]
    fn body_scope_with_nested_keys_and_arrays() {
        let p = policy(r#"{"Records": {"eventName": [{"prefix": "ObjectCreated:"}]}}"#, BODY);
        assert!(p.matches(&SnsMessage::new(r#"{"Records": [{"eventName": "ObjectRemoved:Delete"}, {"eventName": "ObjectCreated:Put"}]}"#)));
        assert!(!p.matches(&SnsMessage::new(r#"{"Records": [{"eventName": "ObjectRemoved:Delete"}]}"#)));
        assert!(!p.matches(&SnsMessage::new("not json")));
        assert!(policy("{}", BODY).matches(&SnsMessage::new("not json")));
    }

    #[test]
    fn limits_on_keys_and_combinations() {
        policy(r#"{"a": [1], "b": [1], "c": [1], "d": [1], "e": [1]}"#, ATTRS);
        let err = refused(r#"{"a": [1], "b": [1], "c": [1], "d": [1], "e": [1], "f": [1]}"#, ATTRS);
        assert!(err.starts_with("Invalid parameter: FilterPolicy:"), "{err}");
        assert!(err.contains("5 keys"), "{err}");
        let nested = r#"{"a": {"b": [1], "c": [1], "d": [1]}, "e": {"f": [1], "g": [1], "h": [1]}}"#;
        assert!(refused(nested, BODY).contains("5 keys"));
        let thirteen: Vec<String> = (0..13).map(|i| i.to_string()).collect();
        let list = serde_json::to_string(&thirteen).expect("list");
        let complex = format!(r#"{{"a": {list}, "b": {list}}}"#);
        assert!(refused(&complex, ATTRS).contains("too complex"));
    }

    #[test]
    fn nested_keys_count_their_depth_in_combinations() {
        // Three levels x 4 values, two levels x 3 values, one level x 3 values:
        // 12 x 6 x 3 = 216 combinations, over 150, though only 36 value tuples.
        let deep = r#"{"a": {"b": {"c": ["1", "2", "3", "4"]}}, "d": {"e": ["1", "2", "3"]}, "f": ["1", "2", "3"]}"#;
        assert!(refused(deep, BODY).contains("too complex"));
        // The same values, flat: 4 x 3 x 3 = 36.
        policy(r#"{"c": ["1", "2", "3", "4"], "e": ["1", "2", "3"], "f": ["1", "2", "3"]}"#, BODY);
        // $or alternatives add up: (3 + 2) x (2x2 x (2x1 + 2x3)) = 5 x 32 = 160.
        let or_nested = r#"{"$or": [{"m": ["a", "b", "c"]}, {"n": ["a", "b"]}],
            "detail": {"scope": ["s", "t"], "$or": [{"source": ["x"]}, {"type": ["p", "q", "r"]}]}}"#;
        assert!(refused(or_nested, BODY).contains("too complex"));
        // Flat $or at exactly the limit: 3 x (6 + 4 x (4 + 7)) = 150 is accepted, one more value is not.
        let at_limit = r#"{"s": ["1", "2", "3"], "$or": [{"m": ["1", "2", "3", "4", "5", "6"]},
            {"t": ["1", "2", "3", "4"], "$or": [{"i": [1, 2, 3, 4]}, {"j": [1, 2, 3, 4, 5, 6, 7]}]}]}"#;
        policy(at_limit, ATTRS);
        assert!(refused(&at_limit.replace(r#""3"]"#, r#""3", "4"]"#), ATTRS).contains("too complex"));
    }

    #[test]
    fn numeric_ranges_in_aws_order_only() {
        let refusal = |p: &str| refused(&format!(r#"{{"k": [{{"numeric": {p}}}]}}"#), ATTRS);
        assert!(refusal(r#"["<", 100, ">", 10]"#).contains("Too many elements in numeric expression"));
        assert!(refusal(r#"["=", 1, "<", 3]"#).contains("Too many elements in numeric expression"));
        assert!(refusal(r#"[">=", 1, ">", 2]"#).contains("Bad numeric range operator: >"));
        assert!(refusal(r#"[">", 10, "<", 5]"#).contains("Bottom must be less than top"));
        assert!(refusal(r#"[">", 10, "<=", 10]"#).contains("Bottom must be less than top"));
        assert!(refusal(r#"[">", 20, "<", 30, "<", 50]"#).contains("Too many terms in numeric range expression"));
        assert!(refusal(r#"[1, "<="]"#).contains("Invalid member in numeric match: 1"));
        assert!(refusal(r#"[">", 20, 30]"#).contains("Bad value in numeric range: 30"));
        assert!(refusal(r#"[">", 20, "test"]"#).contains("Bad numeric range operator: test"));
        assert!(refusal(r#"[">", 20, "<="]"#).contains("Value of <= must be numeric"));
        assert!(refusal(r#"["=", "000"]"#).contains("Value of equals must be numeric"));
        assert!(refusal(r#"["operator"]"#).contains("Unrecognized numeric range operator: operator"));
        assert!(refusal(r#"[">="]"#).contains("Value of >= must be numeric"));
        assert!(refusal("[]").contains("Invalid member in numeric match"));
        let n = |v: &str| attr("k", "Number", v);
        let p = policy(r#"{"k": [{"numeric": [">=", 10, "<", 20]}]}"#, ATTRS);
        assert!(p.matches(&n("10")) && p.matches(&n("19.9")) && !p.matches(&n("20")));
        assert!(policy(r#"{"k": [{"numeric": ["<=", 5]}]}"#, ATTRS).matches(&n("5")));
    }

    #[test]
    fn sns_specific_refusals() {
        refused(r#"{"a": [{"anything-but": {"suffix": "x"}}]}"#, ATTRS);
        refused(r#"{"a": [{"anything-but": {"unknown": "x"}}]}"#, ATTRS);
        refused(r#"{"a": [{"wildcard": "x*"}]}"#, ATTRS);
        refused(r#"{"a": [{"prefix": {"equals-ignore-case": "x"}}]}"#, ATTRS);
        refused(r#"{"a": [{"numeric": [">", 2000000000]}]}"#, ATTRS);
        refused(r#"{"a": [2000000000]}"#, ATTRS);
        refused(r#"{"a": {"b": ["x"]}}"#, ATTRS);
        refused(r#"{"a": "x"}"#, ATTRS);
        refused(r#"{"a": ["x"], "a": ["y"]}"#, ATTRS);
    }

    #[test]
    fn explanation_names_the_key() {
        let p = policy(r#"{"store": ["example_corp"]}"#, ATTRS);
        let e = p.explain(&attr("store", "String", "other"));
        assert!(!e.matched);
        assert!(e.reason.en.contains("store"), "{:?}", e.reason);
    }
}
