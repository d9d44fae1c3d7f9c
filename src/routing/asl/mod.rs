//! Amazon States Language (Step Functions): parse and validate a state machine
//! definition into typed structs, evaluate Choice rules, and carry data through a
//! state ([`dataflow`]: InputPath, Parameters, ResultSelector, ResultPath, OutputPath).
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
pub mod dataflow;
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
use crate::text::Message;

impl StateMachineDefinition {
    /// Parses and validates raw JSON text. Duplicate keys and malformed JSON are
    /// errors, as they are for `CreateStateMachine`. On failure, every problem
    /// found is listed, each in English and Vietnamese (the English follows
    /// statelint's wording; [`Message`]'s `Display` prints it, as the CLI does).
    pub fn parse(text: &str) -> Result<StateMachineDefinition, Vec<Message>> {
        let value = parse_strict(text).map_err(|e| vec![not_json(&e)])?;
        StateMachineDefinition::from_value(&value)
    }

    /// Validates an already-parsed JSON value.
    pub fn from_value(value: &Value) -> Result<StateMachineDefinition, Vec<Message>> {
        if depth_exceeds(value, MAX_DEPTH) {
            return Err(vec![msg!(
                "The definition is nested deeper than {MAX_DEPTH} levels",
                "Definition lồng nhau sâu hơn {MAX_DEPTH} cấp"
            )]);
        }
        let mut validator = validate::Validator::new();
        let definition = validator.machine(value);
        match definition {
            Some(definition) if validator.errors.is_empty() => Ok(definition),
            _ if validator.errors.is_empty() => Err(vec![msg!("The definition is not valid", "Definition không hợp lệ")]),
            _ => Err(validator.errors),
        }
    }
}

/// "The definition is not valid JSON: {why}", with the parser's reason (serde_json's
/// fixed wording, or [`parse_strict`]'s) said in Vietnamese too where it is known.
fn not_json(e: &str) -> Message {
    let (reason, place) = match e.rsplit_once(" at line ") {
        Some((reason, place)) => (reason, place.split_once(" column ")),
        None => (e, None),
    };
    let reason_vi = match reason {
        "EOF while parsing a list" => "văn bản dừng khi một mảng chưa được đóng".to_owned(),
        "EOF while parsing an object" => "văn bản dừng khi một object chưa được đóng".to_owned(),
        "EOF while parsing a string" => "văn bản dừng khi một chuỗi chưa được đóng".to_owned(),
        "EOF while parsing a value" => "văn bản dừng khi còn thiếu một giá trị".to_owned(),
        "expected `:`" => "thiếu `:`".to_owned(),
        "expected `,` or `]`" => "thiếu `,` hoặc `]`".to_owned(),
        "expected `,` or `}`" => "thiếu `,` hoặc `}`".to_owned(),
        "expected ident" => "có một từ không nằm trong dấu ngoặc kép mà cũng không phải true, false hay null".to_owned(),
        "expected value" => "thiếu một giá trị".to_owned(),
        "expected `\"`" => "thiếu `\"`".to_owned(),
        "invalid escape" => "chuỗi có một escape không hợp lệ".to_owned(),
        "invalid number" => "có một số không hợp lệ".to_owned(),
        "number out of range" => "có một số vượt quá phạm vi".to_owned(),
        "invalid unicode code point" => "có một mã Unicode không hợp lệ".to_owned(),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "chuỗi chứa ký tự điều khiển (\\u0000-\\u001F)".to_owned()
        }
        "key must be a string" => "khóa của object phải là một chuỗi".to_owned(),
        "lone leading surrogate in hex escape" => "escape hex có một surrogate đứng lẻ".to_owned(),
        "trailing comma" => "thừa dấu phẩy ở cuối".to_owned(),
        "trailing characters" => "có ký tự thừa sau phần JSON".to_owned(),
        "unexpected end of hex escape" => "escape hex dừng giữa chừng".to_owned(),
        "recursion limit exceeded" => "các ngoặc lồng nhau quá sâu".to_owned(),
        _ if reason == format!("nesting deeper than {MAX_DEPTH} levels") => format!("các ngoặc lồng sâu hơn {MAX_DEPTH} cấp"),
        _ => match reason.strip_prefix("duplicate key ") {
            Some(key) => format!("khóa {key} xuất hiện hai lần trong cùng một object"),
            None => reason.to_owned(),
        },
    };
    match place {
        Some((line, column)) => msg!(
            "The definition is not valid JSON: {e}",
            "Definition không phải JSON hợp lệ: {reason_vi} (dòng {line}, cột {column})"
        ),
        None => msg!("The definition is not valid JSON: {e}", "Definition không phải JSON hợp lệ: {reason_vi}"),
    }
}

#[cfg(test)]
mod tests;
