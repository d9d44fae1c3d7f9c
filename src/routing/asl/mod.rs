//! Amazon States Language (Step Functions): parse and validate a state machine
//! definition into typed structs, and evaluate Choice rules.
//!
//! ```
//! use decouple_lab::routing::asl::StateMachineDefinition;
//! let definition = StateMachineDefinition::parse(r#"{
//!   "StartAt": "Hello",
//!   "States": {"Hello": {"Type": "Pass", "End": true}}
//! }"#).unwrap();
//! assert_eq!(definition.root.start_at, "Hello");
//! assert!(StateMachineDefinition::parse(r#"{"StartAt": "Nowhere", "States": {}}"#).is_err());
//! ```
//!
//! Validation follows the States Language specification and the Step Functions
//! developer guide: `StartAt` names a state; every state has a known `Type`, its
//! required fields and no field its type (or its query language, JSONPath or
//! JSONata) does not allow; exactly one of `Next`/`End` where a state continues;
//! `Next`, `Default` and `Catch` targets exist in the same scope; every state is
//! reachable and some state ends the machine; `Retry`/`Catch` are well formed
//! (`ErrorEquals` non-empty, `States.ALL` alone and last); paths, payload
//! templates, intrinsic functions and JSONata expressions are well formed;
//! Parallel branches and Map processors are validated recursively with their own
//! scope, and state names are unique across the whole machine.

mod choice;
mod jsonata;
mod path;
mod types;
mod validate;

use serde_json::Value;

pub use choice::{choice_matches, parse_timestamp, string_matches, ChoiceRule, Operand, Relation, TypeTest, ValueKind};
pub use jsonata::{check_expression as check_jsonata_expression, check_template_string as check_jsonata_template};
pub use path::{check_intrinsic, check_path, resolve as resolve_reference_path, PathKind, PathRules};
pub use types::*;

use crate::routing::json_text::{depth_exceeds, parse_strict, MAX_DEPTH};

impl StateMachineDefinition {
    /// Parses and validates raw JSON text. Duplicate keys and malformed JSON are
    /// errors, as they are for `CreateStateMachine`. On failure, every problem
    /// found is listed.
    pub fn parse(text: &str) -> Result<StateMachineDefinition, Vec<String>> {
        let value = parse_strict(text).map_err(|e| vec![format!("The definition is not valid JSON: {e}")])?;
        StateMachineDefinition::from_value(&value)
    }

    /// Validates an already-parsed JSON value.
    pub fn from_value(value: &Value) -> Result<StateMachineDefinition, Vec<String>> {
        if depth_exceeds(value, MAX_DEPTH) {
            return Err(vec![format!("The definition is nested deeper than {MAX_DEPTH} levels")]);
        }
        let mut validator = validate::Validator::new();
        let definition = validator.machine(value);
        match definition {
            Some(definition) if validator.errors.is_empty() => Ok(definition),
            _ if validator.errors.is_empty() => Err(vec!["The definition is not valid".to_owned()]),
            _ => Err(validator.errors),
        }
    }
}

#[cfg(test)]
mod tests;
