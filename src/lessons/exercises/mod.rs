//! The lesson's five hands-on exercises, each with a goal, hints, a check and a
//! reference solution; one file per exercise (find the parts, run the scenarios, word
//! the findings), each with its own `Code` enum of findings.
//!
//! A check asks about structure only what the exercise literally asks for (an API
//! Gateway, SQS, Lambda, DynamoDB, an e-mail subscription...); everything else is
//! judged from simulated runs of a copy of the diagram, with the check's own traffic
//! and faults, for as long as the diagram's own settings need. A diagram AWS would
//! refuse to create never passes.

mod async_api;
mod common;
mod fanout;
mod microservices;
mod pipeline;
mod saga;

use super::text::Text;
use super::verdict::{Finding, Verdict};
use crate::model::Diagram;

pub use async_api::Code as AsyncApiCode;
pub use fanout::Code as FanoutCode;
pub use microservices::Code as MicroservicesCode;
pub use pipeline::Code as PipelineCode;
pub use saga::Code as SagaCode;

/// One exercise.
#[derive(Clone, Copy)]
pub struct Exercise {
    /// Stable id, as `dlab exercises` lists it and `dlab check` takes it.
    pub id: &'static str,
    pub title: Text,
    pub goal: Text,
    pub hints: &'static [Text],
    check: fn(&Diagram) -> Vec<Finding>,
    solution: fn() -> Diagram,
}

impl std::fmt::Debug for Exercise {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exercise").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Exercise {
    /// Checks the learner's diagram: what the exercise literally asks for first, then
    /// (when that is there) simulated runs with the faults the goal implies.
    pub fn check(&self, diagram: &Diagram) -> Verdict {
        Verdict::new((self.check)(diagram))
    }

    /// A reference solution, ready to open as a diagram.
    pub fn solution(&self) -> Diagram {
        let mut d = (self.solution)();
        d.exercise = Some(self.id.to_string());
        d
    }
}

/// Every exercise, in the lesson's order.
pub fn exercises() -> &'static [Exercise] {
    EXERCISES
}

/// The exercise with this id.
pub fn exercise(id: &str) -> Option<&'static Exercise> {
    EXERCISES.iter().find(|e| e.id == id.trim())
}

static EXERCISES: &[Exercise] = &[pipeline::EXERCISE, fanout::EXERCISE, saga::EXERCISE, async_api::EXERCISE, microservices::EXERCISE];
