//! Writes a template value as block-style YAML, intrinsic functions in CloudFormation's
//! short form where they take text (`!Ref X`, `!GetAtt A.Arn`, `!Sub "..."`), and
//! multi-line text (inline handlers) as literal blocks so it reads as code.

use serde_json::Value;

/// The YAML text of `value`, ending with a newline.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(map, 0, &mut out),
        other => {
            out.push_str(&inline(other).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_map(map: &serde_json::Map<String, Value>, depth: usize, out: &mut String) {
    for (key, value) in map {
        indent(out, depth);
        out.push_str(&scalar_text(key));
        out.push(':');
        write_value(value, depth, out);
    }
}

/// After `key:` or `-`: the value on the same line, or nested below.
fn write_value(value: &Value, depth: usize, out: &mut String) {
    if let Some(text) = inline(value) {
        out.push(' ');
        out.push_str(&text);
        out.push('\n');
        return;
    }
    match value {
        Value::String(s) => {
            out.push_str(" |\n");
            for line in s.lines() {
                if !line.is_empty() {
                    indent(out, depth + 2);
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        Value::Object(map) => {
            out.push('\n');
            write_map(map, depth + 2, out);
        }
        Value::Array(items) => {
            out.push('\n');
            for item in items {
                indent(out, depth + 2);
                out.push('-');
                match item {
                    Value::Object(map) if !map.is_empty() && inline(item).is_none() => {
                        // The first key on the dash's line, the rest aligned under it.
                        let mut first = true;
                        for (key, v) in map {
                            if first {
                                out.push(' ');
                                first = false;
                            } else {
                                indent(out, depth + 4);
                            }
                            out.push_str(&scalar_text(key));
                            out.push(':');
                            write_value(v, depth + 4, out);
                        }
                    }
                    other => write_value(other, depth + 2, out),
                }
            }
        }
        _ => {}
    }
}

/// The value on one line, when it fits there.
fn inline(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if block_worthy(s) => None,
        Value::String(s) => Some(scalar_text(s)),
        Value::Array(items) if items.is_empty() => Some("[]".into()),
        Value::Object(map) if map.is_empty() => Some("{}".into()),
        Value::Object(map) if map.len() == 1 => {
            let (key, inner) = map.iter().next()?;
            let tag = match key.as_str() {
                "Ref" => "Ref",
                "Fn::Sub" => "Sub",
                "Fn::GetAtt" => "GetAtt",
                _ => return None,
            };
            match (tag, inner) {
                ("GetAtt", Value::Array(parts)) if parts.len() == 2 => {
                    let (a, b) = (parts[0].as_str()?, parts[1].as_str()?);
                    Some(format!("!GetAtt {a}.{b}"))
                }
                (_, Value::String(s)) if !block_worthy(s) => Some(format!("!{tag} {}", scalar_text(s))),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Multi-line text that a literal block keeps exactly: one final newline, no trailing
/// blanks, no tabs, not starting with a blank.
fn block_worthy(s: &str) -> bool {
    s.contains('\n')
        && s.ends_with('\n')
        && !s.ends_with("\n\n")
        && !s.starts_with([' ', '\n'])
        && !s.contains('\t')
        && !s.contains('\r')
        && s.lines().all(|l| !l.ends_with(' '))
        && !s.chars().any(unprintable)
}

/// Characters YAML does not allow as they are in a stream (or reads as line breaks or a
/// byte order mark): written as `\u` escapes in double quotes.
fn unprintable(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// Text as a plain scalar when YAML reads it back as the same text, else double-quoted.
fn scalar_text(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '-' | ':'))
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && !s.contains(": ")
        && !s.ends_with(':')
        && !matches!(s.to_ascii_lowercase().as_str(), "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n");
    if plain {
        return s.to_string();
    }
    let quoted = serde_json::to_string(s).unwrap_or_default();
    if !quoted.chars().any(unprintable) {
        return quoted;
    }
    quoted.chars().map(|c| if unprintable(c) { format!("\\u{:04x}", u32::from(c)) } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn written_yaml_reads_back_the_same() {
        let v = json!({"A": {"Ref": "Q"}, "B": {"Fn::GetAtt": ["Q", "Arn"]}, "C": ["x", {"K": 1, "L": "yes"}, []],
                       "D": "line 1\n  line 2\n", "H": "bom\u{feff} nel\u{85} del\u{7f}", "E": {"Fn::Join": ["", ["a", {"Ref": "Q"}]]}, "F": "", "G": "a: b"});
        assert_eq!(crate::iac::value::parse(&to_yaml(&v)).unwrap(), v, "{}", to_yaml(&v));
    }
}
