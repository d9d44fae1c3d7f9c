//! `dlab import cfn` and `dlab export cfn`.
#![cfg(not(target_arch = "wasm32"))]

mod cli;

use cli::dlab;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/iac/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn import_prints_the_diagram_and_says_what_it_left_out() {
    let out = dlab(&["import", "cfn", &fixture("orders.yaml")], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let diagram = decouple_lab::share::from_json(&text(&out.stdout)).expect("the diagram format");
    assert_eq!(diagram.component_count(), 11);
    let said = text(&out.stderr);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.starts_with("Imported 11 components and 11 connections; not modelled: 1 AWS::IAM::Role"), "{said}");
    // The same template on standard input.
    let stdin = std::fs::read_to_string(fixture("orders.yaml")).unwrap();
    let again = dlab(&["import", "cfn", "-"], Some(&stdin));
    assert_eq!(text(&again.stdout), text(&out.stdout));
}

#[test]
fn export_reads_a_file_or_a_link_and_prints_a_template_that_imports_back() {
    let pattern = decouple_lab::lessons::patterns()[0].diagram();
    let link = decouple_lab::share::link_for(&pattern, "http://127.0.0.1:8080/").url;
    let out = dlab(&["export", "cfn", &link], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let template = text(&out.stdout);
    assert!(template.starts_with("AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\n"), "{template}");
    let back = decouple_lab::iac::import(&template).unwrap().diagram;
    assert_eq!(back.component_count(), pattern.component_count());
    let file = std::env::temp_dir().join(format!("dlab-export-{}.json", std::process::id()));
    std::fs::write(&file, decouple_lab::share::to_json(&pattern)).unwrap();
    let from_file = dlab(&["export", "cfn", file.to_str().unwrap()], None);
    let _ = std::fs::remove_file(&file);
    assert_eq!(text(&from_file.stdout), template);
}

#[test]
fn bad_input_gets_one_sentence_and_a_failing_exit() {
    let out = dlab(&["import", "cfn", "-"], Some("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {Name: !Nope x}\n"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "error: Line 4 uses !Nope, which is not a CloudFormation intrinsic function.\n");
    assert!(out.stdout.is_empty());
    let missing = dlab(&["export", "cfn", "no-such-diagram.json"], None);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).starts_with("error: Can't open no-such-diagram.json"), "{}", text(&missing.stderr));
}
