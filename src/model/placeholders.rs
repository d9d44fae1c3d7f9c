//! The placeholders of a payload template (`{{uuid}}`, `{{seq}}`, `{{int a b}}`,
//! `{{pick a b c}}`), read in one place: the engine renders them (`sim::payload`),
//! and the diagram's warnings refuse a function's result template that uses an
//! unknown one or is not JSON, before any run starts.

use crate::text::Message;

/// A placeholder the engine fills in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placeholder {
    Uuid,
    Seq,
    /// A whole number from the first to the second, both included.
    Int(i64, i64),
    Pick(Vec<String>),
}

/// A piece of a template: text kept as written, a placeholder, or `{{...}}` that is
/// not one (kept as written by the engine, refused where JSON is required).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Placeholder(Placeholder),
    Unknown(&'a str),
}

/// The pieces of `text`, in order. An unclosed `{{` is text.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else { break };
        if start > 0 {
            out.push(Segment::Text(&rest[..start]));
        }
        let whole = &rest[start..start + 2 + len + 2];
        let inner = &rest[start + 2..start + 2 + len];
        let words: Vec<&str> = inner.split_whitespace().collect();
        let placeholder = match words.as_slice() {
            ["uuid"] => Some(Placeholder::Uuid),
            ["seq"] => Some(Placeholder::Seq),
            ["int", a, b] => match (a.parse::<i64>(), b.parse::<i64>()) {
                (Ok(a), Ok(b)) => Some(Placeholder::Int(a.min(b), a.max(b))),
                _ => None,
            },
            ["pick", options @ ..] if !options.is_empty() => Some(Placeholder::Pick(options.iter().map(|s| s.to_string()).collect())),
            _ => None,
        };
        out.push(placeholder.map_or(Segment::Unknown(whole), Segment::Placeholder));
        rest = &rest[start + 2 + len + 2..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// Checks a function's result template (empty: the function returns its input):
/// every placeholder is known and the text is JSON once they are filled in.
pub fn check_result(text: &str) -> Result<(), Message> {
    if text.trim().is_empty() {
        return Ok(());
    }
    let mut sample = String::with_capacity(text.len());
    for segment in segments(text) {
        match segment {
            Segment::Text(t) => sample.push_str(t),
            Segment::Unknown(p) => {
                return Err(msg!(
                    "The result template uses {p}, which is not a placeholder: use {{{{uuid}}}}, {{{{seq}}}}, {{{{int 1 100}}}} or {{{{pick a b c}}}}.",
                    "Mẫu kết quả dùng {p}, đây không phải placeholder: hãy dùng {{{{uuid}}}}, {{{{seq}}}}, {{{{int 1 100}}}} hoặc {{{{pick a b c}}}}."
                ))
            }
            // The smallest value each placeholder can give: what matters is the JSON around it.
            Segment::Placeholder(Placeholder::Uuid) => sample.push_str("00000000-0000-4000-8000-000000000000"),
            Segment::Placeholder(Placeholder::Seq) => sample.push('1'),
            Segment::Placeholder(Placeholder::Int(a, _)) => sample.push_str(&a.to_string()),
            Segment::Placeholder(Placeholder::Pick(options)) => sample.push_str(options.first().map_or("", String::as_str)),
        }
    }
    serde_json::from_str::<serde_json::Value>(&sample).map(|_| ()).map_err(|e| {
        let e = e.to_string();
        msg!("The result template is not valid JSON: {e}.", "Mẫu kết quả không phải JSON hợp lệ: {e}.")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_placeholders_and_keeps_the_rest() {
        let s = segments(r#"{"id": "{{uuid}}", "n": {{ int 9 2 }}, "c": "{{pick a b}}", "x": "{{nope}}", "s": {{seq}}, "open": "{{"#);
        assert!(s.contains(&Segment::Placeholder(Placeholder::Uuid)));
        assert!(s.contains(&Segment::Placeholder(Placeholder::Int(2, 9))));
        assert!(s.contains(&Segment::Placeholder(Placeholder::Pick(vec!["a".into(), "b".into()]))));
        assert!(s.contains(&Segment::Placeholder(Placeholder::Seq)));
        assert!(s.contains(&Segment::Unknown("{{nope}}")));
        assert_eq!(s.last(), Some(&Segment::Text(r#", "open": "{{"#)));
        assert_eq!(segments("{{int 1 x}}"), [Segment::Unknown("{{int 1 x}}")]);
    }

    #[test]
    fn a_result_template_must_be_json_with_known_placeholders() {
        assert!(check_result("").is_ok());
        assert!(check_result(r#"{"valid": true, "id": "{{uuid}}", "amount": {{int 1 500}}, "n": {{seq}}, "c": "{{pick red blue}}"}"#).is_ok());
        assert!(check_result("[1, 2]").is_ok());
        let unknown = check_result(r#"{"id": "{{order_id}}"}"#).expect_err("unknown placeholder");
        assert!(unknown.en.contains("{{order_id}}") && unknown.en.contains("{{uuid}}"), "{}", unknown.en);
        assert!(unknown.vi.contains("{{order_id}}"));
        let broken = check_result(r#"{"valid": true"#).expect_err("not closed");
        assert!(broken.en.starts_with("The result template is not valid JSON"), "{}", broken.en);
        assert!(check_result(r#"{"n": {{pick one two}}}"#).is_err(), "a bare word is not JSON");
        assert!(check_result("ok").is_err());
    }
}
