//! `dlab share encode|decode|schema`: diagrams as links.

use clap::Subcommand;
use decouple_lab::share;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The page the CLI's links open when no `--base` is given (`trunk serve`'s address).
const DEFAULT_BASE: &str = "http://127.0.0.1:8080/";

/// Input larger than this is refused before reading it all (a link holds at most 1 MB of
/// JSON, three times that when percent-encoded).
const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Subcommand)]
pub enum ShareCommand {
    /// Print a share link for a diagram file (`-` reads the file from standard input).
    Encode {
        /// The diagram file (JSON).
        file: PathBuf,
        /// The page the link opens.
        #[arg(long, default_value = DEFAULT_BASE)]
        base: String,
    },
    /// Print the diagram JSON held by a link (`-` reads the link from standard input).
    Decode {
        /// A full link, a fragment (`#json=...`, `#z=...`), or `-`.
        link: String,
    },
    /// Print the JSON Schema of the diagram format (kept in docs/diagram.schema.json).
    Schema,
}

pub fn run(command: ShareCommand) -> i32 {
    match command {
        ShareCommand::Encode { file, base } => {
            let text = match read_input(&file) {
                Ok(text) => text,
                Err(message) => return fail(&message),
            };
            let diagram = match share::from_json(&text) {
                Ok(diagram) => diagram,
                Err(error) => return fail(&error.to_string()),
            };
            let link = share::link_for(&diagram, &base);
            println!("{}", link.url);
            eprintln!(
                "{} characters, {}",
                link.length,
                if link.compressed { "compressed (#z=)" } else { "readable (#json=)" }
            );
            if let Some(warning) = link.warning {
                eprintln!("warning: {warning}");
            }
            0
        }
        ShareCommand::Decode { link } => {
            let link = if link == "-" {
                match read_input(Path::new("-")) {
                    Ok(text) => text,
                    Err(message) => return fail(&message),
                }
            } else {
                link
            };
            match share::from_link(&link) {
                Ok(diagram) => {
                    print!("{}", share::to_json(&diagram));
                    0
                }
                Err(error) => fail(&error.to_string()),
            }
        }
        ShareCommand::Schema => {
            print!("{}", share::json_schema());
            0
        }
    }
}

fn fail(message: &str) -> i32 {
    eprintln!("error: {}", message.replace(['\n', '\r'], " "));
    1
}

/// A file's text, or standard input's for `-`, refusing anything over [`MAX_INPUT_BYTES`].
pub fn read_input(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = if path == Path::new("-") {
        std::io::stdin().lock().take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)
    } else {
        match std::fs::File::open(path) {
            Ok(file) => file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes),
            Err(e) => return Err(format!("Can't open {}: {}.", path.display(), lower_first(&e.to_string()))),
        }
    };
    if let Err(e) = result {
        return Err(format!("Can't read {}: {}.", if path == Path::new("-") { "standard input".to_string() } else { path.display().to_string() }, lower_first(&e.to_string())));
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err("The input is larger than 4 MB, far more than any diagram or link.".to_string());
    }
    String::from_utf8(bytes).map_err(|_| "The input isn't UTF-8 text.".to_string())
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
