//! Importing the project's own templates (tests/fixtures/iac): each modelled resource
//! becomes a component with the template's settings, connections come from references,
//! and what is not modelled is named in the summary. Exports pass cfn-lint.
#![cfg(not(target_arch = "wasm32"))]

use decouple_lab::iac;
use decouple_lab::lessons::patterns;
use decouple_lab::model::spec::{Spec, WorkflowType};
use decouple_lab::model::{Component, ConnectionKind, Diagram, FilterPolicyScope};
use std::path::PathBuf;

#[path = "support/random_diagram.rs"]
mod random_diagram;
use std::process::Command;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/iac/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn by_name<'a>(d: &'a Diagram, name: &str) -> &'a Component {
    d.components().find(|c| c.name == name).unwrap_or_else(|| panic!("no component {name}"))
}

fn link(d: &Diagram, from: &str, to: &str) -> decouple_lab::model::Connection {
    let (a, b) = (by_name(d, from).id, by_name(d, to).id);
    d.connections().find(|c| c.from == a && c.to == b).cloned().unwrap_or_else(|| panic!("no connection {from} -> {to}"))
}

#[test]
fn the_orders_template_imports_with_its_settings_and_references() {
    let imported = iac::import(&fixture("orders.yaml")).unwrap();
    let d = &imported.diagram;
    // Ten resources, and a client so that the diagram plays: it sends to the only entry point.
    assert_eq!((d.component_count(), d.connection_count()), (11, 11));
    assert_eq!(link(d, "Test traffic", "OrdersQueue").kind, ConnectionKind::Send);
    assert_eq!(d.outgoing(by_name(d, "Test traffic").id).count(), 1);
    let Spec::Queue(q) = &by_name(d, "OrdersQueue").spec else { panic!("a queue") };
    assert_eq!((q.visibility_timeout_s, q.delay_s, q.max_receive_count), (120, 5, 4));
    let Spec::Function(f) = &by_name(d, "OrderWorker").spec else { panic!("a function") };
    assert_eq!((f.timeout_s, f.concurrency_limit), (20, 5), "Globals.Function.Timeout applies");
    let Spec::Database(t) = &by_name(d, "OrdersTable").spec else { panic!("a table") };
    assert!(t.change_stream);
    assert_eq!(t.write_capacity_per_s, 50);
    let Spec::StateMachine(m) = &by_name(d, "Fulfilment").spec else { panic!("a state machine") };
    assert_eq!(m.workflow, WorkflowType::Express);

    assert_eq!(link(d, "OrdersQueue", "OrdersDLQ").kind, ConnectionKind::Redrive);
    let mapping = link(d, "OrdersQueue", "OrderWorker");
    assert_eq!(mapping.kind, ConnectionKind::EventSourceMapping);
    assert_eq!((mapping.settings.batch_size, mapping.settings.report_batch_item_failures), (5, true));
    assert_eq!(link(d, "OrderWorker", "OrdersTable").kind, ConnectionKind::Write);
    assert_eq!(link(d, "OrderWorker", "OrderEvents").kind, ConnectionKind::PutEvent);
    assert!(link(d, "OrdersTable", "Audit").settings.bisect_on_error);
    let rule = link(d, "OrderEvents", "Fulfilment");
    assert_eq!(rule.kind, ConnectionKind::Rule);
    assert_eq!(rule.settings.pattern, r#"{"source":["orders"],"detail-type":["OrderShipped"]}"#);
    assert_eq!((rule.settings.max_retry_attempts, rule.settings.max_event_age_s), (3, 600));
    assert_eq!(rule.settings.dead_letter_queue, Some(by_name(d, "OrdersDLQ").id));
    // DefinitionSubstitutions connect each Task state to what it runs.
    assert_eq!(link(d, "Fulfilment", "OrderWorker").settings.task_state, "Ship");
    assert_eq!(link(d, "Fulfilment", "Alerts").settings.task_state, "Tell");
    let filtered = link(d, "Alerts", "AlertQueue");
    assert_eq!(filtered.settings.filter_policy, r#"{"severity":["high"]}"#);
    assert_eq!(filtered.settings.filter_policy_scope, FilterPolicyScope::MessageBody);
    assert_eq!(link(d, "Alerts", "AlertEmail").kind, ConnectionKind::Subscription);

    let sentence = imported.summary.message();
    assert!(sentence.en.contains("not modelled: 1 AWS::IAM::Role, 1 AWS::Logs::LogGroup"), "{}", sentence.en);
    assert!(sentence.vi.contains("không mô phỏng: 1 AWS::IAM::Role"), "{}", sentence.vi);
}

#[test]
fn a_json_template_imports_the_same_way() {
    let imported = iac::import(&fixture("fanout.json")).unwrap();
    let d = &imported.diagram;
    assert_eq!((d.component_count(), d.connection_count()), (4, 3));
    assert_eq!(link(d, "Test traffic", "Orders").kind, ConnectionKind::Publish);
    assert_eq!(link(d, "Orders", "Billing").settings.filter_policy, r#"{"country":["FR"]}"#);
    assert_eq!(link(d, "Orders", "Billing").settings.filter_policy_scope, FilterPolicyScope::MessageAttributes, "SNS's default scope");
    assert_eq!(link(d, "Orders", "Shipping").kind, ConnectionKind::Subscription, "an ARN built with Fn::Sub is a reference");
    assert_eq!(imported.summary.not_modelled.get("AWS::SQS::QueuePolicy"), Some(&1));
}

#[test]
fn the_layout_places_boxes_left_to_right_without_overlap() {
    let d = iac::import(&fixture("orders.yaml")).unwrap().diagram;
    let boxes: Vec<_> = d.components().map(|c| (c.name.clone(), c.position)).collect();
    for (i, (a, p)) in boxes.iter().enumerate() {
        for (b, q) in &boxes[i + 1..] {
            assert!((p.x - q.x).abs() >= 200.0 || (p.y - q.y).abs() >= 80.0, "{a} and {b} overlap: {p:?} {q:?}");
        }
    }
    // One cycle (worker -> bus -> state machine -> worker) needs one edge going back; every
    // other connection flows left to right.
    let back: Vec<String> = d
        .connections()
        .filter(|c| d.component(c.from).unwrap().position.x >= d.component(c.to).unwrap().position.x)
        .map(|c| format!("{} -> {}", d.component(c.from).unwrap().name, d.component(c.to).unwrap().name))
        .collect();
    assert_eq!(back.len(), 1, "{back:?}");
}

/// Runs cfn-lint over these templates; any error (E...) fails. cfn-lint missing fails too.
fn lint(name: &str, templates: &[(String, String)]) {
    let dir = std::env::temp_dir().join(format!("dlab-cfn-lint-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<PathBuf> = templates
        .iter()
        .map(|(name, text)| {
            let path = dir.join(format!("{name}.yaml"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let output = Command::new("cfn-lint").arg("--format").arg("parseable").args(&paths).output();
    let _ = std::fs::remove_dir_all(&dir);
    let output = output.unwrap_or_else(|e| panic!("cfn-lint is missing ({e}): run scripts/setup.sh, which installs it from PyPI"));
    let text = String::from_utf8_lossy(&output.stdout);
    let errors: Vec<&str> = text.lines().filter(|l| l.contains(":E")).collect();
    assert!(errors.is_empty(), "cfn-lint errors:\n{}", errors.join("\n"));
    // 0: clean; 4 and 8: warnings and informational notes only.
    assert!(matches!(output.status.code(), Some(0 | 4 | 8 | 12)), "cfn-lint failed: {text} {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn cfn_lint_finds_no_error_in_the_export_of_every_pattern_and_imported_template() {
    let mut templates: Vec<(String, String)> = patterns().iter().map(|p| (p.id.to_string(), iac::export(&p.diagram()))).collect();
    assert!(templates.len() >= 10);
    for name in ["orders.yaml", "fanout.json"] {
        let d = iac::import(&fixture(name)).unwrap().diagram;
        templates.push((format!("imported-{name}"), iac::export(&d)));
    }
    lint("exports", &templates);
}

#[test]
fn cfn_lint_catches_a_broken_template() {
    // The lint step can fail: a queue with a property AWS does not have.
    let broken = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      NoSuchProperty: 1\n".to_string();
    let result = std::panic::catch_unwind(|| lint("broken", &[("broken".into(), broken)]));
    assert!(result.is_err(), "cfn-lint must report the unknown property");
}

#[test]
fn cfn_lint_finds_no_error_in_the_export_of_random_diagrams() {
    use proptest::strategy::{Strategy, ValueTree};
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let templates: Vec<(String, String)> = (0..40)
        .map(|n| {
            let d = random_diagram::build(&random_diagram::diagram_seed().new_tree(&mut runner).unwrap().current());
            (format!("random-{n}"), iac::export(&d))
        })
        .collect();
    lint("random", &templates);
}

#[test]
fn the_page_opens_diagram_files_and_templates_through_one_function() {
    let pattern = patterns()[0].diagram();
    let file = decouple_lab::share::to_json(&pattern);
    let (d, summary) = iac::open_text(&file).unwrap();
    assert_eq!(d, pattern);
    assert!(summary.is_none(), "a diagram file needs no summary");
    let (d, summary) = iac::open_text(&fixture("fanout.json")).unwrap();
    assert_eq!(d.component_count(), 4);
    assert!(summary.unwrap().message().en.contains("AWS::SQS::QueuePolicy"));
    // A broken diagram file keeps the file format's own sentence.
    let broken = iac::open_text(r#"{"format": "decouple-lab", "version": "x"}"#).unwrap_err();
    assert!(broken.en.contains("version"), "{}", broken.en);
    assert!(iac::open_text(r#"{"components": 3}"#).unwrap_err().en.contains("Decouple Lab"), "not a template either");
}

/// An Auto Scaling group's sizes and its default instance warm-up (the time a new
/// instance stays out of the scaling metric) come in as the worker group's settings.
#[test]
fn an_auto_scaling_group_keeps_its_instance_warm_up() {
    let template = r#"{"Resources": {"Workers": {"Type": "AWS::AutoScaling::AutoScalingGroup",
        "Properties": {"MinSize": "2", "MaxSize": "8", "DefaultInstanceWarmup": 120}}}}"#;
    let imported = iac::import(template).expect("imports");
    let Spec::WorkerGroup(w) = &by_name(&imported.diagram, "Workers").spec else { panic!("a worker group") };
    assert_eq!((w.min_instances, w.max_instances, w.instance_warmup_s), (2, 8, 120));
}

/// The exporter writes an EC2 worker group as an Auto Scaling group whose
/// `DefaultInstanceWarmup` is the group's instance warm-up, so the template itself
/// carries it (not only the lab's Metadata) and the importer reads it back.
#[test]
fn an_exported_auto_scaling_group_carries_its_instance_warm_up() {
    let template = r#"{"Resources": {"Workers": {"Type": "AWS::AutoScaling::AutoScalingGroup",
        "Properties": {"MinSize": "2", "MaxSize": "8", "DefaultInstanceWarmup": 120}}}}"#;
    let diagram = iac::import(template).expect("imports").diagram;
    let exported = iac::export(&diagram);
    assert!(exported.contains("AWS::AutoScaling::AutoScalingGroup"), "{exported}");
    assert!(exported.contains("DefaultInstanceWarmup: 120"), "{exported}");
    let back = iac::import(&exported).expect("its own export imports").diagram;
    let Spec::WorkerGroup(w) = &by_name(&back, "Workers").spec else { panic!("a worker group") };
    assert_eq!((w.min_instances, w.max_instances, w.instance_warmup_s), (2, 8, 120));
}
