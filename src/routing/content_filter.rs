//! The content-filtering engine shared by EventBridge event patterns and SNS
//! subscription filter policies.
//!
//! Both services use the same JSON language (fields AND-ed, values in an array
//! OR-ed, operator objects such as `{"prefix": "x"}`), but they accept different
//! operators and limits. A [`Dialect`] carries those differences into the compiler;
//! the compiled [`ObjectRule`] then matches any `serde_json::Value` without
//! allocating.
//!
//! Matching follows the structure of the document: a nested pattern object is
//! checked against the event object at the same key, and when the event holds an
//! array there, one element must satisfy the whole nested object. That keeps the
//! fields of one array element together, as AWS does ("array consistency").
//! Where the dialect says so (`dotted_paths`), a dot in a key spells nesting on
//! both sides, because AWS compiles patterns and flattens documents into
//! dot-joined paths.

use crate::text::Message;
use std::fmt;
use std::net::IpAddr;

use serde_json::{Map, Value};

use super::json_text::{brief, MAX_DEPTH};

/// How numbers are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Plain `f64` comparison (EventBridge).
    Exact,
    /// Rounded to five digits after the decimal point (SNS documents this accuracy).
    FiveDecimals,
}

impl Precision {
    fn normalize(self, x: f64) -> f64 {
        match self {
            Precision::Exact => x,
            Precision::FiveDecimals => (x * 100_000.0).round() / 100_000.0,
        }
    }
}

/// What a service accepts in its filter language.
#[derive(Debug, Clone, Copy)]
pub struct Dialect {
    /// Name used in messages ("event pattern", "filter policy").
    pub noun: &'static str,
    /// Objects may nest (EventBridge; SNS `MessageBody`).
    pub allow_nested: bool,
    /// `{}` is accepted at the top (SNS: matches every message).
    pub allow_empty_root: bool,
    /// `{"prefix": {"equals-ignore-case": ..}}` and the suffix form.
    pub ignore_case_affixes: bool,
    /// The `wildcard` operator.
    pub wildcard: bool,
    /// `anything-but` with `suffix`, `equals-ignore-case` and `wildcard`.
    pub rich_anything_but: bool,
    /// `anything-but` with a list of prefixes rather than one.
    pub anything_but_prefix_list: bool,
    /// Numbers in `numeric` must lie within `-limit..=limit`.
    pub numeric_limit: f64,
    /// How numbers compare.
    pub precision: Precision,
    /// A `.` in a key spells nesting, in the pattern and in the document alike
    /// (EventBridge; SNS `MessageBody`): AWS compiles both into dot-joined paths,
    /// so `{"a.b": [1]}`, `{"a": {"b": [1]}}` and an event key `"a.b"` meet.
    pub dotted_paths: bool,
}

/// A literal value in an exact match or an `anything-but` list.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
}

impl Literal {
    fn equals(&self, value: &Value, precision: Precision) -> bool {
        match (self, value) {
            (Literal::Str(s), Value::String(v)) => s == v,
            (Literal::Num(n), Value::Number(v)) => {
                v.as_f64().is_some_and(|v| precision.normalize(v) == *n)
            }
            (Literal::Bool(b), Value::Bool(v)) => b == v,
            (Literal::Null, Value::Null) => true,
            _ => false,
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Str(s) => write!(f, "{}", Value::String(s.clone())),
            Literal::Num(n) => write!(f, "{n}"),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Null => f.write_str("null"),
        }
    }
}

/// A `*` pattern: literal pieces separated by wildcards.
#[derive(Debug, Clone, PartialEq)]
pub struct Wildcard {
    source: String,
    pieces: Vec<String>,
}

impl Wildcard {
    /// Parses a wildcard pattern: `*` matches any run of characters, `\*` and `\\`
    /// stand for themselves; two `*` in a row and other escapes are refused.
    pub fn parse(source: &str) -> Result<Wildcard, String> {
        let mut pieces = vec![String::new()];
        let mut chars = source.chars();
        let mut previous_star = false;
        while let Some(c) = chars.next() {
            match c {
                '*' if previous_star => {
                    return Err(format!(
                        "consecutive wildcard characters are not allowed in \"{source}\""
                    ))
                }
                '*' => {
                    pieces.push(String::new());
                    previous_star = true;
                    continue;
                }
                '\\' => match chars.next() {
                    Some(escaped @ ('*' | '\\')) => push_char(&mut pieces, escaped),
                    _ => {
                        return Err(format!(
                            "a backslash in wildcard \"{source}\" must be followed by * or \\"
                        ))
                    }
                },
                other => push_char(&mut pieces, other),
            }
            previous_star = false;
        }
        Ok(Wildcard { source: source.to_owned(), pieces })
    }

    /// Does the whole of `text` match?
    pub fn matches(&self, text: &str) -> bool {
        let (first, rest) = match self.pieces.split_first() {
            Some(split) => split,
            None => return text.is_empty(),
        };
        let Some(mut remaining) = text.strip_prefix(first.as_str()) else {
            return false;
        };
        let Some((last, middle)) = rest.split_last() else {
            return remaining.is_empty();
        };
        for piece in middle {
            match remaining.find(piece.as_str()) {
                Some(at) => remaining = &remaining[at + piece.len()..],
                None => return false,
            }
        }
        remaining.ends_with(last.as_str())
    }
}

