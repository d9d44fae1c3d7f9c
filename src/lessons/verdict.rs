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

pub(crate) fn pass(code: &'static str, message: Message) -> Finding {
    Finding { passed: true, code, message }
}

pub(crate) fn fail(code: &'static str, message: Message) -> Finding {
    Finding { passed: false, code, message }
}
