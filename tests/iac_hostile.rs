//! Bad templates get one clear sentence in each language, and nothing panics: not YAML
//! or JSON, not a template, over 1 MB, alias bombs, deep nesting, unknown intrinsic
//! functions, resources that refer to each other in a circle.
#![cfg(not(target_arch = "wasm32"))]

use decouple_lab::iac::{self, IacError};
use proptest::prelude::*;

/// Imports `text`, expecting a refusal whose sentence is whole in both languages.
fn refused(text: &str) -> IacError {
    let error = match iac::import(text) {
        Ok(imported) => panic!("imported {} components from a bad template", imported.diagram.component_count()),
        Err(e) => e,
    };
    let m = error.message();
    assert!(m.en.ends_with('.') && m.vi.ends_with('.'), "{m:?}");
    assert_ne!(m.en, m.vi);
    assert!(!m.en.contains('\n') && m.en.len() < 400, "one sentence: {}", m.en);
    // The page's open path gives the same sentence and no diagram.
    if !text.contains("decouple-lab") {
        assert_eq!(iac::open_text(text).err(), Some(m));
    }
    error
}

#[test]
fn text_that_is_neither_yaml_nor_json() {
    assert!(matches!(refused("Resources: [unclosed\n  - : :"), IacError::Syntax { .. }));
    assert!(matches!(refused("{\"Resources\": {\"Q\": "), IacError::Syntax { .. }));
    assert!(refused("Resources:\n\tQ: 1").message().en.starts_with("This is neither YAML nor JSON (line 2"));
    assert_eq!(refused("   \n  "), IacError::Empty);
}

#[test]
fn yaml_or_json_that_is_not_a_template() {
    for text in ["just: text", "- 1\n- 2", "{\"format\": \"decouple-lab\"}", "Resources: {}", "Resources: 3", "plain words", "---\nA: 1\n---\nB: 2"] {
        assert_eq!(refused(text), IacError::NotATemplate, "{text}");
    }
    assert_eq!(refused("Resources:\n  Q:\n    Properties: {}\n"), IacError::BadResource { name: "Q".into() });
}

#[test]
fn a_template_over_one_megabyte() {
    let mut text = String::from("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {}\n# ");
    text.push_str(&"x".repeat(1024 * 1024));
    assert!(matches!(refused(&text), IacError::TooLarge { .. }));
    assert!(refused(&text).message().en.contains("1,024 KB"));
}

#[test]
fn an_alias_bomb_is_refused_before_it_expands() {
    // Nine levels of nine aliases each: 387,420,489 strings if expanded.
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let p = level - 1;
        text.push_str(&format!("a{level}: &a{level} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    text.push_str("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *a9\n");
    assert_eq!(refused(&text), IacError::AliasBomb);
    // A few honest aliases are fine.
    let fine = "x: &size 60\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: *size\n";
    assert_eq!(iac::import(fine).unwrap().diagram.component_count(), 1);
}

#[test]
fn deep_nesting_is_refused_in_yaml_and_json() {
    let flow = format!("Resources: {}1{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(refused(&flow), IacError::TooDeep);
    let json = format!("{{\"Resources\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(refused(&json), IacError::TooDeep);
    let mut block = String::from("Resources:\n");
    for depth in 1..300 {
        block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    assert_eq!(refused(&block), IacError::TooDeep);
}

#[test]
fn unknown_intrinsic_functions_are_named() {
    let yaml = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Frobnicate x\n";
    let e = refused(yaml);
    assert_eq!(e, IacError::UnknownFunction { name: "!Frobnicate".into(), line: Some(5) });
    assert_eq!(e.message().en, "Line 5 uses !Frobnicate, which is not a CloudFormation intrinsic function.");
    let json = r#"{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Frobnicate": "x"}}}}}"#;
    assert_eq!(refused(json), IacError::UnknownFunction { name: "Fn::Frobnicate".into(), line: None });
}

#[test]
fn resources_that_refer_to_each_other_in_a_circle() {
    let text = "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt B.Arn}\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !Sub '${A.Arn}'\n";
    assert_eq!(refused(text), IacError::Cycle { resources: vec!["A".into(), "B".into()] });
    let depends = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: [A]\n";
    assert!(refused(depends).message().en.contains("circular dependency"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever the text, import answers (a diagram or a sentence) and never panics.
    #[test]
    fn any_text_gets_an_answer(text in prop_oneof![
        "\\PC{0,200}",
        "(Resources|Type|Properties|!Ref|!GetAtt|&a|\\*a|: |\n  |- |\\[|\\]|\\{|\\}|AWS::SQS::Queue|Fn::Sub|\\$\\{A\\}){0,60}",
    ]) {
        match iac::import(&text) {
            Ok(imported) => prop_assert!(imported.summary.message().en.ends_with('.')),
            Err(e) => prop_assert!(e.message().en.ends_with('.')),
        }
    }
}
