//! Validation of a States Language document, building the typed definition.
//!
//! Messages name the place like statelint does (`State Machine.States.Foo`) and
//! say what is wrong in one sentence, written whole in English (statelint's wording,
//! which the command line prints) and in Vietnamese (which keeps field names, state
//! types and AWS terms in English, as the lesson does). Every problem found is
//! reported, not just the first.

use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::{Map, Value};

use super::choice::{parse_rule, parse_timestamp};
use super::jsonata;
use super::path::{check_intrinsic, check_path, looks_like_intrinsic, PathKind, PathRules};
use super::types::*;
use crate::routing::json_text::MAX_DEPTH;
use crate::text::{Message, Text};

/// The longest state name AWS accepts.
pub const MAX_STATE_NAME_LEN: usize = 80;

const FULL_PATH: PathRules = PathRules { kind: PathKind::Full, context: true, variables: true };
const REFERENCE_PATH: PathRules = PathRules { kind: PathKind::Reference, context: true, variables: true };
const RESULT_PATH: PathRules = PathRules { kind: PathKind::Reference, context: false, variables: false };

const STATE_TYPES: &[&str] = &["Task", "Choice", "Parallel", "Map", "Wait", "Pass", "Succeed", "Fail"];

/// Fields each state type accepts, by query language (besides Type, Comment, QueryLanguage).
fn allowed_fields(kind: &str, language: QueryLanguage) -> &'static [&'static str] {
    use QueryLanguage::*;
    match (kind, language) {
        ("Pass", JsonPath) => &["InputPath", "OutputPath", "Parameters", "ResultPath", "Result", "Next", "End", "Assign"],
        ("Pass", Jsonata) => &["Output", "Next", "End", "Assign"],
        ("Task", JsonPath) => &[
            "Resource", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
            "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials",
            "Next", "End", "Assign",
        ],
        ("Task", Jsonata) => &[
            "Resource", "Arguments", "Output", "Retry", "Catch", "TimeoutSeconds", "HeartbeatSeconds", "Credentials",
            "Next", "End", "Assign",
        ],
        ("Choice", JsonPath) => &["InputPath", "OutputPath", "Choices", "Default", "Assign"],
        ("Choice", Jsonata) => &["Choices", "Default", "Output", "Assign"],
        ("Wait", JsonPath) => &["InputPath", "OutputPath", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "Next", "End", "Assign"],
        ("Wait", Jsonata) => &["Seconds", "Timestamp", "Output", "Next", "End", "Assign"],
        ("Succeed", JsonPath) => &["InputPath", "OutputPath"],
        ("Succeed", Jsonata) => &["Output"],
        ("Fail", JsonPath) => &["Error", "ErrorPath", "Cause", "CausePath"],
        ("Fail", Jsonata) => &["Error", "Cause"],
        ("Parallel", JsonPath) => &[
            "Branches", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
            "Next", "End", "Assign",
        ],
        ("Parallel", Jsonata) => &["Branches", "Arguments", "Output", "Retry", "Catch", "Next", "End", "Assign"],
        ("Map", JsonPath) => &[
            "Iterator", "ItemProcessor", "ItemsPath", "ItemReader", "ItemSelector", "ItemBatcher", "ResultWriter",
            "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
            "ToleratedFailureCount", "ToleratedFailureCountPath", "Label", "InputPath", "OutputPath", "Parameters",
            "ResultSelector", "ResultPath", "Retry", "Catch", "Next", "End", "Assign",
        ],
        ("Map", Jsonata) => &[
            "ItemProcessor", "Items", "ItemReader", "ItemSelector", "ItemBatcher", "ResultWriter", "MaxConcurrency",
            "ToleratedFailurePercentage", "ToleratedFailureCount", "Label", "Arguments", "Output", "Retry", "Catch",
            "Next", "End", "Assign",
        ],
        _ => &[],
    }
}

/// Pairs of fields of which a state may have only one.
const EXCLUSIVE: &[(&str, &str)] = &[
    ("Error", "ErrorPath"),
    ("Cause", "CausePath"),
    ("TimeoutSeconds", "TimeoutSecondsPath"),
    ("HeartbeatSeconds", "HeartbeatSecondsPath"),
    ("Iterator", "ItemProcessor"),
    ("Parameters", "ItemSelector"),
    ("Items", "ItemsPath"),
    ("MaxConcurrency", "MaxConcurrencyPath"),
    ("ToleratedFailureCount", "ToleratedFailureCountPath"),
    ("ToleratedFailurePercentage", "ToleratedFailurePercentagePath"),
];

// Sentences said in several places, each written whole in both languages.

fn required(at: &str, field: &str) -> Message {
    msg!("{at} does not have required field \"{field}\"", "{at} thiếu trường bắt buộc \"{field}\"")
}

fn must_be_object(at: &str) -> Message {
    msg!("{at} must be an object", "{at} phải là một object")
}

fn must_be_string(at: &str) -> Message {
    msg!("{at} must be a string", "{at} phải là một chuỗi")
}

fn only_one_of(at: &str, a: &str, b: &str) -> Message {
    msg!("{at} may have only one of [\"{a}\", \"{b}\"]", "{at} chỉ được có một trong hai trường [\"{a}\", \"{b}\"]")
}

fn nested_too_deeply(at: &str) -> Message {
    msg!("{at} is nested too deeply", "{at} lồng nhau quá sâu")
}

fn reference_path(at: &str) -> Message {
    msg!("{at} must be a valid Reference Path", "{at} phải là một Reference Path hợp lệ")
}

fn not_empty(at: &str) -> Message {
    msg!("{at} must not be empty (non-empty required)", "{at} không được rỗng (phải có ít nhất một phần tử)")
}

fn with_branch(at: &str) -> Message {
    msg!("{at} must be an object with StartAt and States", "{at} phải là một object có StartAt và States")
}

