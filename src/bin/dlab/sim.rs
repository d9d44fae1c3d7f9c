//! `dlab simulate`, `dlab mmc`, `dlab bench`: run the discrete-event engine.

use clap::Args;
use decouple_lab::model::{Component, Connection, Diagram, RunSettings};
use decouple_lab::sim::{mmc, time, SimOptions, Simulation};
use serde::Deserialize;
use std::path::PathBuf;
use std::time::Instant;

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
    /// M/M/3 customers to simulate.
    #[arg(long, default_value_t = 2_000_000)]
    pub customers: u64,
    /// Write the 50-component pipeline the bench runs to FILE as a diagram and stop
    /// (to profile it: `valgrind --tool=callgrind dlab simulate FILE --duration 300s`).
    #[arg(long, value_name = "FILE")]
    pub save_pipeline: Option<std::path::PathBuf>,
}

/// The diagram file as the model's serde derives write it (unversioned). Unknown
/// top-level fields are ignored.
#[derive(Deserialize)]
struct DiagramFile {
    #[serde(default)]
    version: Option<serde_json::Value>,
    components: Vec<Component>,
    #[serde(default)]
    connections: Vec<Connection>,
    #[serde(default)]
    run: RunSettings,
    #[serde(default)]
    exercise: Option<String>,
}

/// Reads a diagram file with the share module's reader (versioned files, defaults
/// filled in); a bare `{"components", "connections", "run"}` file as the model's serde
/// derives write it is accepted too.
fn read_diagram(path: &PathBuf) -> Result<Diagram, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let shared = decouple_lab::share::from_json(&text);
    let shared_error = match shared {
        Ok(diagram) => return Ok(diagram),
        Err(e) => e.to_string(),
    };
    let Ok(file) = serde_json::from_str::<DiagramFile>(&text) else {
        return Err(format!("{}: {shared_error}", path.display()));
    };
    let _ = file.version;
    let mut diagram = Diagram::from_parts(file.components, file.connections).map_err(|e| format!("{}: {e}", path.display()))?;
    diagram.run = file.run;
    diagram.exercise = file.exercise;
    Ok(diagram)
}

/// "90", "90s", "1500ms", "10m", "2h" to seconds.
fn parse_duration(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let (number, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 60.0)
    } else if let Some(n) = t.strip_suffix('h') {
        (n, 3600.0)
    } else {
        (t, 1.0)
    };
    match number.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v * scale),
        _ => Err(format!("invalid duration {text:?}: use a positive number with s, ms, m or h")),
    }
}

fn fail(command: &str, reason: &str) -> i32 {
    eprintln!("dlab {command}: {}", reason.replace('\n', " "));
    1
}

