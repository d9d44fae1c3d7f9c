//! Payload templates: `{{uuid}}`, `{{int a b}}`, `{{pick a b c}}`, `{{seq}}`.
//!
//! A message stores only its template's owner, its sequence number and a 64-bit
//! seed; the text is rendered again when needed (FIFO group, partition key, poison
//! check, inspector). That keeps a million queued messages small and the text
//! deterministic from the run's seed.

use super::rng::SimRng;

#[derive(Clone, Debug, PartialEq)]
enum Part {
    Text(String),
    Uuid,
    Int(i64, i64),
    Pick(Vec<String>),
    Seq,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Template {
    parts: Vec<Part>,
}

impl Template {
    /// Reads `text` with the placeholder grammar of [`crate::model::placeholders`].
    pub fn parse(text: &str) -> Template {
        use crate::model::placeholders::{segments, Placeholder, Segment};
        let parts = segments(text)
            .into_iter()
            .map(|segment| match segment {
                Segment::Text(t) => Part::Text(t.to_string()),
                // Unknown placeholders stay as written, so the learner sees them.
                Segment::Unknown(t) => Part::Text(t.to_string()),
                Segment::Placeholder(Placeholder::Uuid) => Part::Uuid,
                Segment::Placeholder(Placeholder::Seq) => Part::Seq,
                Segment::Placeholder(Placeholder::Int(a, b)) => Part::Int(a, b),
                Segment::Placeholder(Placeholder::Pick(options)) => Part::Pick(options),
            })
            .collect();
        Template { parts }
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The payload for one message; the same (seq, seed) always gives the same text.
    pub fn render(&self, seq: u64, seed: u64) -> String {
        let mut rng = SimRng::new(seed);
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Seq => out.push_str(&seq.to_string()),
                Part::Int(a, b) => out.push_str(&rng.int_in(*a, *b).to_string()),
                Part::Pick(options) => {
                    let i = rng.below(options.len() as u32) as usize;
                    out.push_str(options.get(i).map(String::as_str).unwrap_or(""));
                }
                Part::Uuid => {
                    let (a, b) = (rng.next_u64(), rng.next_u64());
                    // A version-4 UUID layout.
                    let hi = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
                    let lo = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
                    out.push_str(&format!(
                        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
                        hi >> 32,
                        (hi >> 16) & 0xffff,
                        hi & 0xffff,
                        lo >> 48,
                        lo & 0xffff_ffff_ffff
                    ));
                }
            }
        }
        out
    }
}

/// Checks a message-attributes template (empty: none) on a sample message: it must
/// render to a JSON object whose values SNS takes as attributes.
pub fn check_attributes(text: &str) -> Result<(), crate::text::Message> {
    if text.trim().is_empty() {
        return Ok(());
    }
    let sample = Template::parse(text).render(1, 1);
    let value: serde_json::Value = serde_json::from_str(&sample).map_err(|e| {
        let e = e.to_string();
        msg!("Message attributes are not valid JSON: {e}.", "Message attributes không phải JSON hợp lệ: {e}.")
    })?;
    crate::routing::SnsMessage::attributes_from_json(&value).map(|_| ())
}

/// A top-level field of a JSON payload, or None when the payload is not an object
/// or lacks the field.
pub fn field(payload: &str, name: &str) -> Option<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(payload).ok()?;
    value.get(name).cloned()
}

/// A field's value as text: strings without quotes, anything else as JSON.
pub fn field_text(payload: &str, name: &str) -> Option<String> {
    field(payload, name).map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

/// FNV-1a, a fixed 64-bit hash (std's hasher is randomly keyed per process).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders_deterministically() {
        let t = Template::parse(r#"{"id": "{{uuid}}", "n": {{int 1 3}}, "c": "{{pick red blue}}", "s": {{seq}}, "x": "{{nope}}"}"#);
        let a = t.render(7, 42);
        assert_eq!(a, t.render(7, 42));
        let v: serde_json::Value = serde_json::from_str(&a).expect("valid JSON");
        let n = v["n"].as_i64().unwrap_or(0);
        assert!((1..=3).contains(&n));
        assert!(["red", "blue"].contains(&v["c"].as_str().unwrap_or("")));
        assert_eq!(v["s"], 7);
        assert_eq!(v["id"].as_str().map(str::len), Some(36));
        assert_eq!(v["x"], "{{nope}}");
        assert_eq!(field_text(&a, "c").as_deref(), v["c"].as_str());
    }
}
