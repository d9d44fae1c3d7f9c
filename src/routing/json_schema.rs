//! JSON Schema for event buses and topics (the lesson's Schema Registry, used for
//! governance): the subset learners write, parsed once, then asked why an event does
//! not fit.
//!
//! ```
//! use decouple_lab::routing::JsonSchema;
//! let schema = JsonSchema::parse(r#"{"type": "object", "required": ["detail"],
//!     "properties": {"detail": {"properties": {"amount": {"type": "number"}}}}}"#).unwrap();
//! let event = serde_json::json!({"detail": {"amount": "12"}});
//! assert_eq!(schema.check(&event).unwrap_err().en, "detail.amount: expected a number, found a string.");
//! ```
//!
//! Keywords: `type` (a name or a list of names; `integer` is a number without a
//! fraction), `properties`, `required`, `additionalProperties` (true, false or a
//! schema), `enum`, `const` (numbers compared by value), `minimum`, `maximum`,
//! `exclusiveMinimum`, `exclusiveMaximum` (numbers, or draft 4's booleans beside
//! `minimum`/`maximum`), `minLength`, `maxLength` (in characters), `pattern`
//! (run by `regex_lite`: linear time, no backreferences or lookarounds), `items` (one schema
//! for every item), `minItems`, `maxItems`, and the schemas `true` and `false`.
//! Annotations (`$schema`, `$id`, `$comment`, `title`, `description`, `default`,
//! `examples`, `deprecated`, `readOnly`, `writeOnly`) are accepted and change nothing.
//! Any other keyword is refused by name and place, so a schema never silently checks
//! less than the learner wrote.
//!
//! Places are dot paths (`detail.amount`, `items[2]`, `["odd key"]`), `$` for the
//! whole document. Every sentence exists in English and Vietnamese.

use super::json_text::parse_strict;
use crate::text::{Message, Text};
use regex_lite::{Regex, RegexBuilder};
use serde_json::{Number, Value};

/// The longest `pattern` accepted, in characters.
pub const MAX_PATTERN_CHARS: usize = 1_000;

/// A parsed schema: check as many events as you like against it.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonSchema {
    root: Schema,
}

/// A compiled `pattern`, equal to another when written the same.
#[derive(Clone, Debug)]
struct Pattern {
    source: String,
    regex: Regex,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// Why a schema was refused. `message` names the place (`properties.id.pattern`).
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaError {
    /// Where in the schema, as a dot path (`$` for the whole schema).
    pub path: String,
    pub message: Message,
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.en)
    }
}

impl std::error::Error for SchemaError {}

#[derive(Clone, Debug, PartialEq)]
enum Schema {
    /// `true` or `{}`.
    Any,
    /// `false`.
    Nothing,
    Rules(Box<Rules>),
}

#[derive(Clone, Debug, PartialEq, Default)]
struct Rules {
    types: Option<Vec<Type>>,
    /// In the order written, so the first misfit reported is the first the learner reads.
    properties: Vec<(String, Schema)>,
    required: Vec<String>,
    additional: Option<Schema>,
    one_of_values: Option<Vec<Value>>,
    constant: Option<Value>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    exclusive_minimum: Option<Number>,
    exclusive_maximum: Option<Number>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<Pattern>,
    items: Option<Schema>,
    min_items: Option<u64>,
    max_items: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Type {
    Null,
    Boolean,
    Object,
    Array,
    Number,
    String,
    Integer,
}

impl Type {
    fn named(name: &str) -> Option<Type> {
        Some(match name {
            "null" => Type::Null,
            "boolean" => Type::Boolean,
            "object" => Type::Object,
            "array" => Type::Array,
            "number" => Type::Number,
            "string" => Type::String,
            "integer" => Type::Integer,
            _ => return None,
        })
    }

    /// The type a value has (numbers: `Number`, whole or not).
    fn of(value: &Value) -> Type {
        match value {
            Value::Null => Type::Null,
            Value::Bool(_) => Type::Boolean,
            Value::Number(_) => Type::Number,
            Value::String(_) => Type::String,
            Value::Array(_) => Type::Array,
            Value::Object(_) => Type::Object,
        }
    }

    fn admits(self, value: &Value) -> bool {
        match (self, value) {
            (Type::Integer, Value::Number(n)) => is_integer(n),
            (t, v) => t == Type::of(v),
        }
    }

