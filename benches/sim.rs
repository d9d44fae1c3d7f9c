//! Events per second of the engine: M/M/3 and a 50-component pipeline.
//! `cargo bench --bench sim` (bench profile: opt-level 3).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use decouple_lab::sim::{mmc, models, SimOptions, Simulation};
use std::hint::black_box;

fn events_of_mmc(customers: u64) -> u64 {
    mmc::run(0.2, 0.1, 3, customers, 1).map(|r| r.events).unwrap_or(0)
}

fn pipeline_events(seconds: u64) -> u64 {
    let d = models::pipeline(24);
    let Ok(mut sim) = Simulation::with_options(&d, SimOptions { seed: 1, trace_capacity: 4096, ..SimOptions::default() }) else {
        return 0;
    };
    sim.run_for(seconds * 1_000_000);
    let _ = sim.drain_trace();
    sim.events_processed()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    group.sample_size(10);
    // Throughput in events: Criterion then reports events per second.
    let customers = 200_000;
    group.throughput(Throughput::Elements(events_of_mmc(customers)));
    group.bench_function("mm3_200k_customers", |b| b.iter(|| black_box(events_of_mmc(black_box(customers)))));
    let seconds = 30;
    group.throughput(Throughput::Elements(pipeline_events(seconds)));
    group.bench_function("pipeline_50_components_30s", |b| b.iter(|| black_box(pipeline_events(black_box(seconds)))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
