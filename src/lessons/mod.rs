//! The lesson inside the playground: ready-made patterns, exercises with their checks,
//! and the review quiz, in English and Vietnamese.
//!
//! # Public API (what the UI and the CLI call)
//!
//! - [`Lang`] (`En`, `Vi`) and [`Text`] (`en`, `vi`, [`Text::get`]): fixed texts;
//!   [`Message`] is the same with owned strings, for sentences that name the learner's
//!   own components.
//! - Patterns: [`patterns()`] in menu order, [`pattern`]`(id)`; each [`Pattern`] has
//!   `id`, `title`, `explanation`, `steps` and [`Pattern::diagram`] (a fresh, editable
//!   diagram). A [`Step`] has its `text` and the [`Act`]s its button performs:
//!   [`Step::apply_live`] on a running [`crate::sim::Simulation`] (or a [`LiveTarget`]
//!   that forwards to one, such as the page's player), or
//!   [`Step::apply_to_diagram`] before a run.
//! - Exercises: [`exercises()`], [`exercise`]`(id)`; each [`Exercise`] has `id`,
//!   `title`, `goal`, `hints`, [`Exercise::check`]`(&Diagram) -> `[`Verdict`] and
//!   [`Exercise::solution`] (the reference diagram). A verdict lists [`Finding`]s, each
//!   `passed` with a stable `code` and a [`Message`] saying what was looked at and why
//!   it passed or failed; [`Verdict::render`] prints it for one language. Each
//!   exercise's codes are an enum ([`PipelineCode`], [`FanoutCode`], [`SagaCode`],
//!   [`AsyncApiCode`], [`MicroservicesCode`]; [`FindingCode::as_str`] is the string).
//! - Quiz: [`quiz()`]: five [`Question`]s, each with its [`Choice`]s (one right, each
//!   with its feedback; [`Question::is_right`]), its model answer and the ids of the
//!   patterns that show it.
//! - The lesson's frame: [`objectives()`] and [`tools()`], the "AWS decoupling tools"
//!   table, each [`Tool`] naming the pattern that shows its service.
//!
//! Checks run the same simulation as the page and `dlab` ([`crate::sim::Simulation::new`],
//! which compiles every pattern and filter policy itself), through [`simulate::run`].

pub mod build;
mod exercises;
mod graph;
mod lesson;
mod patterns;
mod quiz;
pub mod simulate;
mod steps;
mod text;
pub mod ui_strings;
mod verdict;

pub use exercises::{exercise, exercises, AsyncApiCode, Exercise, FanoutCode, MicroservicesCode, PipelineCode, SagaCode};
pub use lesson::{objectives, tools, Tool};
pub use patterns::{pattern, patterns, Pattern};
pub use quiz::{quiz, Choice, Question};
pub use steps::{Act, LiveTarget, Step};
pub use text::{Lang, Message, Text};
pub use verdict::{Finding, FindingCode, Verdict};
