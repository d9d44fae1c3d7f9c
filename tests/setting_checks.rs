//! Text settings checked natively, where a diagram comes in: a shared link or file with a
//! broken pattern, policy, definition or template shows its warning on opening, naming
//! the connection or component, and `dlab` says the same.

use decouple_lab::lessons::build::Builder;
use decouple_lab::model::{ComponentKind, FilterPolicyScope};
use decouple_lab::share;
use decouple_lab::sim::settings::{check_text, warnings};
use std::process::Command;

/// `source` must be an array of values in an EventBridge pattern.
const BROKEN_PATTERN: &str = r#"{"source": "shop"}"#;

/// The diagram a link holds, as a file `dlab simulate` reads.
fn file_of(link: &str, name: &str) -> String {
    let json = share::link_json(link).expect("the link's JSON");
    let path = std::env::temp_dir().join(format!("dlab-settings-{}-{name}.json", std::process::id()));
    std::fs::write(&path, json).expect("write");
    path.to_string_lossy().into_owned()
}

fn dlab(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dlab")).args(args).output().expect("dlab runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A shop event bus with a rule to a billing function whose pattern is `pattern`.
fn bus_link(pattern: &str) -> String {
    let mut b = Builder::new();
    let users = b.client("users", 0.0, 0.0, 5.0, false, r#"{"source": "shop"}"#);
    let bus = b.add(ComponentKind::EventBus, "shop-bus", 1.0, 0.0);
    let billing = b.function("billing", 2.0, 0.0, 50, 3);
    b.link(users, bus);
    b.rule(bus, billing, pattern);
    share::link_for(&b.finish().expect("a diagram"), "https://example.test/").url
}

#[test]
fn a_link_with_a_broken_pattern_opens_with_a_warning_naming_the_connection() {
    let opened = share::from_link(&bus_link(BROKEN_PATTERN)).expect("the link opens");
    let bus = opened.components().find(|c| c.name == "shop-bus").expect("the bus").id;
    let found: Vec<_> = warnings(&opened).into_iter().filter(|w| w.message.en.contains("(pattern)")).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].component, bus, "on the component the rule leaves");
    assert!(found[0].message.en.starts_with("shop-bus → billing (pattern): "), "{}", found[0].message.en);
    assert!(found[0].message.vi.starts_with("shop-bus → billing (pattern): "), "{}", found[0].message.vi);
    // The reason is the parser's own, in each language.
    let reason = check_text("pattern", BROKEN_PATTERN, FilterPolicyScope::default()).expect_err("broken");
    assert!(found[0].message.en.ends_with(&reason.en) && found[0].message.vi.ends_with(&reason.vi));
    assert_ne!(reason.en, reason.vi);

    let fixed = share::from_link(&bus_link(r#"{"source": ["shop"]}"#)).expect("the link opens");
    assert!(warnings(&fixed).iter().all(|w| !w.message.en.contains("(pattern)")), "{:?}", warnings(&fixed));
}

#[test]
fn every_kind_of_text_setting_is_checked() {
    let scope = FilterPolicyScope::MessageBody;
    for (key, broken, fine) in [
        ("pattern", r#"{"detail": 3}"#, r#"{"detail": {"total": [{"numeric": [">", 3]}]}}"#),
        ("filter_policy", r#"{"kind": "a"}"#, r#"{"kind": ["a"]}"#),
        ("definition", r#"{"StartAt": "Nowhere", "States": {}}"#, r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#),
        ("schema", r#"{"type": "objekt"}"#, r#"{"type": "object"}"#),
        ("attributes", r#"{"kind": {"nested": 1}}"#, r#"{"kind": "{{pick a b}}"}"#),
    ] {
        let why = check_text(key, broken, scope).expect_err(key);
        assert!(!why.en.is_empty() && !why.vi.is_empty(), "{key}");
        assert_eq!(check_text(key, fine, scope), Ok(()), "{key}");
    }
    // Not a text setting: nothing to parse.
    assert_eq!(check_text("visibility_timeout_s", "{", scope), Ok(()));
}

#[test]
fn a_broken_definition_is_named_by_dlab_and_warned_on_opening() {
    let mut b = Builder::new();
    let users = b.client("users", 0.0, 0.0, 2.0, false, "{}");
    let flow = b.state_machine("checkout-flow", 1.0, 0.0, r#"{"StartAt": "Nowhere", "States": {}}"#);
    b.link(users, flow);
    let link = share::link_for(&b.finish().expect("a diagram"), "https://example.test/").url;
    let opened = share::from_link(&link).expect("the link opens");
    assert!(warnings(&opened).iter().any(|w| w.message.en.starts_with("checkout-flow (definition): ")), "{:?}", warnings(&opened));

    let (code, _, err) = dlab(&["simulate", &file_of(&link, "definition"), "--duration", "5s", "--json"]);
    assert_eq!(code, 0, "the run is not refused (each execution fails): {err}");
    assert!(err.contains("dlab simulate: warning: checkout-flow (definition): "), "{err}");
}

#[test]
fn dlab_simulate_names_the_connection_whose_pattern_is_broken() {
    let (code, out, err) = dlab(&["simulate", &file_of(&bus_link(BROKEN_PATTERN), "pattern"), "--duration", "5s"]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("shop-bus → billing"), "{err}");
}

#[test]
fn dlab_check_warns_about_the_broken_pattern_before_grading() {
    let (_, out, err) = dlab(&["check", "pipeline", &file_of(&bus_link(BROKEN_PATTERN), "check")]);
    assert!(err.contains("dlab check: warning: shop-bus → billing (pattern): "), "{err}");
    assert!(out.contains("pipeline"), "the verdict is still printed: {out}");
    let (_, _, quiet) = dlab(&["check", "pipeline", &file_of(&bus_link(r#"{"source": ["shop"]}"#), "check-fixed")]);
    assert!(!quiet.contains("warning"), "{quiet}");
}

#[test]
fn a_function_whose_result_template_is_broken_is_warned_about_once() {
    let mut b = Builder::new();
    let users = b.client("users", 0.0, 0.0, 5.0, false, r#"{"orderId": "{{uuid}}"}"#);
    let worker = b.function("worker", 1.0, 0.0, 50, 3);
    b.link(users, worker);
    let mut diagram = b.finish().expect("a diagram");
    if let Some(decouple_lab::model::Spec::Function(f)) = diagram.component_mut(worker).map(|c| &mut c.spec) {
        f.result = r#"{"id": "{{order_id}}"}"#.into();
    }
    let about: Vec<_> = warnings(&diagram).into_iter().filter(|w| w.component == worker).collect();
    assert_eq!(about.len(), 1, "one warning on the function: {about:?}");
    assert!(about[0].message.en.contains("worker (result)") && about[0].message.en.contains("{{order_id}}"), "{}", about[0].message.en);
    assert!(check_text("result", r#"{"id": "{{uuid}}"}"#, FilterPolicyScope::default()).is_ok());
}