fn push_char(pieces: &mut [String], c: char) {
    if let Some(last) = pieces.last_mut() {
        last.push(c);
    }
}

/// An IPv4 or IPv6 network in CIDR notation.
#[derive(Debug, Clone, PartialEq)]
pub struct Cidr {
    source: String,
    network: IpAddr,
    prefix_len: u8,
}

impl Cidr {
    /// Parses `address/length` using `std::net`.
    pub fn parse(source: &str) -> Result<Cidr, String> {
        let invalid = || format!("\"{source}\" is not a valid CIDR block");
        let (address, length) = source.split_once('/').ok_or_else(invalid)?;
        let network: IpAddr = address.parse().map_err(|_| invalid())?;
        if length.is_empty() || !length.bytes().all(|b| b.is_ascii_digit()) || length.len() > 3 {
            return Err(invalid());
        }
        let prefix_len: u8 = length.parse().map_err(|_| invalid())?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        if prefix_len > max {
            return Err(invalid());
        }
        Ok(Cidr { source: source.to_owned(), network, prefix_len })
    }

    /// Is `text` an IP address inside this network?
    pub fn contains(&self, text: &str) -> bool {
        let Ok(address) = text.parse::<IpAddr>() else {
            return false;
        };
        match (self.network, address) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                same_prefix(u128::from(u32::from(net)) << 96, u128::from(u32::from(ip)) << 96, self.prefix_len)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                same_prefix(u128::from(net), u128::from(ip), self.prefix_len)
            }
            _ => false,
        }
    }
}

fn same_prefix(a: u128, b: u128, len: u8) -> bool {
    if len == 0 {
        return true;
    }
    let mask = u128::MAX << (128 - u32::from(len.min(128)));
    a & mask == b & mask
}

/// One bound of a numeric range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub inclusive: bool,
}

/// `{"numeric": [">", 0, "<=", 5]}` or `{"numeric": ["=", 3]}`.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericRange {
    pub lower: Option<Bound>,
    pub upper: Option<Bound>,
    source: String,
}

impl NumericRange {
    fn contains(&self, x: f64) -> bool {
        let above = self.lower.is_none_or(|b| if b.inclusive { x >= b.value } else { x > b.value });
        let below = self.upper.is_none_or(|b| if b.inclusive { x <= b.value } else { x < b.value });
        above && below
    }
}

/// The forms of `anything-but`.
#[derive(Debug, Clone, PartialEq)]
pub enum AnythingBut {
    Values(Vec<Literal>),
    Prefixes(Vec<String>),
    Suffixes(Vec<String>),
    IgnoreCase(Vec<String>),
    Wildcards(Vec<Wildcard>),
}

/// One alternative in a field's value array.
#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    Exact(Literal),
    Prefix(String),
    PrefixIgnoreCase(String),
    Suffix(String),
    SuffixIgnoreCase(String),
    EqualsIgnoreCase(String),
    Wildcard(Wildcard),
    AnythingBut(AnythingBut),
    Numeric(NumericRange),
    Exists(bool),
    Cidr(Cidr),
}

impl Matcher {
    /// Does one scalar value (string, number, boolean, null) satisfy this matcher?
    fn matches_scalar(&self, value: &Value, precision: Precision) -> bool {
        match self {
            Matcher::Exact(literal) => literal.equals(value, precision),
            Matcher::Prefix(p) => value.as_str().is_some_and(|s| s.starts_with(p.as_str())),
            Matcher::PrefixIgnoreCase(p) => value.as_str().is_some_and(|s| starts_with_ignore_case(s, p)),
            Matcher::Suffix(p) => value.as_str().is_some_and(|s| s.ends_with(p.as_str())),
            Matcher::SuffixIgnoreCase(p) => value.as_str().is_some_and(|s| ends_with_ignore_case(s, p)),
            Matcher::EqualsIgnoreCase(p) => value.as_str().is_some_and(|s| equals_ignore_case(s, p)),
            Matcher::Wildcard(w) => value.as_str().is_some_and(|s| w.matches(s)),
            Matcher::AnythingBut(but) => anything_but_matches(but, value, precision),
            Matcher::Numeric(range) => match value {
                Value::Number(n) => n.as_f64().is_some_and(|x| range.contains(precision.normalize(x))),
                _ => false,
            },
            Matcher::Cidr(cidr) => value.as_str().is_some_and(|s| cidr.contains(s)),
            // Presence is decided by the caller, which sees the whole field.
            Matcher::Exists(_) => false,
        }
    }
}

fn anything_but_matches(but: &AnythingBut, value: &Value, precision: Precision) -> bool {
    // The string forms only exclude strings; any other value is "anything but" them.
    let text = value.as_str();
    match but {
        AnythingBut::Values(list) => !list.iter().any(|l| l.equals(value, precision)),
        AnythingBut::Prefixes(list) => text.is_none_or(|s| !list.iter().any(|p| s.starts_with(p.as_str()))),
        AnythingBut::Suffixes(list) => text.is_none_or(|s| !list.iter().any(|p| s.ends_with(p.as_str()))),
        AnythingBut::IgnoreCase(list) => text.is_none_or(|s| !list.iter().any(|p| equals_ignore_case(s, p))),
        AnythingBut::Wildcards(list) => text.is_none_or(|s| !list.iter().any(|w| w.matches(s))),
    }
}

