//! The same diagram, seed and duration give the same run: natively here, and in the
//! browser in tests/web.rs, both against the stored fingerprint.
//! `DLAB_BLESS=1 cargo test --test sim_fingerprint` rewrites the fixture.

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sim_fingerprint.json");

#[test]
fn the_reference_run_matches_its_stored_fingerprint() {
    let now = decouple_lab::lessons::simulate::reference_run();
    assert!(now.contains("\"books\""), "the reference pattern runs: {now}");
    if std::env::var_os("DLAB_BLESS").is_some() {
        std::fs::write(FIXTURE, format!("{now}\n")).expect("write the fixture");
    }
    let stored = std::fs::read_to_string(FIXTURE).expect("the fixture exists");
    assert_eq!(now, stored.trim());
    // Twice in one process gives the same, too.
    assert_eq!(now, decouple_lab::lessons::simulate::reference_run());
}
