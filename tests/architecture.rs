//! The layers' rule, checked: a module under `src/` imports only from its own layer or
//! the layers below it (docs/architecture.md). Reads every `crate::...` path in the
//! sources, `use crate::{a, b::c}` groups included; comment lines are not imports.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Top to bottom; `text` sits below them all.
const LAYERS: [&str; 10] = ["ui", "view", "playback", "editor", "lessons", "iac", "share", "sim", "routing", "model"];

/// Files allowed to import from above, each with the issue that removes it (none now:
/// the engine's reference run moved from `sim` to `lessons`).
const EXCEPTIONS: &[&str] = &[];

/// A layer's height: higher may import lower. None for files outside the layers
/// (`lib.rs`, `main.rs`, `bin/`).
fn height(layer: &str) -> Option<usize> {
    if layer == "text" {
        return Some(0);
    }
    LAYERS.iter().position(|l| *l == layer).map(|i| LAYERS.len() - i)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a source names through `crate::`.
fn crate_modules(source: &str) -> BTreeSet<String> {
    let code: String = source.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        // `$crate::` (macros) and `decouple_lab_crate::` are not this crate's paths.
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            found.extend(group_heads(group));
        } else {
            found.insert(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    found
}

/// The first segment of each path in a `{a::b, c, d::{e, f}}` group (given after its `{`).
fn group_heads(group: &str) -> Vec<String> {
    let (mut heads, mut depth, mut current, mut at_start) = (Vec::new(), 0, String::new(), true);
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(std::mem::take(&mut current));
                at_start = true;
            }
            c if depth == 0 && at_start => {
                if c.is_alphanumeric() || c == '_' {
                    current.push(c);
                } else if !current.is_empty() {
                    at_start = false;
                }
            }
            _ => {}
        }
    }
    heads.push(current);
    heads.into_iter().filter(|h| !h.is_empty()).collect()
}

#[test]
fn imports_only_point_down() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let layer = relative.trim_start_matches("src/").split('/').next().unwrap().trim_end_matches(".rs").to_string();
        let Some(own) = height(&layer) else { continue };
        checked += 1;
        if EXCEPTIONS.contains(&relative.as_str()) {
            continue;
        }
        let source = std::fs::read_to_string(file).unwrap();
        for module in crate_modules(&source) {
            if height(&module).is_some_and(|h| h > own) {
                wrong.push(format!("{relative} imports crate::{module}, a layer above {layer}"));
            }
        }
    }
    assert!(checked > 50, "only {checked} files read: is src/ where the test looks?");
    assert!(wrong.is_empty(), "imports must point down (docs/architecture.md):\n{}", wrong.join("\n"));
}

#[test]
fn the_reader_finds_plain_paths_and_groups_and_skips_comments() {
    let source = "use crate::model::Diagram;\nuse crate::{sim::Hop, editor::{Action, Viewport}, text};\n// crate::ui::App in a comment\nlet x = $crate::text::Message;\nfn f() { crate::view::story::story(&[], true, |_| None); }";
    let found: Vec<String> = crate_modules(source).into_iter().collect();
    assert_eq!(found, ["editor", "model", "sim", "text", "view"]);
}

#[test]
fn the_order_is_the_documented_one() {
    assert!(height("ui") > height("view") && height("view") > height("playback") && height("playback") > height("editor"));
    assert!(height("editor") > height("lessons") && height("lessons") > height("iac") && height("iac") > height("share"));
    assert!(height("share") > height("sim") && height("sim") > height("routing") && height("routing") > height("model"));
    assert!(height("model") > height("text"));
    assert_eq!(height("bin"), None);
}

/// The page reaches the templates' code only through the worker's protocol
/// (`iac::remote`, src/ui/iac_worker.rs): a direct call would link the YAML reader, the
/// importer and the exporter back into the page's first download (issue 18).
#[test]
fn the_page_reaches_templates_only_through_the_worker() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"), &mut files);
    let mut direct = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("a readable source");
        for (n, line) in source.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")) {
            let mut rest = line;
            while let Some(at) = rest.find("iac::") {
                rest = &rest[at + "iac::".len()..];
                if !rest.starts_with("remote") {
                    direct.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(direct.is_empty(), "the page calls the templates' code directly:\n{}", direct.join("\n"));
}