fn lower_chars(s: &str) -> impl DoubleEndedIterator<Item = char> + '_ {
    s.chars().flat_map(char::to_lowercase)
}

fn equals_ignore_case(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || lower_chars(a).eq(lower_chars(b))
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    let mut text_chars = lower_chars(text);
    lower_chars(prefix).all(|p| text_chars.next() == Some(p))
}

fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    let mut text_chars = lower_chars(text).rev();
    lower_chars(suffix).rev().all(|p| text_chars.next() == Some(p))
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quoted = |s: &str| Value::String(s.to_owned()).to_string();
        match self {
            Matcher::Exact(l) => write!(f, "{l}"),
            Matcher::Prefix(p) => write!(f, "{{\"prefix\": {}}}", quoted(p)),
            Matcher::PrefixIgnoreCase(p) => {
                write!(f, "{{\"prefix\": {{\"equals-ignore-case\": {}}}}}", quoted(p))
            }
            Matcher::Suffix(p) => write!(f, "{{\"suffix\": {}}}", quoted(p)),
            Matcher::SuffixIgnoreCase(p) => {
                write!(f, "{{\"suffix\": {{\"equals-ignore-case\": {}}}}}", quoted(p))
            }
            Matcher::EqualsIgnoreCase(p) => write!(f, "{{\"equals-ignore-case\": {}}}", quoted(p)),
            Matcher::Wildcard(w) => write!(f, "{{\"wildcard\": {}}}", quoted(&w.source)),
            Matcher::AnythingBut(but) => write!(f, "{{\"anything-but\": {}}}", describe_anything_but(but)),
            Matcher::Numeric(r) => write!(f, "{{\"numeric\": {}}}", r.source),
            Matcher::Exists(b) => write!(f, "{{\"exists\": {b}}}"),
            Matcher::Cidr(c) => write!(f, "{{\"cidr\": {}}}", quoted(&c.source)),
        }
    }
}

fn describe_anything_but(but: &AnythingBut) -> String {
    let strings = |list: &[String]| Value::from(list.to_vec()).to_string();
    match but {
        AnythingBut::Values(list) => {
            let items: Vec<String> = list.iter().map(ToString::to_string).collect();
            format!("[{}]", items.join(", "))
        }
        AnythingBut::Prefixes(list) => format!("{{\"prefix\": {}}}", strings(list)),
        AnythingBut::Suffixes(list) => format!("{{\"suffix\": {}}}", strings(list)),
        AnythingBut::IgnoreCase(list) => format!("{{\"equals-ignore-case\": {}}}", strings(list)),
        AnythingBut::Wildcards(list) => {
            let sources: Vec<String> = list.iter().map(|w| w.source.clone()).collect();
            format!("{{\"wildcard\": {}}}", strings(&sources))
        }
    }
}

/// A compiled pattern object: every field must match, and every `$or` group must
/// have at least one matching alternative.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ObjectRule {
    pub fields: Vec<FieldRule>,
    pub any_of: Vec<Vec<ObjectRule>>,
}

/// One key of a pattern object.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRule {
    pub key: String,
    pub body: FieldBody,
}

/// A nested object, or the array of alternatives for a leaf.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldBody {
    Nested(ObjectRule),
    Leaf(Vec<Matcher>),
}

impl ObjectRule {
    /// Does the event value (the whole event at the root) satisfy this rule?
    pub fn matches(&self, value: Option<&Value>, precision: Precision) -> bool {
        self.matches_at(value, precision, false, 0)
    }

    /// Like [`ObjectRule::matches`], for a document in which a dot in a key spells
    /// nesting (see [`expand_dotted_keys`]). Only the levels the rule visits are
    /// looked at, and only a level holding a dotted key is copied, so matching an
    /// ordinary event still allocates nothing.
    pub fn matches_dotted(&self, value: Option<&Value>, precision: Precision) -> bool {
        self.matches_at(value, precision, true, 0)
    }

    fn matches_at(&self, value: Option<&Value>, precision: Precision, dotted: bool, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match value {
            Some(Value::Array(items)) if !items.is_empty() => {
                items.iter().any(|item| self.matches_at(Some(item), precision, dotted, depth + 1))
            }
            // A byte loop: keys are short, and this runs on every level visited.
            Some(Value::Object(map)) if dotted && map.keys().any(|k| k.bytes().any(|b| b == b'.')) => {
                self.matches_object(Some(&spell_out_level(map)), precision, dotted, depth)
            }
            Some(Value::Object(map)) => self.matches_object(Some(map), precision, dotted, depth),
            _ => self.matches_object(None, precision, dotted, depth),
        }
    }

