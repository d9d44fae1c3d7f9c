//! Validation tests written from the States Language specification's rules.

use serde_json::{json, Value};

use super::*;
use crate::text::Message;

/// The English of every problem found (the texts statelint-style tools compare).
fn errors(definition: Value) -> Vec<String> {
    match StateMachineDefinition::from_value(&definition) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| e.en).collect(),
    }
}

fn assert_valid(definition: Value) -> StateMachineDefinition {
    StateMachineDefinition::from_value(&definition).unwrap_or_else(|e| panic!("{definition}: {e:?}"))
}

fn assert_error(definition: Value, fragment: &str) {
    let errors = errors(definition.clone());
    assert!(
        errors.iter().any(|e| e.contains(fragment)),
        "expected an error containing {fragment:?} for {definition}, got {errors:?}"
    );
}

/// A one-state machine around `state`.
fn single(state: Value) -> Value {
    json!({"StartAt": "S", "States": {"S": state}})
}

#[test]
fn builds_typed_states_with_retry_defaults() {
    let definition = assert_valid(json!({
        "Comment": "orders",
        "StartAt": "Charge",
        "States": {
            "Charge": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
                "Retry": [{"ErrorEquals": ["Timeout"]}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed", "ResultPath": "$.error"}],
                "Next": "Done"
            },
            "Failed": {"Type": "Fail", "Error": "PaymentFailed"},
            "Done": {"Type": "Succeed"}
        }
    }));
    assert_eq!(definition.root.start_at, "Charge");
    let Some(State { kind: StateKind::Task(task), transition, .. }) = definition.root.state("Charge") else {
        panic!("Charge should be a Task");
    };
    assert_eq!(*transition, Transition::Next("Done".to_owned()));
    let first = &task.retry[0];
    assert_eq!((first.interval_seconds, first.max_attempts, first.backoff_rate), (1, 3, 2.0));
    assert_eq!(task.retry[1].max_attempts, 0);
    assert_eq!(task.catch[0].next, "Failed");
    assert_eq!(task.catch[0].result_path, PathField::Path("$.error".to_owned()));
}

#[test]
fn start_at_must_name_a_state() {
    assert_error(json!({"States": {"A": {"Type": "Succeed"}}}), "\"StartAt\"");
    assert_error(json!({"StartAt": "B", "States": {"A": {"Type": "Succeed"}}}), "does not name a state");
}

#[test]
fn types_must_be_known() {
    assert_error(single(json!({"Type": "Sleep", "End": true})), "not one of the allowed values");
    assert_error(single(json!({"End": true})), "\"Type\"");
}

#[test]
fn next_and_end_exactly_one() {
    assert_error(single(json!({"Type": "Pass"})), "\"Next\" or \"End\"");
    assert_error(
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"}}}),
        "only one of [\"Next\", \"End\"]",
    );
    assert_error(single(json!({"Type": "Succeed", "End": true})), "\"End\" is not allowed");
}

#[test]
fn next_targets_must_exist_and_states_be_reachable() {
    assert_error(
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}),
        "not a state in this scope",
    );
    assert_error(
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "Orphan": {"Type": "Succeed"}}}),
        "Orphan is not reachable",
    );
    assert_error(
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}),
        "no terminal state",
    );
}

#[test]
fn choice_needs_choices_and_no_next() {
    assert_error(single(json!({"Type": "Choice", "Default": "S"})), "\"Choices\"");
    assert_error(single(json!({"Type": "Choice", "Choices": [], "Default": "S"})), "non-empty");
    let with_next = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Next": "D", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "D"}]},
        "D": {"Type": "Succeed"}}});
    assert_error(with_next, "\"Next\" is not allowed");
    let rule_without_next = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Default": "D", "Choices": [{"Variable": "$.x", "IsPresent": true}]},
        "D": {"Type": "Succeed"}}});
    assert_error(rule_without_next, "\"Next\"");
}

