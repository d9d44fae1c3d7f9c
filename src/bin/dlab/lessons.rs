//! `dlab exercises` and `dlab check`: the lesson's exercises, graded from the command line.
//!
//! `dlab check EXERCISE FILE_OR_LINK` prints the verdict in English (`--lang vi`: Vietnamese) and exits 0 when the
//! diagram passes, 1 when it does not, and 2 (with a one-line reason on stderr) when
//! the exercise is unknown or the input cannot be read as a diagram, so an instructor
//! can grade a list of submitted links in one loop.

use clap::Args;
use decouple_lab::lessons::{exercise, exercises, patterns, Lang};
use decouple_lab::model::Diagram;
use decouple_lab::share;
use std::io::Read;

/// Input larger than this is refused before reading it all.
const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Args)]
pub struct CheckArgs {
    /// The exercise's id, as `dlab exercises` lists it.
    pub exercise: String,
    /// A diagram file, a share link, or `-` to read either from standard input.
    pub diagram: String,
    /// The verdict's language: `en` (the default) or `vi`.
    #[arg(long, default_value = "en")]
    pub lang: String,
}

#[derive(Args)]
pub struct PatternsArgs {
    /// Where the app is served: links open the pattern there.
    #[arg(long, default_value = "http://127.0.0.1:8080/")]
    pub base: String,
    /// Print a Markdown list of links (for a README or a course page).
    #[arg(long)]
    pub markdown: bool,
}

/// `dlab patterns`: every ready-made pattern with a share link that opens it.
pub fn list_patterns(args: PatternsArgs) -> i32 {
    for p in patterns() {
        let link = share::link_for(&p.diagram(), &args.base);
        if args.markdown {
            println!("- [{}]({})", p.title.get(Lang::En), link.url);
        } else {
            println!("{:<24} {:<44} {}", p.id, p.title.get(Lang::En), link.url);
        }
    }
    0
}

pub fn list() -> i32 {
    for e in exercises() {
        println!("{:<14} {}", e.id, e.title.get(Lang::En));
    }
    0
}

pub fn check(args: CheckArgs) -> i32 {
    let Some(ex) = exercise(&args.exercise) else {
        let ids: Vec<&str> = exercises().iter().map(|e| e.id).collect();
        eprintln!("dlab check: unknown exercise {:?}; known: {}", args.exercise, ids.join(", "));
        return 2;
    };
    let Some(lang) = Lang::from_code(&args.lang) else {
        eprintln!("dlab check: unknown language {:?}; use en or vi", args.lang);
        return 2;
    };
    let diagram = match read_diagram(&args.diagram) {
        Ok(d) => d,
        Err(why) => {
            eprintln!("dlab check: {why}");
            return 2;
        }
    };
    for w in decouple_lab::sim::settings::broken_settings(&diagram) {
        eprintln!("dlab check: warning: {}", w.message.get(lang));
    }
    let verdict = ex.check(&diagram);
    let heading = match lang {
        Lang::En => "Exercise",
        Lang::Vi => "Bài tập",
    };
    println!("{heading} {}: {}", ex.id, ex.title.get(lang));
    print!("{}", verdict.render(lang));
    if verdict.passed {
        0
    } else {
        1
    }
}

/// A file path, a share link or fragment, or `-` for either on standard input.
fn read_diagram(arg: &str) -> Result<Diagram, String> {
    let arg = arg.trim();
    let (text, origin) = if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        (text, "standard input".to_string())
    } else if looks_like_link(arg) {
        (arg.to_string(), "the link".to_string())
    } else {
        let path = std::path::Path::new(arg);
        let size = std::fs::metadata(path).map_err(|e| format!("cannot read {arg}: {e}"))?.len();
        if size > MAX_INPUT_BYTES {
            return Err(format!("{arg} is larger than {} MB", MAX_INPUT_BYTES / 1024 / 1024));
        }
        (std::fs::read_to_string(path).map_err(|e| format!("cannot read {arg}: {e}"))?, arg.to_string())
    };
    if text.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!("{origin} is larger than {} MB", MAX_INPUT_BYTES / 1024 / 1024));
    }
    let body = text.trim();
    let result = if body.starts_with('{') { share::from_json(body) } else { share::from_link(body) };
    result.map_err(|e| format!("{origin} is not a diagram: {}", one_line(&e.to_string())))
}

fn looks_like_link(arg: &str) -> bool {
    arg.starts_with("http://") || arg.starts_with("https://") || arg.starts_with('#') || arg.starts_with("json=") || arg.starts_with("z=") || arg.contains("#json=") || arg.contains("#z=")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
