//! What a check found.

use super::text::{Lang, Message};
use serde::Serialize;

/// One thing the check looked at.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub passed: bool,
    /// A stable name for what was checked (`"queue-before-function"`), for tests and tools.
    pub code: &'static str,
    /// What was found, in the learner's words: why it passed, or what is missing and why
    /// it matters.
    pub message: Message,
}

/// The result of checking a diagram against an exercise.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub passed: bool,
    pub findings: Vec<Finding>,
}

impl Verdict {
    pub fn new(findings: Vec<Finding>) -> Verdict {
        let passed = !findings.is_empty() && findings.iter().all(|f| f.passed);
        Verdict { passed, findings }
    }

    /// The findings that failed.
    pub fn failures(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.findings.iter().filter(|f| !f.passed)
    }

    /// The finding with this code, if the check got that far.
    pub fn finding(&self, code: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.code == code)
    }

    /// The verdict as text: one line per finding, then the result.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let mark = if f.passed { "PASS" } else { "FAIL" };
            out.push_str(&format!("{mark}  {}\n", f.message.get(lang)));
        }
        let ok = self.findings.iter().filter(|f| f.passed).count();
        let total = self.findings.len();
        let line = match (lang, self.passed) {
            (Lang::En, true) => format!("Passed: {ok} of {total} checks."),
            (Lang::En, false) => format!("Not yet: {ok} of {total} checks passed."),
            (Lang::Vi, true) => format!("Đạt: {ok}/{total} mục kiểm tra."),
            (Lang::Vi, false) => format!("Chưa đạt: mới qua {ok}/{total} mục kiểm tra."),
        };
        out.push_str(&line);
        out.push('\n');
        out
    }
}

/// What one exercise's check can find: a `Code` enum per exercise whose variants print
/// as the stable strings `dlab check` and the page's Check button show.
pub trait FindingCode: Copy {
    fn as_str(self) -> &'static str;
}

pub(crate) fn pass(code: impl FindingCode, message: Message) -> Finding {
    Finding { passed: true, code: code.as_str(), message }
}

pub(crate) fn fail(code: impl FindingCode, message: Message) -> Finding {
    Finding { passed: false, code: code.as_str(), message }
}

/// Declares an exercise's `Code` enum with the stable string of each variant.
macro_rules! finding_codes {
    ($($(#[$doc:meta])* $variant:ident => $code:literal,)+) => {
        /// What this exercise's check can find.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Code {
            $($(#[$doc])* $variant,)+
        }

        impl $crate::lessons::verdict::FindingCode for Code {
            fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)+
                }
            }
        }
    };
}
pub(crate) use finding_codes;
