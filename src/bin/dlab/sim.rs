//! `dlab simulate`, `dlab mmc`, `dlab bench`: run the discrete-event engine.
//! (Filled in by the simulation work.)

use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct SimulateArgs {
    /// The diagram file (JSON).
    pub file: PathBuf,
    /// Seed for the run's randomness (default: the diagram's own seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// How long to simulate, such as 60s, 10m or 2h (default: the diagram's own).
    #[arg(long)]
    pub duration: Option<String>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct MmcArgs {
    /// Arrival rate (customers per time unit).
    #[arg(long)]
    pub lambda: f64,
    /// Service rate per server.
    #[arg(long)]
    pub mu: f64,
    #[arg(long, default_value_t = 1)]
    pub servers: u32,
    #[arg(long, default_value_t = 1_000_000)]
    pub customers: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct BenchArgs {
    #[arg(long)]
    pub json: bool,
}

pub fn simulate(_args: SimulateArgs) -> i32 {
    eprintln!("dlab simulate: not available yet");
    2
}

pub fn mmc(_args: MmcArgs) -> i32 {
    eprintln!("dlab mmc: not available yet");
    2
}

pub fn bench(_args: BenchArgs) -> i32 {
    eprintln!("dlab bench: not available yet");
    2
}