    fn matches_object(&self, map: Option<&Map<String, Value>>, precision: Precision, dotted: bool, depth: usize) -> bool {
        self.fields.iter().all(|field| {
            let value = map.and_then(|m| m.get(&field.key));
            field.body.matches(value, precision, dotted, depth + 1)
        }) && self.any_of.iter().all(|alternatives| {
            alternatives.iter().any(|alt| alt.matches_object(map, precision, dotted, depth + 1))
        })
    }

    /// Like [`ObjectRule::matches`], but says why in one sentence, in both languages.
    pub fn explain(&self, value: Option<&Value>, precision: Precision) -> (bool, Message) {
        let mut path = Vec::new();
        match self.explain_at(value, precision, &mut path, 0) {
            Ok(()) => (true, self.success_sentence()),
            Err(reason) => (false, reason),
        }
    }

    fn success_sentence(&self) -> Message {
        let (fields, groups) = (self.fields.len(), self.any_of.len());
        match self.fields.first() {
            Some(first) if fields == 1 && groups == 0 => {
                let key = &first.key;
                msg!("Matched: field \"{key}\" satisfied the pattern.", "Khớp: trường \"{key}\" thoả mãn pattern.")
            }
            None if groups == 0 => msg!("Matched: the pattern has no conditions.", "Khớp: pattern không có điều kiện nào."),
            _ => msg!(
                "Matched: all {fields} field(s) and {groups} $or group(s) were satisfied.",
                "Khớp: cả {fields} trường và {groups} nhóm $or đều được thoả mãn."
            ),
        }
    }

    fn explain_at(
        &self,
        value: Option<&Value>,
        precision: Precision,
        path: &mut Vec<String>,
        depth: usize,
    ) -> Result<(), Message> {
        if depth > MAX_DEPTH {
            return Err(msg!("The event is nested too deeply to explain.", "Event lồng quá sâu nên không giải thích được."));
        }
        match value {
            Some(Value::Array(items)) if !items.is_empty() => {
                let mut first_failure = None;
                for item in items {
                    match self.explain_at(Some(item), precision, path, depth + 1) {
                        Ok(()) => return Ok(()),
                        Err(reason) => {
                            first_failure.get_or_insert(reason);
                        }
                    }
                }
                let at = display_path(path);
                let (first_en, first_vi) = first_failure.map(|m| (m.en, m.vi)).unwrap_or_default();
                Err(msg!(
                    "No element of the array at \"{at}\" matched; first element: {first_en}",
                    "Không phần tử nào của mảng ở \"{at}\" khớp; phần tử đầu tiên: {first_vi}"
                ))
            }
            Some(Value::Object(map)) => self.explain_object(Some(map), precision, path, depth),
            _ => self.explain_object(None, precision, path, depth),
        }
    }

    fn explain_object(
        &self,
        map: Option<&Map<String, Value>>,
        precision: Precision,
        path: &mut Vec<String>,
        depth: usize,
    ) -> Result<(), Message> {
        for field in &self.fields {
            path.push(field.key.clone());
            let value = map.and_then(|m| m.get(&field.key));
            let outcome = match &field.body {
                FieldBody::Nested(rule) => rule.explain_at(value, precision, path, depth + 1),
                FieldBody::Leaf(matchers) => explain_leaf(matchers, value, precision, path),
            };
            path.pop();
            outcome?;
        }
        for alternatives in &self.any_of {
            if !alternatives.iter().any(|alt| alt.matches_object(map, precision, false, depth + 1)) {
                let n = alternatives.len();
                return Err(if path.is_empty() {
                    msg!("None of the {n} $or alternatives at the top level matched.", "Không phương án nào trong {n} phương án $or ở cấp ngoài cùng khớp.")
                } else {
                    let at = display_path(path);
                    msg!("None of the {n} $or alternatives at \"{at}\" matched.", "Không phương án nào trong {n} phương án $or ở \"{at}\" khớp.")
                });
            }
        }
        Ok(())
    }
}

impl FieldBody {
    fn matches(&self, value: Option<&Value>, precision: Precision, dotted: bool, depth: usize) -> bool {
        match self {
            FieldBody::Nested(rule) => rule.matches_at(value, precision, dotted, depth),
            FieldBody::Leaf(matchers) => leaf_matches(matchers, value, precision),
        }
    }
}

/// A field is present when it holds at least one scalar value (objects and empty
/// arrays are not leaf values).
fn has_leaf(value: &Value, depth: usize) -> bool {
    match value {
        Value::Array(items) => depth < MAX_DEPTH && items.iter().any(|v| has_leaf(v, depth + 1)),
        Value::Object(_) => false,
        _ => true,
    }
}

fn any_leaf(value: &Value, depth: usize, test: &dyn Fn(&Value) -> bool) -> bool {
    match value {
        Value::Array(items) => depth < MAX_DEPTH && items.iter().any(|v| any_leaf(v, depth + 1, test)),
        Value::Object(_) => false,
        scalar => test(scalar),
    }
}

fn leaf_matches(matchers: &[Matcher], value: Option<&Value>, precision: Precision) -> bool {
    matchers.iter().any(|matcher| match matcher {
        Matcher::Exists(wanted) => *wanted == value.is_some_and(|v| has_leaf(v, 0)),
        other => value.is_some_and(|v| any_leaf(v, 0, &|leaf| other.matches_scalar(leaf, precision))),
    })
}

