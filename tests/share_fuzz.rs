//! The link and file readers never panic, whatever they are given: arbitrary text and
//! bytes, and valid links and files with random damage.
//!
//! A normal `cargo test` runs 256 cases per property. For a long run:
//! `PROPTEST_CASES=100000 cargo test --test share_fuzz -- --nocapture`
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine;
use decouple_lab::share;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use std::sync::OnceLock;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Cases per property: `PROPTEST_CASES` when set, else 256.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    Config { cases, failure_persistence: Some(Box::new(FileFailurePersistence::Off)), ..Config::default() }
}

struct Seeds {
    json: Vec<String>,
    links: Vec<String>,
    packed: Vec<Vec<u8>>,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
        let mut json = Vec::new();
        let mut links = Vec::new();
        let mut packed = Vec::new();
        for name in ["ecommerce-order-pipeline.v1.json", "sns-fanout.v1.json", "prerelease.v0.json"] {
            let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
            let diagram = share::from_json(&text).unwrap();
            let compact = share::to_json_compact(&diagram);
            links.push(format!("http://127.0.0.1:8080/#json={}", share::encode_fragment(&compact)));
            links.push(format!("http://127.0.0.1:8080/#z={}", B64.encode(miniz_oxide::deflate::compress_to_vec(compact.as_bytes(), 9))));
            packed.push(miniz_oxide::deflate::compress_to_vec(compact.as_bytes(), 9));
            json.push(text);
            json.push(compact);
        }
        Seeds { json, links, packed }
    })
}

/// Random damage to text: flip, insert, delete, truncate, duplicate a slice.
#[derive(Clone, Debug)]
enum Damage {
    Set(usize, u8),
    Insert(usize, String),
    Delete(usize, usize),
    Truncate(usize),
    Repeat(usize, usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Damage::Set(at, b)),
        (any::<usize>(), prop_oneof!["\\PC{0,4}", "[\\[\\]{}\",:%#0-9a-zA-Z_=-]{1,6}", Just("%".to_string()), Just("\\u0000".to_string())])
            .prop_map(|(at, s)| Damage::Insert(at, s)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Damage::Delete(at, n)),
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), 1usize..30, 1usize..50).prop_map(|(at, n, times)| Damage::Repeat(at, n, times)),
    ]
}

fn apply(mut bytes: Vec<u8>, damages: &[Damage]) -> Vec<u8> {
    for d in damages {
        let len = bytes.len().max(1);
        match d {
            Damage::Set(at, b) => {
                if !bytes.is_empty() {
                    bytes[at % len] = *b;
                }
            }
            Damage::Insert(at, s) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, s.bytes());
            }
            Damage::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Damage::Truncate(at) => bytes.truncate(at % len),
            Damage::Repeat(at, n, times) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    let slice = bytes[at..end].to_vec();
                    for _ in 0..*times {
                        bytes.splice(end..end, slice.iter().copied());
                    }
                }
            }
        }
    }
    bytes
}

/// Whatever happens, a refusal is one line ending with a full stop.
fn check(result: Result<decouple_lab::model::Diagram, share::ShareError>) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        let m = e.to_string();
        prop_assert!(!m.contains('\n') && m.ends_with('.'), "{}", m);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_opens_nothing_without_panicking(text in "\\PC{0,200}|(?s).{0,80}") {
        check(share::from_link(&text))?;
        check(share::from_json(&text))?;
        check(share::from_link(&format!("#json={text}")))?;
        check(share::from_link(&format!("#z={text}")))?;
    }

    #[test]
    fn arbitrary_bytes_as_compressed_links(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(share::from_link(&format!("#z={}", B64.encode(&bytes))))?;
        check(share::from_link(&format!("#json={}", share::encode_fragment(&String::from_utf8_lossy(&bytes)))))?;
    }

    #[test]
    fn damaged_links_never_panic(which in any::<usize>(), damages in prop::collection::vec(damage(), 1..6)) {
        let s = seeds();
        let link = &s.links[which % s.links.len()];
        let damaged = apply(link.clone().into_bytes(), &damages);
        check(share::from_link(&String::from_utf8_lossy(&damaged)))?;
    }

    #[test]
    fn damaged_compressed_data_never_panics(which in any::<usize>(), damages in prop::collection::vec(damage(), 1..4)) {
        let s = seeds();
        let packed = apply(s.packed[which % s.packed.len()].clone(), &damages);
        check(share::from_link(&format!("#z={}", B64.encode(&packed))))?;
    }

    #[test]
    fn damaged_files_never_panic(which in any::<usize>(), damages in prop::collection::vec(damage(), 1..6)) {
        let s = seeds();
        let damaged = apply(s.json[which % s.json.len()].clone().into_bytes(), &damages);
        let text = String::from_utf8_lossy(&damaged);
        check(share::from_json(&text))?;
        check(share::from_link(&format!("#json={}", share::encode_fragment(&text))))?;
    }
}
