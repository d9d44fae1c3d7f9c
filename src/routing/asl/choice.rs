//! Choice rules: parsing (with the States Language's checks) and evaluation
//! against an input, as a Choice state does.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::jsonata;
use super::path::{check_path, resolve, PathKind, PathRules};
use crate::text::Message;

/// The type a comparison operator works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    String,
    Numeric,
    Boolean,
    Timestamp,
}

/// How the two sides are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Equals,
    LessThan,
    GreaterThan,
    LessThanEquals,
    GreaterThanEquals,
}

/// The type tests (`IsNull`, `IsPresent`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeTest {
    Null,
    Present,
    Numeric,
    String,
    Boolean,
    Timestamp,
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A literal from the definition (`"StringEquals": "x"`).
    Literal(Value),
    /// A Reference Path into the input (`"StringEqualsPath": "$.other"`).
    Path(String),
}

/// One Choice rule (the `Next` of a top-level rule lives in [`super::ChoiceBranch`]).
#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceRule {
    And(Vec<ChoiceRule>),
    Or(Vec<ChoiceRule>),
    Not(Box<ChoiceRule>),
    Compare { variable: String, kind: ValueKind, relation: Relation, operand: Operand },
    /// `StringMatches`: `*` matches any run of characters, `\*` and `\\` escape.
    Matches { variable: String, pattern: String },
    Test { variable: String, test: TypeTest, expected: bool },
    /// A JSONata `Condition` (syntax-checked; evaluating JSONata is out of scope).
    Condition(String),
}

const RELATIONS: &[(&str, Relation)] = &[
    ("Equals", Relation::Equals),
    ("LessThan", Relation::LessThan),
    ("GreaterThan", Relation::GreaterThan),
    ("LessThanEquals", Relation::LessThanEquals),
    ("GreaterThanEquals", Relation::GreaterThanEquals),
];

const KINDS: &[(&str, ValueKind)] = &[
    ("String", ValueKind::String),
    ("Numeric", ValueKind::Numeric),
    ("Boolean", ValueKind::Boolean),
    ("Timestamp", ValueKind::Timestamp),
];

const TESTS: &[(&str, TypeTest)] = &[
    ("IsNull", TypeTest::Null),
    ("IsPresent", TypeTest::Present),
    ("IsNumeric", TypeTest::Numeric),
    ("IsString", TypeTest::String),
    ("IsBoolean", TypeTest::Boolean),
    ("IsTimestamp", TypeTest::Timestamp),
];

/// Splits an operator name such as `NumericLessThanEqualsPath`.
fn comparison_operator(name: &str) -> Option<(ValueKind, Relation, bool)> {
    let (base, is_path) = match name.strip_suffix("Path") {
        Some(base) => (base, true),
        None => (name, false),
    };
    let (kind, rest) = KINDS.iter().find_map(|(prefix, kind)| base.strip_prefix(prefix).map(|rest| (*kind, rest)))?;
    let (_, relation) = RELATIONS.iter().find(|(suffix, _)| *suffix == rest)?;
    if kind == ValueKind::Boolean && *relation != Relation::Equals {
        return None;
    }
    Some((kind, *relation, is_path))
}

/// Is `name` any Choice-rule comparison operator?
pub fn is_operator_name(name: &str) -> bool {
    name == "StringMatches" || comparison_operator(name).is_some() || TESTS.iter().any(|(n, _)| *n == name)
}

const VARIABLE_RULES: PathRules = PathRules { kind: PathKind::Reference, context: true, variables: true };

impl ChoiceRule {
    /// Parses a rule that is not at the top of `Choices` (no `Next` allowed).
    /// On failure, every problem found, in both languages.
    pub fn from_value(value: &Value) -> Result<ChoiceRule, Vec<Message>> {
        parse_alone(value, "ChoiceRule", false)
    }

    /// Parses a rule as it stands in a Choice state's `Choices` array, where it may
    /// carry `Next`, `Comment`, `Assign` and `Output` beside its comparison. Whether
    /// `Next` names a state is the whole definition's check, not the rule's.
    pub fn from_choices_entry(value: &Value) -> Result<ChoiceRule, Vec<Message>> {
        parse_alone(value, "Choices[0]", true)
    }
}

/// One rule outside a definition: the rule, or every problem found.
fn parse_alone(value: &Value, at: &str, top: bool) -> Result<ChoiceRule, Vec<Message>> {
    let mut errors = Vec::new();
    match parse_rule(value, at, top, false, 0, &mut errors) {
        Some(rule) if errors.is_empty() => Ok(rule),
        _ => Err(errors),
    }
}

