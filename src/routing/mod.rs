//! Routing as AWS does it: EventBridge event patterns, SNS subscription filter
//! policies, and Amazon States Language (Step Functions).
//!
//! Everything here is plain Rust over `serde_json::Value`, built natively and to
//! wasm32 alike. The entry points other layers use:
//!
//! | what | parse / compile | use |
//! | --- | --- | --- |
//! | EventBridge pattern | [`EventPattern::parse`]`(&str) -> Result<EventPattern, PatternError>` or [`EventPattern::from_value`] | [`EventPattern::matches`]`(&Value) -> bool`, [`EventPattern::explain`] -> [`Explanation`], or [`event_pattern::explain`]`(pattern, event)` |
//! | SNS filter policy | [`FilterPolicy::parse`]`(&str, FilterPolicyScope) -> Result<FilterPolicy, PolicyError>` or [`FilterPolicy::from_value`] | [`FilterPolicy::matches`]`(&SnsMessage) -> bool`, [`FilterPolicy::explain`] -> [`PolicyExplanation`] |
//! | State machine | [`asl::StateMachineDefinition::parse`]`(&str) -> Result<StateMachineDefinition, Vec<Message>>` (each problem in both languages) or `from_value` | the typed [`asl::StateMachineDefinition`] (states, Retry, Catch, Choice rules) |
//! | Choice rule | [`asl::ChoiceRule::from_value`]`(&Value) -> Result<ChoiceRule, Vec<Message>>` | [`asl::choice_matches`]`(&ChoiceRule, &Value) -> Result<bool, String>` |
//! | JSON Schema (buses, topics) | [`JsonSchema::parse`]`(&str) -> Result<JsonSchema, SchemaError>` | [`JsonSchema::check`]`(&Value) -> Result<(), Message>` (why it does not fit, both languages) |
//!
//! Error texts follow AWS's wording: `Event pattern is not valid. Reason: ...`,
//! `Invalid parameter: FilterPolicy: ...`, and statelint-style
//! `State Machine.States.X ...` lines for definitions.
//!
//! Raw JSON text is parsed with [`json_text::parse_strict`], which refuses
//! duplicate keys (as AWS does) and nesting deeper than 64 levels. Patterns and
//! policies compile once into [`content_filter::ObjectRule`]; matching does not
//! allocate, except to spell out an event level whose keys hold a dot (a dotted
//! key is the nesting it spells, in patterns and events alike, as AWS matches).

pub mod asl;
pub mod content_filter;
pub mod event_pattern;
pub mod filter_policy;
pub mod json_schema;
pub mod json_text;

pub use asl::{choice_matches, ChoiceRule, StateMachineDefinition};
pub use event_pattern::{explain, EventPattern, Explanation, PatternError};
pub use json_schema::{JsonSchema, SchemaError};
pub use filter_policy::{
    FilterPolicy, FilterPolicyScope, MessageAttribute, PolicyError, PolicyExplanation, SnsMessage,
};
