//! Why a file or link could not be opened, as one sentence a learner understands.

use crate::text::{capitalise, grouped, Lang, Message};
use super::{
    CURRENT_VERSION, MAX_COMPONENTS, MAX_CONNECTIONS, MAX_DEPTH, MAX_EXERCISE_CHARS, MAX_JSON_BYTES, MAX_NAME_CHARS,
    MAX_SETTINGS_BYTES,
};
use std::fmt;

/// Why a diagram file or link opened nothing. [`ShareError::message`] gives one sentence
/// in each language, ending with a full stop, that the page can show as is; `Display`
/// is its English, as the CLI prints it on one line.
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
    /// A name longer than [`MAX_NAME_CHARS`]; `component` says which, in both languages.
    NameTooLong { component: Message, chars: usize },
    /// An exercise id longer than [`MAX_EXERCISE_CHARS`].
    ExerciseTooLong { chars: usize },
    /// A component whose kind is not one Decouple Lab knows.
    UnknownComponentKind { component: Message, kind: String },
    /// A connection whose kind is not one Decouple Lab knows.
    UnknownConnectionKind { connection: Message, kind: String },
    /// A part of the file has the wrong shape; `place` says where, `detail` what, in the
    /// JSON reader's own (English) words.
    Malformed { place: Message, detail: String },
    /// A top-level field that should be a list is not.
    NotAList { field: String },
    /// A connection refers to a component that is not in the diagram.
    MissingEnd { connection: Message, component: u32 },
    /// A setting outside its allowed range; `message` names the range.
    OutOfRange { place: Message, field: String, message: Message },
    /// The run settings are impossible (`message` says which and why).
    BadRunSettings { message: Message },
    /// The diagram model refused the parts (duplicate ids, a connection the rules forbid).
    Refused { message: Message },
}