#[test]
fn choice_rules_are_typed() {
    let machine = assert_valid(json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Default": "D", "Choices": [
            {"And": [{"Variable": "$.n", "NumericGreaterThan": 1}, {"Not": {"Variable": "$.s", "StringMatches": "log-*"}}], "Next": "D"},
            {"Variable": "$.t", "TimestampLessThanEqualsPath": "$.deadline", "Next": "D"}
        ]},
        "D": {"Type": "Succeed"}}}));
    let Some(State { kind: StateKind::Choice { choices, default }, .. }) = machine.root.state("C") else {
        panic!("C should be a Choice");
    };
    assert_eq!(default.as_deref(), Some("D"));
    assert!(choice_matches(&choices[0].rule, &json!({"n": 2, "s": "app-1"})).expect("evaluates"));
    assert!(!choice_matches(&choices[0].rule, &json!({"n": 2, "s": "log-1"})).expect("evaluates"));
}

#[test]
fn wait_has_exactly_one_duration() {
    assert_valid(single(json!({"Type": "Wait", "Seconds": 5, "End": true})));
    assert_valid(single(json!({"Type": "Wait", "TimestampPath": "$.when", "End": true})));
    assert_error(single(json!({"Type": "Wait", "End": true})), "exactly one of");
    assert_error(single(json!({"Type": "Wait", "Seconds": 5, "SecondsPath": "$.s", "End": true})), "exactly one of");
    assert_error(single(json!({"Type": "Wait", "Timestamp": "tomorrow", "End": true})), "RFC 3339");
}

#[test]
fn task_needs_resource_and_sane_timeouts() {
    assert_error(single(json!({"Type": "Task", "End": true})), "\"Resource\"");
    assert_error(single(json!({"Type": "Task", "Resource": "no scheme", "End": true})), "URI");
    assert_error(
        single(json!({"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f:", "End": true})),
        "Lambda",
    );
    assert_error(
        single(json!({"Type": "Task", "Resource": "a:b", "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t", "End": true})),
        "only one of [\"TimeoutSeconds\", \"TimeoutSecondsPath\"]",
    );
    assert_error(single(json!({"Type": "Task", "Resource": "a:b", "Credentials": "role", "End": true})), "Credentials");
}

#[test]
fn retry_and_catch_structure() {
    let task = |retry: Value| single(json!({"Type": "Task", "Resource": "a:b", "Retry": retry, "End": true}));
    assert_error(task(json!([{"ErrorEquals": []}])), "non-empty required");
    assert_error(task(json!([{"ErrorEquals": ["States.ALL", "X"]}])), "States.ALL");
    assert_error(task(json!([{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}])), "States.ALL");
    assert_error(task(json!([{"ErrorEquals": ["X"], "BackoffRate": 0.5}])), "allowed minimum is 1");
    assert_error(task(json!([{"ErrorEquals": ["X"], "JitterStrategy": "HALF"}])), "[\"FULL\", \"NONE\"]");
    assert_error(task(json!([{"ErrorEquals": ["X"], "Interval": 3}])), "\"Interval\" is not allowed");
    let catch = single(json!({"Type": "Task", "Resource": "a:b", "Catch": [{"ErrorEquals": ["X"]}], "End": true}));
    assert_error(catch, "\"Next\"");
}

#[test]
fn fail_fields_are_exclusive() {
    assert_valid(single(json!({"Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('{}', $.c)"})));
    assert_error(single(json!({"Type": "Fail", "Error": "E", "ErrorPath": "$.e"})), "only one of [\"Error\", \"ErrorPath\"]");
}

#[test]
fn fields_only_where_their_type_allows() {
    assert_error(single(json!({"Type": "Succeed", "Parameters": {}})), "\"Parameters\"");
    assert_error(single(json!({"Type": "Wait", "Seconds": 1, "ResultPath": "$.x", "End": true})), "\"ResultPath\"");
    assert_error(single(json!({"Type": "Pass", "ResultSelector": {}, "End": true})), "\"ResultSelector\"");
}

