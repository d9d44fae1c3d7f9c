//! Broken, truncated and hostile files and links open nothing and say why in one sentence.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine;
use decouple_lab::share::{self, ShareError};
use std::time::{Duration, Instant};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn ecommerce_json() -> String {
    share::to_json_compact(&share::from_json(&fixture("ecommerce-order-pipeline.v1.json")).unwrap())
}

fn z_link(bytes: &[u8]) -> String {
    format!("http://127.0.0.1:8080/#z={}", B64.encode(bytes))
}

fn z_of(json: &str) -> String {
    z_link(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6))
}

fn json_link(json: &str) -> String {
    format!("http://127.0.0.1:8080/#json={}", share::encode_fragment(json))
}

/// The refusal, checked to be one sentence: one line, a capital first, a full stop last,
/// no second sentence.
fn refusal(result: Result<decouple_lab::model::Diagram, ShareError>) -> (ShareError, String) {
    let error = result.expect_err("should be refused");
    let message = error.to_string();
    assert!(!message.contains('\n'), "one line: {message}");
    assert!(message.ends_with('.'), "a full stop: {message}");
    assert!(message.chars().next().is_some_and(char::is_uppercase), "a capital: {message}");
    let second_sentence = message.char_indices().any(|(i, c)| {
        c == '.' && message[i + 1..].starts_with(' ') && message[i + 2..].chars().next().is_some_and(char::is_uppercase)
    });
    assert!(!second_sentence, "one sentence: {message}");
    println!("{message}");
    (error, message)
}

/// `json` with `from` replaced by `to` (once; the text must be there).
fn edit(json: &str, from: &str, to: &str) -> String {
    assert!(json.contains(from), "{from} not in {json}");
    json.replacen(from, to, 1)
}

// ---------------------------------------------------------------------------------------
// Links

#[test]
fn a_link_without_a_diagram() {
    for link in ["https://lab.example.org/", "https://lab.example.org/#", "https://lab.example.org/#lesson=3", "", "json"] {
        let (e, _) = refusal(share::from_link(link));
        assert_eq!(e, ShareError::NoDiagramInLink, "{link}");
    }
    let (e, m) = refusal(share::from_link("https://lab.example.org/#z="));
    assert_eq!(e, ShareError::EmptyLink);
    assert!(m.contains("cut off"));
}

#[test]
fn bad_base64() {
    let (e, m) = refusal(share::from_link("http://127.0.0.1:8080/#z=AAAA!!!*"));
    assert_eq!(e, ShareError::BadBase64);
    assert!(m.contains("after z=") && m.contains("don't belong"), "{m}");
    // A single leftover character can't be base64 either.
    let (e, _) = refusal(share::from_link("#z=A"));
    assert_eq!(e, ShareError::BadBase64);
}

#[test]
fn bad_deflate_stream() {
    let (e, m) = refusal(share::from_link(&z_link(&[0xff; 40])));
    assert_eq!(e, ShareError::BadCompression);
    assert!(m.contains("damaged"), "{m}");
}

#[test]
fn truncated_links() {
    let json = ecommerce_json();
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6);
    let (e, m) = refusal(share::from_link(&z_link(&packed[..packed.len() / 2])));
    assert_eq!(e, ShareError::CompressedCutOff);
    assert!(m.contains("stops in the middle"), "{m}");

    let link = json_link(&json);
    let (e, m) = refusal(share::from_link(&link[..link.len() * 2 / 3]));
    assert_eq!(e, ShareError::JsonCutOff);
    assert!(m.contains("cut off"), "{m}");
}

#[test]
fn invalid_json() {
    let (e, m) = refusal(share::from_link("#json={format:decouple-lab}"));
    assert!(matches!(e, ShareError::InvalidJson { line: 1, column: 2, .. }), "{e:?}");
    assert!(m.starts_with("This isn't valid JSON (") && m.contains("line 1, column 2"), "{m}");
    let (e, _) = refusal(share::from_json("\u{feff}{}"));
    assert!(matches!(e, ShareError::InvalidJson { .. }));
    let (e, _) = refusal(share::from_link(&json_link("{\"format\": \"decouple-lab\",, }")));
    assert!(matches!(e, ShareError::InvalidJson { .. }));
}

#[test]
fn text_that_is_not_utf8() {
    let (e, _) = refusal(share::from_link("#json=%FF%FE%22"));
    assert_eq!(e, ShareError::NotText);
    let (e, _) = refusal(share::from_link(&z_link(&miniz_oxide::deflate::compress_to_vec(&[0xc3, 0x28, 0xff], 6))));
    assert_eq!(e, ShareError::NotText);
}

