//! Strict JSON text parsing shared by event patterns, filter policies and state
//! machine definitions.
//!
//! AWS parses these documents itself and rejects an object that names the same key
//! twice; `serde_json` would silently keep the last value. [`parse_strict`] keeps the
//! key order (the crate enables `preserve_order`) and reports duplicates instead.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The deepest nesting any routing document may use. AWS's own limits are lower
/// in practice; the cap keeps recursion bounded on hostile input.
pub const MAX_DEPTH: usize = 64;

/// Parses JSON text, rejecting duplicate object keys and nesting deeper than
/// [`MAX_DEPTH`]. The error is one human-readable sentence.
pub fn parse_strict(text: &str) -> Result<Value, String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = StrictSeed { depth: 0 }
        .deserialize(&mut deserializer)
        .map_err(|e| e.to_string())?;
    deserializer.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// Builds a `Value`, failing on duplicate keys and on excessive depth.
struct StrictSeed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for StrictSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(StrictVisitor { depth: self.depth })
    }
}

struct StrictVisitor {
    depth: usize,
}

impl StrictVisitor {
    fn child<E: de::Error>(&self) -> Result<StrictSeed, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(StrictSeed { depth: self.depth + 1 })
    }
}

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.child()?)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
            }
            let value = access.next_value_seed(self.child()?)?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

/// The depth of a value already in memory (a `Value` built by the caller may be
/// deeper than any text we parsed). Stops counting past `limit`.
pub fn depth_exceeds(value: &Value, limit: usize) -> bool {
    fn walk(value: &Value, remaining: usize) -> bool {
        match value {
            Value::Array(items) => {
                remaining == 0 || items.iter().any(|v| walk(v, remaining - 1))
            }
            Value::Object(map) => remaining == 0 || map.values().any(|v| walk(v, remaining - 1)),
            _ => false,
        }
    }
    walk(value, limit)
}

/// A short JSON rendering of a value for error messages, cut to `max` characters.
pub fn brief(value: &Value, max: usize) -> String {
    let text = value.to_string();
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ordinary_json_and_keeps_key_order() {
        let value = parse_strict(r#"{"b": 1, "a": [true, null, "x"]}"#).expect("valid");
        let keys: Vec<&String> = value.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["b", "a"]);
    }

    #[test]
    fn rejects_duplicate_keys_at_any_depth() {
        let err = parse_strict(r#"{"a": {"x": 1, "x": 2}}"#).unwrap_err();
        assert!(err.contains("duplicate key \"x\""), "{err}");
    }

    #[test]
    fn rejects_malformed_text_and_trailing_garbage() {
        assert!(parse_strict(r#"{"a": [1, 2 3]}"#).is_err());
        assert!(parse_strict(r#"{"a": 1} x"#).is_err());
    }

    #[test]
    fn rejects_excessive_nesting_without_overflowing() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse_strict(&deep).is_err());
    }

    #[test]
    fn measures_depth_of_values_in_memory() {
        let value: Value = serde_json::json!({"a": {"b": [1]}});
        assert!(depth_exceeds(&value, 2));
        assert!(!depth_exceeds(&value, 3));
    }
}