/// `{at}: reason` and `{at}.Field: reason`, the reason coming from the path, intrinsic
/// or JSONata checker.
fn because(at: &str, reason: Message) -> Message {
    let Message { en, vi } = reason;
    msg!("{at}: {en}", "{at}: {vi}")
}

/// What a set of fields belongs to, in each language, for "is not allowed in ...".
const STATE_MACHINE: Text = Text::new("a state machine", "một state machine");
const ITEM_PROCESSOR: Text = Text::new("an item processor", "một item processor");
const BRANCH: Text = Text::new("a branch", "một branch");
const ITEM_READER: Text = Text::new("an ItemReader", "một ItemReader");
const RETRIER: Text = Text::new("a retrier", "một retrier");
const CATCHER: Text = Text::new("a catcher", "một catcher");

/// Collects problems while walking the document.
pub(super) struct Validator {
    pub errors: Vec<Message>,
    /// Every state name in the whole machine: names must be unique across branches.
    names: HashSet<String>,
}

impl Validator {
    pub fn new() -> Validator {
        Validator { errors: Vec::new(), names: HashSet::new() }
    }

    fn error(&mut self, message: Message) {
        self.errors.push(message);
    }

    /// Validates the top-level document.
    pub fn machine(&mut self, value: &Value) -> Option<StateMachineDefinition> {
        let at = "State Machine";
        let Value::Object(map) = value else {
            self.error(msg!("{at} must be a JSON object", "{at} phải là một JSON object"));
            return None;
        };
        self.unknown_fields(map, at, &["Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"], STATE_MACHINE);
        let language = self.query_language(map, at, QueryLanguage::JsonPath);
        let timeout_seconds = match map.get("TimeoutSeconds") {
            None => None,
            Some(v) => {
                let seconds = v.as_u64().filter(|n| *n > 0);
                if seconds.is_none() {
                    self.error(msg!("{at}.TimeoutSeconds must be a positive integer", "{at}.TimeoutSeconds phải là một số nguyên dương"));
                }
                seconds
            }
        };
        if map.get("Version").is_some_and(|v| !v.is_string()) {
            self.error(must_be_string(&format!("{at}.Version")));
        }
        let comment = self.comment(map, at);
        let root = self.branch(map, at, language, 0);
        Some(StateMachineDefinition { comment, query_language: language, timeout_seconds, root: root? })
    }

