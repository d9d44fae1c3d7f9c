//! Share links: the diagram in the URL fragment, readable (`#json=`) or compressed (`#z=`).

use super::error::ShareError;
use crate::text::{grouped, Lang, Message};
use super::{format, COMPRESS_ABOVE_CHARS, MAX_COMPONENTS, MAX_CONNECTIONS, MAX_JSON_BYTES, WARN_ABOVE_CHARS};
use crate::model::Diagram;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};
use miniz_oxide::inflate::TINFLStatus;

/// A link that opens a diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareLink {
    /// The whole link: the base URL, then `#json=...` or `#z=...`.
    pub url: String,
    /// The link's length in characters.
    pub length: usize,
    /// `true` for `#z=` (deflate + base64url), `false` for `#json=`.
    pub compressed: bool,
    /// A sentence to show next to the link when it may not survive being sent.
    pub warning: Option<Message>,
}

/// The link fragment's prefix for readable JSON.
pub const JSON_PREFIX: &str = "json=";
/// The link fragment's prefix for compressed JSON.
pub const Z_PREFIX: &str = "z=";

/// base64url without padding when writing; padding tolerated when reading.
const BASE64: GeneralPurpose =
    GeneralPurpose::new(&alphabet::URL_SAFE, GeneralPurposeConfig::new().with_encode_padding(false).with_decode_padding_mode(DecodePaddingMode::Indifferent));

/// The link for `diagram` at `base_url` (any fragment of `base_url` is replaced).
/// `#json=` while the whole link fits in [`COMPRESS_ABOVE_CHARS`] characters, `#z=` beyond.
pub fn link_for(diagram: &Diagram, base_url: &str) -> ShareLink {
    let base = base_url.split('#').next().unwrap_or("");
    let json = format::to_file(diagram);
    let json = serde_json::to_string(&json).unwrap_or_default();
    let readable = format!("{base}#{JSON_PREFIX}{}", encode_fragment(&json));
    let (url, compressed) = if readable.chars().count() <= COMPRESS_ABOVE_CHARS {
        (readable, false)
    } else {
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
        (format!("{base}#{Z_PREFIX}{}", BASE64.encode(packed)), true)
    };
    let length = url.chars().count();
    let too_big = diagram.component_count() > MAX_COMPONENTS || diagram.connection_count() > MAX_CONNECTIONS || json.len() > MAX_JSON_BYTES;
    let warning = if too_big {
        Some(msg!(
            "This diagram is larger than Decouple Lab opens from a link; save it as a file instead.",
            "Sơ đồ này lớn hơn mức Decouple Lab mở được từ một liên kết; hãy lưu nó thành tệp."
        ))
    } else if length > WARN_ABOVE_CHARS {
        let (length_en, max_en) = (grouped(length, Lang::En), grouped(WARN_ABOVE_CHARS, Lang::En));
        let (length_vi, max_vi) = (grouped(length, Lang::Vi), grouped(WARN_ABOVE_CHARS, Lang::Vi));
        Some(msg!(
            "This link is {length_en} characters long and some chat tools cut longer links than {max_en}; send the diagram as a file if it doesn't open.",
            "Liên kết này dài {length_vi} ký tự, mà một số ứng dụng chat cắt bớt liên kết dài hơn {max_vi}; nếu nó không mở được, hãy gửi sơ đồ dưới dạng tệp."
        ))
    } else {
        None
    };
    ShareLink { url, length, compressed, warning }
}

/// Opens a link: a full URL (`https://host/path#json=...`), a fragment (`#z=...`) or the
/// fragment without its `#` (`json=...`).
pub fn from_link(link: &str) -> Result<Diagram, ShareError> {
    let json = link_json(link)?;
    format::read(&json)
}

/// The JSON text a link holds, after percent-decoding or base64 and inflating, with the
/// size limit applied while decoding.
pub fn link_json(link: &str) -> Result<String, ShareError> {
    let link = link.trim();
    let fragment = match link.split_once('#') {
        Some((_, fragment)) => fragment,
        None if link.starts_with(JSON_PREFIX) || link.starts_with(Z_PREFIX) => link,
        None => return Err(ShareError::NoDiagramInLink),
    };
    if let Some(text) = fragment.strip_prefix(JSON_PREFIX) {
        if text.is_empty() {
            return Err(ShareError::EmptyLink);
        }
        // Every byte of JSON takes at most three characters ("%22").
        if text.len() > MAX_JSON_BYTES.saturating_mul(3) {
            return Err(ShareError::TooLarge);
        }
        let bytes = percent_decode(text.as_bytes());
        if bytes.len() > MAX_JSON_BYTES {
            return Err(ShareError::TooLarge);
        }
        String::from_utf8(bytes).map_err(|_| ShareError::NotText)
    } else if let Some(text) = fragment.strip_prefix(Z_PREFIX) {
        // Line breaks and spaces come from chat tools wrapping the link; base64 has none.
        let cleaned: Vec<u8> = text
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| match b {
                b'+' => b'-',
                b'/' => b'_',
                other => other,
            })
            .collect();
        if cleaned.is_empty() {
            return Err(ShareError::EmptyLink);
        }
        // Deflate never grows data by more than a few bytes per 64 KB, so a compressed part
        // this long (over 1.5 MB once decoded) would unpack to more than the limit anyway.
        if cleaned.len() > MAX_JSON_BYTES.saturating_mul(2) {
            return Err(ShareError::TooLarge);
        }
        let packed = BASE64.decode(&cleaned).map_err(|_| ShareError::BadBase64)?;
        if packed.is_empty() {
            return Err(ShareError::EmptyLink);
        }
        let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES).map_err(|e| match e.status {
            TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => ShareError::CompressedCutOff,
            _ => ShareError::BadCompression,
        })?;
        String::from_utf8(bytes).map_err(|_| ShareError::NotText)
    } else {
        Err(ShareError::NoDiagramInLink)
    }
}

/// Percent-encodes only what a URL fragment can't carry as is (the WHATWG fragment set:
/// controls, space, `"`, `<`, `>`, `` ` ``), plus `%` and `#` so that decoding is exact,
/// and non-ASCII characters (as UTF-8 bytes). Braces, brackets, colons and commas stay,
/// so the JSON can still be read and edited in the address bar.
pub fn encode_fragment(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for &b in text.as_bytes() {
        let keep = b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'`' | b'%' | b'#');
        if keep {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Percent-decoding as browsers do it: a `%` not followed by two hex digits stays as is.
pub fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let (Some(hi), Some(lo)) = (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_keeps_json_punctuation_readable() {
        assert_eq!(encode_fragment(r#"{"a":[1,2],"b":"x y#%<é>"}"#), "{%22a%22:[1,2],%22b%22:%22x%20y%23%25%3C%C3%A9%3E%22}");
    }

    #[test]
    fn decoding_undoes_encoding_and_keeps_stray_percents() {
        let text = "{\"name\": \"50% <b>off</b> ✓ \\\"q\\\" #1\"}\n\t";
        assert_eq!(percent_decode(encode_fragment(text).as_bytes()), text.as_bytes());
        assert_eq!(percent_decode(b"100%zz%4"), b"100%zz%4");
    }
}
