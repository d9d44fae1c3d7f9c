//! `dlab exercises` and `dlab check`, as an instructor grading submissions uses them.
#![cfg(not(target_arch = "wasm32"))]

use decouple_lab::lessons::{exercise, exercises};
use decouple_lab::share;
mod cli;

use cli::dlab;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/lessons/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// The fixtures are the reference solutions as files; `DLAB_BLESS=1` rewrites them.
#[test]
fn solution_fixtures_are_current() {
    for e in exercises() {
        let path = fixture(&format!("{}.solution.json", e.id));
        let expected = share::to_json(&e.solution());
        if std::env::var_os("DLAB_BLESS").is_some() {
            std::fs::write(&path, &expected).expect("written");
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(on_disk, expected, "{path} is stale: run with DLAB_BLESS=1");
    }
}

#[test]
fn exercises_lists_ids_and_titles() {
    let out = dlab(&["exercises"], None);
    assert_eq!(out.status.code(), Some(0));
    let listed = text(&out.stdout);
    assert_eq!(listed.lines().count(), exercises().len());
    for e in exercises() {
        assert!(listed.lines().any(|l| l.starts_with(e.id) && l.contains(e.title.en)), "{listed}");
    }
}

#[test]
fn every_solution_file_passes() {
    for e in exercises() {
        let out = dlab(&["check", e.id, &fixture(&format!("{}.solution.json", e.id))], None);
        let shown = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{}: {shown}{}", e.id, text(&out.stderr));
        assert!(shown.starts_with(&format!("Exercise {}:", e.id)));
        assert!(shown.contains("PASS") && !shown.contains("FAIL"), "{shown}");
        assert!(shown.trim_end().ends_with("checks."), "{shown}");
    }
}

#[test]
fn a_broken_submission_fails_with_reasons() {
    let out = dlab(&["check", "pipeline", &fixture("pipeline.direct-call.json")], None);
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stdout);
    assert!(shown.contains("FAIL  The API Gateway Orders API calls the function Save order directly"), "{shown}");
    assert!(shown.contains("Not yet"), "{shown}");
}

#[test]
fn a_solution_for_another_exercise_fails() {
    let out = dlab(&["check", "saga", &fixture("pipeline.solution.json")], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("There is no state machine"));
}

#[test]
fn share_links_and_standard_input_are_graded_alike() {
    let d = exercise("fanout").expect("exercise").solution();
    let link = share::link_for(&d, "https://lab.example/").url;
    let by_link = dlab(&["check", "fanout", &link], None);
    assert_eq!(by_link.status.code(), Some(0), "{}", text(&by_link.stderr));
    let by_stdin = dlab(&["check", "fanout", "-"], Some(&link));
    assert_eq!(by_stdin.status.code(), Some(0));
    assert_eq!(by_link.stdout, by_stdin.stdout);
    let json = share::to_json(&d);
    let by_file_text = dlab(&["check", "fanout", "-"], Some(&json));
    assert_eq!(by_file_text.status.code(), Some(0));
    assert_eq!(by_file_text.stdout, by_link.stdout);
}

#[test]
fn unreadable_input_exits_2_with_one_line() {
    for (args, stdin) in [
        (vec!["check", "pipeline", "/no/such/file.json"], None),
        (vec!["check", "pipeline", "-"], Some("this is not a diagram")),
        (vec!["check", "pipeline", "https://lab.example/#json=%7Bbroken"], None),
        (vec!["check", "no-such-exercise", "-"], Some("{}")),
    ] {
        let out = dlab(&args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("dlab check: "), "{err}");
    }
}

#[test]
fn the_verdict_can_be_printed_in_vietnamese() {
    let out = dlab(&["check", "pipeline", "--lang", "vi", &fixture("pipeline.direct-call.json")], None);
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stdout);
    assert!(shown.starts_with("Bài tập pipeline:"), "{shown}");
    assert!(shown.contains("gọi thẳng function Save order"), "{shown}");
    assert!(shown.contains("Chưa đạt"), "{shown}");
}

/// `dlab patterns | head -1`: when the reader goes away, dlab ends quietly instead of
/// panicking in the middle of its output.
#[test]
fn a_reader_that_goes_away_ends_dlab_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_dlab"))
        .args(["patterns", "--markdown", "--base", "http://127.0.0.1:8080/"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dlab runs");
    // The reader goes away before dlab has written anything (the child is still
    // starting), so its first line meets a closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("dlab ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "dlab panicked on a closed pipe: {stderr}");
}
