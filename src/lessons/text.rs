//! Texts in both languages the lesson is taught in.

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