fn explain_leaf(
    matchers: &[Matcher],
    value: Option<&Value>,
    precision: Precision,
    path: &[String],
) -> Result<(), Message> {
    let field = display_path(path);
    let wanted: Vec<String> = matchers.iter().map(ToString::to_string).collect();
    let wanted = wanted.join(", ");
    if leaf_matches(matchers, value, precision) {
        return Ok(());
    }
    match value {
        None => Err(msg!(
            "Field \"{field}\" is missing from the event, and the pattern wants [{wanted}].",
            "Event không có trường \"{field}\", trong khi pattern cần [{wanted}]."
        )),
        Some(v) if !has_leaf(v, 0) => {
            let v = brief(v, 60);
            Err(msg!(
                "Field \"{field}\" holds {v} (no plain value), which does not satisfy [{wanted}].",
                "Trường \"{field}\" chứa {v} (không phải một giá trị đơn), nên không thoả mãn [{wanted}]."
            ))
        }
        Some(v) => {
            let v = brief(v, 60);
            Err(msg!(
                "Field \"{field}\" is {v}, which matches none of [{wanted}].",
                "Trường \"{field}\" là {v}, không khớp giá trị nào trong [{wanted}]."
            ))
        }
    }
}

fn display_path(path: &[String]) -> String {
    path.join(".")
}

// ---------------------------------------------------------------------------
// Compiling a JSON document into an ObjectRule.
// ---------------------------------------------------------------------------

/// Compiles the top-level object of a pattern or policy.
pub fn compile_root(value: &Value, dialect: &Dialect) -> Result<ObjectRule, String> {
    let Value::Object(map) = value else {
        return Err(format!("the {} must be a JSON object", dialect.noun));
    };
    if map.is_empty() && !dialect.allow_empty_root {
        return Err(format!("the {} must not be empty", dialect.noun));
    }
    let mut path = Vec::new();
    compile_object(map, dialect, &mut path, 0)
}

fn compile_object(
    map: &Map<String, Value>,
    dialect: &Dialect,
    path: &mut Vec<String>,
    depth: usize,
) -> Result<ObjectRule, String> {
    if depth > MAX_DEPTH {
        return Err(format!("the {} is nested deeper than {MAX_DEPTH} levels", dialect.noun));
    }
    let mut rule = ObjectRule::default();
    for (key, value) in map {
        path.push(key.clone());
        let outcome = compile_entry(key, value, dialect, path, depth, &mut rule);
        path.pop();
        outcome?;
    }
    Ok(rule)
}

fn compile_entry(
    key: &str,
    value: &Value,
    dialect: &Dialect,
    path: &mut Vec<String>,
    depth: usize,
    rule: &mut ObjectRule,
) -> Result<(), String> {
    if key == "$or" && is_or_group(value) {
        rule.any_of.push(compile_or(value, dialect, path, depth)?);
        return Ok(());
    }
    let body = match value {
        Value::Array(items) => FieldBody::Leaf(compile_leaf(items, dialect, path)?),
        Value::Object(inner) if !dialect.allow_nested => {
            let _ = inner;
            return Err(format!(
                "nested objects are not allowed here (at \"{}\"); values must be arrays",
                display_path(path)
            ));
        }
        Value::Object(inner) if inner.is_empty() => {
            return Err(format!("the object at \"{}\" must not be empty", display_path(path)))
        }
        Value::Object(inner) => FieldBody::Nested(compile_object(inner, dialect, path, depth + 1)?),
        other => {
            return Err(format!(
                "the value at \"{}\" must be an array or an object, not {}",
                display_path(path),
                brief(other, 40)
            ))
        }
    };
    push_field(rule, dotted_field(key, body, dialect));
    Ok(())
}

/// Adds a field; a nested field whose key is already nested here (`"a.b"` beside
/// `"a": {..}`) joins that object, so both conditions apply to the same element
/// of an event array, as they would had the pattern been written nested.
fn push_field(rule: &mut ObjectRule, field: FieldRule) {
    let at = rule.fields.iter().position(|f| f.key == field.key && matches!(f.body, FieldBody::Nested(_)));
    match (at.and_then(|i| rule.fields.get_mut(i)), field.body) {
        (Some(FieldRule { body: FieldBody::Nested(target), .. }), FieldBody::Nested(source)) => {
            for inner in source.fields {
                push_field(target, inner);
            }
            target.any_of.extend(source.any_of);
        }
        (_, body) => rule.fields.push(FieldRule { key: field.key, body }),
    }
}

/// `"a.b": body` becomes `"a": {"b": body}` where dots spell nesting, so the
/// matcher meets the same path however the pattern spells it.
fn dotted_field(key: &str, body: FieldBody, dialect: &Dialect) -> FieldRule {
    if !dialect.dotted_paths || !key.contains('.') {
        return FieldRule { key: key.to_owned(), body };
    }
    let mut segments = key.rsplit('.');
    let last = segments.next().unwrap_or_default();
    let mut field = FieldRule { key: last.to_owned(), body };
    for segment in segments {
        let inner = ObjectRule { fields: vec![field], any_of: Vec::new() };
        field = FieldRule { key: segment.to_owned(), body: FieldBody::Nested(inner) };
    }
    field
}