    fn noun(self) -> Text {
        match self {
            Type::Null => Text::new("null", "null"),
            Type::Boolean => Text::new("a boolean", "một giá trị boolean"),
            Type::Object => Text::new("an object", "một object"),
            Type::Array => Text::new("an array", "một mảng"),
            Type::Number => Text::new("a number", "một số"),
            Type::String => Text::new("a string", "một chuỗi"),
            Type::Integer => Text::new("an integer", "một số nguyên"),
        }
    }
}

/// A whole number, by value (`3.0` is one, as JSON Schema says).
fn is_integer(n: &Number) -> bool {
    if n.is_i64() || n.is_u64() {
        return true;
    }
    // Every f64 this large is whole; below it the cast round trip is exact.
    n.as_f64().is_some_and(|f| f.is_finite() && (f.abs() >= 9.0e15 || f == (f as i64) as f64))
}

/// One step of a place: a field name or an array index.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// `detail.amount`, `items[2]`, `["odd key"]`; `$` for the whole document.
fn show(path: &[Seg]) -> String {
    if path.is_empty() {
        return "$".to_string();
    }
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '$')) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Key(k) => {
                out.push('[');
                out.push_str(&Value::String((*k).to_string()).to_string());
                out.push(']');
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A value as the learner wrote it, cut short when long.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 40 {
        return text;
    }
    let mut cut: String = text.chars().take(39).collect();
    cut.push('…');
    cut
}

const KEYWORDS_EN: &str = "type, properties, required, additionalProperties, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern, items, minItems and maxItems";
const KEYWORDS_VI: &str = "type, properties, required, additionalProperties, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern, items, minItems và maxItems";

/// A refusal at `path`: the place, then the reason written whole in each language.
fn refuse(path: &[Seg], why: Text) -> SchemaError {
    let p = show(path);
    let (en, vi) = (why.en, why.vi);
    SchemaError { message: msg!("{p}: {en}", "{p}: {vi}"), path: p }
}

impl JsonSchema {
    /// Parses schema text (duplicate keys and nesting over 64 levels are refused).
    pub fn parse(text: &str) -> Result<JsonSchema, SchemaError> {
        let value = parse_strict(text).map_err(|e| SchemaError {
            path: "$".to_string(),
            message: msg!("The schema is not valid JSON: {e}.", "Lược đồ không phải JSON hợp lệ: {e}."),
        })?;
        JsonSchema::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<JsonSchema, SchemaError> {
        Ok(JsonSchema { root: parse(value, &mut Vec::new())? })
    }

    /// Does `value` fit? If not, why, at the first place that does not.
    pub fn check(&self, value: &Value) -> Result<(), Message> {
        check(&self.root, value, &mut Vec::new())
    }

    /// The same for JSON text (an event's payload); text that is not JSON does not fit.
    pub fn check_text(&self, text: &str) -> Result<(), Message> {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => self.check(&value),
            Err(_) => Err(msg!("$: not valid JSON, so it cannot fit the schema.", "$: không phải JSON hợp lệ nên không thể khớp lược đồ.")),
        }
    }
}