/// Parses one rule. `top` rules carry `Next` (checked by the caller); nested ones
/// must not. `jsonata` rules use `Condition` instead of `Variable`.
pub(crate) fn parse_rule(
    value: &Value,
    at: &str,
    top: bool,
    jsonata_mode: bool,
    depth: usize,
    errors: &mut Vec<Message>,
) -> Option<ChoiceRule> {
    if depth > 64 {
        errors.push(msg!("{at} is nested too deeply", "{at} lồng nhau quá sâu"));
        return None;
    }
    let Value::Object(map) = value else {
        errors.push(msg!("{at} must be an object", "{at} phải là một object"));
        return None;
    };
    let allowed_extra: &[&str] = if top { &["Next", "Comment", "Assign", "Output"] } else { &["Comment"] };
    if !top && map.contains_key("Next") {
        errors.push(msg!("{at}: a nested Choice rule must not have \"Next\"", "{at}: Choice rule lồng bên trong không được có \"Next\""));
    }
    if jsonata_mode {
        return parse_condition(map, at, allowed_extra, errors);
    }
    let operators: Vec<&String> = map
        .keys()
        .filter(|k| matches!(k.as_str(), "And" | "Or" | "Not") || is_operator_name(k))
        .collect();
    for key in map.keys() {
        let known = operators.contains(&key) || key == "Variable" || allowed_extra.contains(&key.as_str());
        if !known {
            errors.push(msg!("{at}: field \"{key}\" is not allowed in a Choice rule", "{at}: trường \"{key}\" không được phép có trong Choice rule"));
        }
    }
    match operators.as_slice() {
        [] => {
            errors.push(msg!("{at} has no comparison operator (or And/Or/Not)", "{at} không có toán tử so sánh nào (hoặc And/Or/Not)"));
            None
        }
        [op] => parse_operator(map, op, at, jsonata_mode, depth, errors),
        _ => {
            let names: Vec<&str> = operators.iter().map(|s| s.as_str()).collect();
            errors.push(msg!("{at} may have only one operator, found {names:?}", "{at} chỉ được có một toán tử, nhưng có {names:?}"));
            None
        }
    }
}

fn parse_condition(map: &Map<String, Value>, at: &str, allowed_extra: &[&str], errors: &mut Vec<Message>) -> Option<ChoiceRule> {
    for key in map.keys() {
        if key != "Condition" && !allowed_extra.contains(&key.as_str()) {
            errors.push(msg!(
                "{at}: field \"{key}\" is not allowed in a JSONata Choice rule",
                "{at}: trường \"{key}\" không được phép có trong Choice rule JSONata"
            ));
        }
    }
    match map.get("Condition") {
        Some(Value::String(text)) if jsonata::is_expression(text) => match jsonata::check_template_string(text) {
            Ok(()) => Some(ChoiceRule::Condition(text.clone())),
            Err(Message { en, vi }) => {
                errors.push(msg!("{at}.Condition: {en}", "{at}.Condition: {vi}"));
                None
            }
        },
        Some(Value::Bool(b)) => Some(ChoiceRule::Condition(b.to_string())),
        Some(_) => {
            errors.push(msg!(
                "{at}.Condition must be a JSONata expression in {{% %}} or a boolean",
                "{at}.Condition phải là một biểu thức JSONata trong {{% %}} hoặc một giá trị boolean"
            ));
            None
        }
        None => {
            errors.push(msg!("{at} does not have required field \"Condition\"", "{at} thiếu trường bắt buộc \"Condition\""));
            None
        }
    }
}

fn parse_operator(
    map: &Map<String, Value>,
    op: &str,
    at: &str,
    jsonata_mode: bool,
    depth: usize,
    errors: &mut Vec<Message>,
) -> Option<ChoiceRule> {
    let operand = map.get(op).unwrap_or(&Value::Null);
    match op {
        "And" | "Or" => {
            if map.contains_key("Variable") {
                errors.push(msg!("{at}: \"{op}\" rules must not have \"Variable\"", "{at}: rule \"{op}\" không được có \"Variable\""));
            }
            let Value::Array(items) = operand else {
                errors.push(msg!("{at}.{op} must be a non-empty array of rules", "{at}.{op} phải là một mảng rule không rỗng"));
                return None;
            };
            if items.is_empty() {
                errors.push(msg!("{at}.{op} must be a non-empty array of rules", "{at}.{op} phải là một mảng rule không rỗng"));
                return None;
            }
            let rules: Vec<Option<ChoiceRule>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| parse_rule(item, &format!("{at}.{op}[{i}]"), false, jsonata_mode, depth + 1, errors))
                .collect();
            let rules: Option<Vec<ChoiceRule>> = rules.into_iter().collect();
            rules.map(|r| if op == "And" { ChoiceRule::And(r) } else { ChoiceRule::Or(r) })
        }
        "Not" => {
            if map.contains_key("Variable") {
                errors.push(msg!("{at}: \"Not\" rules must not have \"Variable\"", "{at}: rule \"Not\" không được có \"Variable\""));
            }
            parse_rule(operand, &format!("{at}.Not"), false, jsonata_mode, depth + 1, errors)
                .map(|r| ChoiceRule::Not(Box::new(r)))
        }
        _ => parse_comparison(map, op, operand, at, errors),
    }
}

