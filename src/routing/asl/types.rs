//! Typed Amazon States Language definitions, ready for a simulator to execute.
//! Built by [`super::StateMachineDefinition::parse`] only after validation passed,
//! so names in `Next`, `Default` and `Catch` always exist in their scope.

use serde_json::Value;

use super::choice::ChoiceRule;

/// `JSONPath` (the default) or `JSONata`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryLanguage {
    #[default]
    JsonPath,
    Jsonata,
}

/// A whole state machine.
#[derive(Debug, Clone, PartialEq)]
pub struct StateMachineDefinition {
    pub comment: Option<String>,
    pub query_language: QueryLanguage,
    pub timeout_seconds: Option<u64>,
    /// The top-level `StartAt` and `States`.
    pub root: Branch,
}

/// A `StartAt` plus its `States`: the top level, a Parallel branch, or a Map's
/// `ItemProcessor`/`Iterator`. Transitions never leave a branch.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub start_at: String,
    /// In definition order.
    pub states: Vec<State>,
}

impl Branch {
    /// The state called `name` in this branch.
    pub fn state(&self, name: &str) -> Option<&State> {
        self.states.iter().find(|s| s.name == name)
    }
}

/// One state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub name: String,
    pub comment: Option<String>,
    pub query_language: QueryLanguage,
    pub transition: Transition,
    pub io: Io,
    pub kind: StateKind,
}

/// Where control goes after the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Transition {
    Next(String),
    End,
    /// Choice (decides itself), Succeed and Fail.
    Decided,
}

/// A path field: absent (use the default `$`), `null` (discard), or a path.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum PathField {
    #[default]
    Default,
    Null,
    Path(String),
}

/// Input and output processing fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Io {
    pub input_path: PathField,
    pub output_path: PathField,
    pub result_path: PathField,
    pub parameters: Option<Value>,
    pub result_selector: Option<Value>,
    pub assign: Option<Value>,
    /// JSONata `Arguments` and `Output`.
    pub arguments: Option<Value>,
    pub output: Option<Value>,
}

/// A duration or count given literally, by path, or as a JSONata expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Dynamic<T> {
    Fixed(T),
    Path(String),
    Expression(String),
}

/// The type-specific part of a state.
#[derive(Debug, Clone, PartialEq)]
pub enum StateKind {
    Pass { result: Option<Value> },
    Task(TaskState),
    Choice { choices: Vec<ChoiceBranch>, default: Option<String> },
    Wait(WaitFor),
    Succeed,
    Fail(FailState),
    Parallel { branches: Vec<Branch>, retry: Vec<Retrier>, catch: Vec<Catcher> },
    Map(MapState),
}

impl StateKind {
    /// The `Type` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            StateKind::Pass { .. } => "Pass",
            StateKind::Task(_) => "Task",
            StateKind::Choice { .. } => "Choice",
            StateKind::Wait(_) => "Wait",
            StateKind::Succeed => "Succeed",
            StateKind::Fail(_) => "Fail",
            StateKind::Parallel { .. } => "Parallel",
            StateKind::Map(_) => "Map",
        }
    }
}

/// A Task state.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskState {
    /// A resource ARN/URI, or a CloudFormation `Ref`/`Fn::GetAtt` object.
    pub resource: Value,
    pub timeout_seconds: Option<Dynamic<u64>>,
    pub heartbeat_seconds: Option<Dynamic<u64>>,
    pub retry: Vec<Retrier>,
    pub catch: Vec<Catcher>,
    pub credentials: Option<Value>,
}

/// How long a Wait state waits.
#[derive(Debug, Clone, PartialEq)]
pub enum WaitFor {
    Seconds(Dynamic<u64>),
    Timestamp(Dynamic<String>),
}

/// A Fail state's error and cause.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FailState {
    pub error: Option<Dynamic<String>>,
    pub cause: Option<Dynamic<String>>,
}

/// A Map state.
#[derive(Debug, Clone, PartialEq)]
pub struct MapState {
    pub processor: Branch,
    pub items_path: PathField,
    pub items: Option<Value>,
    pub item_selector: Option<Value>,
    pub max_concurrency: Option<Dynamic<u64>>,
    pub retry: Vec<Retrier>,
    pub catch: Vec<Catcher>,
}

/// A top-level Choice rule and where it leads.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceBranch {
    pub rule: ChoiceRule,
    pub next: String,
}

/// `JitterStrategy` of a retrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Jitter {
    #[default]
    None,
    Full,
}

/// One `Retry` entry, with the States Language defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Retrier {
    pub error_equals: Vec<String>,
    /// Default 1.
    pub interval_seconds: u64,
    /// Default 3; 0 means never retry.
    pub max_attempts: u64,
    /// Default 2.0.
    pub backoff_rate: f64,
    pub max_delay_seconds: Option<u64>,
    pub jitter: Jitter,
}

impl Default for Retrier {
    fn default() -> Retrier {
        Retrier {
            error_equals: Vec::new(),
            interval_seconds: 1,
            max_attempts: 3,
            backoff_rate: 2.0,
            max_delay_seconds: None,
            jitter: Jitter::None,
        }
    }
}

/// One `Catch` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Catcher {
    pub error_equals: Vec<String>,
    pub next: String,
    pub result_path: PathField,
}