pub fn simulate(args: SimulateArgs) -> i32 {
    let diagram = match read_diagram(&args.file) {
        Ok(d) => d,
        Err(e) => return fail("simulate", &e),
    };
    let duration_s = match args.duration.as_deref().map(parse_duration).transpose() {
        Ok(d) => d.unwrap_or(diagram.run.duration_s),
        Err(e) => return fail("simulate", &e),
    };
    if !(duration_s.is_finite() && duration_s > 0.0) {
        return fail("simulate", "the run's duration must be a positive number of seconds");
    }
    let seed = args.seed.unwrap_or(diagram.run.seed);
    let mut sim = match Simulation::with_options(&diagram, SimOptions { seed, ..SimOptions::default() }) {
        Ok(s) => s,
        Err(e) => return fail("simulate", &e.to_string()),
    };
    // What the run did not refuse but will not read as meant (a broken definition fails
    // each execution), named as the page names it.
    for w in decouple_lab::sim::settings::broken_settings(&diagram) {
        eprintln!("dlab simulate: warning: {}", w.message);
    }
    let started = Instant::now();
    sim.run_for(time::secs_f64(duration_s));
    let wall = started.elapsed().as_secs_f64();
    let report = sim.report();
    if args.json {
        match serde_json::to_string(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => return fail("simulate", &e.to_string()),
        }
        return 0;
    }
    let b = report.messages;
    println!("seed {}  simulated {:.1} s  events {}  wall {:.3} s", report.seed, report.duration_s, report.events, wall);
    println!(
        "messages: created {}  consumed {}  dead-lettered {}  expired {}  rejected {} (throttled {}, no route {}, deduplicated {}, loop/overload {})  failed {}  returned to caller {}  in flight {}  balanced {}",
        b.created,
        b.consumed,
        b.dead_lettered,
        b.expired,
        b.rejected(),
        b.throttled,
        b.no_route,
        b.deduplicated,
        b.loop_limit,
        b.failed,
        b.returned,
        b.in_flight,
        report.balanced
    );
    println!("{:<24} {:<14} {:>9} {:>9} {:>7} {:>7} {:>7} {:>8} {:>6}", "component", "kind", "received", "processed", "errors", "thrott", "depth", "inflight", "dlq");
    for c in &report.components {
        println!(
            "{:<24} {:<14} {:>9} {:>9} {:>7} {:>7} {:>7} {:>8} {:>6}",
            c.name.chars().take(24).collect::<String>(),
            c.kind,
            c.received,
            c.processed,
            c.errors,
            c.throttles,
            c.depth,
            c.in_flight,
            c.dead_letter_depth
        );
        if let Some(client) = &c.client {
            let lat = client
                .latency
                .map(|p| format!("p50 {:.1} ms  p95 {:.1} ms  p99 {:.1} ms", p.p50_ms, p.p95_ms, p.p99_ms))
                .unwrap_or_else(|| "no answers".to_string());
            println!(
                "    users: sent {}  ok {}  202 {}  timeouts {}  5xx {}  429 {}  {}",
                client.sent, client.ok, client.accepted_202, client.timeouts, client.server_errors, client.throttled_429, lat
            );
        }
    }
    0
}

pub fn mmc(args: MmcArgs) -> i32 {
    let Some(theory) = mmc::erlang_c(args.lambda, args.mu, args.servers) else {
        return fail(
            "mmc",
            &format!(
                "lambda ({}) must be positive and below servers x mu ({}), with mu > 0 and at least one server",
                args.lambda,
                f64::from(args.servers) * args.mu
            ),
        );
    };
    if args.customers == 0 {
        return fail("mmc", "customers must be at least 1");
    }
    let started = Instant::now();
    let run = match mmc::run(args.lambda, args.mu, args.servers, args.customers, args.seed) {
        Ok(r) => r,
        Err(e) => return fail("mmc", &e),
    };
    let wall = started.elapsed().as_secs_f64();
    let rate = args.customers as f64 / wall.max(1e-9);
    if args.json {
        let out = serde_json::json!({
            "customers": args.customers,
            "wall_s": wall,
            "customers_per_s": rate,
            "simulated": run.simulated,
            "erlang_c": theory,
        });
        println!("{out}");
        return 0;
    }
    println!("M/M/{}  lambda {}  mu {}  customers {}  seed {}", args.servers, args.lambda, args.mu, args.customers, args.seed);
    println!("{:<20} {:>12} {:>12} {:>9}", "", "simulated", "Erlang C", "error");
    let rows = [
        ("mean wait in queue", run.simulated.mean_wait, theory.mean_wait),
        ("mean queue length", run.simulated.mean_queue_length, theory.mean_queue_length),
        ("utilisation", run.simulated.utilisation, theory.utilisation),
    ];
    for (name, s, t) in rows {
        println!("{name:<20} {s:>12.4} {t:>12.4} {:>8.2}%", (s / t - 1.0) * 100.0);
    }
    println!("served {}  events {}  wall {:.3} s  {:.0} customers/s  {:.0} events/s", run.served, run.events, wall, rate, run.events as f64 / wall.max(1e-9));
    0
}

