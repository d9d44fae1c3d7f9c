//! `dlab`: the native command line over the Decouple Lab library.
//!
//! Routing checks (`events`, `sns`, `asl`) read JSON Lines on stdin and write one
//! JSON line per input, the contract the conformance runner uses.

#[cfg(not(target_arch = "wasm32"))]
mod iac;
#[cfg(not(target_arch = "wasm32"))]
mod lessons;
#[cfg(not(target_arch = "wasm32"))]
mod routing;
#[cfg(not(target_arch = "wasm32"))]
mod share;
#[cfg(not(target_arch = "wasm32"))]
mod sim;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand};

    #[derive(Parser)]
    #[command(name = "dlab", version, about = "Decouple Lab on the command line: simulate diagrams, share them as links, check event patterns, filter policies and state machines.")]
    pub struct Cli {
        #[command(subcommand)]
        pub command: Command,
    }

    #[derive(Subcommand)]
    pub enum Command {
        /// EventBridge event patterns (JSON Lines on stdin, one JSON line out per input).
        Events {
            #[command(subcommand)]
            verb: MatchOrValidate,
        },
        /// SNS filter policies (JSON Lines on stdin, one JSON line out per input).
        Sns {
            #[command(subcommand)]
            verb: MatchOrValidate,
        },
        /// Amazon States Language (JSON Lines on stdin, one JSON line out per input).
        Asl {
            #[command(subcommand)]
            verb: AslVerb,
        },
        /// Run a diagram in the simulation and print a summary.
        Simulate(super::sim::SimulateArgs),
        /// Simulate an M/M/c queue and compare it with Erlang C.
        Mmc(super::sim::MmcArgs),
        /// Measure the engine's speed in events per second.
        Bench(super::sim::BenchArgs),
        /// List the lesson's ready-made patterns with a link that opens each.
        Patterns(super::lessons::PatternsArgs),
        /// List the lesson's exercises.
        Exercises,
        /// Check a diagram (file or share link) against an exercise; exit 0 on pass, 1 on fail.
        Check(super::lessons::CheckArgs),
        /// Import a template as a diagram (`dlab import cfn TEMPLATE`).
        Import {
            #[command(subcommand)]
            format: super::iac::ImportCommand,
        },
        /// Export a diagram as a template (`dlab export cfn FILE|LINK`).
        Export {
            #[command(subcommand)]
            format: super::iac::ExportCommand,
        },
        /// Diagrams as share links.
        Share {
            #[command(subcommand)]
            command: super::share::ShareCommand,
        },
    }

    #[derive(Subcommand, Clone, Copy)]
    pub enum MatchOrValidate {
        /// Does each pattern or policy match its event or message?
        Match,
        /// Is each pattern or policy valid?
        Validate,
    }

    #[derive(Subcommand, Clone, Copy)]
    pub enum AslVerb {
        /// Is each state machine definition valid?
        Validate,
        /// Does each Choice rule send its input to its Next state?
        Choice,
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser;
    use cli::{AslVerb, Cli, Command, MatchOrValidate};

    // Rust ignores SIGPIPE, so `dlab patterns | head` would panic in println! once the
    // reader has gone; a command-line tool ends quietly there instead.
    #[cfg(unix)]
    // SAFETY: restoring a signal's default disposition at start-up, before any thread.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }

    let code = match Cli::parse().command {
        Command::Events { verb: MatchOrValidate::Match } => routing::events_match(),
        Command::Events { verb: MatchOrValidate::Validate } => routing::events_validate(),
        Command::Sns { verb: MatchOrValidate::Match } => routing::sns_match(),
        Command::Sns { verb: MatchOrValidate::Validate } => routing::sns_validate(),
        Command::Asl { verb: AslVerb::Validate } => routing::asl_validate(),
        Command::Asl { verb: AslVerb::Choice } => routing::asl_choice(),
        Command::Simulate(args) => sim::simulate(args),
        Command::Mmc(args) => sim::mmc(args),
        Command::Bench(args) => sim::bench(args),
        Command::Share { command } => share::run(command),
        Command::Import { format } => iac::import(format),
        Command::Export { format } => iac::export(format),
        Command::Patterns(args) => lessons::list_patterns(args),
        Command::Exercises => lessons::list(),
        Command::Check(args) => lessons::check(args),
    };
    std::process::exit(code);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
