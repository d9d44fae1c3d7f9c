//! M/M/c on the real engine: a Poisson client, a queue and c workers with exponential
//! service times, next to Erlang C. One model time unit is one simulated second.

use super::behaviour::compute::ServiceTime;
use super::engine::{SimOptions, Simulation};
use super::time::secs_f64;
use crate::model::spec::{Spec, Traffic};
use crate::model::{ComponentId, Diagram, Point};

/// Mean wait in queue, mean queue length and utilisation.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct QueueFigures {
    pub mean_wait: f64,
    pub mean_queue_length: f64,
    pub utilisation: f64,
}

/// Erlang C for M/M/c, or None when the queue is unstable (lambda >= c mu) or the
/// input is not positive.
pub fn erlang_c(lambda: f64, mu: f64, servers: u32) -> Option<QueueFigures> {
    if !(lambda > 0.0 && mu > 0.0 && servers > 0 && lambda.is_finite() && mu.is_finite()) {
        return None;
    }
    let c = f64::from(servers);
    let a = lambda / mu;
    let rho = a / c;
    // A small margin: 0.3 / (3 x 0.1) is just under 1 in floating point.
    if rho >= 1.0 - 1e-9 {
        return None;
    }
    // Sum of a^k / k! for k < c, and a^c / c!, built term by term.
    let mut term = 1.0;
    let mut sum = 0.0;
    for k in 0..servers {
        sum += term;
        term *= a / f64::from(k + 1);
    }
    let tail = term / (1.0 - rho);
    let p_wait = tail / (sum + tail);
    let wq = p_wait / (c * mu - lambda);
    Some(QueueFigures { mean_wait: wq, mean_queue_length: lambda * wq, utilisation: rho })
}

/// The M/M/c diagram: client -> queue -> worker group of c single-slot instances.
pub fn diagram(lambda: f64, servers: u32) -> Result<(Diagram, ComponentId, ComponentId, ComponentId), String> {
    let mut d = Diagram::new();
    let client = d.add_component(crate::model::ComponentKind::Client, "arrivals", Point::default());
    let queue = d.add_component(crate::model::ComponentKind::Queue, "queue", Point::default());
    let workers = d.add_component(crate::model::ComponentKind::WorkerGroup, "servers", Point::default());
    if let Some(c) = d.component_mut(client) {
        if let Spec::Client(s) = &mut c.spec {
            s.rate_per_s = lambda;
            s.traffic = Traffic::Poisson;
            s.payload = String::new();
            s.waits_for_reply = false;
        }
    }
    if let Some(c) = d.component_mut(queue) {
        if let Spec::Queue(s) = &mut c.spec {
            // Long enough that no service ever outlives it.
            s.visibility_timeout_s = 43_200;
            s.retention_s = 1_209_600;
            s.batch_size = 1;
        }
    }
    if let Some(c) = d.component_mut(workers) {
        if let Spec::WorkerGroup(s) = &mut c.spec {
            s.min_instances = servers;
            s.max_instances = servers;
            s.per_instance_concurrency = 1;
            s.warmup_s = 0;
            s.error_rate = 0.0;
        }
    }
    d.connect(client, queue).map_err(|e| e.to_string())?;
    d.connect(queue, workers).map_err(|e| e.to_string())?;
    Ok((d, client, queue, workers))
}

/// What one M/M/c run measured.
#[derive(Clone, Copy, Debug)]
pub struct MmcRun {
    pub simulated: QueueFigures,
    pub served: u64,
    pub events: u64,
}

/// Runs about `customers` arrivals of M/M/c on the engine.
pub fn run(lambda: f64, mu: f64, servers: u32, customers: u64, seed: u64) -> Result<MmcRun, String> {
    if erlang_c(lambda, mu, servers).is_none() {
        return Err(format!("the queue is unstable or the input is not positive: lambda {lambda} must be below servers x mu = {}", f64::from(servers) * mu));
    }
    let (d, _client, queue, workers) = diagram(lambda, servers)?;
    let options = SimOptions { seed, sample_period_us: 0, trace_capacity: 0, max_live_messages: u32::MAX, ..SimOptions::default() };
    let mut sim = Simulation::with_options(&d, options).map_err(|e| e.to_string())?;
    sim.set_service_time(workers, ServiceTime::Exponential { mean_us: 1e6 / mu });
    sim.run_for(secs_f64(customers as f64 / lambda));
    let q = sim.component_report(queue).ok_or("queue missing")?;
    let w = sim.component_report(workers).ok_or("workers missing")?;
    Ok(MmcRun {
        simulated: QueueFigures {
            mean_wait: q.mean_wait_s.unwrap_or(0.0),
            mean_queue_length: q.mean_backlog.unwrap_or(0.0),
            utilisation: w.mean_busy.unwrap_or(0.0) / f64::from(servers),
        },
        served: w.processed,
        events: sim.events_processed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_c_known_values() {
        let m3 = erlang_c(0.2, 0.1, 3).unwrap_or(QueueFigures { mean_wait: 0.0, mean_queue_length: 0.0, utilisation: 0.0 });
        assert!((m3.mean_wait - 4.444).abs() < 0.001, "{m3:?}");
        // M/M/1 at rho 0.5: Wq = rho / (mu - lambda) = 0.5 / 0.5 = 1.
        let m1 = erlang_c(0.5, 1.0, 1).unwrap_or(m3);
        assert!((m1.mean_wait - 1.0).abs() < 1e-12);
        assert!(erlang_c(0.3, 0.1, 3).is_none());
    }
}