/// The document as a dotted-path matcher sees it: every key holding a `.` is
/// spelled out as nesting and merged with its siblings (two values on one path
/// become an array of both, as a flattened document would list both). Borrows
/// when no key has a dot, which is nearly always. Used to explain a match; the
/// matcher itself spells out only the levels it visits.
pub fn expand_dotted_keys(value: &Value) -> std::borrow::Cow<'_, Value> {
    if has_dotted_key(value, 0) {
        std::borrow::Cow::Owned(expand(value, 0))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

fn has_dotted_key(value: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match value {
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('.') || has_dotted_key(v, depth + 1)),
        Value::Array(items) => items.iter().any(|v| has_dotted_key(v, depth + 1)),
        _ => false,
    }
}

fn expand(value: &Value, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return value.clone();
    }
    match value {
        Value::Object(map) => Value::Object(spell_out(map, |inner| expand(inner, depth + 1))),
        Value::Array(items) => Value::Array(items.iter().map(|v| expand(v, depth + 1)).collect()),
        other => other.clone(),
    }
}

/// One object level with its dotted keys spelled out; the values below are left
/// as they are (the matcher looks at each level it visits).
fn spell_out_level(map: &Map<String, Value>) -> Map<String, Value> {
    spell_out(map, Value::clone)
}

fn spell_out(map: &Map<String, Value>, child: impl Fn(&Value) -> Value) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, inner) in map {
        let mut segments = key.rsplit('.');
        let mut nested = child(inner);
        let mut head = segments.next().unwrap_or_default();
        for segment in segments {
            let mut wrapper = Map::new();
            wrapper.insert(head.to_owned(), nested);
            nested = Value::Object(wrapper);
            head = segment;
        }
        insert_merged(&mut out, head, nested);
    }
    out
}

fn insert_merged(map: &mut Map<String, Value>, key: &str, value: Value) {
    let Some(existing) = map.get_mut(key) else {
        map.insert(key.to_owned(), value);
        return;
    };
    match (existing, value) {
        (Value::Object(old), Value::Object(new)) => {
            for (k, v) in new {
                insert_merged(old, &k, v);
            }
        }
        (Value::Array(old), Value::Array(new)) => old.extend(new),
        (Value::Array(old), new) => old.push(new),
        (old, new) => {
            let first = std::mem::take(old);
            *old = match new {
                Value::Array(mut rest) => {
                    rest.insert(0, first);
                    Value::Array(rest)
                }
                single => Value::Array(vec![first, single]),
            };
        }
    }
}

/// `$or` is an operator only when its value is an array of objects.
fn is_or_group(value: &Value) -> bool {
    matches!(value, Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object))
}

fn compile_or(
    value: &Value,
    dialect: &Dialect,
    path: &mut Vec<String>,
    depth: usize,
) -> Result<Vec<ObjectRule>, String> {
    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
    if items.len() < 2 {
        return Err("\"$or\" must list at least two alternatives".to_owned());
    }
    let mut alternatives = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(map) = item else {
            return Err("every \"$or\" alternative must be an object".to_owned());
        };
        if map.is_empty() {
            return Err("a \"$or\" alternative must not be empty".to_owned());
        }
        alternatives.push(compile_object(map, dialect, path, depth + 1)?);
    }
    Ok(alternatives)
}

fn compile_leaf(items: &[Value], dialect: &Dialect, path: &[String]) -> Result<Vec<Matcher>, String> {
    if items.is_empty() {
        return Err(format!("the array at \"{}\" must not be empty", display_path(path)));
    }
    items
        .iter()
        .map(|item| compile_matcher(item, dialect).map_err(|e| format!("{e} (at \"{}\")", display_path(path))))
        .collect()
}

fn compile_matcher(item: &Value, dialect: &Dialect) -> Result<Matcher, String> {
    match item {
        Value::Object(map) => {
            let mut entries = map.iter();
            match (entries.next(), entries.next()) {
                (Some((operator, operand)), None) => compile_operator(operator, operand, dialect),
                (None, _) => Err("an operator object must not be empty".to_owned()),
                (Some(_), Some(_)) => Err("an operator object must have exactly one key".to_owned()),
            }
        }
        Value::Array(_) => Err("arrays inside a value array are not allowed".to_owned()),
        scalar => Ok(Matcher::Exact(literal(scalar, dialect.precision))),
    }
}

fn literal(value: &Value, precision: Precision) -> Literal {
    match value {
        Value::String(s) => Literal::Str(s.clone()),
        Value::Number(n) => Literal::Num(precision.normalize(n.as_f64().unwrap_or(f64::NAN))),
        Value::Bool(b) => Literal::Bool(*b),
        _ => Literal::Null,
    }
}