#[test]
fn paths_and_payload_templates() {
    assert_valid(single(json!({"Type": "Pass", "InputPath": "$$.Execution.Input", "ResultPath": null, "End": true})));
    assert_error(single(json!({"Type": "Pass", "ResultPath": "..x", "End": true})), "ResultPath");
    assert_error(single(json!({"Type": "Pass", "InputPath": "States.Format('{}', 1)", "End": true})), "InputPath");
    assert_error(single(json!({"Type": "Pass", "Parameters": {"a.$": 3}, "End": true})), "a.$");
    assert_error(single(json!({"Type": "Pass", "Parameters": {"a.$": "States.Nope()"}, "End": true})), "intrinsic");
    assert_error(single(json!({"Type": "Pass", "Parameters": {"a": 1, "a.$": "$.a"}, "End": true})), "conflict");
}

#[test]
fn parallel_and_map_have_their_own_scope() {
    let branch = json!({"StartAt": "In", "States": {"In": {"Type": "Pass", "Next": "Out"}}});
    let parallel = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [branch], "Next": "Out"},
        "Out": {"Type": "Succeed"}}});
    assert_error(parallel, "not a state in this scope");
    let map = json!({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
              "ItemProcessor": {"StartAt": "Each", "States": {"Each": {"Type": "Pass", "End": true}}}}}});
    let machine = assert_valid(map);
    let Some(State { kind: StateKind::Map(m), .. }) = machine.root.state("M") else { panic!("M should be a Map") };
    assert_eq!(m.processor.start_at, "Each");
    assert_error(single(json!({"Type": "Map", "End": true})), "ItemProcessor");
    assert_error(single(json!({"Type": "Parallel", "Branches": [], "End": true})), "non-empty");
}

#[test]
fn state_names_are_unique_and_short() {
    let dupes = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "X", "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}]},
        "X": {"Type": "Succeed"}}});
    assert_error(dupes, "more than once");
    let long = "n".repeat(81);
    assert_error(json!({"StartAt": long.clone(), "States": {long: {"Type": "Succeed"}}}), "80 characters");
}

#[test]
fn jsonata_states() {
    let good = json!({"QueryLanguage": "JSONata", "StartAt": "S", "States": {
        "S": {"Type": "Pass", "Output": {"total": "{% $sum($states.input.prices) %}"}, "End": true}}});
    assert_valid(good);
    let jsonpath_field = json!({"QueryLanguage": "JSONata", "StartAt": "S", "States": {
        "S": {"Type": "Pass", "OutputPath": "$.x", "End": true}}});
    assert_error(jsonpath_field, "not allowed when QueryLanguage is JSONata");
    let bad_expression = json!({"QueryLanguage": "JSONata", "StartAt": "S", "States": {
        "S": {"Type": "Pass", "Output": "{% 1 + %}", "End": true}}});
    assert_error(bad_expression, "JSONata syntax error");
}

#[test]
fn raw_text_rejects_duplicates() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "A": {"Type": "Succeed"}}}"#;
    let errors = StateMachineDefinition::parse(text).unwrap_err();
    assert!(errors[0].en.contains("duplicate key"), "{errors:?}");
}

// ----- Both languages -----

fn jsonata(state: Value) -> Value {
    json!({"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": state}})
}

/// A Pass state that ends, with `fields` added.
fn pass(fields: Value) -> Value {
    let mut state = json!({"Type": "Pass", "End": true});
    state.as_object_mut().expect("object").extend(fields.as_object().expect("object").clone());
    state
}

/// A Task state that ends, with `fields` added.
fn task(fields: Value) -> Value {
    let mut state = json!({"Type": "Task", "Resource": "a:b", "End": true});
    state.as_object_mut().expect("object").extend(fields.as_object().expect("object").clone());
    state
}