    fn comment(&mut self, map: &Map<String, Value>, at: &str) -> Option<String> {
        match map.get("Comment") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.error(must_be_string(&format!("{at}.Comment")));
                None
            }
        }
    }

    fn query_language(&mut self, map: &Map<String, Value>, at: &str, inherited: QueryLanguage) -> QueryLanguage {
        match map.get("QueryLanguage") {
            None => inherited,
            Some(Value::String(s)) if s == "JSONata" => QueryLanguage::Jsonata,
            Some(Value::String(s)) if s == "JSONPath" => {
                if inherited == QueryLanguage::Jsonata {
                    self.error(msg!(
                        "{at}.QueryLanguage cannot be JSONPath inside a JSONata state machine",
                        "{at}.QueryLanguage không thể là JSONPath bên trong một state machine JSONata"
                    ));
                }
                QueryLanguage::JsonPath
            }
            Some(other) => {
                self.error(msg!(
                    "{at}.QueryLanguage {other} is not one of the allowed values [\"JSONPath\", \"JSONata\"]",
                    "{at}.QueryLanguage {other} không thuộc các giá trị được phép [\"JSONPath\", \"JSONata\"]"
                ));
                inherited
            }
        }
    }

    fn unknown_fields(&mut self, map: &Map<String, Value>, at: &str, allowed: &[&str], what: Text) {
        let Text { en: what_en, vi: what_vi } = what;
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.error(msg!(
                    "{at}: field \"{key}\" is not allowed in {what_en}",
                    "{at}: trường \"{key}\" không được phép có trong {what_vi}"
                ));
            }
        }
    }

    /// `StartAt` + `States`, with transitions checked inside this scope.
    fn branch(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage, depth: usize) -> Option<Branch> {
        if depth > MAX_DEPTH / 4 {
            self.error(msg!("{at} nests Parallel/Map states too deeply", "{at} lồng các state Parallel/Map quá sâu"));
            return None;
        }
        let start_at = match map.get("StartAt") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.error(must_be_string(&format!("{at}.StartAt")));
                None
            }
            None => {
                self.error(required(at, "StartAt"));
                None
            }
        };
        let states_map = match map.get("States") {
            Some(Value::Object(states)) if !states.is_empty() => Some(states),
            Some(Value::Object(_)) => {
                self.error(msg!("{at}.States must not be empty", "{at}.States không được rỗng"));
                None
            }
            Some(_) => {
                self.error(must_be_object(&format!("{at}.States")));
                None
            }
            None => {
                self.error(required(at, "States"));
                None
            }
        };
        let states_map = states_map?;
        let mut states = Vec::with_capacity(states_map.len());
        for (name, state) in states_map {
            let state_at = format!("{at}.States.{name}");
            self.state_name(name, &state_at);
            if let Some(state) = self.state(name, state, &state_at, language, depth) {
                states.push(state);
            }
        }
        let start_at = start_at?;
        if !states_map.contains_key(&start_at) {
            self.error(msg!(
                "{at}.StartAt \"{start_at}\" does not name a state in {at}.States",
                "{at}.StartAt \"{start_at}\" không phải tên của state nào trong {at}.States"
            ));
        }
        if states.len() == states_map.len() {
            self.transitions(&states, states_map, &start_at, at);
        }
        Some(Branch { start_at, states })
    }

    fn state_name(&mut self, name: &str, at: &str) {
        if name.is_empty() || name.chars().count() > MAX_STATE_NAME_LEN {
            self.error(msg!(
                "{at}: state names must be 1 to {MAX_STATE_NAME_LEN} characters long",
                "{at}: tên state phải dài từ 1 đến {MAX_STATE_NAME_LEN} ký tự"
            ));
        }
        if !self.names.insert(name.to_owned()) {
            self.error(msg!(
                "{at}: state name \"{name}\" is used more than once in the state machine",
                "{at}: tên state \"{name}\" được dùng nhiều hơn một lần trong state machine"
            ));
        }
    }

    /// Targets exist, every state is reachable, and something ends the branch.
    fn transitions(&mut self, states: &[State], states_map: &Map<String, Value>, start_at: &str, at: &str) {
        let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
        for state in states {
            let targets = edges.entry(state.name.as_str()).or_default();
            for target in state_targets(state) {
                if !states_map.contains_key(target) {
                    let name = &state.name;
                    self.error(msg!(
                        "{at}.States.{name}: transition to \"{target}\", which is not a state in this scope",
                        "{at}.States.{name}: chuyển tới \"{target}\", nhưng đó không phải một state trong phạm vi này"
                    ));
                }
                targets.push(target);
            }
        }
        let mut reached: HashSet<&str> = HashSet::new();
        let mut queue: VecDeque<&str> = VecDeque::from([start_at]);
        while let Some(name) = queue.pop_front() {
            if states_map.contains_key(name) && reached.insert(name) {
                queue.extend(edges.get(name).into_iter().flatten().copied());
            }
        }
        for state in states {
            if !reached.contains(state.name.as_str()) {
                let name = &state.name;
                self.error(msg!(
                    "{at}.States.{name} is not reachable from StartAt",
                    "{at}.States.{name} không thể đi tới được từ StartAt"
                ));
            }
        }
        let terminal = states.iter().any(|s| {
            matches!(s.transition, Transition::End) || matches!(s.kind, StateKind::Succeed | StateKind::Fail(_))
        });
        if !terminal {
            self.error(msg!(
                "{at} has no terminal state (End: true, Succeed or Fail)",
                "{at} không có state kết thúc nào (End: true, Succeed hoặc Fail)"
            ));
        }
    }

    fn state(&mut self, name: &str, value: &Value, at: &str, inherited: QueryLanguage, depth: usize) -> Option<State> {
        let Value::Object(map) = value else {
            self.error(must_be_object(at));
            return None;
        };
        let kind_name = match map.get("Type") {
            Some(Value::String(t)) if STATE_TYPES.contains(&t.as_str()) => t.as_str(),
            Some(other) => {
                self.error(msg!(
                    "{at}.Type {other} is not one of the allowed values {STATE_TYPES:?}",
                    "{at}.Type {other} không thuộc các giá trị được phép {STATE_TYPES:?}"
                ));
                return None;
            }
            None => {
                self.error(required(at, "Type"));
                return None;
            }
        };
        let language = self.query_language(map, at, inherited);
        self.state_fields(map, at, kind_name, language);
        let errors_before = self.errors.len();
        let transition = self.transition(map, at, kind_name);
        let io = self.io(map, at, language);
        let kind = self.kind(map, at, kind_name, language, depth);
        let comment = self.comment(map, at);
        let (Some(transition), Some(kind)) = (transition, kind) else {
            return None;
        };
        let _ = errors_before;
        Some(State { name: name.to_owned(), comment, query_language: language, transition, io, kind })
    }

    fn state_fields(&mut self, map: &Map<String, Value>, at: &str, kind: &str, language: QueryLanguage) {
        let allowed = allowed_fields(kind, language);
        let other = match language {
            QueryLanguage::JsonPath => allowed_fields(kind, QueryLanguage::Jsonata),
            QueryLanguage::Jsonata => allowed_fields(kind, QueryLanguage::JsonPath),
        };
        for key in map.keys() {
            let key = key.as_str();
            if matches!(key, "Type" | "Comment" | "QueryLanguage") || allowed.contains(&key) {
                continue;
            }
            if other.contains(&key) {
                let language = if language == QueryLanguage::Jsonata { "JSONata" } else { "JSONPath" };
                self.error(msg!(
                    "{at}: field \"{key}\" is not allowed when QueryLanguage is {language}",
                    "{at}: trường \"{key}\" không được phép có khi QueryLanguage là {language}"
                ));
            } else {
                self.error(msg!(
                    "{at}: field \"{key}\" is not allowed in a {kind} state",
                    "{at}: trường \"{key}\" không được phép có trong một {kind} state"
                ));
            }
        }
        for (a, b) in EXCLUSIVE {
            if map.contains_key(*a) && map.contains_key(*b) {
                self.error(only_one_of(at, a, b));
            }
        }
    }

    fn transition(&mut self, map: &Map<String, Value>, at: &str, kind: &str) -> Option<Transition> {
        if matches!(kind, "Choice" | "Succeed" | "Fail") {
            return Some(Transition::Decided);
        }
        match (map.get("Next"), map.get("End")) {
            (Some(_), Some(_)) => {
                self.error(only_one_of(at, "Next", "End"));
                None
            }
            (Some(Value::String(next)), None) => Some(Transition::Next(next.clone())),
            (Some(_), None) => {
                self.error(msg!("{at}.Next must be a state name (a string)", "{at}.Next phải là tên một state (một chuỗi)"));
                None
            }
            (None, Some(Value::Bool(true))) => Some(Transition::End),
            (None, Some(_)) => {
                self.error(msg!("{at}.End must be true", "{at}.End phải là true"));
                None
            }
            (None, None) => {
                self.error(msg!(
                    "{at} does not have required field \"Next\" or \"End\"",
                    "{at} thiếu trường bắt buộc \"Next\" hoặc \"End\""
                ));
                None
            }
        }
    }

    fn io(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage) -> Io {
        let mut io = Io {
            input_path: self.path_field(map, "InputPath", at, FULL_PATH),
            output_path: self.path_field(map, "OutputPath", at, FULL_PATH),
            result_path: self.path_field(map, "ResultPath", at, RESULT_PATH),
            ..Io::default()
        };
        for field in ["Parameters", "ResultSelector", "ItemSelector", "Credentials"] {
            if let Some(value) = map.get(field) {
                let field_at = format!("{at}.{field}");
                match language {
                    QueryLanguage::JsonPath => self.payload_template(value, &field_at, 0),
                    QueryLanguage::Jsonata => self.jsonata_values(value, &field_at, 0),
                }
            }
        }
        if let Some(credentials) = map.get("Credentials") {
            if !credentials.is_object() {
                self.error(must_be_object(&format!("{at}.Credentials")));
            }
        }
        if let Some(assign) = map.get("Assign") {
            if !assign.is_object() {
                self.error(must_be_object(&format!("{at}.Assign")));
            }
            match language {
                QueryLanguage::JsonPath => self.payload_template(assign, &format!("{at}.Assign"), 0),
                QueryLanguage::Jsonata => self.jsonata_values(assign, &format!("{at}.Assign"), 0),
            }
        }
        for field in ["Output", "Arguments"] {
            if let Some(value) = map.get(field) {
                self.jsonata_values(value, &format!("{at}.{field}"), 0);
            }
        }
        io.parameters = map.get("Parameters").cloned();
        io.result_selector = map.get("ResultSelector").cloned();
        io.assign = map.get("Assign").cloned();
        io.arguments = map.get("Arguments").cloned();
        io.output = map.get("Output").cloned();
        io
    }

    fn path_field(&mut self, map: &Map<String, Value>, field: &str, at: &str, rules: PathRules) -> PathField {
        match map.get(field) {
            None => PathField::Default,
            Some(Value::Null) => PathField::Null,
            Some(Value::String(path)) => match check_path(path, rules) {
                Ok(()) => PathField::Path(path.clone()),
                Err(Message { en, vi }) => {
                    self.error(msg!(
                        "{at}.{field} \"{path}\" is not a valid JSONPath: {en}",
                        "{at}.{field} \"{path}\" không phải một JSONPath hợp lệ: {vi}"
                    ));
                    PathField::Default
                }
            },
            Some(_) => {
                self.error(msg!("{at}.{field} must be a JSONPath string or null", "{at}.{field} phải là một chuỗi JSONPath hoặc null"));
                PathField::Default
            }
        }
    }

    /// JSONPath payload templates: a key ending in `.$` needs a path or an intrinsic
    /// function, and must not clash with the same key without `.$`.
    fn payload_template(&mut self, value: &Value, at: &str, depth: usize) {
        if depth > MAX_DEPTH {
            self.error(nested_too_deeply(at));
            return;
        }
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let inner_at = format!("{at}.{key}");
                    if let Some(base) = key.strip_suffix(".$") {
                        if map.contains_key(base) {
                            self.error(msg!(
                                "{at}: fields \"{base}\" and \"{key}\" conflict once \".$\" is removed",
                                "{at}: hai trường \"{base}\" và \"{key}\" trùng nhau khi bỏ \".$\""
                            ));
                        }
                        self.dynamic_value(inner, &inner_at);
                    } else {
                        self.payload_template(inner, &inner_at, depth + 1);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.payload_template(item, &format!("{at}[{i}]"), depth + 1);
                }
            }
            _ => {}
        }
    }

    fn dynamic_value(&mut self, value: &Value, at: &str) {
        let Value::String(text) = value else {
            self.error(msg!(
                "{at}: a field ending in \".$\" must be a string with a JSONPath or intrinsic function, not {value}",
                "{at}: trường kết thúc bằng \".$\" phải là một chuỗi chứa JSONPath hoặc intrinsic function, không phải {value}"
            ));
            return;
        };
        let outcome = if looks_like_intrinsic(text) { check_intrinsic(text) } else { check_path(text, FULL_PATH) };
        if let Err(Message { en, vi }) = outcome {
            self.error(msg!(
                "{at}: \"{text}\" is not a JSONPath or intrinsic function expression ({en})",
                "{at}: \"{text}\" không phải một biểu thức JSONPath hay intrinsic function ({vi})"
            ));
        }
    }

    /// In JSONata states every `{% %}` string must parse.
    fn jsonata_values(&mut self, value: &Value, at: &str, depth: usize) {
        if depth > MAX_DEPTH {
            self.error(nested_too_deeply(at));
            return;
        }
        match value {
            Value::String(text) => {
                if let Err(e) = jsonata::check_template_string(text) {
                    self.error(because(at, e));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.jsonata_values(item, &format!("{at}[{i}]"), depth + 1);
                }
            }
            Value::Object(map) => {
                for (key, inner) in map {
                    self.jsonata_values(inner, &format!("{at}.{key}"), depth + 1);
                }
            }
            _ => {}
        }
    }

    fn kind(&mut self, map: &Map<String, Value>, at: &str, kind: &str, language: QueryLanguage, depth: usize) -> Option<StateKind> {
        match kind {
            "Pass" => Some(StateKind::Pass { result: map.get("Result").cloned() }),
            "Task" => self.task(map, at, language).map(StateKind::Task),
            "Choice" => self.choice(map, at, language),
            "Wait" => self.wait(map, at, language).map(StateKind::Wait),
            "Succeed" => Some(StateKind::Succeed),
            "Fail" => Some(StateKind::Fail(self.fail(map, at, language))),
            "Parallel" => self.parallel(map, at, language, depth),
            "Map" => self.map_state(map, at, language, depth).map(StateKind::Map),
            _ => None,
        }
    }

    fn task(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage) -> Option<TaskState> {
        let resource = match map.get("Resource") {
            None => {
                self.error(required(at, "Resource"));
                None
            }
            Some(value) => match check_resource(value, &format!("{at}.Resource")) {
                Ok(()) => Some(value.clone()),
                Err(e) => {
                    self.error(e);
                    None
                }
            },
        };
        let timeout_seconds = self.seconds(map, "TimeoutSeconds", at, language, 1);
        let heartbeat_seconds = self.seconds(map, "HeartbeatSeconds", at, language, 1);
        if let (Some(Dynamic::Fixed(timeout)), Some(Dynamic::Fixed(heartbeat))) = (&timeout_seconds, &heartbeat_seconds) {
            if heartbeat >= timeout {
                self.error(msg!(
                    "{at}.HeartbeatSeconds must be smaller than TimeoutSeconds",
                    "{at}.HeartbeatSeconds phải nhỏ hơn TimeoutSeconds"
                ));
            }
        }
        let retry = self.retriers(map, at);
        let catch = self.catchers(map, at, language);
        Some(TaskState { resource: resource?, timeout_seconds, heartbeat_seconds, retry, catch, credentials: map.get("Credentials").cloned() })
    }

    /// `Field` as an integer ≥ `min` (or a JSONata expression), or `FieldPath`.
    fn seconds(&mut self, map: &Map<String, Value>, field: &str, at: &str, language: QueryLanguage, min: u64) -> Option<Dynamic<u64>> {
        let path_field = format!("{field}Path");
        if let Some(value) = map.get(&path_field) {
            return match value.as_str().map(|p| (p, check_path(p, REFERENCE_PATH))) {
                Some((p, Ok(()))) => Some(Dynamic::Path(p.to_owned())),
                _ => {
                    self.error(reference_path(&format!("{at}.{path_field}")));
                    None
                }
            };
        }
        let value = map.get(field)?;
        if language == QueryLanguage::Jsonata {
            if let Value::String(text) = value {
                if jsonata::is_expression(text) {
                    if let Err(e) = jsonata::check_template_string(text) {
                        self.error(because(&format!("{at}.{field}"), e));
                    }
                    return Some(Dynamic::Expression(text.clone()));
                }
            }
        }
        match value.as_u64().filter(|n| *n >= min && *n <= 99_999_999) {
            Some(n) => Some(Dynamic::Fixed(n)),
            None => {
                self.error(msg!(
                    "{at}.{field} must be an integer, the allowed minimum is {min}",
                    "{at}.{field} phải là một số nguyên, nhỏ nhất là {min}"
                ));
                None
            }
        }
    }

    fn wait(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage) -> Option<WaitFor> {
        let present: Vec<&str> = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]
            .into_iter()
            .filter(|f| map.contains_key(*f))
            .collect();
        if present.len() != 1 {
            self.error(msg!(
                "{at} must have exactly one of [\"Seconds\", \"SecondsPath\", \"Timestamp\", \"TimestampPath\"], found {present:?}",
                "{at} phải có đúng một trong các trường [\"Seconds\", \"SecondsPath\", \"Timestamp\", \"TimestampPath\"], nhưng có {present:?}"
            ));
            return None;
        }
        if map.contains_key("Seconds") || map.contains_key("SecondsPath") {
            return self.seconds(map, "Seconds", at, language, 0).map(WaitFor::Seconds);
        }
        if let Some(path) = map.get("TimestampPath") {
            return match path.as_str().map(|p| (p, check_path(p, REFERENCE_PATH))) {
                Some((p, Ok(()))) => Some(WaitFor::Timestamp(Dynamic::Path(p.to_owned()))),
                _ => {
                    self.error(reference_path(&format!("{at}.TimestampPath")));
                    None
                }
            };
        }
        match map.get("Timestamp") {
            Some(Value::String(t)) if language == QueryLanguage::Jsonata && jsonata::is_expression(t) => {
                if let Err(e) = jsonata::check_template_string(t) {
                    self.error(because(&format!("{at}.Timestamp"), e));
                }
                Some(WaitFor::Timestamp(Dynamic::Expression(t.clone())))
            }
            Some(Value::String(t)) if parse_timestamp(t).is_some() => Some(WaitFor::Timestamp(Dynamic::Fixed(t.clone()))),
            _ => {
                self.error(msg!(
                    "{at}.Timestamp must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z",
                    "{at}.Timestamp phải là một timestamp RFC 3339, ví dụ 2016-03-14T01:59:00Z"
                ));
                None
            }
        }
    }

    fn fail(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage) -> FailState {
        let mut text = |field: &str| -> Option<Dynamic<String>> {
            let path_field = format!("{field}Path");
            if let Some(value) = map.get(&path_field) {
                let ok = value.as_str().is_some_and(|p| {
                    if looks_like_intrinsic(p) { check_intrinsic(p).is_ok() } else { check_path(p, REFERENCE_PATH).is_ok() }
                });
                if !ok {
                    self.error(msg!(
                        "{at}.{path_field} must be a Reference Path or an intrinsic function",
                        "{at}.{path_field} phải là một Reference Path hoặc một intrinsic function"
                    ));
                    return None;
                }
                return value.as_str().map(|p| Dynamic::Path(p.to_owned()));
            }
            match map.get(field)? {
                Value::String(s) if language == QueryLanguage::Jsonata && jsonata::is_expression(s) => {
                    if let Err(e) = jsonata::check_template_string(s) {
                        self.error(because(&format!("{at}.{field}"), e));
                    }
                    Some(Dynamic::Expression(s.clone()))
                }
                Value::String(s) => Some(Dynamic::Fixed(s.clone())),
                _ => {
                    self.error(must_be_string(&format!("{at}.{field}")));
                    None
                }
            }
        };
        let error = text("Error");
        let cause = text("Cause");
        FailState { error, cause }
    }

    fn choice(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage) -> Option<StateKind> {
        let default = match map.get("Default") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.error(msg!("{at}.Default must be a state name", "{at}.Default phải là tên một state"));
                None
            }
        };
        let Some(Value::Array(items)) = map.get("Choices") else {
            self.error(msg!(
                "{at} does not have required field \"Choices\" (a non-empty array)",
                "{at} thiếu trường bắt buộc \"Choices\" (một mảng không rỗng)"
            ));
            return None;
        };
        if items.is_empty() {
            self.error(not_empty(&format!("{at}.Choices")));
            return None;
        }
        let mut choices = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let rule_at = format!("{at}.Choices[{i}]");
            let next = match item.get("Next") {
                Some(Value::String(next)) => Some(next.clone()),
                _ => {
                    self.error(required(&rule_at, "Next"));
                    None
                }
            };
            let jsonata_mode = language == QueryLanguage::Jsonata;
            let rule = parse_rule(item, &rule_at, true, jsonata_mode, 0, &mut self.errors);
            if let Some(Value::Object(rule_map)) = Some(item) {
                if let Some(assign) = rule_map.get("Assign") {
                    match language {
                        QueryLanguage::JsonPath => self.payload_template(assign, &format!("{rule_at}.Assign"), 0),
                        QueryLanguage::Jsonata => self.jsonata_values(assign, &format!("{rule_at}.Assign"), 0),
                    }
                }
            }
            if let (Some(rule), Some(next)) = (rule, next) {
                choices.push(ChoiceBranch { rule, next });
            }
        }
        (choices.len() == items.len()).then_some(StateKind::Choice { choices, default })
    }

    fn parallel(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage, depth: usize) -> Option<StateKind> {
        let Some(Value::Array(items)) = map.get("Branches") else {
            self.error(msg!(
                "{at} does not have required field \"Branches\" (a non-empty array)",
                "{at} thiếu trường bắt buộc \"Branches\" (một mảng không rỗng)"
            ));
            return None;
        };
        if items.is_empty() {
            self.error(not_empty(&format!("{at}.Branches")));
        }
        let mut branches = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let branch_at = format!("{at}.Branches[{i}]");
            let Value::Object(branch_map) = item else {
                self.error(with_branch(&branch_at));
                continue;
            };
            self.unknown_fields(branch_map, &branch_at, &["StartAt", "States", "Comment", "QueryLanguage"], BRANCH);
            let branch_language = self.query_language(branch_map, &branch_at, language);
            if let Some(branch) = self.branch(branch_map, &branch_at, branch_language, depth + 1) {
                branches.push(branch);
            }
        }
        let retry = self.retriers(map, at);
        let catch = self.catchers(map, at, language);
        (branches.len() == items.len() && !items.is_empty()).then_some(StateKind::Parallel { branches, retry, catch })
    }

    fn map_state(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage, depth: usize) -> Option<MapState> {
        let items_path = match map.get("ItemsPath") {
            Some(Value::Null) => {
                self.error(msg!(
                    "{at}: field \"ItemsPath\" must be a Reference Path, not null",
                    "{at}: trường \"ItemsPath\" phải là một Reference Path, không được là null"
                ));
                PathField::Default
            }
            _ => self.path_field(map, "ItemsPath", at, REFERENCE_PATH),
        };
        if let Some(items) = map.get("Items") {
            match items {
                Value::Array(_) => self.jsonata_values(items, &format!("{at}.Items"), 0),
                Value::String(text) if jsonata::is_expression(text) => self.jsonata_values(items, &format!("{at}.Items"), 0),
                _ => self.error(msg!(
                    "{at}.Items must be an array or a JSONata expression",
                    "{at}.Items phải là một mảng hoặc một biểu thức JSONata"
                )),
            }
        }
        self.map_numbers(map, at, language);
        self.map_configs(map, at, language);
        let field = if map.contains_key("ItemProcessor") { "ItemProcessor" } else { "Iterator" };
        let processor = match map.get(field) {
            Some(Value::Object(processor_map)) => {
                let processor_at = format!("{at}.{field}");
                self.unknown_fields(processor_map, &processor_at, &["StartAt", "States", "Comment", "ProcessorConfig", "QueryLanguage"], ITEM_PROCESSOR);
                if let Some(config) = processor_map.get("ProcessorConfig") {
                    self.processor_config(config, &processor_at);
                }
                let processor_language = self.query_language(processor_map, &processor_at, language);
                self.branch(processor_map, &processor_at, processor_language, depth + 1)
            }
            Some(_) => {
                self.error(with_branch(&format!("{at}.{field}")));
                None
            }
            None => {
                self.error(msg!(
                    "{at} does not have required field \"ItemProcessor\" (or \"Iterator\")",
                    "{at} thiếu trường bắt buộc \"ItemProcessor\" (hoặc \"Iterator\")"
                ));
                None
            }
        };
        let max_concurrency = map.get("MaxConcurrency").and_then(Value::as_u64).map(Dynamic::Fixed);
        let retry = self.retriers(map, at);
        let catch = self.catchers(map, at, language);
        Some(MapState {
            processor: processor?,
            items_path,
            items: map.get("Items").cloned(),
            item_selector: map.get("ItemSelector").cloned(),
            max_concurrency,
            retry,
            catch,
        })
    }

    fn map_numbers(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage) {
        let checks: [(&str, f64); 3] = [("MaxConcurrency", f64::MAX), ("ToleratedFailureCount", f64::MAX), ("ToleratedFailurePercentage", 100.0)];
        for (field, max) in checks {
            if let Some(value) = map.get(field) {
                let is_expression = language == QueryLanguage::Jsonata && value.as_str().is_some_and(jsonata::is_expression);
                let integer_only = field != "ToleratedFailurePercentage";
                let ok = is_expression
                    || value.as_f64().is_some_and(|n| n >= 0.0 && n <= max && (!integer_only || value.is_u64()));
                if !ok && max == f64::MAX {
                    self.error(msg!("{at}.{field} must be a number between 0 and any", "{at}.{field} phải là một số không âm"));
                } else if !ok {
                    self.error(msg!("{at}.{field} must be a number between 0 and {max}", "{at}.{field} phải là một số từ 0 đến {max}"));
                }
            }
            let path_field = format!("{field}Path");
            if let Some(path) = map.get(&path_field) {
                if path.as_str().is_none_or(|p| check_path(p, REFERENCE_PATH).is_err()) {
                    self.error(reference_path(&format!("{at}.{path_field}")));
                }
            }
        }
        if map.get("Label").is_some_and(|l| !l.is_string()) {
            self.error(must_be_string(&format!("{at}.Label")));
        }
    }

    /// ItemReader, ItemBatcher and ResultWriter: objects with one-of pairs.
    fn map_configs(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage) {
        let templates = |language| if language == QueryLanguage::Jsonata { "Arguments" } else { "Parameters" };
        if let Some(reader) = map.get("ItemReader") {
            let reader_at = format!("{at}.ItemReader");
            if let Value::Object(reader_map) = reader {
                self.unknown_fields(reader_map, &reader_at, &["Resource", "ReaderConfig", templates(language)], ITEM_READER);
                if !reader_map.contains_key("Resource") {
                    self.error(required(&reader_at, "Resource"));
                }
                if let Some(Value::Object(config)) = reader_map.get("ReaderConfig") {
                    self.exclusive(config, &format!("{reader_at}.ReaderConfig"), "MaxItems", "MaxItemsPath");
                }
            } else {
                self.error(must_be_object(&reader_at));
            }
        }
        if let Some(batcher) = map.get("ItemBatcher") {
            let batcher_at = format!("{at}.ItemBatcher");
            if let Value::Object(batcher_map) = batcher {
                self.exclusive(batcher_map, &batcher_at, "MaxItemsPerBatch", "MaxItemsPerBatchPath");
                self.exclusive(batcher_map, &batcher_at, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
            } else {
                self.error(must_be_object(&batcher_at));
            }
        }
        if let Some(writer) = map.get("ResultWriter") {
            if !writer.is_object() {
                self.error(must_be_object(&format!("{at}.ResultWriter")));
            }
        }
    }

    fn processor_config(&mut self, config: &Value, at: &str) {
        let Value::Object(config) = config else {
            self.error(must_be_object(&format!("{at}.ProcessorConfig")));
            return;
        };
        match config.get("Mode").and_then(Value::as_str) {
            None | Some("INLINE" | "DISTRIBUTED") => {}
            Some(other) => self.error(msg!(
                "{at}.ProcessorConfig.Mode \"{other}\" is not one of the allowed values [\"INLINE\", \"DISTRIBUTED\"]",
                "{at}.ProcessorConfig.Mode \"{other}\" không thuộc các giá trị được phép [\"INLINE\", \"DISTRIBUTED\"]"
            )),
        }
        match config.get("ExecutionType").and_then(Value::as_str) {
            None | Some("STANDARD" | "EXPRESS") => {}
            Some(other) => self.error(msg!(
                "{at}.ProcessorConfig.ExecutionType \"{other}\" is not one of the allowed values [\"STANDARD\", \"EXPRESS\"]",
                "{at}.ProcessorConfig.ExecutionType \"{other}\" không thuộc các giá trị được phép [\"STANDARD\", \"EXPRESS\"]"
            )),
        }
    }

    fn exclusive(&mut self, map: &Map<String, Value>, at: &str, a: &str, b: &str) {
        if map.contains_key(a) && map.contains_key(b) {
            self.error(only_one_of(at, a, b));
        }
    }

    fn error_equals(&mut self, map: &Map<String, Value>, at: &str, index: usize, count: usize) -> Vec<String> {
        let Some(Value::Array(items)) = map.get("ErrorEquals") else {
            self.error(required(at, "ErrorEquals"));
            return Vec::new();
        };
        if items.is_empty() {
            self.error(msg!("{at}.ErrorEquals: non-empty required", "{at}.ErrorEquals: không được rỗng"));
        }
        let names: Vec<String> = items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
        if names.len() != items.len() {
            self.error(msg!("{at}.ErrorEquals must contain only strings", "{at}.ErrorEquals chỉ được chứa chuỗi"));
        }
        if names.iter().any(|n| n == "States.ALL") && (names.len() > 1 || index + 1 != count) {
            self.error(msg!(
                "{at}: \"States.ALL\" must appear alone and in the last retrier or catcher",
                "{at}: \"States.ALL\" phải đứng một mình và nằm trong retrier hoặc catcher cuối cùng"
            ));
        }
        names
    }

    fn retriers(&mut self, map: &Map<String, Value>, at: &str) -> Vec<Retrier> {
        let Some(value) = map.get("Retry") else { return Vec::new() };
        let Value::Array(items) = value else {
            self.error(msg!("{at}.Retry must be an array", "{at}.Retry phải là một mảng"));
            return Vec::new();
        };
        let mut retriers = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let retry_at = format!("{at}.Retry[{i}]");
            let Value::Object(retry) = item else {
                self.error(must_be_object(&retry_at));
                continue;
            };
            self.unknown_fields(retry, &retry_at, &["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"], RETRIER);
            let mut retrier = Retrier { error_equals: self.error_equals(retry, &retry_at, i, items.len()), ..Retrier::default() };
            if let Some(v) = retry.get("IntervalSeconds") {
                match v.as_u64().filter(|n| (1..=99_999_999).contains(n)) {
                    Some(n) => retrier.interval_seconds = n,
                    None => self.error(msg!(
                        "{retry_at}.IntervalSeconds must be an integer, the allowed minimum is 1",
                        "{retry_at}.IntervalSeconds phải là một số nguyên, nhỏ nhất là 1"
                    )),
                }
            }
            if let Some(v) = retry.get("MaxAttempts") {
                match v.as_u64().filter(|n| *n <= 99_999_999) {
                    Some(n) => retrier.max_attempts = n,
                    None => self.error(msg!(
                        "{retry_at}.MaxAttempts must be an integer, the allowed floor is 0",
                        "{retry_at}.MaxAttempts phải là một số nguyên, không nhỏ hơn 0"
                    )),
                }
            }
            if let Some(v) = retry.get("BackoffRate") {
                match v.as_f64().filter(|n| *n >= 1.0) {
                    Some(n) => retrier.backoff_rate = n,
                    None => self.error(msg!(
                        "{retry_at}.BackoffRate must be a number, the allowed minimum is 1.0",
                        "{retry_at}.BackoffRate phải là một số, nhỏ nhất là 1.0"
                    )),
                }
            }
            if let Some(v) = retry.get("MaxDelaySeconds") {
                match v.as_u64().filter(|n| (1..=31_622_400).contains(n)) {
                    Some(n) => retrier.max_delay_seconds = Some(n),
                    None => self.error(msg!(
                        "{retry_at}.MaxDelaySeconds must be a positive integer, the allowed floor is 0 (exclusive)",
                        "{retry_at}.MaxDelaySeconds phải là một số nguyên dương (lớn hơn 0)"
                    )),
                }
            }
            match retry.get("JitterStrategy") {
                None => {}
                Some(Value::String(s)) if s == "FULL" => retrier.jitter = Jitter::Full,
                Some(Value::String(s)) if s == "NONE" => retrier.jitter = Jitter::None,
                Some(other) => self.error(msg!(
                    "{retry_at}.JitterStrategy {other} is not one of the allowed values [\"FULL\", \"NONE\"]",
                    "{retry_at}.JitterStrategy {other} không thuộc các giá trị được phép [\"FULL\", \"NONE\"]"
                )),
            }
            retriers.push(retrier);
        }
        retriers
    }

    fn catchers(&mut self, map: &Map<String, Value>, at: &str, language: QueryLanguage) -> Vec<Catcher> {
        let Some(value) = map.get("Catch") else { return Vec::new() };
        let Value::Array(items) = value else {
            self.error(msg!("{at}.Catch must be an array", "{at}.Catch phải là một mảng"));
            return Vec::new();
        };
        let allowed: &[&str] = match language {
            QueryLanguage::JsonPath => &["ErrorEquals", "Next", "ResultPath", "Comment", "Assign"],
            QueryLanguage::Jsonata => &["ErrorEquals", "Next", "Output", "Comment", "Assign"],
        };
        let mut catchers = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let catch_at = format!("{at}.Catch[{i}]");
            let Value::Object(catch) = item else {
                self.error(must_be_object(&catch_at));
                continue;
            };
            self.unknown_fields(catch, &catch_at, allowed, CATCHER);
            let error_equals = self.error_equals(catch, &catch_at, i, items.len());
            let result_path = self.path_field(catch, "ResultPath", &catch_at, RESULT_PATH);
            if let Some(output) = catch.get("Output") {
                self.jsonata_values(output, &format!("{catch_at}.Output"), 0);
            }
            match catch.get("Next") {
                Some(Value::String(next)) => catchers.push(Catcher { error_equals, next: next.clone(), result_path }),
                _ => self.error(required(&catch_at, "Next")),
            }
        }
        catchers
    }
}

