//! `dlab import cfn TEMPLATE` and `dlab export cfn FILE|LINK`: SAM and CloudFormation
//! templates in and out, through the same library functions the page calls.

use super::share::read_input;
use clap::Subcommand;
use decouple_lab::{iac, share};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Print the diagram (JSON) a SAM or CloudFormation template draws (`-` reads standard input); what is not modelled goes to standard error.
    Cfn {
        /// The template, YAML or JSON.
        template: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Print a SAM template for a diagram file or share link (`-` reads standard input).
    Cfn {
        /// A diagram file, a share link, or `-`.
        diagram: String,
    },
}

pub fn import(command: ImportCommand) -> i32 {
    let ImportCommand::Cfn { template } = command;
    let text = match read_input(&template) {
        Ok(text) => text,
        Err(message) => return fail(&message),
    };
    match iac::import(&text) {
        Ok(imported) => {
            print!("{}", share::to_json(&imported.diagram));
            eprintln!("{}", imported.summary.message().en);
            0
        }
        Err(error) => fail(&error.to_string()),
    }
}

pub fn export(command: ExportCommand) -> i32 {
    let ExportCommand::Cfn { diagram } = command;
    let path = Path::new(&diagram);
    // A path, `-`, or else a link (which has a `#`) or the JSON itself.
    let text = if diagram == "-" || path.exists() || !(diagram.contains('#') || diagram.trim_start().starts_with('{')) {
        match read_input(path) {
            Ok(text) => text,
            Err(message) => return fail(&message),
        }
    } else {
        diagram.clone()
    };
    let trimmed = text.trim();
    let opened = if trimmed.starts_with('{') { share::from_json(trimmed) } else { share::from_link(trimmed) };
    match opened {
        Ok(diagram) => {
            print!("{}", iac::export(&diagram));
            0
        }
        Err(error) => fail(&error.to_string()),
    }
}

fn fail(message: &str) -> i32 {
    eprintln!("error: {}", message.replace(['\n', '\r'], " "));
    1
}