/// A Map state that ends, with `fields` added.
fn map_state(fields: Value) -> Value {
    let mut state = json!({"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "E", "States": {"E": {"Type": "Succeed"}}}});
    state.as_object_mut().expect("object").extend(fields.as_object().expect("object").clone());
    state
}

/// A Choice state whose rules each go to `D`.
fn choice(rules: Value, language: &str) -> Value {
    json!({"QueryLanguage": language, "StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": rules, "Default": "D"},
        "D": {"Type": "Succeed"}}})
}

/// Definitions that, between them, break nearly every rule the validator checks.
fn broken_definitions() -> Vec<Value> {
    let mut deep = json!([]);
    for _ in 0..70 {
        deep = json!([deep]);
    }
    let mut maps = json!({"StartAt": "L", "States": {"L": {"Type": "Succeed"}}});
    for i in 0..18 {
        maps = json!({"StartAt": format!("M{i}"), "States": {format!("M{i}"): {"Type": "Map", "End": true, "Iterator": maps}}});
    }
    let intrinsics = format!("{})", "States.Array(".repeat(18) + &")".repeat(17));
    let parens = format!("{{% {}1{} %}}", "(".repeat(70), ")".repeat(70));
    vec![
        json!([1]),
        json!({"StartAt": "S", "States": {"S": {"Type": "Succeed"}}, "Extra": 1, "TimeoutSeconds": 0, "Version": 1, "Comment": 2, "QueryLanguage": "XPath"}),
        json!({"StartAt": 1, "States": []}),
        json!({"StartAt": "S", "States": {}}),
        json!({}),
        json!({"StartAt": "B", "States": {"A": {"Type": "Succeed"}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}, "Orphan": {"Type": "Pass", "Next": "A"}}}),
        json!({"StartAt": "", "States": {"": {"Type": "Succeed"}}}),
        json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Next": "X", "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}]},
            "X": {"Type": "Succeed"}}}),
        json!({"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}),
        json!({"StartAt": "S", "States": {"S": {"Type": "Pass", "End": true, "Result": deep}}}),
        maps,
        // States and their fields.
        single(json!(3)),
        single(json!({"Type": "Sleep"})),
        single(json!({"End": true})),
        single(json!({"Type": "Succeed", "Parameters": {}, "Error": "x"})),
        jsonata(json!({"Type": "Pass", "OutputPath": "$.x", "End": true})),
        single(json!({"Type": "Fail", "Error": "E", "ErrorPath": "$.e"})),
        single(json!({"Type": "Pass", "Next": "S", "End": true})),
        single(json!({"Type": "Pass", "Next": 1})),
        single(json!({"Type": "Pass", "End": false})),
        single(json!({"Type": "Pass"})),
        single(task(json!({"Credentials": "role", "Assign": [1]}))),
        single(pass(json!({"InputPath": "x", "ResultPath": "$..a", "OutputPath": 1}))),
        single(pass(json!({"Parameters": {"a": 1, "a.$": "$.a", "b.$": 3, "c.$": "States.Nope()", "d.$": "$.x[", "e": {"f.$": "States.Format('x'"}}}))),
        jsonata(json!({"Type": "Pass", "Output": "{% 1 + %}", "End": true})),
        single(json!({"Type": "Task", "End": true})),
        single(task(json!({"Resource": 5}))),
        single(task(json!({"Resource": "no scheme"}))),
        single(task(json!({"Resource": "${}"}))),
        single(task(json!({"Resource": "arn:aws:lambda:us-east-1:1:function:f:"}))),
        single(task(json!({"TimeoutSeconds": 5, "HeartbeatSeconds": 10}))),
        single(task(json!({"TimeoutSecondsPath": "$..x"}))),
        single(task(json!({"TimeoutSeconds": 0}))),
        jsonata(task(json!({"TimeoutSeconds": "{% 1 + %}"}))),
        single(json!({"Type": "Wait", "End": true})),
        single(json!({"Type": "Wait", "TimestampPath": "x", "End": true})),
        jsonata(json!({"Type": "Wait", "Timestamp": "{% $x( %}", "End": true})),
        single(json!({"Type": "Wait", "Timestamp": "tomorrow", "End": true})),
        single(json!({"Type": "Fail", "ErrorPath": "x", "Cause": 3})),
        jsonata(json!({"Type": "Fail", "Error": "{% ] %}"})),
        json!({"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": 3}}}),
        single(json!({"Type": "Choice", "Choices": [], "Default": "S"})),
        json!({"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Default": "D", "Choices": [{"Variable": "$.x", "IsPresent": true}]},
            "D": {"Type": "Succeed"}}}),
        single(json!({"Type": "Parallel", "End": true})),
        single(json!({"Type": "Parallel", "End": true, "Branches": []})),
        single(json!({"Type": "Parallel", "End": true, "Branches": [1, {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}, "X": 1}]})),
        single(map_state(json!({"ItemsPath": null}))),
        jsonata(map_state(json!({"Items": 5}))),
        single(map_state(json!({"ItemProcessor": {"StartAt": "E", "States": {"E": {"Type": "Succeed"}}, "Bad": 1, "ProcessorConfig": 3}}))),
        single(json!({"Type": "Map", "End": true, "Iterator": 5})),
        single(json!({"Type": "Map", "End": true})),
        single(map_state(json!({"MaxConcurrency": -1, "ToleratedFailurePercentage": 101, "MaxConcurrencyPath": "x", "Label": 3}))),
        single(map_state(json!({"ItemReader": {"X": 1, "ReaderConfig": {"MaxItems": 1, "MaxItemsPath": "$.m"}}, "ItemBatcher": 1, "ResultWriter": 2}))),
        single(map_state(json!({"ItemReader": 1, "ItemBatcher": {"MaxItemsPerBatch": 1, "MaxItemsPerBatchPath": "$.x"}}))),
        single(map_state(json!({"ItemProcessor": {"StartAt": "E", "States": {"E": {"Type": "Succeed"}},
            "ProcessorConfig": {"Mode": "X", "ExecutionType": "Y"}}}))),
        single(task(json!({"Retry": 5, "Catch": 5}))),
        single(task(json!({"Retry": [1, {"Interval": 3},
            {"ErrorEquals": [], "IntervalSeconds": 0, "MaxAttempts": -1, "BackoffRate": 0.5, "MaxDelaySeconds": 0, "JitterStrategy": "HALF"},
            {"ErrorEquals": [1]}, {"ErrorEquals": ["States.ALL", "X"]}]}))),
        single(task(json!({"Catch": [1, {"ErrorEquals": ["X"], "Bad": 1}]}))),
        // Choice rules.
        choice(json!([{"Variable": "$.a", "Next": "D"}]), "JSONPath"),
        choice(json!([{"Variable": "$.a", "StringEquals": "x", "NumericEquals": 1, "Bad": 1, "Next": "D"}]), "JSONPath"),
        choice(json!([
            {"Not": {"Variable": "$.a", "IsNull": true, "Next": "D"}, "Next": "D"},
            {"And": [3], "Next": "D"},
            {"Or": [], "Next": "D"},
            {"And": 5, "Variable": "$.a", "Next": "D"},
            {"Not": {"Variable": "$.a", "IsNull": true}, "Variable": "$.b", "Next": "D"}]), "JSONPath"),
        choice(json!([
            {"Variable": "$..a", "StringEquals": "x", "Next": "D"},
            {"Variable": 3, "StringEquals": "x", "Next": "D"},
            {"StringEquals": "x", "Next": "D"},
            {"Variable": "$.a", "IsNull": "yes", "Next": "D"},
            {"Variable": "$.a", "StringMatches": 1, "Next": "D"},
            {"Variable": "$.a", "StringEqualsPath": "x", "Next": "D"}]), "JSONPath"),
        choice(json!([
            {"Variable": "$.a", "StringEquals": 1, "Next": "D"},
            {"Variable": "$.a", "NumericEquals": "1", "Next": "D"},
            {"Variable": "$.a", "BooleanEquals": 1, "Next": "D"},
            {"Variable": "$.a", "TimestampEquals": "yesterday", "Next": "D"}]), "JSONPath"),
        choice(json!([{"Condition": "{% 1 + %}", "Next": "D"}, {"Condition": 3, "Next": "D"}, {"Bad": 1, "Next": "D"}]), "JSONata"),
        // JSONPath.
        single(pass(json!({"InputPath": "$$.x", "ResultPath": "$$.x"}))),
        single(pass(json!({"ResultPath": "$foo"}))),
        single(pass(json!({"ResultPath": "$.a.*"}))),
        single(pass(json!({"ResultPath": "$."}))),
        single(pass(json!({"InputPath": "$.a["}))),
        single(pass(json!({"InputPath": "$.a[]"}))),
        single(pass(json!({"ResultPath": "$.a[1:2]"}))),
        single(pass(json!({"InputPath": "$.a[x y]"}))),
        single(pass(json!({"InputPath": "$x$"}))),
        // Intrinsic functions.
        single(pass(json!({"Parameters": {"a.$": "States.Format", "b.$": "States.UUID(1)", "c.$": "States.MathAdd(1,'-1')",
            "d.$": "States.Array(1) x", "e.$": "States.Array(1 2)", "f.$": "States.Array(%)", "g.$": "States.Array('x)"}}))),
        single(pass(json!({"Parameters": {"a.$": intrinsics}}))),
        // JSONata.
        jsonata(json!({"Type": "Pass", "End": true, "Output": {
            "a": "{% %}", "b": "{% 1 %", "c": "{% /* x %}", "d": "{% `x %}", "e": "{% 1 # %}", "f": "{% 'x %}", "g": "{% (1 %}",
            "h": "{% function(1){1} %}", "i": "{% $x@1 %}", "j": "{% 1 1 %}", "k": "{% ) %}", "m": "{% a b %}", "n": "{% $x $y %}",
            "p": "{% 1 + = %}", "q": parens, "r": "{% function('s'){1} %}", "s": "{% function(/a/){1} %}", "t": "{% function(a){1} %}",
            "u": "{% 1 ! 2 %}", "v": "{% {'a' 1} %}", "w": "{% 1 'x' %}"}})),
    ]
}

