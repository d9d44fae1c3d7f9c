//! `dlab simulate`, `dlab mmc` and their refusals, through the real binary.

use decouple_lab::model::{ComponentKind, Diagram, Point};
use std::process::Command;

fn dlab(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dlab")).args(args).output().expect("dlab runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn diagram_file(name: &str, tweak: impl FnOnce(&mut serde_json::Value)) -> std::path::PathBuf {
    let mut d = Diagram::new();
    let c = d.add_component(ComponentKind::Client, "users", Point::default());
    let q = d.add_component(ComponentKind::Queue, "orders", Point::default());
    let f = d.add_component(ComponentKind::Function, "process", Point::default());
    d.connect(c, q).expect("ok");
    d.connect(q, f).expect("ok");
    let mut value = serde_json::json!({
        "components": d.components().collect::<Vec<_>>(),
        "connections": d.connections().collect::<Vec<_>>(),
        "run": d.run,
    });
    tweak(&mut value);
    let path = std::env::temp_dir().join(format!("dlab-sim-{}-{name}.json", std::process::id()));
    std::fs::write(&path, value.to_string()).expect("write");
    path
}

#[test]
fn simulate_prints_json_with_balanced_books() {
    let path = diagram_file("ok", |_| {});
    let file = path.to_string_lossy().to_string();
    let (code, out, err) = dlab(&["simulate", &file, "--seed", "3", "--duration", "30s", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["seed"], 3);
    assert_eq!(v["duration_s"], 30.0);
    assert!(v["events"].as_u64().unwrap_or(0) > 100);
    assert!(v["messages"]["created"].as_u64().unwrap_or(0) > 100);
    assert_eq!(v["balanced"], true);
    assert_eq!(v["components"].as_array().map(Vec::len), Some(3));
    let (again, out2, _) = dlab(&["simulate", &file, "--seed", "3", "--duration", "30s", "--json"]);
    assert_eq!(again, 0);
    assert_eq!(out, out2, "same seed, same run");
    let (code, table, _) = dlab(&["simulate", &file, "--duration", "10s"]);
    assert_eq!(code, 0);
    assert!(table.contains("balanced true"), "{table}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn bad_input_exits_non_zero_with_one_line() {
    let (code, _, err) = dlab(&["simulate", "/nonexistent/diagram.json"]);
    assert_ne!(code, 0);
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    let path = std::env::temp_dir().join(format!("dlab-sim-{}-bad.json", std::process::id()));
    std::fs::write(&path, "{ not json").expect("write");
    let (code, _, err) = dlab(&["simulate", &path.to_string_lossy()]);
    assert_ne!(code, 0);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let _ = std::fs::remove_file(path);

    // A setting out of range breaks a rule.
    let path = diagram_file("range", |v| v["components"][1]["settings"]["visibility_timeout_s"] = serde_json::json!(99_999));
    let (code, _, err) = dlab(&["simulate", &path.to_string_lossy()]);
    assert_ne!(code, 0);
    assert!(err.contains("Visibility timeout"), "{err}");
    let _ = std::fs::remove_file(path);

    // A connection the rule table refuses.
    let path = diagram_file("refused", |v| v["connections"][0]["kind"] = serde_json::json!("redrive"));
    let (code, _, err) = dlab(&["simulate", &path.to_string_lossy()]);
    assert_ne!(code, 0);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let _ = std::fs::remove_file(path);

    let path = diagram_file("duration", |_| {});
    let (code, _, _) = dlab(&["simulate", &path.to_string_lossy(), "--duration", "soon"]);
    assert_ne!(code, 0);
    let _ = std::fs::remove_file(path);

    let (code, _, err) = dlab(&["mmc", "--lambda", "0.3", "--mu", "0.1", "--servers", "3"]);
    assert_ne!(code, 0);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn mmc_json_has_the_agreed_shape() {
    let (code, out, err) = dlab(&["mmc", "--lambda", "0.2", "--mu", "0.1", "--servers", "3", "--customers", "20000", "--seed", "1", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let keys: Vec<&str> = v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(keys, ["customers", "wall_s", "customers_per_s", "simulated", "erlang_c"]);
    assert_eq!(v["customers"], 20_000);
    for part in ["simulated", "erlang_c"] {
        for key in ["mean_wait", "mean_queue_length", "utilisation"] {
            assert!(v[part][key].as_f64().is_some(), "{part}.{key}");
        }
    }
    assert!((v["erlang_c"]["mean_wait"].as_f64().unwrap_or(0.0) - 4.444).abs() < 0.001);
}

/// The bench's pipeline saved as a file runs through `dlab simulate`, so anyone can
/// profile the same diagram the bench measures.
#[test]
fn the_bench_pipeline_saves_as_a_diagram_that_simulates() {
    let path = std::env::temp_dir().join(format!("dlab-sim-{}-pipeline.json", std::process::id()));
    let file = path.to_string_lossy().to_string();
    let (code, out, err) = dlab(&["bench", "--save-pipeline", &file]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let saved: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("the file")).expect("JSON");
    assert_eq!(saved["components"].as_array().map(Vec::len), Some(50), "the 50-component pipeline");
    let (code, out, err) = dlab(&["simulate", &file, "--duration", "10s", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert!(v["messages"]["created"].as_u64().unwrap_or(0) > 100 && v["balanced"] == true, "{out}");
    let (code, _, err) = dlab(&["bench", "--save-pipeline", "/nonexistent-dir/p.json"]);
    assert!(code != 0 && err.contains("cannot write"), "{err}");
}