/// Where a state can go next (its own `Next`, Choice targets, Catch targets).
fn state_targets(state: &State) -> Vec<&str> {
    let mut targets = Vec::new();
    if let Transition::Next(next) = &state.transition {
        targets.push(next.as_str());
    }
    let catchers: &[Catcher] = match &state.kind {
        StateKind::Task(task) => &task.catch,
        StateKind::Parallel { catch, .. } => catch,
        StateKind::Map(map) => &map.catch,
        StateKind::Choice { choices, default } => {
            targets.extend(choices.iter().map(|c| c.next.as_str()));
            targets.extend(default.as_deref());
            &[]
        }
        _ => &[],
    };
    targets.extend(catchers.iter().map(|c| c.next.as_str()));
    targets
}

/// A Resource is a URI (`arn:...`, `foo:bar`), a CloudFormation substitution
/// (`${LambdaArn}`), or a CloudFormation `Ref`/`Fn::GetAtt` object. Lambda ARNs
/// have their optional alias or version checked.
/// `at` is the field's place (`State Machine.States.X.Resource`).
fn check_resource(value: &Value, at: &str) -> Result<(), Message> {
    match value {
        Value::String(uri) => check_resource_uri(uri, at),
        Value::Object(map) if map.len() == 1 && map.keys().all(|k| k == "Ref" || k.starts_with("Fn::")) => Ok(()),
        _ => Err(msg!("{at} must be a URI string", "{at} phải là một chuỗi URI")),
    }
}

