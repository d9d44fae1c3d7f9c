//! `dlab asl choice` takes a rule as it stands in a Choice state's `Choices` array,
//! with its `Next`, as the conformance contract says.

mod cli;

fn answer(line: &str) -> serde_json::Value {
    let out = cli::dlab(&["asl", "choice"], Some(&format!("{line}\n")));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON line")
}

#[test]
fn a_choice_rule_with_its_next_is_matched() {
    let rule = r#"{"Variable": "$.amount", "NumericGreaterThan": 100, "Next": "BigOrder"}"#;
    assert_eq!(answer(&format!(r#"{{"choice_rule": {rule}, "input": {{"amount": 150}}}}"#))["match"], true);
    assert_eq!(answer(&format!(r#"{{"choice_rule": {rule}, "input": {{"amount": 50}}}}"#))["match"], false);
    let nested = r#"{"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.a", "StringEquals": "x"}], "Next": "A"}"#;
    assert_eq!(answer(&format!(r#"{{"choice_rule": {nested}, "input": {{"a": "x"}}}}"#))["match"], true);
}

#[test]
fn a_nested_next_is_still_refused() {
    let rule = r#"{"Not": {"Variable": "$.a", "IsPresent": true, "Next": "Inner"}, "Next": "Outer"}"#;
    let reply = answer(&format!(r#"{{"choice_rule": {rule}, "input": {{}}}}"#));
    let error = reply["error"].as_str().unwrap_or_else(|| panic!("an error, not {reply}"));
    assert!(error.contains("must not have \"Next\""), "{error}");
}