impl ShareError {
    /// The sentence in both languages.
    pub fn message(&self) -> Message {
        use ShareError::*;
        match self {
            NoDiagramInLink => msg!(
                "This link holds no diagram: the part after # should start with json= or z=.",
                "Liên kết này không chứa sơ đồ nào: phần sau dấu # phải bắt đầu bằng json= hoặc z=."
            ),
            EmptyLink => msg!(
                "This link is empty after json= or z=, so it was probably cut off when it was copied.",
                "Liên kết này trống sau json= hoặc z=, có lẽ nó đã bị cắt mất khi sao chép."
            ),
            BadBase64 => msg!(
                "The compressed part of this link (after z=) contains characters that don't belong there, so it was changed or cut off on the way.",
                "Phần nén của liên kết này (sau z=) chứa ký tự không được phép, nên nó đã bị sửa hoặc cắt mất trên đường đi."
            ),
            BadCompression => msg!(
                "The compressed part of this link (after z=) is damaged, so it was changed on the way.",
                "Phần nén của liên kết này (sau z=) bị hỏng, nên nó đã bị sửa trên đường đi."
            ),
            CompressedCutOff => msg!(
                "The compressed part of this link (after z=) stops in the middle, so it was probably cut off when it was copied.",
                "Phần nén của liên kết này (sau z=) dừng giữa chừng, có lẽ nó đã bị cắt mất khi sao chép."
            ),
            TooLarge => {
                let (max_en, max_vi) = (kb(MAX_JSON_BYTES, Lang::En), kb(MAX_JSON_BYTES, Lang::Vi));
                msg!(
                    "This diagram is larger than Decouple Lab opens (at most {max_en} of JSON text).",
                    "Sơ đồ này lớn hơn mức Decouple Lab mở được (tối đa {max_vi} văn bản JSON)."
                )
            }
            NotText => msg!(
                "This link doesn't decode to readable text, so it was changed on the way.",
                "Liên kết này không giải mã ra văn bản đọc được, nên nó đã bị sửa trên đường đi."
            ),
            TooDeep => msg!(
                "This diagram nests brackets more than {MAX_DEPTH} levels deep, which no Decouple Lab diagram does.",
                "Sơ đồ này lồng ngoặc sâu hơn {MAX_DEPTH} cấp, điều mà không sơ đồ Decouple Lab nào làm."
            ),
            JsonCutOff => msg!(
                "The diagram text stops in the middle, so the link or file was probably cut off when it was copied.",
                "Nội dung sơ đồ dừng giữa chừng, có lẽ liên kết hoặc tệp đã bị cắt mất khi sao chép."
            ),
            InvalidJson { detail, line, column } => {
                let detail = clean(detail, 120);
                msg!(
                    "This isn't valid JSON ({detail}, at line {line}, column {column}).",
                    "Đây không phải JSON hợp lệ ({detail}, ở dòng {line}, cột {column})."
                )
            }
            NotADiagram => msg!(
                "This JSON isn't a Decouple Lab diagram: it should be an object with \"format\": \"decouple-lab\".",
                "JSON này không phải sơ đồ Decouple Lab: nó phải là một object có \"format\": \"decouple-lab\"."
            ),
            BadVersion => msg!(
                "This diagram has no valid format version: \"version\" should be a whole number such as {CURRENT_VERSION}.",
                "Sơ đồ này không có phiên bản định dạng hợp lệ: \"version\" phải là một số nguyên, ví dụ {CURRENT_VERSION}."
            ),
            NewerVersion { version } => msg!(
                "This diagram was made by a newer Decouple Lab (format version {version}); this one reads up to version {CURRENT_VERSION}.",
                "Sơ đồ này được tạo bởi một Decouple Lab mới hơn (định dạng phiên bản {version}); bản này chỉ đọc được tới phiên bản {CURRENT_VERSION}."
            ),
            TooManyComponents { count } => {
                let (count_en, max_en, count_vi, max_vi) = numbers(*count, MAX_COMPONENTS);
                msg!(
                    "This diagram has {count_en} components; Decouple Lab opens at most {max_en}.",
                    "Sơ đồ này có {count_vi} thành phần; Decouple Lab chỉ mở được tối đa {max_vi}."
                )
            }
            TooManyConnections { count } => {
                let (count_en, max_en, count_vi, max_vi) = numbers(*count, MAX_CONNECTIONS);
                msg!(
                    "This diagram has {count_en} connections; Decouple Lab opens at most {max_en}.",
                    "Sơ đồ này có {count_vi} kết nối; Decouple Lab chỉ mở được tối đa {max_vi}."
                )
            }
            SettingsTooLong { bytes } => {
                let (size_en, max_en) = (kb(*bytes, Lang::En), kb(MAX_SETTINGS_BYTES, Lang::En));
                let (size_vi, max_vi) = (kb(*bytes, Lang::Vi), kb(MAX_SETTINGS_BYTES, Lang::Vi));
                msg!(
                    "The settings of this diagram hold {size_en} of text in total; Decouple Lab opens at most {max_en}.",
                    "Thiết lập của sơ đồ này chứa tổng cộng {size_vi} văn bản; Decouple Lab chỉ mở được tối đa {max_vi}."
                )
            }
            NameTooLong { component, chars } => {
                let (place_en, place_vi) = (&component.en, &component.vi);
                let (chars_en, chars_vi) = (grouped(*chars, Lang::En), grouped(*chars, Lang::Vi));
                msg!(
                    "The name of {place_en} is {chars_en} characters long; a name can be at most {MAX_NAME_CHARS} characters.",
                    "Tên của {place_vi} dài {chars_vi} ký tự; tên chỉ được dài tối đa {MAX_NAME_CHARS} ký tự."
                )
            }
            ExerciseTooLong { chars } => {
                let (chars_en, chars_vi) = (grouped(*chars, Lang::En), grouped(*chars, Lang::Vi));
                msg!(
                    "The exercise id is {chars_en} characters long; it can be at most {MAX_EXERCISE_CHARS} characters.",
                    "Id bài tập dài {chars_vi} ký tự; id chỉ được dài tối đa {MAX_EXERCISE_CHARS} ký tự."
                )
            }
            UnknownComponentKind { component, kind } => {
                let (place_en, place_vi, kind) = (capitalise(&component.en), capitalise(&component.vi), clean(kind, 40));
                msg!(
                    "{place_en} has the kind \"{kind}\", which Decouple Lab doesn't know (kinds are written like \"queue\" or \"api_gateway\").",
                    "{place_vi} có loại \"{kind}\", loại mà Decouple Lab không biết (các loại được viết như \"queue\" hay \"api_gateway\")."
                )
            }
            UnknownConnectionKind { connection, kind } => {
                let (place_en, place_vi, kind) = (capitalise(&connection.en), capitalise(&connection.vi), clean(kind, 40));
                msg!(
                    "{place_en} has the kind \"{kind}\", which Decouple Lab doesn't know (kinds are written like \"send\" or \"event_source_mapping\").",
                    "{place_vi} có loại \"{kind}\", loại mà Decouple Lab không biết (các loại được viết như \"send\" hay \"event_source_mapping\")."
                )
            }
            Malformed { place, detail } => {
                let (place_en, place_vi, detail) = (&place.en, &place.vi, clean(detail, 300));
                msg!("There is a problem in {place_en}: {detail}.", "Có lỗi ở {place_vi}: {detail}.")
            }
            NotAList { field } => {
                let field = clean(field, 40);
                msg!(
                    "The \"{field}\" field should be a list in square brackets.",
                    "Trường \"{field}\" phải là một danh sách trong ngoặc vuông."
                )
            }
            MissingEnd { connection, component } => {
                let (place_en, place_vi) = (capitalise(&connection.en), capitalise(&connection.vi));
                msg!(
                    "{place_en} refers to component {component}, which isn't in the diagram.",
                    "{place_vi} trỏ tới thành phần {component}, thành phần này không có trong sơ đồ."
                )
            }
            OutOfRange { place, field, message } => {
                let (place_en, place_vi) = (&place.en, &place.vi);
                let (why_en, why_vi) = (sentence(&message.en, 300), sentence(&message.vi, 300));
                msg!(
                    "In {place_en}, the setting {field} is out of range: {why_en}",
                    "Ở {place_vi}, thiết lập {field} nằm ngoài khoảng cho phép: {why_vi}"
                )
            }
            BadRunSettings { message } => {
                let (why_en, why_vi) = (sentence(&message.en, 200), sentence(&message.vi, 200));
                msg!("The run settings aren't right: {why_en}", "Thiết lập lượt chạy chưa đúng: {why_vi}")
            }
            Refused { message } => {
                let (why_en, why_vi) = (sentence(&message.en, 300), sentence(&message.vi, 300));
                msg!("This diagram can't be opened: {why_en}", "Không mở được sơ đồ này: {why_vi}")
            }
        }
    }
}