pub fn bench(args: BenchArgs) -> i32 {
    if let Some(path) = &args.save_pipeline {
        let json = decouple_lab::share::to_json(&decouple_lab::sim::models::pipeline(24));
        return match std::fs::write(path, json) {
            Ok(()) => 0,
            Err(e) => fail("bench", &format!("cannot write {}: {e}", path.display())),
        };
    }
    // 1. M/M/3 on the engine.
    let started = Instant::now();
    let run = match mmc::run(0.2, 0.1, 3, args.customers, 1) {
        Ok(r) => r,
        Err(e) => return fail("bench", &e),
    };
    let mmc_wall = started.elapsed().as_secs_f64();
    let mmc_rate = run.events as f64 / mmc_wall.max(1e-9);

    // 2. A 50-component pipeline.
    let d = decouple_lab::sim::models::pipeline(24);
    let mut sim = match Simulation::with_options(&d, SimOptions { seed: 1, trace_capacity: 4096, ..SimOptions::default() }) {
        Ok(s) => s,
        Err(e) => return fail("bench", &e.to_string()),
    };
    let started = Instant::now();
    sim.run_for(time::secs(300));
    let pipe_wall = started.elapsed().as_secs_f64();
    let pipe_rate = sim.events_processed() as f64 / pipe_wall.max(1e-9);
    let _ = sim.drain_trace();

    // 3. Memory of one million queued messages (a queue with nobody consuming it).
    let (bytes_per_message, rss_mb) = queued_memory(1_000_000);

    if args.json {
        let out = serde_json::json!({
            "profile": if cfg!(debug_assertions) { "debug" } else { "optimised" },
            "mmc3": {"customers": args.customers, "events": run.events, "wall_s": mmc_wall, "events_per_s": mmc_rate},
            "pipeline50": {"components": d.component_count(), "events": sim.events_processed(), "wall_s": pipe_wall, "events_per_s": pipe_rate},
            "queue_1m": {"bytes_per_message": bytes_per_message, "rss_mb": rss_mb},
        });
        println!("{out}");
    } else {
        println!("M/M/3:        {} events in {:.3} s = {:.2} M events/s", run.events, mmc_wall, mmc_rate / 1e6);
        println!("50 components: {} events in {:.3} s = {:.2} M events/s", sim.events_processed(), pipe_wall, pipe_rate / 1e6);
        match (bytes_per_message, rss_mb) {
            (Some(b), Some(r)) => println!("1M queued messages: {b:.0} bytes per message, process RSS {r:.0} MB"),
            _ => println!("1M queued messages: memory not measurable here (no /proc/self/status)"),
        }
    }
    0
}

fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Fills one queue with `count` messages and measures the growth of the process.
fn queued_memory(count: u64) -> (Option<f64>, Option<f64>) {
    use decouple_lab::model::spec::{Spec, Traffic};
    use decouple_lab::model::{ComponentKind, Point};
    let mut d = Diagram::new();
    let client = d.add_component(ComponentKind::Client, "producer", Point::default());
    let queue = d.add_component(ComponentKind::Queue, "backlog", Point::default());
    if let Some(Spec::Client(c)) = d.component_mut(client).map(|c| &mut c.spec) {
        c.rate_per_s = 10_000.0;
        c.traffic = Traffic::Steady;
        c.waits_for_reply = false;
    }
    let _ = d.connect(client, queue);
    let before = rss_bytes();
    let Ok(mut sim) = Simulation::with_options(&d, SimOptions { seed: 1, trace_capacity: 0, ..SimOptions::default() }) else {
        return (None, None);
    };
    sim.run_for(time::secs_f64(count as f64 / 10_000.0));
    let after = rss_bytes();
    let held = sim.books().in_flight.max(1);
    match (before, after) {
        (Some(b), Some(a)) => (Some(a.saturating_sub(b) as f64 / held as f64), Some(a as f64 / 1e6)),
        _ => (None, None),
    }
}