fn parse<'a>(value: &'a Value, path: &mut Vec<Seg<'a>>) -> Result<Schema, SchemaError> {
    let map = match value {
        Value::Bool(true) => return Ok(Schema::Any),
        Value::Bool(false) => return Ok(Schema::Nothing),
        Value::Object(map) => map,
        _ => return Err(refuse(path, Text::new("a schema must be an object, true or false.", "lược đồ phải là một object, true hoặc false."))),
    };
    let mut r = Rules::default();
    // Draft 4 writes `"exclusiveMinimum": true` beside `minimum`.
    let (mut exclusive_min_flag, mut exclusive_max_flag) = (false, false);
    for (key, v) in map {
        path.push(Seg::Key(key));
        match key.as_str() {
            "type" => r.types = Some(types(v).ok_or_else(|| {
                refuse(path, Text::new(
                    "must be \"string\", \"number\", \"integer\", \"boolean\", \"object\", \"array\" or \"null\", or a list of them.",
                    "phải là \"string\", \"number\", \"integer\", \"boolean\", \"object\", \"array\" hoặc \"null\", hoặc một danh sách các tên đó.",
                ))
            })?),
            "properties" => {
                let Value::Object(fields) = v else {
                    return Err(refuse(path, Text::new("must be an object with one schema per field.", "phải là một object với một lược đồ cho mỗi trường.")));
                };
                for (name, field) in fields {
                    path.push(Seg::Key(name));
                    r.properties.push((name.clone(), parse(field, path)?));
                    path.pop();
                }
            }
            "required" => {
                let names = v.as_array().and_then(|a| a.iter().map(|n| n.as_str().map(str::to_string)).collect::<Option<Vec<_>>>());
                r.required = names.ok_or_else(|| refuse(path, Text::new("must be a list of field names.", "phải là một danh sách tên trường.")))?;
            }
            "additionalProperties" => r.additional = Some(parse(v, path)?),
            "enum" => match v {
                Value::Array(options) if !options.is_empty() => r.one_of_values = Some(options.clone()),
                _ => return Err(refuse(path, Text::new("must be a list of at least one value.", "phải là một danh sách có ít nhất một giá trị."))),
            },
            "const" => r.constant = Some(v.clone()),
            "minimum" => r.minimum = Some(number(v, path)?),
            "maximum" => r.maximum = Some(number(v, path)?),
            "exclusiveMinimum" => match v {
                Value::Bool(b) => exclusive_min_flag = *b,
                _ => r.exclusive_minimum = Some(number(v, path)?),
            },
            "exclusiveMaximum" => match v {
                Value::Bool(b) => exclusive_max_flag = *b,
                _ => r.exclusive_maximum = Some(number(v, path)?),
            },
            "minLength" => r.min_length = Some(count(v, path)?),
            "maxLength" => r.max_length = Some(count(v, path)?),
            "minItems" => r.min_items = Some(count(v, path)?),
            "maxItems" => r.max_items = Some(count(v, path)?),
            "pattern" => {
                let Value::String(pattern) = v else {
                    return Err(refuse(path, Text::new("must be a string (a regular expression).", "phải là một chuỗi (biểu thức chính quy).")));
                };
                // Bounded so a hostile pattern can neither stall the engine nor eat memory;
                // the crate's own reason is quoted as written, like the JSON reader's.
                let compiled = if pattern.chars().count() > MAX_PATTERN_CHARS {
                    Err("it is longer than 1,000 characters".to_string())
                } else {
                    RegexBuilder::new(pattern).size_limit(1 << 20).nest_limit(64).build().map_err(|e| e.to_string())
                };
                let regex = compiled.map_err(|why| {
                    let p = show(path);
                    SchemaError {
                        message: msg!("{p}: this lab cannot run the pattern {pattern}: {why}", "{p}: lab này không chạy được pattern {pattern}: {why}"),
                        path: p,
                    }
                })?;
                r.pattern = Some(Pattern { source: pattern.clone(), regex });
            }
            "items" => {
                if v.is_array() {
                    return Err(refuse(path, Text::new(
                        "a list of schemas (one per position) is not supported; give one schema that every item must fit.",
                        "không hỗ trợ danh sách lược đồ (mỗi vị trí một lược đồ); hãy cho một lược đồ mà mọi phần tử đều phải khớp.",
                    )));
                }
                r.items = Some(parse(v, path)?);
            }
            "$schema" | "$id" | "$comment" | "title" | "description" | "default" | "examples" | "deprecated" | "readOnly" | "writeOnly" => {}
            _ => {
                let p = show(path);
                let (known_en, known_vi) = (KEYWORDS_EN, KEYWORDS_VI);
                return Err(SchemaError {
                    message: msg!(
                        "{p}: the keyword \"{key}\" is not supported. A schema here may use {known_en}.",
                        "{p}: từ khóa \"{key}\" không được hỗ trợ. Lược đồ ở đây chỉ dùng được {known_vi}."
                    ),
                    path: p,
                });
            }
        }
        path.pop();
    }
    for (flag, key, bound, exclusive) in [
        (exclusive_min_flag, "exclusiveMinimum", &mut r.minimum, &mut r.exclusive_minimum),
        (exclusive_max_flag, "exclusiveMaximum", &mut r.maximum, &mut r.exclusive_maximum),
    ] {
        if flag {
            path.push(Seg::Key(key));
            let Some(n) = bound.take() else {
                let why = if key == "exclusiveMinimum" {
                    Text::new("true needs a minimum beside it (or give the bound itself as a number).", "giá trị true cần có minimum đi kèm (hoặc ghi thẳng giới hạn bằng một số).")
                } else {
                    Text::new("true needs a maximum beside it (or give the bound itself as a number).", "giá trị true cần có maximum đi kèm (hoặc ghi thẳng giới hạn bằng một số).")
                };
                return Err(refuse(path, why));
            };
            *exclusive = Some(n);
            path.pop();
        }
    }
    Ok(if r == Rules::default() { Schema::Any } else { Schema::Rules(Box::new(r)) })
}