/// A count and its maximum, grouped for each language.
fn numbers(count: usize, max: usize) -> (String, String, String, String) {
    (grouped(count, Lang::En), grouped(max, Lang::En), grouped(count, Lang::Vi), grouped(max, Lang::Vi))
}

/// `text` made safe by [`clean`], ending with a full stop.
fn sentence(text: &str, max: usize) -> String {
    let mut out = clean(text, max);
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
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

/// Bytes as "64 KB" or "1 MB" (1 KB = 1,024 bytes), rounding up.
pub(crate) fn kb(bytes: usize, lang: Lang) -> String {
    if bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", grouped(bytes.div_ceil(1024), lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_error() -> Vec<ShareError> {
        use ShareError::*;
        let place = || Message::new("the component \"orders\" (id 3)", "thành phần \"orders\" (id 3)");
        let why = || Message::new("something is wrong.", "có gì đó không ổn.");
        vec![
            NoDiagramInLink,
            EmptyLink,
            BadBase64,
            BadCompression,
            CompressedCutOff,
            TooLarge,
            NotText,
            TooDeep,
            JsonCutOff,
            InvalidJson { detail: "expected value".into(), line: 1, column: 2 },
            NotADiagram,
            BadVersion,
            NewerVersion { version: 9 },
            TooManyComponents { count: 20_000 },
            TooManyConnections { count: 20_000 },
            SettingsTooLong { bytes: 300_000 },
            NameTooLong { component: place(), chars: 300 },
            ExerciseTooLong { chars: 300 },
            UnknownComponentKind { component: place(), kind: "lambda".into() },
            UnknownConnectionKind { connection: place(), kind: "pipe".into() },
            Malformed { place: place(), detail: "missing field `x`".into() },
            NotAList { field: "components".into() },
            MissingEnd { connection: place(), component: 4 },
            OutOfRange { place: place(), field: "visibility_timeout_s".into(), message: why() },
            BadRunSettings { message: why() },
            Refused { message: why() },
        ]
    }

    /// Every reason a link or file opens nothing is said in each language, the Vietnamese
    /// with no English sentence left in it.
    #[test]
    fn every_share_error_is_said_in_both_languages() {
        for error in every_error() {
            let m = error.message();
            assert_eq!(error.to_string(), m.en);
            assert_ne!(m.en, m.vi, "{error:?}");
            assert!(m.vi.ends_with('.'), "{}", m.vi);
            for english in ["This ", "link", " the ", "can't", "isn't", "doesn't", "which"] {
                assert!(!m.vi.contains(english), "{english:?} in {}", m.vi);
            }
        }
    }
}