fn compile_operator(operator: &str, operand: &Value, dialect: &Dialect) -> Result<Matcher, String> {
    match operator {
        "prefix" => compile_affix(operand, dialect, "prefix", Matcher::Prefix, Matcher::PrefixIgnoreCase),
        "suffix" => compile_affix(operand, dialect, "suffix", Matcher::Suffix, Matcher::SuffixIgnoreCase),
        "equals-ignore-case" => match operand {
            Value::String(s) => Ok(Matcher::EqualsIgnoreCase(s.clone())),
            _ => Err("\"equals-ignore-case\" match pattern must be a string".to_owned()),
        },
        "wildcard" if dialect.wildcard => match operand {
            Value::String(s) => Ok(Matcher::Wildcard(Wildcard::parse(s)?)),
            _ => Err("\"wildcard\" match pattern must be a string".to_owned()),
        },
        "anything-but" => compile_anything_but(operand, dialect).map(Matcher::AnythingBut),
        "numeric" => compile_numeric(operand, dialect).map(Matcher::Numeric),
        "exists" => match operand {
            Value::Bool(b) => Ok(Matcher::Exists(*b)),
            _ => Err("\"exists\" match pattern must be true or false".to_owned()),
        },
        "cidr" => match operand {
            Value::String(s) => Ok(Matcher::Cidr(Cidr::parse(s)?)),
            _ => Err("\"cidr\" match pattern must be a string".to_owned()),
        },
        other => Err(format!("Unrecognized match type {other}")),
    }
}

fn compile_affix(
    operand: &Value,
    dialect: &Dialect,
    name: &str,
    plain: fn(String) -> Matcher,
    ignore_case: fn(String) -> Matcher,
) -> Result<Matcher, String> {
    match operand {
        Value::String(s) => Ok(plain(s.clone())),
        Value::Object(map) if dialect.ignore_case_affixes => {
            let mut entries = map.iter();
            match (entries.next(), entries.next()) {
                (Some((key, Value::String(s))), None) if key == "equals-ignore-case" => {
                    Ok(ignore_case(s.clone()))
                }
                (Some((key, _)), None) if key == "equals-ignore-case" => Err(format!(
                    "\"{name}\" with \"equals-ignore-case\" must be given a string"
                )),
                (Some((key, _)), None) => Err(format!("Unsupported \"{name}\" pattern: {key}")),
                _ => Err(format!(
                    "\"{name}\" with an object must have exactly one key, \"equals-ignore-case\""
                )),
            }
        }
        _ => Err(format!("\"{name}\" match pattern must be a string")),
    }
}

fn compile_anything_but(operand: &Value, dialect: &Dialect) -> Result<AnythingBut, String> {
    match operand {
        Value::String(_) | Value::Number(_) => {
            Ok(AnythingBut::Values(vec![literal(operand, dialect.precision)]))
        }
        Value::Array(items) => {
            let all_strings = items.iter().all(Value::is_string);
            let all_numbers = items.iter().all(Value::is_number);
            if items.is_empty() || !(all_strings || all_numbers) {
                return Err("Inside anything-but list, mixed types or non-primitive values are not allowed; use all strings or all numbers".to_owned());
            }
            Ok(AnythingBut::Values(items.iter().map(|v| literal(v, dialect.precision)).collect()))
        }
        Value::Object(map) => {
            let mut entries = map.iter();
            match (entries.next(), entries.next()) {
                (Some((key, inner)), None) => compile_anything_but_object(key, inner, dialect),
                _ => Err("\"anything-but\" with an object must have exactly one key".to_owned()),
            }
        }
        _ => Err("Value of anything-but must be an array or single string/number value".to_owned()),
    }
}

fn compile_anything_but_object(key: &str, inner: &Value, dialect: &Dialect) -> Result<AnythingBut, String> {
    match key {
        "prefix" => {
            let list = string_list(inner, dialect.anything_but_prefix_list, false, "anything-but/prefix")?;
            Ok(AnythingBut::Prefixes(list))
        }
        "suffix" if dialect.rich_anything_but => {
            Ok(AnythingBut::Suffixes(string_list(inner, true, false, "anything-but/suffix")?))
        }
        "equals-ignore-case" if dialect.rich_anything_but => {
            Ok(AnythingBut::IgnoreCase(string_list(inner, true, true, "anything-but/equals-ignore-case")?))
        }
        "wildcard" if dialect.rich_anything_but => {
            let list = string_list(inner, true, true, "anything-but/wildcard")?;
            let parsed: Result<Vec<Wildcard>, String> = list.iter().map(|s| Wildcard::parse(s)).collect();
            Ok(AnythingBut::Wildcards(parsed?))
        }
        other => Err(format!("Unsupported anything-but pattern: {other}")),
    }
}

/// A string, or (when `allow_list`) a non-empty array of strings. Empty strings
/// are refused unless `allow_empty`.
fn string_list(value: &Value, allow_list: bool, allow_empty: bool, what: &str) -> Result<Vec<String>, String> {
    let check = |s: &str| -> Result<String, String> {
        if s.is_empty() && !allow_empty {
            Err(format!("{what} must not be an empty string"))
        } else {
            Ok(s.to_owned())
        }
    };
    match value {
        Value::String(s) => Ok(vec![check(s)?]),
        Value::Array(items) if allow_list && !items.is_empty() => items
            .iter()
            .map(|item| match item {
                Value::String(s) => check(s),
                _ => Err(format!("{what} values must be strings")),
            })
            .collect(),
        _ if allow_list => Err(format!("{what} must be a string or a non-empty array of strings")),
        _ => Err(format!("{what} must be a string")),
    }
}