#[test]
fn a_deflate_bomb_stops_at_one_megabyte() {
    // 32 MB of spaces packs into about 32 KB; inflating must stop at the 1 MB limit.
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 32 << 20], 1);
    let link = z_link(&bomb);
    println!("bomb link: {} characters for 32 MB", link.len());
    let start = Instant::now();
    let (e, m) = refusal(share::from_link(&link));
    let took = start.elapsed();
    assert_eq!(e, ShareError::TooLarge);
    assert!(m.contains("at most 1 MB"), "{m}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

// ---------------------------------------------------------------------------------------
// Not a diagram, versions

#[test]
fn json_that_is_not_a_diagram() {
    for text in ["[]", "42", "\"decouple-lab\"", "{\"hello\": 1}", "{\"format\": \"draw.io\", \"version\": 1}", "null"] {
        let (e, m) = refusal(share::from_json(text));
        assert_eq!(e, ShareError::NotADiagram, "{text}");
        assert!(m.contains("\"format\": \"decouple-lab\""), "{m}");
    }
    for text in [r#"{"format": "decouple-lab"}"#, r#"{"format": "decouple-lab", "version": "1"}"#, r#"{"format": "decouple-lab", "version": -1}"#, r#"{"format": "decouple-lab", "version": 1.5}"#] {
        let (e, _) = refusal(share::from_json(text));
        assert_eq!(e, ShareError::BadVersion, "{text}");
    }
}

#[test]
fn a_newer_version_says_so() {
    let json = edit(&ecommerce_json(), "\"version\":1", "\"version\":3");
    let (e, m) = refusal(share::from_link(&json_link(&json)));
    assert_eq!(e, ShareError::NewerVersion { version: 3 });
    assert_eq!(m, "This diagram was made by a newer Decouple Lab (format version 3); this one reads up to version 1.");
}

// ---------------------------------------------------------------------------------------
// Limits

fn many_components(n: usize) -> String {
    let components: Vec<String> = (0..n).map(|i| format!("{{\"id\":{i},\"kind\":\"queue\"}}")).collect();
    format!("{{\"format\":\"decouple-lab\",\"version\":1,\"components\":[{}]}}", components.join(","))
}

#[test]
fn too_many_components() {
    assert!(share::from_json(&many_components(500)).is_ok());
    let (e, m) = refusal(share::from_json(&many_components(501)));
    assert_eq!(e, ShareError::TooManyComponents { count: 501 });
    assert_eq!(m, "This diagram has 501 components; Decouple Lab opens at most 500.");
}

#[test]
fn a_million_components() {
    let json = many_components(1_000_000);
    let (e, m) = refusal(share::from_json(&json));
    assert_eq!(e, ShareError::TooLarge);
    assert!(m.contains("1 MB"), "{m}");
    // Packed into a link it is small, but unpacking stops at the limit.
    let link = z_of(&json);
    println!("a million components: {} characters of link", link.len());
    let (e, _) = refusal(share::from_link(&link));
    assert_eq!(e, ShareError::TooLarge);
    // 20,000 fit in 1 MB and are counted before anything is built.
    let (e, m) = refusal(share::from_link(&z_of(&many_components(20_000))));
    assert_eq!(e, ShareError::TooManyComponents { count: 20_000 });
    assert!(m.contains("20,000 components"), "{m}");
}

#[test]
fn too_many_connections() {
    let connections: Vec<String> = (0..2_001).map(|i| format!("{{\"id\":{i},\"from\":0,\"to\":1,\"kind\":\"send\"}}")).collect();
    let json = format!(
        "{{\"format\":\"decouple-lab\",\"version\":1,\"components\":[],\"connections\":[{}]}}",
        connections.join(",")
    );
    let (e, m) = refusal(share::from_json(&json));
    assert_eq!(e, ShareError::TooManyConnections { count: 2_001 });
    assert_eq!(m, "This diagram has 2,001 connections; Decouple Lab opens at most 2,000.");
}

#[test]
fn huge_strings() {
    let json = ecommerce_json();
    // A long name.
    let long_name = edit(&json, "\"name\":\"orders\"", &format!("\"name\":\"{}\"", "o".repeat(201)));
    let (e, m) = refusal(share::from_json(&long_name));
    assert!(matches!(e, ShareError::NameTooLong { chars: 201, .. }), "{e:?}");
    assert!(m.contains("201 characters") && m.contains("at most 200"), "{m}");
    // 200 characters of emoji are fine: characters, not bytes.
    assert!(share::from_json(&edit(&json, "\"name\":\"orders\"", &format!("\"name\":\"{}\"", "📦".repeat(200)))).is_ok());
    // Too much settings text.
    let long_payload = edit(&json, "\"payload\":\"", &format!("\"payload\":\"{}", "x".repeat(70_000)));
    let (e, m) = refusal(share::from_json(&long_payload));
    assert!(matches!(e, ShareError::SettingsTooLong { .. }), "{e:?}");
    assert!(m.contains("at most 64 KB"), "{m}");
    // A string bigger than the whole limit.
    let (e, _) = refusal(share::from_json(&edit(&json, "\"name\":\"orders\"", &format!("\"name\":\"{}\"", "o".repeat(2 << 20)))));
    assert_eq!(e, ShareError::TooLarge);
    let (e, _) = refusal(share::from_link(&format!("#json={}", "%22".repeat((1 << 20) + 1))));
    assert_eq!(e, ShareError::TooLarge);
    // A long exercise id.
    let (e, m) = refusal(share::from_json(&edit(&json, "ecommerce-order-pipeline", &"e".repeat(101))));
    assert_eq!(e, ShareError::ExerciseTooLong { chars: 101 });
    assert!(m.contains("at most 100"), "{m}");
}

#[test]
fn deep_nesting() {
    let json = ecommerce_json();
    for depth in [65, 100_000] {
        let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let nested = edit(&json, "\"faults\":{", &format!("\"faults\":{{\"poison\":{{\"field\":\"a\",\"value\":{deep}}},"));
        let (e, m) = refusal(share::from_json(&nested));
        assert_eq!(e, ShareError::TooDeep, "{depth}");
        assert!(m.contains("64 levels"), "{m}");
        let (e, _) = refusal(share::from_link(&z_of(&nested)));
        assert_eq!(e, ShareError::TooDeep);
    }
    // Brackets inside strings don't count.
    let in_string = edit(&json, "\"name\":\"orders\"", &format!("\"name\":\"{}\"", "[".repeat(150)));
    assert!(share::from_json(&in_string).is_ok());
}

// ---------------------------------------------------------------------------------------
// Contents

#[test]
fn unknown_kinds() {
    let json = ecommerce_json();
    let (e, m) = refusal(share::from_json(&edit(&json, "\"kind\":\"queue\"", "\"kind\":\"lambda\"")));
    assert!(matches!(&e, ShareError::UnknownComponentKind { kind, .. } if kind == "lambda"), "{e:?}");
    assert_eq!(m, "The component \"orders\" (id 3) has the kind \"lambda\", which Decouple Lab doesn't know (kinds are written like \"queue\" or \"api_gateway\").");
    let (e, m) = refusal(share::from_json(&edit(&json, "\"kind\":\"poll\"", "\"kind\":\"teleport\"")));
    assert!(matches!(e, ShareError::UnknownConnectionKind { .. }), "{e:?}");
    assert!(m.starts_with("The connection with id 4 has the kind \"teleport\""), "{m}");
}

#[test]
fn references_to_missing_ids() {
    let json = ecommerce_json();
    let (e, m) = refusal(share::from_json(&edit(&json, "{\"id\":2,\"from\":2,\"to\":3", "{\"id\":2,\"from\":2,\"to\":33")));
    assert!(matches!(&e, ShareError::MissingEnd { connection, component: 33 } if connection.en == "the connection with id 2"), "{e:?}");
    assert_eq!(e.message().vi, "Kết nối có id 2 trỏ tới thành phần 33, thành phần này không có trong sơ đồ.");
    assert_eq!(m, "The connection with id 2 refers to component 33, which isn't in the diagram.");
    // A dead-letter queue that isn't there.
    let sns = share::to_json_compact(&share::from_json(&fixture("sns-fanout.v1.json")).unwrap());
    let (e, m) = refusal(share::from_json(&edit(&sns, "\"dead_letter_queue\":10", "\"dead_letter_queue\":77")));
    assert!(matches!(e, ShareError::Refused { .. }), "{e:?}");
    assert!(m.contains("dead-letter queue must be a queue"), "{m}");
}

#[test]
fn duplicate_ids_and_forbidden_connections() {
    let json = ecommerce_json();
    let (e, m) = refusal(share::from_json(&edit(&json, "{\"id\":1,\"kind\":\"api_gateway\"", "{\"id\":0,\"kind\":\"api_gateway\"")));
    assert!(matches!(e, ShareError::Refused { .. }));
    assert!(m.contains("two components have the same id 0"), "{m}");
    let (_, m) = refusal(share::from_json(&edit(&json, "{\"id\":1,\"from\":1,\"to\":2", "{\"id\":0,\"from\":1,\"to\":2")));
    assert!(m.contains("two connections have the same id 0"), "{m}");
    // A database can't call a client.
    let (_, m) = refusal(share::from_json(&edit(&json, "{\"id\":6,\"from\":5,\"to\":7,\"kind\":\"write\"}", "{\"id\":6,\"from\":7,\"to\":0,\"kind\":\"write\"}")));
    assert!(m.starts_with("This diagram can't be opened: "), "{m}");
    // Allowed ends, wrong kind.
    let (_, m) = refusal(share::from_json(&edit(&json, "\"kind\":\"poll\"", "\"kind\":\"send\"")));
    assert!(m.contains("it can be: poll"), "{m}");
}

#[test]
fn settings_out_of_range_name_the_field_and_the_range() {
    let json = ecommerce_json();
    let (e, m) = refusal(share::from_json(&edit(&json, "\"visibility_timeout_s\":60", "\"visibility_timeout_s\":50000")));
    assert!(matches!(&e, ShareError::OutOfRange { field, .. } if field == "visibility_timeout_s"), "{e:?}");
    assert_eq!(
        m,
        "In the component \"orders\" (id 3), the setting visibility_timeout_s is out of range: Visibility timeout must be between 0 and 43,200 seconds (12 hours)."
    );
    let (_, m) = refusal(share::from_json(&edit(&json, "\"batch_size\":1", "\"batch_size\":0")));
    assert!(m.contains("batch_size") && m.contains("between 1 and 10,000"), "{m}");
    let (_, m) = refusal(share::from_json(&edit(&json, "\"down_window\":{\"from_s\":120,\"to_s\":150}", "\"down_window\":{\"from_s\":120,\"to_s\":100}")));
    assert!(m.contains("down_window"), "{m}");
    let (e, m) = refusal(share::from_json(&edit(&json, "\"duration_s\":300", "\"duration_s\":0")));
    assert!(matches!(e, ShareError::BadRunSettings { .. }));
    assert!(m.contains("duration_s"), "{m}");
}

#[test]
fn wrong_shapes_are_named() {
    let json = ecommerce_json();
    let (e, m) = refusal(share::from_json(&edit(&json, "\"visibility_timeout_s\":60", "\"visiblity_timeout_s\":60")));
    assert!(matches!(e, ShareError::Malformed { .. }));
    assert!(m.starts_with("There is a problem in the settings of the component \"orders\" (id 3), a queue: unknown field `visiblity_timeout_s`"), "{m}");
    assert!(e.message().vi.starts_with("Có lỗi ở thiết lập của thành phần \"orders\" (id 3), loại hàng đợi: unknown field"), "{}", e.message().vi);
    let (_, m) = refusal(share::from_json(&edit(&json, "\"visibility_timeout_s\":60", "\"visibility_timeout_s\":\"60\"")));
    assert!(m.contains("invalid type: string \"60\", expected u32"), "{m}");
    let (_, m) = refusal(share::from_json(&edit(&json, "\"version\":1", "\"version\":1,\"colour\":\"red\"")));
    assert!(m.starts_with("There is a problem in the top level of the diagram: unknown field `colour`"), "{m}");
    let (_, m) = refusal(share::from_json(&edit(&json, "\"components\":[", "\"components\":{\"a\":1},\"x\":[")));
    assert!(m.contains("should be a list"), "{m}");
    let (_, m) = refusal(share::from_json(&edit(&json, "{\"id\":0,\"kind\":\"client\"", "{\"kind\":\"client\"")));
    assert!(m.starts_with("There is a problem in component number 1 in the list: missing field `id`"), "{m}");
    let (_, m) = refusal(share::from_json(&edit(&json, "\"id\":9,", "\"id\":-9,")));
    assert!(m.contains("component number 10 in the list: invalid value: integer `-9`"), "{m}");
}

#[test]
fn control_characters_in_names_stay_out_of_the_message() {
    let json = ecommerce_json();
    let (_, m) = refusal(share::from_json(&edit(
        &json,
        "\"name\":\"orders\",\"position\":{\"x\":520,\"y\":220},\"settings\":{\"visibility_timeout_s\":60",
        "\"name\":\"line\\nbreak\",\"position\":{\"x\":520,\"y\":220},\"settings\":{\"visibility_timeout_s\":99999",
    )));
    assert!(m.contains("\"line break\""), "{m}");
}