fn check_resource_uri(uri: &str, at: &str) -> Result<(), Message> {
    let not_a_uri = || msg!("{at} \"{uri}\" is not a URI", "{at} \"{uri}\" không phải một URI");
    if let Some(name) = uri.strip_prefix("${").and_then(|rest| rest.strip_suffix('}')) {
        return if !name.is_empty() && !name.contains(['{', '}']) {
            Ok(())
        } else {
            Err(msg!("{at} \"{uri}\" is not a valid substitution", "{at} \"{uri}\" không phải một phép thay thế hợp lệ"))
        };
    }
    let scheme_len = uri.find(':').ok_or_else(not_a_uri)?;
    let scheme = &uri[..scheme_len];
    let scheme_ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    if !scheme_ok || uri.len() == scheme_len + 1 || uri.chars().any(char::is_whitespace) {
        return Err(not_a_uri());
    }
    let parts: Vec<&str> = uri.split(':').collect();
    if parts.first() == Some(&"arn") && parts.get(2) == Some(&"lambda") && parts.get(5) == Some(&"function") {
        let qualifier_ok = |q: &str| q == "$LATEST" || (!q.is_empty() && q.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let ok = match parts.len() {
            7 => true,
            8 => parts.get(7).is_some_and(|q| qualifier_ok(q)),
            _ => false,
        };
        if !ok {
            return Err(msg!(
                "{at} \"{uri}\" is not a valid Lambda function ARN (bad alias or version)",
                "{at} \"{uri}\" không phải một ARN Lambda function hợp lệ (alias hoặc version sai)"
            ));
        }
    }
    Ok(())
}

