//! Why a file or link could not be opened, as one sentence a learner understands.

use super::{
    CURRENT_VERSION, MAX_COMPONENTS, MAX_CONNECTIONS, MAX_DEPTH, MAX_EXERCISE_CHARS, MAX_JSON_BYTES, MAX_NAME_CHARS,
    MAX_SETTINGS_BYTES,
};
use std::fmt;

/// Why a diagram file or link opened nothing. `Display` gives one sentence, ending with
/// a full stop, that the page can show as is and the CLI prints on one line.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ShareError {
    /// The link has nothing after `#`, or its fragment starts with neither `json=` nor `z=`.
    NoDiagramInLink,
    /// `#json=` or `#z=` is followed by nothing.
    EmptyLink,
    /// The text after `#z=` is not base64url.
    BadBase64,
    /// The compressed data is damaged (not a raw deflate stream).
    BadCompression,
    /// The compressed data stops in the middle.
    CompressedCutOff,
    /// The diagram text (or what the link unpacks to) is longer than [`MAX_JSON_BYTES`].
    TooLarge,
    /// The link's bytes are not UTF-8 text.
    NotText,
    /// Brackets nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The JSON stops in the middle (usually a link cut off by a chat tool).
    JsonCutOff,
    /// The text is not JSON; `detail` is the parser's own words, `line` and `column` where.
    InvalidJson { detail: String, line: usize, column: usize },
    /// The JSON is not a Decouple Lab diagram (no `"format": "decouple-lab"`).
    NotADiagram,
    /// The `version` field is missing or not a whole number.
    BadVersion,
    /// Made by a newer Decouple Lab than this one.
    NewerVersion { version: u64 },
    /// More components than [`MAX_COMPONENTS`].
    TooManyComponents { count: usize },
    /// More connections than [`MAX_CONNECTIONS`].
    TooManyConnections { count: usize },
    /// More than [`MAX_SETTINGS_BYTES`] of text in settings, all together.
    SettingsTooLong { bytes: usize },
    /// A name longer than [`MAX_NAME_CHARS`].
    NameTooLong { component: String, chars: usize },
    /// An exercise id longer than [`MAX_EXERCISE_CHARS`].
    ExerciseTooLong { chars: usize },
    /// A component whose kind is not one Decouple Lab knows.
    UnknownComponentKind { component: String, kind: String },
    /// A connection whose kind is not one Decouple Lab knows.
    UnknownConnectionKind { connection: String, kind: String },
    /// A part of the file has the wrong shape; `place` says where, `detail` what.
    Malformed { place: String, detail: String },
    /// A connection refers to a component that is not in the diagram.
    MissingEnd { connection: String, component: u32 },
    /// A setting outside its allowed range; `message` names the range.
    OutOfRange { place: String, field: String, message: String },
    /// The run settings are impossible (`message` says which and why).
    BadRunSettings { message: String },
    /// The diagram model refused the parts (duplicate ids, a connection the rules forbid).
    Refused { message: String },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ShareError::*;
        match self {
            NoDiagramInLink => write!(
                f,
                "This link holds no diagram: the part after # should start with json= or z=."
            ),
            EmptyLink => write!(f, "This link is empty after json= or z=, so it was probably cut off when it was copied."),
            BadBase64 => write!(
                f,
                "The compressed part of this link (after z=) contains characters that don't belong there, so it was changed or cut off on the way."
            ),
            BadCompression => write!(f, "The compressed part of this link (after z=) is damaged, so it was changed on the way."),
            CompressedCutOff => write!(
                f,
                "The compressed part of this link (after z=) stops in the middle, so it was probably cut off when it was copied."
            ),
            TooLarge => write!(
                f,
                "This diagram is larger than Decouple Lab opens (at most {} of JSON text).",
                kb(MAX_JSON_BYTES)
            ),
            NotText => write!(f, "This link doesn't decode to readable text, so it was changed on the way."),
            TooDeep => write!(
                f,
                "This diagram nests brackets more than {MAX_DEPTH} levels deep, which no Decouple Lab diagram does."
            ),
            JsonCutOff => write!(
                f,
                "The diagram text stops in the middle, so the link or file was probably cut off when it was copied."
            ),
            InvalidJson { detail, line, column } => write!(
                f,
                "This isn't valid JSON ({}, at line {line}, column {column}).",
                clean(detail, 120)
            ),
            NotADiagram => write!(
                f,
                "This JSON isn't a Decouple Lab diagram: it should be an object with \"format\": \"decouple-lab\"."
            ),
            BadVersion => write!(f, "This diagram has no valid format version: \"version\" should be a whole number such as {CURRENT_VERSION}."),
            NewerVersion { version } => write!(
                f,
                "This diagram was made by a newer Decouple Lab (format version {version}); this one reads up to version {CURRENT_VERSION}."
            ),
            TooManyComponents { count } => write!(
                f,
                "This diagram has {} components; Decouple Lab opens at most {}.",
                thousands(*count),
                thousands(MAX_COMPONENTS)
            ),
            TooManyConnections { count } => write!(
                f,
                "This diagram has {} connections; Decouple Lab opens at most {}.",
                thousands(*count),
                thousands(MAX_CONNECTIONS)
            ),
            SettingsTooLong { bytes } => write!(
                f,
                "The settings of this diagram hold {} of text in total; Decouple Lab opens at most {}.",
                kb(*bytes),
                kb(MAX_SETTINGS_BYTES)
            ),
            NameTooLong { component, chars } => write!(
                f,
                "The name of {component} is {} characters long; a name can be at most {MAX_NAME_CHARS} characters.",
                thousands(*chars)
            ),
            ExerciseTooLong { chars } => write!(
                f,
                "The exercise id is {} characters long; it can be at most {MAX_EXERCISE_CHARS} characters.",
                thousands(*chars)
            ),
            UnknownComponentKind { component, kind } => write!(
                f,
                "{} has the kind \"{}\", which Decouple Lab doesn't know (kinds are written like \"queue\" or \"api_gateway\").",
                capitalise(component),
                clean(kind, 40)
            ),
            UnknownConnectionKind { connection, kind } => write!(
                f,
                "{} has the kind \"{}\", which Decouple Lab doesn't know (kinds are written like \"send\" or \"event_source_mapping\").",
                capitalise(connection),
                clean(kind, 40)
            ),
            Malformed { place, detail } => write!(f, "There is a problem in {place}: {}.", clean(detail, 300)),
            MissingEnd { connection, component } => write!(
                f,
                "{} refers to component {component}, which isn't in the diagram.",
                capitalise(connection)
            ),
            OutOfRange { place, field, message } => {
                write!(f, "In {place}, the setting {field} is out of range: {}", clean(message, 300))?;
                if !message.ends_with('.') {
                    f.write_str(".")?;
                }
                Ok(())
            }
            BadRunSettings { message } => write!(f, "The run settings aren't right: {}", clean(message, 200)),
            Refused { message } => {
                write!(f, "This diagram can't be opened: {}", clean(message, 300))?;
                if !message.ends_with('.') {
                    f.write_str(".")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// Text from the input, made safe for a one-line sentence: no control characters, no
/// line breaks, at most `max` characters.
pub(crate) fn clean(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// 12345 -> "12,345".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes as "64 KB" or "1 MB" (1 KB = 1,024 bytes), rounding up.
pub(crate) fn kb(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", thousands(bytes.div_ceil(1024)))
    }
}
