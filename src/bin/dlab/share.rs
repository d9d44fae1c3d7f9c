//! `dlab share encode|decode`: diagrams as links.
//! (Filled in by the sharing work.)

use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ShareCommand {
    /// Print a share link for a diagram file.
    Encode {
        /// The diagram file (JSON).
        file: PathBuf,
    },
    /// Print the diagram JSON held by a link (`-` reads the link from standard input).
    Decode {
        link: String,
    },
}

pub fn run(_command: ShareCommand) -> i32 {
    eprintln!("dlab share: not available yet");
    2
}