#[test]
fn every_validation_message_has_a_vietnamese_sentence() {
    let mut messages: Vec<Message> = broken_definitions()
        .into_iter()
        .flat_map(|definition| StateMachineDefinition::from_value(&definition).expect_err(&definition.to_string()))
        .collect();
    for text in ["not json", "{", "[1,", "{\"a\" 1}", "{\"a\": 1,}", "{} x", "\"\\q\"", "{1: 2}", "{\"a\": 1, \"a\": 2}", "\"abc", "[1 2]", "-"] {
        let errors = StateMachineDefinition::parse(text).expect_err(text);
        assert!(errors[0].vi.contains("(dòng 1, cột "), "{text}: {errors:?}");
        messages.extend(errors);
    }
    messages.extend(ChoiceRule::from_value(&json!({"Variable": "$.a", "Next": "B"})).expect_err("a nested rule"));
    messages.sort_by(|a, b| a.en.cmp(&b.en));
    messages.dedup();
    assert!(messages.len() > 160, "the definitions should break most rules: {}", messages.len());
    for Message { en, vi } in &messages {
        assert!(!vi.trim().is_empty() && vi != en, "no Vietnamese for {en:?}");
        for english in [" must ", " is not ", " does not ", "not allowed", "required", " found ", "expected", "unexpected", " nested "] {
            assert!(!vi.contains(english), "English {english:?} left in {vi:?} (for {en:?})");
        }
    }
}