fn types(v: &Value) -> Option<Vec<Type>> {
    match v {
        Value::String(name) => Type::named(name).map(|t| vec![t]),
        Value::Array(names) if !names.is_empty() => names.iter().map(|n| n.as_str().and_then(Type::named)).collect(),
        _ => None,
    }
}

fn number(v: &Value, path: &[Seg]) -> Result<Number, SchemaError> {
    match v {
        Value::Number(n) => Ok(n.clone()),
        _ => Err(refuse(path, Text::new("must be a number.", "phải là một số."))),
    }
}

fn count(v: &Value, path: &[Seg]) -> Result<u64, SchemaError> {
    match v {
        Value::Number(n) if is_integer(n) && n.as_f64().is_some_and(|f| f >= 0.0) => Ok(n.as_u64().unwrap_or(u64::MAX)),
        _ => Err(refuse(path, Text::new("must be a whole number, 0 or more.", "phải là một số nguyên, từ 0 trở lên."))),
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => match (x.as_u64(), y.as_u64()) {
                (Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64(),
            },
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

/// Joined with "or" in each language: "a string or null".
fn nouns(types: &[Type]) -> (String, String) {
    let en: Vec<&str> = types.iter().map(|t| t.noun().en).collect();
    let vi: Vec<&str> = types.iter().map(|t| t.noun().vi).collect();
    (en.join(" or "), vi.join(" hoặc "))
}

fn check<'a>(schema: &'a Schema, value: &'a Value, path: &mut Vec<Seg<'a>>) -> Result<(), Message> {
    let r = match schema {
        Schema::Any => return Ok(()),
        Schema::Nothing => {
            let p = show(path);
            return Err(msg!("{p}: not allowed (the schema here is false).", "{p}: không được phép (lược đồ ở đây là false)."));
        }
        Schema::Rules(r) => r,
    };
    if let Some(types) = &r.types {
        if !types.iter().any(|t| t.admits(value)) {
            let ((exp_en, exp_vi), found) = (nouns(types), Type::of(value).noun());
            let (p, found_en, found_vi) = (show(path), found.en, found.vi);
            return Err(msg!("{p}: expected {exp_en}, found {found_en}.", "{p}: cần {exp_vi}, nhưng nhận được {found_vi}."));
        }
    }
    if let Some(options) = &r.one_of_values {
        if !options.iter().any(|o| same(o, value)) {
            let mut list: Vec<String> = options.iter().take(6).map(shown).collect();
            if options.len() > 6 {
                list.push("…".to_string());
            }
            let (p, list, v) = (show(path), list.join(", "), shown(value));
            return Err(msg!("{p}: must be one of {list}, found {v}.", "{p}: phải là một trong {list}, nhưng nhận được {v}."));
        }
    }
    if let Some(c) = &r.constant {
        if !same(c, value) {
            let (p, c, v) = (show(path), shown(c), shown(value));
            return Err(msg!("{p}: must be {c}, found {v}.", "{p}: phải là {c}, nhưng nhận được {v}."));
        }
    }
    match value {
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            let bound = |b: &Option<Number>, fits: fn(f64, f64) -> bool| b.as_ref().filter(|b| !fits(x, b.as_f64().unwrap_or(0.0))).cloned();
            if let Some(m) = bound(&r.minimum, |x, m| x >= m) {
                let p = show(path);
                return Err(msg!("{p}: must be at least {m}, found {n}.", "{p}: phải lớn hơn hoặc bằng {m}, nhưng nhận được {n}."));
            }
            if let Some(m) = bound(&r.exclusive_minimum, |x, m| x > m) {
                let p = show(path);
                return Err(msg!("{p}: must be greater than {m}, found {n}.", "{p}: phải lớn hơn {m}, nhưng nhận được {n}."));
            }
            if let Some(m) = bound(&r.maximum, |x, m| x <= m) {
                let p = show(path);
                return Err(msg!("{p}: must be at most {m}, found {n}.", "{p}: phải nhỏ hơn hoặc bằng {m}, nhưng nhận được {n}."));
            }
            if let Some(m) = bound(&r.exclusive_maximum, |x, m| x < m) {
                let p = show(path);
                return Err(msg!("{p}: must be less than {m}, found {n}.", "{p}: phải nhỏ hơn {m}, nhưng nhận được {n}."));
            }
        }
        Value::String(s) => {
            let len = s.chars().count() as u64;
            if let Some(min) = r.min_length.filter(|&m| len < m) {
                let p = show(path);
                return Err(msg!(
                    "{p}: the string's length must be at least {min}, found {len}.",
                    "{p}: độ dài chuỗi phải ít nhất là {min}, nhưng là {len}."
                ));
            }
            if let Some(max) = r.max_length.filter(|&m| len > m) {
                let p = show(path);
                return Err(msg!("{p}: the string's length must be at most {max}, found {len}.", "{p}: độ dài chuỗi chỉ được tối đa là {max}, nhưng là {len}."));
            }
            if let Some(Pattern { source: pattern, regex }) = &r.pattern {
                if !regex.is_match(s) {
                    let (p, v) = (show(path), shown(value));
                    return Err(msg!("{p}: {v} does not match the pattern {pattern}.", "{p}: {v} không khớp với pattern {pattern}."));
                }
            }
        }
        Value::Array(items) => {
            let len = items.len() as u64;
            if let Some(min) = r.min_items.filter(|&m| len < m) {
                let p = show(path);
                return Err(msg!("{p}: the array's length must be at least {min}, found {len}.", "{p}: độ dài mảng phải ít nhất là {min}, nhưng là {len}."));
            }
            if let Some(max) = r.max_items.filter(|&m| len > m) {
                let p = show(path);
                return Err(msg!("{p}: the array's length must be at most {max}, found {len}.", "{p}: độ dài mảng chỉ được tối đa là {max}, nhưng là {len}."));
            }
            if let Some(item) = &r.items {
                for (i, v) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    check(item, v, path)?;
                    path.pop();
                }
            }
        }
        Value::Object(fields) => {
            for name in &r.required {
                if !fields.contains_key(name) {
                    path.push(Seg::Key(name));
                    let p = show(path);
                    return Err(msg!("{p}: required, but missing.", "{p}: bắt buộc nhưng không có."));
                }
            }
            for (name, field) in &r.properties {
                if let Some(v) = fields.get(name) {
                    path.push(Seg::Key(name));
                    check(field, v, path)?;
                    path.pop();
                }
            }
            if let Some(extra) = &r.additional {
                for (name, v) in fields.iter().filter(|(k, _)| !r.properties.iter().any(|(n, _)| n == *k)) {
                    path.push(Seg::Key(name));
                    if *extra == Schema::Nothing {
                        let p = show(path);
                        return Err(msg!(
                            "{p}: not allowed here (additionalProperties is false).",
                            "{p}: không được phép có ở đây (additionalProperties là false)."
                        ));
                    }
                    check(extra, v, path)?;
                    path.pop();
                }
            }
        }
        Value::Null | Value::Bool(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema(text: &str) -> JsonSchema {
        JsonSchema::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn why(schema_text: &str, event: Value) -> String {
        match schema(schema_text).check(&event) {
            Ok(()) => String::new(),
            Err(m) => {
                assert_ne!(m.en, m.vi, "both languages");
                m.en
            }
        }
    }

    fn refused(text: &str) -> SchemaError {
        let e = JsonSchema::parse(text).expect_err(text);
        assert_ne!(e.message.en, e.message.vi, "both languages");
        let not_json = e.message.en.starts_with("The schema is not valid JSON");
        assert!(not_json || e.message.vi.starts_with(&format!("{}: ", e.path)), "the place is named in Vietnamese too: {}", e.message.vi);
        e
    }

    const ORDER: &str = r#"{
        "type": "object",
        "required": ["source", "detail"],
        "properties": {
            "source": {"const": "shop.orders"},
            "detail": {
                "type": "object",
                "required": ["orderId", "amount"],
                "additionalProperties": false,
                "properties": {
                    "orderId": {"type": "string", "pattern": "^ord-[0-9]+$", "minLength": 5, "maxLength": 12},
                    "amount": {"type": "number", "exclusiveMinimum": 0, "maximum": 10000},
                    "currency": {"enum": ["EUR", "USD", "VND"]},
                    "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer", "minimum": 1}},
                    "note": {"type": ["string", "null"]}
                }
            }
        }
    }"#;

    fn order(detail: Value) -> Value {
        json!({"source": "shop.orders", "detail": detail})
    }

    #[test]
    fn a_fitting_event_fits() {
        let ok = order(json!({"orderId": "ord-42", "amount": 12.5, "currency": "VND", "items": [1, 2.0], "note": null}));
        assert_eq!(why(ORDER, ok), "");
        assert_eq!(why("{}", json!([1, "x"])), "");
        assert_eq!(why("true", json!(null)), "");
    }

    #[test]
    fn says_where_and_why_an_event_does_not_fit() {
        let cases = [
            (json!({"orderId": "ord-1", "amount": "12"}), "detail.amount: expected a number, found a string."),
            (json!({"orderId": "ord-1"}), "detail.amount: required, but missing."),
            (json!({"orderId": "ord-1", "amount": 0}), "detail.amount: must be greater than 0, found 0."),
            (json!({"orderId": "ord-1", "amount": 10001}), "detail.amount: must be at most 10000, found 10001."),
            (json!({"orderId": "ord-x1", "amount": 1}), "detail.orderId: \"ord-x1\" does not match the pattern ^ord-[0-9]+$."),
            (json!({"orderId": "ord-", "amount": 1}), "detail.orderId: the string's length must be at least 5, found 4."),
            (json!({"orderId": "ord-123456789", "amount": 1}), "detail.orderId: the string's length must be at most 12, found 13."),
            (json!({"orderId": "ord-1", "amount": 1, "currency": "GBP"}), "detail.currency: must be one of \"EUR\", \"USD\", \"VND\", found \"GBP\"."),
            (json!({"orderId": "ord-1", "amount": 1, "items": []}), "detail.items: the array's length must be at least 1, found 0."),
            (json!({"orderId": "ord-1", "amount": 1, "items": [1, 2, 3, 4]}), "detail.items: the array's length must be at most 3, found 4."),
            (json!({"orderId": "ord-1", "amount": 1, "items": [1, 2.5]}), "detail.items[1]: expected an integer, found a number."),
            (json!({"orderId": "ord-1", "amount": 1, "items": [0]}), "detail.items[0]: must be at least 1, found 0."),
            (json!({"orderId": "ord-1", "amount": 1, "note": 3}), "detail.note: expected a string or null, found a number."),
            (json!({"orderId": "ord-1", "amount": 1, "coupon": "X"}), "detail.coupon: not allowed here (additionalProperties is false)."),
        ];
        for (detail, expected) in cases {
            assert_eq!(why(ORDER, order(detail)), expected);
        }
        assert_eq!(why(ORDER, json!({"source": "other", "detail": {}})), "source: must be \"shop.orders\", found \"other\".");
        assert_eq!(why(ORDER, json!([])), "$: expected an object, found an array.");
        assert_eq!(why(ORDER, json!({"detail": {}})), "source: required, but missing.");
        let vi = schema(ORDER).check(&order(json!({"orderId": "ord-1", "amount": "12"}))).unwrap_err().vi;
        assert_eq!(vi, "detail.amount: cần một số, nhưng nhận được một chuỗi.");
    }

    #[test]
    fn the_smaller_keywords_behave_as_the_specification_says() {
        assert_eq!(why(r#"{"type": "integer"}"#, json!(3.0)), "", "3.0 is an integer");
        assert_eq!(why(r#"{"enum": [1, "a"]}"#, json!(1.0)), "", "numbers compare by value");
        assert_eq!(why(r#"{"const": {"a": [1, 2]}}"#, json!({"a": [1.0, 2]})), "");
        assert_eq!(why(r#"{"maxLength": 2}"#, json!("éé")), "", "characters, not bytes");
        assert_eq!(why(r#"{"minimum": 5}"#, json!("short")), "", "number keywords ignore strings");
        assert_eq!(why(r#"{"minimum": 5, "exclusiveMinimum": true}"#, json!(5)), "$: must be greater than 5, found 5.");
        assert_eq!(why(r#"{"maximum": 5, "exclusiveMaximum": true}"#, json!(5)), "$: must be less than 5, found 5.");
        assert_eq!(why(r#"{"maximum": 5, "exclusiveMaximum": false}"#, json!(5)), "");
        assert_eq!(why(r#"{"additionalProperties": {"type": "number"}}"#, json!({"a": "x"})), "a: expected a number, found a string.");
        assert_eq!(why(r#"{"properties": {"a": false}}"#, json!({"a": 1})), "a: not allowed (the schema here is false).");
        assert_eq!(why(r#"{"properties": {"odd key": {"type": "string"}}}"#, json!({"odd key": 1})), "[\"odd key\"]: expected a string, found a number.");
        assert_eq!(why(r#"{"type": "boolean"}"#, json!(null)), "$: expected a boolean, found null.");
        assert_eq!(why(r#"{"title": "Order", "description": "x", "$schema": "http://json-schema.org/draft-07/schema#"}"#, json!(1)), "");
        let s = schema(r#"{"type": "object"}"#);
        assert!(s.check_text(r#"{"a": 1}"#).is_ok());
        assert_eq!(s.check_text("not json").unwrap_err().en, "$: not valid JSON, so it cannot fit the schema.");
    }

    #[test]
    fn refuses_what_it_does_not_support_naming_the_keyword_and_the_place() {
        let e = refused(r#"{"properties": {"detail": {"oneOf": [{"type": "string"}]}}}"#);
        assert_eq!(e.path, "properties.detail.oneOf");
        assert!(e.message.en.starts_with("properties.detail.oneOf: the keyword \"oneOf\" is not supported."), "{}", e.message.en);
        assert!(e.message.vi.contains("\"oneOf\""));
        for (text, path, words) in [
            (r##"{"$ref": "#/x"}"##, "$ref", "\"$ref\" is not supported"),
            (r#"{"format": "email"}"#, "format", "\"format\" is not supported"),
            (r#"{"type": "text"}"#, "type", "must be \"string\""),
            (r#"{"type": []}"#, "type", "must be \"string\""),
            (r#"{"required": "id"}"#, "required", "list of field names"),
            (r#"{"properties": []}"#, "properties", "one schema per field"),
            (r#"{"properties": {"a": 3}}"#, "properties.a", "must be an object, true or false"),
            (r#"{"enum": []}"#, "enum", "at least one value"),
            (r#"{"minimum": "3"}"#, "minimum", "must be a number"),
            (r#"{"minLength": -1}"#, "minLength", "whole number"),
            (r#"{"maxItems": 1.5}"#, "maxItems", "whole number"),
            (r#"{"items": [{"type": "string"}]}"#, "items", "one schema that every item"),
            (r#"{"exclusiveMinimum": true}"#, "exclusiveMinimum", "needs a minimum"),
            (r#"{"properties": {"id": {"pattern": "(?=x)"}}}"#, "properties.id.pattern", "look-around is not supported"),
            (r#"{"pattern": 3}"#, "pattern", "must be a string"),
            ("[1]", "$", "must be an object, true or false"),
        ] {
            let e = refused(text);
            assert_eq!(e.path, path, "{text}");
            assert!(e.message.en.contains(words), "{text}: {}", e.message.en);
        }
        let e = refused(r#"{"type": "string", "type": "number"}"#);
        assert!(e.message.en.starts_with("The schema is not valid JSON"), "{}", e.message.en);
        assert!(refused("").message.vi.starts_with("Lược đồ không phải JSON hợp lệ"));
        assert!(JsonSchema::parse(&"[".repeat(200)).is_err());
    }

    #[test]
    fn hostile_patterns_neither_stall_nor_grow_without_bound() {
        // Catastrophic for a backtracking engine; linear here.
        let schema = JsonSchema::parse(r#"{"pattern": "^(a*)*b$"}"#).expect("a valid pattern");
        let long = serde_json::Value::String("a".repeat(20_000));
        assert!(schema.check(&long).is_err());
        // Counted repeats that would compile to a huge program are refused with a reason.
        let e = JsonSchema::parse(r#"{"pattern": "(a{1000}){1000}"}"#).expect_err("too big");
        assert!(e.message.en.starts_with("pattern: this lab cannot run the pattern"), "{}", e.message.en);
        let too_long = format!(r#"{{"pattern": "{}"}}"#, "a".repeat(1_001));
        assert!(JsonSchema::parse(&too_long).is_err());
    }
}