fn parse_comparison(
    map: &Map<String, Value>,
    op: &str,
    operand: &Value,
    at: &str,
    errors: &mut Vec<Message>,
) -> Option<ChoiceRule> {
    let variable = match map.get("Variable") {
        Some(Value::String(v)) => match check_path(v, VARIABLE_RULES) {
            Ok(()) => v.clone(),
            Err(Message { en, vi }) => {
                errors.push(msg!(
                    "{at}.Variable \"{v}\" is not a valid Reference Path: {en}",
                    "{at}.Variable \"{v}\" không phải một Reference Path hợp lệ: {vi}"
                ));
                return None;
            }
        },
        Some(_) => {
            errors.push(msg!("{at}.Variable must be a string", "{at}.Variable phải là một chuỗi"));
            return None;
        }
        None => {
            errors.push(msg!("{at} does not have required field \"Variable\"", "{at} thiếu trường bắt buộc \"Variable\""));
            return None;
        }
    };
    if let Some((_, test)) = TESTS.iter().find(|(n, _)| *n == op) {
        return match operand {
            Value::Bool(expected) => Some(ChoiceRule::Test { variable, test: *test, expected: *expected }),
            _ => {
                errors.push(msg!("{at}.{op} must be true or false", "{at}.{op} phải là true hoặc false"));
                None
            }
        };
    }
    if op == "StringMatches" {
        return match operand {
            Value::String(pattern) => Some(ChoiceRule::Matches { variable, pattern: pattern.clone() }),
            _ => {
                errors.push(msg!("{at}.StringMatches must be a string", "{at}.StringMatches phải là một chuỗi"));
                None
            }
        };
    }
    let (kind, relation, is_path) = comparison_operator(op)?;
    let operand = if is_path {
        match operand {
            Value::String(p) if check_path(p, VARIABLE_RULES).is_ok() => Operand::Path(p.clone()),
            _ => {
                errors.push(msg!("{at}.{op} must be a valid Reference Path", "{at}.{op} phải là một Reference Path hợp lệ"));
                return None;
            }
        }
    } else {
        let ok = match kind {
            ValueKind::String => operand.is_string(),
            ValueKind::Numeric => operand.is_number(),
            ValueKind::Boolean => operand.is_boolean(),
            ValueKind::Timestamp => operand.as_str().is_some_and(|s| parse_timestamp(s).is_some()),
        };
        if !ok {
            errors.push(match kind {
                ValueKind::String => msg!("{at}.{op} must be a string", "{at}.{op} phải là một chuỗi"),
                ValueKind::Numeric => msg!("{at}.{op} must be a number", "{at}.{op} phải là một số"),
                ValueKind::Boolean => msg!("{at}.{op} must be true or false", "{at}.{op} phải là true hoặc false"),
                ValueKind::Timestamp => msg!(
                    "{at}.{op} must be an RFC 3339 timestamp string",
                    "{at}.{op} phải là một chuỗi timestamp RFC 3339"
                ),
            });
            return None;
        }
        Operand::Literal(operand.clone())
    };
    Some(ChoiceRule::Compare { variable, kind, relation, operand })
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

/// Does `rule` hold for `input`? Like Step Functions, a comparison whose variable
/// is missing is a runtime error, except for `IsPresent`; comparing values of the
/// wrong type is simply false.
pub fn choice_matches(rule: &ChoiceRule, input: &Value) -> Result<bool, String> {
    match rule {
        ChoiceRule::And(rules) => {
            for r in rules {
                if !choice_matches(r, input)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        ChoiceRule::Or(rules) => {
            for r in rules {
                if choice_matches(r, input)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        ChoiceRule::Not(inner) => Ok(!choice_matches(inner, input)?),
        ChoiceRule::Test { variable, test, expected } => {
            let value = resolve(variable, input)?;
            let outcome = match (test, value) {
                (TypeTest::Present, v) => v.is_some(),
                (_, None) => return Err(missing(variable)),
                (TypeTest::Null, Some(v)) => v.is_null(),
                (TypeTest::Numeric, Some(v)) => v.is_number(),
                (TypeTest::String, Some(v)) => v.is_string(),
                (TypeTest::Boolean, Some(v)) => v.is_boolean(),
                (TypeTest::Timestamp, Some(v)) => v.as_str().is_some_and(|s| parse_timestamp(s).is_some()),
            };
            Ok(outcome == *expected)
        }
        ChoiceRule::Matches { variable, pattern } => {
            let value = resolve(variable, input)?.ok_or_else(|| missing(variable))?;
            Ok(value.as_str().is_some_and(|s| string_matches(s, pattern)))
        }
        ChoiceRule::Compare { variable, kind, relation, operand } => {
            let left = resolve(variable, input)?.ok_or_else(|| missing(variable))?;
            let right = match operand {
                Operand::Literal(v) => v,
                Operand::Path(p) => resolve(p, input)?.ok_or_else(|| missing(p))?,
            };
            Ok(compare(*kind, left, right).is_some_and(|ordering| relation_holds(*relation, ordering)))
        }
        ChoiceRule::Condition(_) => Err("JSONata conditions are not evaluated by this tool".to_owned()),
    }
}

fn missing(path: &str) -> String {
    format!("Invalid path '{path}': the choice state's condition path references an undefined value")
}

fn compare(kind: ValueKind, left: &Value, right: &Value) -> Option<Ordering> {
    match kind {
        ValueKind::String => Some(left.as_str()?.cmp(right.as_str()?)),
        ValueKind::Numeric => left.as_f64()?.partial_cmp(&right.as_f64()?),
        ValueKind::Boolean => (left.as_bool()? == right.as_bool()?).then_some(Ordering::Equal),
        ValueKind::Timestamp => {
            Some(parse_timestamp(left.as_str()?)?.cmp(&parse_timestamp(right.as_str()?)?))
        }
    }
}

fn relation_holds(relation: Relation, ordering: Ordering) -> bool {
    match relation {
        Relation::Equals => ordering == Ordering::Equal,
        Relation::LessThan => ordering == Ordering::Less,
        Relation::GreaterThan => ordering == Ordering::Greater,
        Relation::LessThanEquals => ordering != Ordering::Greater,
        Relation::GreaterThanEquals => ordering != Ordering::Less,
    }
}

/// `StringMatches`: `*` is any run of characters; `\*` and `\\` are literal.
pub fn string_matches(text: &str, pattern: &str) -> bool {
    let mut pieces: Vec<String> = vec![String::new()];
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => pieces.push(String::new()),
            '\\' => {
                let literal = chars.next().unwrap_or('\\');
                if let Some(last) = pieces.last_mut() {
                    last.push(literal);
                }
            }
            other => {
                if let Some(last) = pieces.last_mut() {
                    last.push(other);
                }
            }
        }
    }
    let Some((first, rest)) = pieces.split_first() else { return text.is_empty() };
    let Some(mut remaining) = text.strip_prefix(first.as_str()) else { return false };
    let Some((last, middle)) = rest.split_last() else { return remaining.is_empty() };
    for piece in middle {
        match remaining.find(piece.as_str()) {
            Some(at) => remaining = &remaining[at + piece.len()..],
            None => return false,
        }
    }
    remaining.ends_with(last.as_str())
}

/// Parses an RFC 3339 timestamp (`2016-03-14T01:59:00Z`, `...00.123+02:00`) into
/// nanoseconds since the Unix epoch, comparable across offsets.
pub fn parse_timestamp(s: &str) -> Option<i128> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    if b.len() < 20 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !matches!(b.get(10), Some(b'T' | b't')) || b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut pos = 19;
    let mut nanos: i128 = 0;
    if b.get(pos) == Some(&b'.') {
        let digits = b.iter().skip(pos + 1).take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        let frac = s.get(pos + 1..pos + 1 + digits.min(9))?;
        nanos = frac.parse::<i128>().ok()? * 10i128.pow(9 - digits.min(9) as u32);
        pos += 1 + digits;
    }
    let offset_seconds = match s.get(pos..)? {
        "Z" | "z" => 0,
        zone if zone.len() == 6 && zone.as_bytes().get(3) == Some(&b':') => {
            let sign = match zone.as_bytes().first()? { b'+' => 1, b'-' => -1, _ => return None };
            let (h, m) = (num(pos + 1, 2)?, num(pos + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds;
    Some(i128::from(seconds) * 1_000_000_000 + nanos)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rule(v: Value) -> ChoiceRule {
        ChoiceRule::from_value(&v).unwrap_or_else(|e| panic!("{v}: {e:?}"))
    }

    fn holds(v: Value, input: Value) -> bool {
        choice_matches(&rule(v), &input).expect("evaluates")
    }

    #[test]
    fn string_operators() {
        let input = json!({"s": "banana", "t": "cherry"});
        assert!(holds(json!({"Variable": "$.s", "StringEquals": "banana"}), input.clone()));
        assert!(holds(json!({"Variable": "$.s", "StringLessThan": "cherry"}), input.clone()));
        assert!(!holds(json!({"Variable": "$.s", "StringGreaterThanEquals": "cherry"}), input.clone()));
        assert!(holds(json!({"Variable": "$.s", "StringLessThanEqualsPath": "$.t"}), input.clone()));
        assert!(holds(json!({"Variable": "$.s", "StringMatches": "b*na"}), input.clone()));
        assert!(!holds(json!({"Variable": "$.s", "StringMatches": "b*x"}), input.clone()));
        assert!(!holds(json!({"Variable": "$.s", "NumericEquals": 1}), input), "wrong type is false");
    }

    #[test]
    fn numeric_boolean_and_timestamp_operators() {
        let input = json!({"n": 5, "m": 7.5, "b": true, "t": "2024-01-01T10:00:00Z", "u": "2024-01-01T12:00:00+01:00"});
        assert!(holds(json!({"Variable": "$.n", "NumericEquals": 5}), input.clone()));
        assert!(holds(json!({"Variable": "$.n", "NumericLessThanPath": "$.m"}), input.clone()));
        assert!(holds(json!({"Variable": "$.n", "NumericGreaterThanEquals": 5}), input.clone()));
        assert!(holds(json!({"Variable": "$.b", "BooleanEquals": true}), input.clone()));
        assert!(holds(json!({"Variable": "$.t", "TimestampLessThanPath": "$.u"}), input.clone()));
        assert!(holds(json!({"Variable": "$.t", "TimestampEquals": "2024-01-01T11:00:00+01:00"}), input));
    }

    #[test]
    fn type_tests_and_logic() {
        let input = json!({"a": null, "b": "2024-02-29T00:00:00Z", "c": [1]});
        assert!(holds(json!({"Variable": "$.a", "IsNull": true}), input.clone()));
        assert!(holds(json!({"Variable": "$.zz", "IsPresent": false}), input.clone()));
        assert!(holds(json!({"Variable": "$.b", "IsTimestamp": true}), input.clone()));
        assert!(holds(json!({"Variable": "$.b", "IsString": true}), input.clone()));
        assert!(holds(json!({"Variable": "$.c[0]", "IsNumeric": true}), input.clone()));
        assert!(holds(json!({"Not": {"Variable": "$.a", "IsBoolean": true}}), input.clone()));
        assert!(holds(json!({"And": [{"Variable": "$.a", "IsNull": true}, {"Variable": "$.b", "IsPresent": true}]}), input.clone()));
        assert!(holds(json!({"Or": [{"Variable": "$.a", "IsString": true}, {"Variable": "$.c", "IsPresent": true}]}), input));
    }

    #[test]
    fn missing_variable_is_a_runtime_error() {
        let r = rule(json!({"Variable": "$.missing", "StringEquals": "x"}));
        assert!(choice_matches(&r, &json!({})).is_err());
    }

    #[test]
    fn parse_errors() {
        for bad in [
            json!({"Variable": "$.a"}),
            json!({"Variable": "$.a", "StringEquals": 1}),
            json!({"Variable": "$.a", "NumericEquals": "1"}),
            json!({"Variable": "$.a", "TimestampEquals": "yesterday"}),
            json!({"Variable": "States.ArrayLength($.a)", "NumericEquals": 1}),
            json!({"Variable": "$.a", "StringEquals": "x", "NumericEquals": 1}),
            json!({"And": []}),
            json!({"Variable": "$.a", "IsNull": "yes"}),
            json!({"Variable": "$.a", "StringEquals": "x", "Next": "B"}),
            json!({"Variable": "$.a", "BooleanLessThan": true}),
        ] {
            assert!(ChoiceRule::from_value(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn timestamps() {
        assert!(parse_timestamp("2016-03-14T01:59:00Z").is_some());
        assert!(parse_timestamp("2016-03-14T01:59:00.5-07:00").is_some());
        assert!(parse_timestamp("2016-02-30T01:59:00Z").is_none());
        assert!(parse_timestamp("2016-03-14 01:59:00Z").is_none());
        assert!(parse_timestamp("2016-03-14T01:59:00").is_none());
    }
}
