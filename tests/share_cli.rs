//! `dlab share encode|decode|schema`.
#![cfg(not(target_arch = "wasm32"))]

mod cli;

use cli::dlab;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn encode_then_decode_gives_the_diagram_back() {
    let file = fixture("ecommerce-order-pipeline.v1.json");
    let out = dlab(&["share", "encode", &file], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout);
    assert!(link.starts_with("http://127.0.0.1:8080/#z="), "{link}");
    assert_eq!(link.lines().count(), 1);

    let expected = decouple_lab::share::to_json(&decouple_lab::share::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap());
    let out = dlab(&["share", "decode", link.trim()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), expected);
    // The same link on standard input.
    let out = dlab(&["share", "decode", "-"], Some(&link));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), expected);
}

#[test]
fn encode_takes_a_base_url() {
    let out = dlab(&["share", "encode", &fixture("prerelease.v0.json"), "--base", "https://lab.example.org/play/"], None);
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("https://lab.example.org/play/#json={%22format%22:%22decouple-lab%22"));
}

#[test]
fn errors_are_one_line_on_stderr_with_exit_code_1() {
    let out = dlab(&["share", "decode", "https://lab.example.org/#z=%%%"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("after z="), "{err}");

    let out = dlab(&["share", "decode", "-"], Some("#json={\"format\":\"decouple-lab\",\"version\":3}"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: This diagram was made by a newer Decouple Lab (format version 3); this one reads up to version 1.\n"
    );

    let out = dlab(&["share", "encode", "/no/such/diagram.json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr).lines().count(), 1);
}

#[test]
fn schema_prints_the_kept_schema() {
    let out = dlab(&["share", "schema"], None);
    assert!(out.status.success());
    let kept = std::fs::read_to_string(format!("{}/docs/diagram.schema.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert_eq!(text(&out.stdout), kept);
}
