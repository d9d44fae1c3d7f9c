//! Texts in both languages the page speaks. Crate-level, below every layer, so the
//! model, sharing and the simulation can say why in English and in Vietnamese while
//! the CLI keeps printing the English.

use serde::{Deserialize, Serialize};

/// The language the page speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];

    /// `"en"` or `"vi"`, as in a page's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// A fixed text, written whole in each language (never glued from fragments).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Text {
    pub en: &'static str,
    pub vi: &'static str,
}

impl Text {
    pub const fn new(en: &'static str, vi: &'static str) -> Text {
        Text { en, vi }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Vi => self.vi,
        }
    }
}

/// A text that names parts of the learner's own diagram, so it is built at run time;
/// each language's sentence is still written whole, with the names filled in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    pub en: String,
    pub vi: String,
}

impl Message {
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Message {
        Message { en: en.into(), vi: vi.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Vi => &self.vi,
        }
    }
}

impl From<Text> for Message {
    fn from(text: Text) -> Message {
        Message { en: text.en.to_string(), vi: text.vi.to_string() }
    }
}


impl std::fmt::Display for Message {
    /// The English, as the command line and logs print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// The first letter in capitals, for a sentence that starts with a filled-in noun.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A number with its thousands grouped as each language's reader expects: "43,200" in
/// English; "43 200" in Vietnamese, where a comma or a point could be read as the
/// decimal mark (the point stays the decimal mark, as the inputs accept it).
pub fn grouped(value: impl std::fmt::Display, lang: Lang) -> String {
    let separator = match lang {
        Lang::En => ',',
        Lang::Vi => '\u{a0}',
    };
    let text = value.to_string();
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let digits: Vec<char> = whole.chars().collect();
    let mut out = String::new();
    for (i, ch) in digits.iter().enumerate() {
        if i > 0 && ch.is_ascii_digit() && (digits.len() - i) % 3 == 0 && digits[i - 1].is_ascii_digit() {
            out.push(separator);
        }
        out.push(*ch);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(43_200u32, Lang::En), "43,200");
        assert_eq!(grouped(1_209_600u32, Lang::En), "1,209,600");
        assert_eq!(grouped(1_209_600u32, Lang::Vi), "1\u{a0}209\u{a0}600");
        assert_eq!(grouped(900u32, Lang::En), "900");
        assert_eq!(grouped(10_000.5f64, Lang::En), "10,000.5");
        assert_eq!(grouped(0.1f64, Lang::Vi), "0.1");
        assert_eq!(capitalise("hàng đợi"), "Hàng đợi");
    }
}