/// Reads `numeric` the way AWS's rule compiler does (SNS and EventBridge answer
/// alike, in recordings against AWS): `=` and an upper bound stand alone; a lower
/// bound may be followed by one upper bound; anything else is refused with AWS's
/// wording, e.g. `["<", 100, ">", 10]` is "Too many elements in numeric expression".
fn compile_numeric(operand: &Value, dialect: &Dialect) -> Result<NumericRange, String> {
    let Value::Array(items) = operand else {
        return Err("Value of numeric must be an array".to_owned());
    };
    let mut range = NumericRange { lower: None, upper: None, source: operand.to_string() };
    let mut terms = items.iter();
    let (op, value) = numeric_term(terms.next(), terms.next(), dialect)?;
    let bound = Bound { value, inclusive: op.contains('=') };
    match op {
        "=" => {
            range.lower = Some(bound);
            range.upper = Some(bound);
        }
        "<" | "<=" => range.upper = Some(bound),
        _ => {
            range.lower = Some(bound);
            if let Some(next) = terms.next() {
                match next {
                    Value::String(op) if matches!(op.as_str(), "<" | "<=") => {}
                    Value::String(op) => return Err(format!("Bad numeric range operator: {op}")),
                    other => return Err(format!("Bad value in numeric range: {other}")),
                }
                let (op, value) = numeric_term(Some(next), terms.next(), dialect)?;
                if value <= bound.value {
                    return Err("Bottom must be less than top".to_owned());
                }
                range.upper = Some(Bound { value, inclusive: op.contains('=') });
                if terms.next().is_some() {
                    return Err("Too many terms in numeric range expression".to_owned());
                }
            }
            return Ok(range);
        }
    }
    if terms.next().is_some() {
        return Err("Too many elements in numeric expression".to_owned());
    }
    Ok(range)
}

/// One `operator, number` pair of a `numeric` array.
fn numeric_term<'a>(
    op: Option<&'a Value>,
    number: Option<&Value>,
    dialect: &Dialect,
) -> Result<(&'a str, f64), String> {
    let op = match op {
        Some(Value::String(op)) if matches!(op.as_str(), "=" | "<" | "<=" | ">" | ">=") => op.as_str(),
        Some(Value::String(op)) => return Err(format!("Unrecognized numeric range operator: {op}")),
        Some(other) => return Err(format!("Invalid member in numeric match: {other}")),
        None => return Err("Invalid member in numeric match: ]".to_owned()),
    };
    let Some(Value::Number(n)) = number else {
        let name = if op == "=" { "equals" } else { op };
        return Err(format!("Value of {name} must be numeric"));
    };
    let value = n.as_f64().unwrap_or(f64::NAN);
    if value.is_nan() || value.abs() > dialect.numeric_limit {
        return Err(format!("numeric values must lie between -{limit} and {limit}", limit = dialect.numeric_limit));
    }
    Ok((op, dialect.precision.normalize(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_pieces_match_whole_strings() {
        let w = Wildcard::parse("/usr/*/bin").expect("valid");
        assert!(w.matches("/usr/local/bin"));
        assert!(!w.matches("/usr/local/lib"));
        let anywhere = Wildcard::parse("*lib*").expect("valid");
        assert!(anywhere.matches("/usr/lib/x"));
        assert!(anywhere.matches("lib"));
        let exact = Wildcard::parse("abc").expect("valid");
        assert!(exact.matches("abc") && !exact.matches("abcd"));
    }

    #[test]
    fn wildcard_escapes_and_refusals() {
        let w = Wildcard::parse(r"a\*b").expect("valid");
        assert!(w.matches("a*b"));
        assert!(!w.matches("axb"));
        assert!(Wildcard::parse("a**b").is_err());
        assert!(Wildcard::parse(r"ab\").is_err());
        assert!(Wildcard::parse(r"a\b").is_err());
    }

    #[test]
    fn cidr_blocks_for_both_families() {
        let v4 = Cidr::parse("10.0.0.0/24").expect("valid");
        assert!(v4.contains("10.0.0.255"));
        assert!(!v4.contains("10.0.1.0"));
        assert!(!v4.contains("10.0.0.256"));
        let v6 = Cidr::parse("2001:db8::/32").expect("valid");
        assert!(v6.contains("2001:db8:1::1"));
        assert!(!v6.contains("2001:db9::1"));
        assert!(!v6.contains("10.0.0.1"));
        assert!(Cidr::parse("10.0.0.0/33").is_err());
        assert!(Cidr::parse("nonsense").is_err());
    }

    #[test]
    fn ignore_case_helpers() {
        assert!(equals_ignore_case("ÉTÉ", "été"));
        assert!(starts_with_ignore_case("EventBridge", "eventb"));
        assert!(!starts_with_ignore_case("Ev", "eventb"));
        assert!(ends_with_ignore_case("IMAGE.PNG", ".png"));
    }

    #[test]
    fn five_decimal_precision_rounds() {
        let p = Precision::FiveDecimals;
        assert_eq!(p.normalize(100.123456789), p.normalize(100.1234567));
        assert_ne!(p.normalize(100.12345), p.normalize(100.12346));
    }
}
