//! The allowed range of every setting, with the sentence shown when a value is outside it.

use super::connection::{ConnectionKind, ConnectionSettings};
use super::diagram::{Component, Faults};
use super::kind::ComponentKind;
use super::spec::{Spec, Traffic};

/// A setting outside its allowed range.
#[derive(Clone, Debug, PartialEq)]
pub struct SettingError {
    /// The setting's name as it appears in files (`visibility_timeout_s`).
    pub field: &'static str,
    pub message: String,
}

/// The longest component name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

struct Checker(Vec<SettingError>);

impl Checker {
    fn range<T: PartialOrd + Copy + std::fmt::Display>(&mut self, field: &'static str, label: &str, value: T, min: T, max: T, unit: &str) {
        // Written this way round so that NaN is out of range too.
        if !(value >= min && value <= max) {
            let (min, max) = (grouped(min), grouped(max));
            self.0.push(SettingError { field, message: format!("{label} must be between {min} and {max}{unit}.") });
        }
    }

    fn share(&mut self, field: &'static str, label: &str, value: f64) {
        self.range(field, label, value, 0.0, 1.0, " (a share: 0.05 is 5%)");
    }

    fn fail(&mut self, field: &'static str, message: String) {
        self.0.push(SettingError { field, message });
    }
}

/// A number with thousands separators, as people read it: 43200 → "43,200".
fn grouped(value: impl std::fmt::Display) -> String {
    let text = value.to_string();
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let digits: Vec<char> = whole.chars().collect();
    let mut out = String::new();
    for (i, ch) in digits.iter().enumerate() {
        if i > 0 && ch.is_ascii_digit() && (digits.len() - i) % 3 == 0 && digits[i - 1].is_ascii_digit() {
            out.push(',');
        }
        out.push(*ch);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Every setting of `component` that is out of range.
pub fn check_component(component: &Component) -> Vec<SettingError> {
    let mut c = Checker(Vec::new());
    if component.name.chars().count() > MAX_NAME_CHARS {
        c.fail("name", format!("A name can be at most {MAX_NAME_CHARS} characters long."));
    }
    match &component.spec {
        Spec::Client(s) => {
            c.range("rate_per_s", "Rate", s.rate_per_s, 0.0, 10_000.0, " requests per second");
            c.range("timeout_ms", "Timeout", s.timeout_ms, 1, 900_000, " ms");
            match s.traffic {
                Traffic::Burst { every_s, size } => {
                    c.range("every_s", "Burst interval", every_s, 0.1, 86_400.0, " s");
                    c.range("size", "Burst size", size, 1, 100_000, " requests");
                }
                Traffic::Spike { at_s, for_s, factor } => {
                    c.range("at_s", "Spike start", at_s, 0.0, 86_400.0, " s");
                    c.range("for_s", "Spike length", for_s, 0.1, 86_400.0, " s");
                    c.range("factor", "Spike factor", factor, 1.0, 1_000.0, "×");
                }
                Traffic::Ramp { to_rate_per_s, over_s } => {
                    c.range("to_rate_per_s", "Final rate", to_rate_per_s, 0.0, 10_000.0, " requests per second");
                    c.range("over_s", "Ramp length", over_s, 0.1, 86_400.0, " s");
                }
                Traffic::Steady | Traffic::Poisson => {}
            }
        }
        Spec::ApiGateway(s) => {
            c.range("throttle_rate_per_s", "Throttle rate", s.throttle_rate_per_s, 0.0, 100_000.0, " requests per second");
            c.range("throttle_burst", "Throttle burst", s.throttle_burst, 0, 100_000, " requests");
            c.range("integration_timeout_ms", "Integration timeout", s.integration_timeout_ms, 50, 29_000, " ms");
        }
        Spec::EventSource(s) => c.range("rate_per_s", "Rate", s.rate_per_s, 0.0, 10_000.0, " events per second"),
        Spec::Queue(s) => {
            c.range("visibility_timeout_s", "Visibility timeout", s.visibility_timeout_s, 0, 43_200, " seconds (12 hours)");
            c.range("max_receive_count", "Maximum receives", s.max_receive_count, 1, 1_000, "");
            c.range("delay_s", "Delivery delay", s.delay_s, 0, 900, " seconds");
            c.range("retention_s", "Retention period", s.retention_s, 60, 1_209_600, " seconds (14 days)");
            c.range("batch_size", "Receive batch size", s.batch_size, 1, 10, " messages");
            c.share("duplicate_rate", "Duplicate rate", s.duplicate_rate);
        }
        Spec::Topic(_) | Spec::EventBus(_) | Spec::ObjectStorage(_) | Spec::Analytics(_) | Spec::Notification(_) => {}
        Spec::Stream(s) => {
            c.range("shards", "Shards", s.shards, 1, 500, "");
            c.range("retention_h", "Retention", s.retention_h, 24, 8_760, " hours");
        }
        Spec::DeliveryStream(s) => {
            c.range("buffer_size_mb", "Buffer size", s.buffer_size_mb, 1, 128, " MB");
            c.range("buffer_interval_s", "Buffer interval", s.buffer_interval_s, 0, 900, " seconds");
        }
        Spec::Function(s) => {
            c.range("concurrency_limit", "Concurrency limit", s.concurrency_limit, 0, 10_000, "");
            c.range("duration_ms", "Duration", s.duration_ms, 1, 900_000, " ms");
            c.share("error_rate", "Error rate", s.error_rate);
            c.range("timeout_s", "Timeout", s.timeout_s, 1, 900, " seconds");
        }
        Spec::WorkerGroup(s) => {
            c.range("max_instances", "Maximum instances", s.max_instances, 1, 1_000, "");
            c.range("min_instances", "Minimum instances", s.min_instances, 0, s.max_instances.max(1), " (the maximum)");
            c.range("per_instance_concurrency", "Work per instance", s.per_instance_concurrency, 1, 100, " messages");
            c.range("processing_ms", "Processing time", s.processing_ms, 1, 3_600_000, " ms");
            c.share("error_rate", "Error rate", s.error_rate);
            c.range("target_backlog_per_instance", "Target backlog per instance", s.target_backlog_per_instance, 1, 10_000, " messages");
            c.range("warmup_s", "Warm-up", s.warmup_s, 0, 3_600, " seconds");
        }
        Spec::Service(s) => {
            c.range("capacity", "Capacity", s.capacity, 1, 10_000, " requests at once");
            c.range("latency_ms", "Latency", s.latency_ms, 1, 600_000, " ms");
            c.share("error_rate", "Error rate", s.error_rate);
            c.range("timeout_ms", "Timeout", s.timeout_ms, 1, 900_000, " ms");
        }
        Spec::StateMachine(_) => {}
        Spec::Database(s) => c.range("write_capacity_per_s", "Write capacity", s.write_capacity_per_s, 1, 40_000, " writes per second"),
        Spec::SearchIndex(s) => c.range("refresh_ms", "Refresh interval", s.refresh_ms, 0, 60_000, " ms"),
    }
    check_faults(&mut c, &component.faults);
    c.0
}

fn check_faults(c: &mut Checker, faults: &Faults) {
    c.share("error_rate", "Injected error rate", faults.error_rate);
    c.range("latency_multiplier", "Latency multiplier", faults.latency_multiplier, 0.1, 100.0, "×");
    if let Some(w) = faults.down_window {
        if !(w.from_s >= 0.0 && w.to_s > w.from_s && w.to_s.is_finite()) {
            c.fail("down_window", "An outage window must start at 0 s or later and end after it starts.".to_string());
        }
    }
}

/// Every setting of a connection that is out of range, given the kind of its source.
pub fn check_connection(kind: ConnectionKind, from: ComponentKind, settings: &ConnectionSettings) -> Vec<SettingError> {
    let mut c = Checker(Vec::new());
    match kind {
        ConnectionKind::EventSourceMapping => {
            c.range("batch_size", "Batch size", settings.batch_size, 1, 10_000, " records");
            c.range("batch_window_s", "Batch window", settings.batch_window_s, 0, 300, " seconds");
            if from == ComponentKind::Queue && settings.batch_size > 10 && settings.batch_window_s == 0 {
                c.fail("batch_window_s", "A batch size over 10 needs a batch window of at least 1 second.".to_string());
            }
        }
        ConnectionKind::Rule => {
            c.range("max_retry_attempts", "Retry attempts", settings.max_retry_attempts, 0, 185, "");
            c.range("max_event_age_s", "Maximum event age", settings.max_event_age_s, 60, 86_400, " seconds");
        }
        _ => {}
    }
    c.0
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(super::grouped(43_200u32), "43,200");
        assert_eq!(super::grouped(1_209_600u32), "1,209,600");
        assert_eq!(super::grouped(900u32), "900");
        assert_eq!(super::grouped(10_000.5f64), "10,000.5");
        assert_eq!(super::grouped(0.1f64), "0.1");
    }
}
