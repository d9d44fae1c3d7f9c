//! The allowed range of every setting, with the sentence shown when a value is outside it.

use super::connection::{ConnectionKind, ConnectionSettings};
use super::diagram::{Component, Faults};
use super::kind::ComponentKind;
use super::labels::{fault_label, setting_label};
use super::spec::{Spec, Traffic};
use crate::text::{grouped, Lang, Message, Text};

/// A setting outside its allowed range.
#[derive(Clone, Debug, PartialEq)]
pub struct SettingError {
    /// The setting's name as it appears in files (`visibility_timeout_s`).
    pub field: &'static str,
    pub message: Message,
}

/// The longest component name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Said wherever an empty name is refused.
pub fn name_missing() -> Message {
    msg!("A component needs a name.", "Thành phần cần có tên.")
}

/// Said wherever a name is refused for its length (components and saved diagrams).
pub fn name_too_long() -> Message {
    msg!("A name can be at most {MAX_NAME_CHARS} characters long.", "Tên chỉ được dài tối đa {MAX_NAME_CHARS} ký tự.")
}

struct Checker(Vec<SettingError>);

impl Checker {
    /// Checks a setting, named as the inspector labels it.
    fn range<T: PartialOrd + Copy + std::fmt::Display>(&mut self, field: &'static str, value: T, min: T, max: T, unit: Unit) {
        let label = setting_label(field).unwrap_or(Text::new(field, field));
        self.labelled(field, label, value, min, max, unit);
    }

    fn labelled<T: PartialOrd + Copy + std::fmt::Display>(&mut self, field: &'static str, label: Text, value: T, min: T, max: T, unit: Unit) {
        // Written this way round so that NaN is out of range too.
        if !(value >= min && value <= max) {
            let (label_en, label_vi, unit_en, unit_vi) = (label.en, label.vi, unit.0.en, unit.0.vi);
            let (min_en, max_en) = (grouped(min, Lang::En), grouped(max, Lang::En));
            let (min_vi, max_vi) = (grouped(min, Lang::Vi), grouped(max, Lang::Vi));
            let message = msg!(
                "{label_en} must be between {min_en} and {max_en}{unit_en}.",
                "{label_vi} phải nằm trong khoảng từ {min_vi} đến {max_vi}{unit_vi}."
            );
            self.0.push(SettingError { field, message });
        }
    }

    /// A share of work, 0 to 1.
    fn share(&mut self, field: &'static str, value: f64) {
        self.range(field, value, 0.0, 1.0, SHARE);
    }

    fn fail(&mut self, field: &'static str, message: Message) {
        self.0.push(SettingError { field, message });
    }
}

/// What follows the range's maximum, in both languages (" ms", " seconds (12 hours)").
#[derive(Clone, Copy)]
struct Unit(Text);

const fn unit(en: &'static str, vi: &'static str) -> Unit {
    Unit(Text::new(en, vi))
}

const NONE: Unit = unit("", "");
const MS: Unit = unit(" ms", " ms");
const S: Unit = unit(" s", " s");
const TIMES: Unit = unit("×", "×");
const SECONDS: Unit = unit(" seconds", " giây");
const HOURS: Unit = unit(" hours", " giờ");
const MB: Unit = unit(" MB", " MB");
const MESSAGES: Unit = unit(" messages", " message");
const REQUESTS: Unit = unit(" requests", " request");
const REQUESTS_PER_S: Unit = unit(" requests per second", " request mỗi giây");
const SHARE: Unit = unit(" (a share: 0.05 is 5%)", " (một tỉ lệ: 0.05 là 5%)");

/// Every setting of `component` that is out of range.
pub fn check_component(component: &Component) -> Vec<SettingError> {
    let mut c = Checker(Vec::new());
    if component.name.chars().count() > MAX_NAME_CHARS {
        c.fail("name", name_too_long());
    }
    match &component.spec {
        Spec::Client(s) => {
            c.range("rate_per_s", s.rate_per_s, 0.0, 10_000.0, REQUESTS_PER_S);
            c.range("timeout_ms", s.timeout_ms, 1, 900_000, MS);
            match s.traffic {
                Traffic::Burst { every_s, size } => {
                    c.range("every_s", every_s, 0.1, 86_400.0, S);
                    c.range("size", size, 1, 100_000, REQUESTS);
                }
                Traffic::Spike { at_s, for_s, factor } => {
                    c.range("at_s", at_s, 0.0, 86_400.0, S);
                    c.range("for_s", for_s, 0.1, 86_400.0, S);
                    c.range("factor", factor, 1.0, 1_000.0, TIMES);
                }
                Traffic::Ramp { to_rate_per_s, over_s } => {
                    c.range("to_rate_per_s", to_rate_per_s, 0.0, 10_000.0, REQUESTS_PER_S);
                    c.range("over_s", over_s, 0.1, 86_400.0, S);
                }
                Traffic::Steady | Traffic::Poisson => {}
            }
        }
        Spec::ApiGateway(s) => {
            c.range("throttle_rate_per_s", s.throttle_rate_per_s, 0.0, 100_000.0, REQUESTS_PER_S);
            c.range("throttle_burst", s.throttle_burst, 0, 100_000, REQUESTS);
            c.range("integration_timeout_ms", s.integration_timeout_ms, 50, 29_000, MS);
        }
        Spec::EventSource(s) => c.range("rate_per_s", s.rate_per_s, 0.0, 10_000.0, unit(" events per second", " event mỗi giây")),
        Spec::Queue(s) => {
            c.range("visibility_timeout_s", s.visibility_timeout_s, 0, 43_200, unit(" seconds (12 hours)", " giây (12 giờ)"));
            c.range("max_receive_count", s.max_receive_count, 1, 1_000, NONE);
            c.range("delay_s", s.delay_s, 0, 900, SECONDS);
            c.range("retention_s", s.retention_s, 60, 1_209_600, unit(" seconds (14 days)", " giây (14 ngày)"));
            c.range("batch_size", s.batch_size, 1, 10, MESSAGES);
            c.share("duplicate_rate", s.duplicate_rate);
        }
        Spec::EventBus(s) => c.range("replay_at_s", s.replay_at_s, 0.0, 86_400.0, S),
        Spec::Topic(_) | Spec::ObjectStorage(_) | Spec::Analytics(_) | Spec::Notification(_) => {}
        Spec::Stream(s) => {
            c.range("shards", s.shards, 1, 500, NONE);
            c.range("retention_h", s.retention_h, 24, 8_760, HOURS);
        }
        Spec::DeliveryStream(s) => {
            c.range("buffer_size_mb", s.buffer_size_mb, 1, 128, MB);
            c.range("buffer_interval_s", s.buffer_interval_s, 0, 900, SECONDS);
        }
        Spec::Function(s) => {
            c.range("concurrency_limit", s.concurrency_limit, 0, 10_000, NONE);
            c.range("duration_ms", s.duration_ms, 1, 900_000, MS);
            c.share("error_rate", s.error_rate);
            c.range("timeout_s", s.timeout_s, 1, 900, SECONDS);
            c.range("max_event_age_s", s.max_event_age_s, 60, 21_600, SECONDS);
        }
        Spec::WorkerGroup(s) => {
            c.range("max_instances", s.max_instances, 1, 1_000, NONE);
            c.range("min_instances", s.min_instances, 0, s.max_instances.max(1), unit(" (the maximum)", " (số tối đa)"));
            c.range("per_instance_concurrency", s.per_instance_concurrency, 1, 100, MESSAGES);
            c.range("processing_ms", s.processing_ms, 1, 3_600_000, MS);
            c.share("error_rate", s.error_rate);
            c.range("target_backlog_per_instance", s.target_backlog_per_instance, 1, 10_000, MESSAGES);
            c.range("warmup_s", s.warmup_s, 0, 3_600, SECONDS);
            c.range("instance_warmup_s", s.instance_warmup_s, 0, 3_600, SECONDS);
        }
        Spec::Service(s) => {
            c.range("capacity", s.capacity, 1, 10_000, unit(" requests at once", " request cùng lúc"));
            c.range("latency_ms", s.latency_ms, 1, 600_000, MS);
            c.share("error_rate", s.error_rate);
            c.range("timeout_ms", s.timeout_ms, 1, 900_000, MS);
        }
        Spec::StateMachine(_) => {}
        Spec::Database(s) => {
            c.range("write_capacity_per_s", s.write_capacity_per_s, 1, 40_000, unit(" writes per second", " lần ghi mỗi giây"));
            c.range("read_capacity_per_s", s.read_capacity_per_s, 1, 40_000, unit(" reads per second", " lần đọc mỗi giây"));
            // Aurora PostgreSQL's parameter range (its default formula stops at 5,000).
            c.range("max_connections", s.max_connections, 1, 262_143, unit(" connections", " kết nối"));
        }
        Spec::SearchIndex(s) => c.range("refresh_ms", s.refresh_ms, 0, 60_000, MS),
    }
    check_faults(&mut c, &component.faults);
    c.0
}

fn check_faults(c: &mut Checker, faults: &Faults) {
    if let Some(label) = fault_label("error_rate") {
        c.labelled("error_rate", label, faults.error_rate, 0.0, 1.0, SHARE);
    }
    c.range("latency_multiplier", faults.latency_multiplier, 0.1, 100.0, TIMES);
    if let Some(w) = faults.down_window {
        if !(w.from_s >= 0.0 && w.to_s > w.from_s && w.to_s.is_finite()) {
            c.fail(
                "down_window",
                msg!(
                    "An outage window must start at 0 s or later and end after it starts.",
                    "Khoảng thời gian tắt phải bắt đầu từ 0 s trở đi và kết thúc sau khi bắt đầu."
                ),
            );
        }
    }
}

/// Every setting of a connection that is out of range, given the kind of its source.
pub fn check_connection(kind: ConnectionKind, from: ComponentKind, settings: &ConnectionSettings) -> Vec<SettingError> {
    let mut c = Checker(Vec::new());
    match kind {
        ConnectionKind::EventSourceMapping | ConnectionKind::ChangeStream => {
            c.range("batch_size", settings.batch_size, 1, 10_000, unit(" records", " record"));
            c.range("batch_window_s", settings.batch_window_s, 0, 300, SECONDS);
            if matches!(from, ComponentKind::Stream | ComponentKind::Database) {
                // Lambda's stream error handling: -1 (until the records expire) or a limit.
                c.range("mapping_retry_attempts", settings.mapping_retry_attempts, -1, 10_000, NONE);
                c.range("max_record_age_s", settings.max_record_age_s, -1, 604_800, SECONDS);
                if (0..60).contains(&settings.max_record_age_s) {
                    c.fail(
                        "max_record_age_s",
                        msg!(
                            "Maximum record age must be -1 (until the records expire) or between 60 and 604,800 seconds.",
                            "Tuổi record tối đa phải là -1 (tới khi record hết hạn) hoặc từ 60 đến 604.800 giây."
                        ),
                    );
                }
            }
            if from == ComponentKind::Queue && settings.batch_size > 10 && settings.batch_window_s == 0 {
                c.fail(
                    "batch_window_s",
                    msg!(
                        "A batch size over 10 needs a batch window of at least 1 second.",
                        "Kích thước lô trên 10 cần thời gian gom lô ít nhất 1 giây."
                    ),
                );
            }
        }
        ConnectionKind::Rule => {
            c.range("max_retry_attempts", settings.max_retry_attempts, 0, 185, NONE);
            c.range("max_event_age_s", settings.max_event_age_s, 60, 86_400, SECONDS);
        }
        ConnectionKind::Subscription => {
            // SNS's HTTP/S delivery policy: numRetries 0 to 100, delays 1 to 3,600 s, and
            // the whole policy within 3,600 s (a hard limit).
            c.range("http_retries", settings.http_retries, 0, 100, NONE);
            c.range("http_retry_delay_s", settings.http_retry_delay_s, 1, 3_600, SECONDS);
            let total = u64::from(settings.http_retries) * u64::from(settings.http_retry_delay_s);
            if total > 3_600 {
                let (max_en, max_vi, total_en, total_vi) =
                    (grouped(3_600, Lang::En), grouped(3_600, Lang::Vi), grouped(total, Lang::En), grouped(total, Lang::Vi));
                c.fail(
                    "http_retry_delay_s",
                    msg!(
                        "HTTP retries times the delay between them must stay within {max_en} seconds (SNS's limit); now {total_en} seconds.",
                        "Số lần thử lại HTTP nhân với thời gian chờ giữa chúng không được vượt quá {max_vi} giây (giới hạn của SNS); hiện là {total_vi} giây."
                    ),
                );
            }
        }
        _ => {}
    }
    if matches!(kind, ConnectionKind::EventSourceMapping | ConnectionKind::Poll) && from == ComponentKind::Stream {
        check_consumer_group(&mut c, &settings.consumer_group);
    }
    c.0
}

/// A Kafka consumer group id as Lambda takes it: at most 200 characters of
/// `[a-zA-Z0-9-/*:_+=.@]` (AmazonManagedKafkaEventSourceConfig.ConsumerGroupId).
fn check_consumer_group(c: &mut Checker, group: &str) {
    const MAX: usize = 200;
    if group.chars().count() > MAX {
        c.fail(
            "consumer_group",
            msg!("A consumer group name can be at most {MAX} characters long.", "Tên nhóm consumer chỉ được dài tối đa {MAX} ký tự."),
        );
    } else if let Some(bad) = group.chars().find(|ch| !(ch.is_ascii_alphanumeric() || "-/*:_+=.@".contains(*ch))) {
        c.fail(
            "consumer_group",
            msg!(
                "A consumer group name may hold only letters, digits and - / * : _ + = . @ (not {bad:?}).",
                "Tên nhóm consumer chỉ được chứa chữ cái, chữ số và - / * : _ + = . @ (không được có {bad:?})."
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{default_settings, ComponentId, Point};

    /// A component of `kind` with every number set to `value`, its traffic shaped by
    /// `traffic`, and its faults out of range too.
    fn with_every_number(kind: ComponentKind, traffic: &str, value: f64) -> Component {
        let mut spec = serde_json::to_value(Spec::default_for(kind)).expect("json");
        for (key, v) in spec["settings"].as_object_mut().into_iter().flatten() {
            if key == "traffic" {
                *v = serde_json::from_str(traffic).expect("traffic");
                for (k, n) in v.as_object_mut().into_iter().flatten() {
                    if k != "shape" {
                        *n = (value.max(0.0) as u64).into();
                    }
                }
            } else if v.is_u64() {
                *v = (value.max(0.0) as u64).into();
            } else if v.is_number() {
                *v = value.into();
            }
        }
        let spec: Spec = serde_json::from_value(spec).expect("spec");
        let faults = Faults { error_rate: value, latency_multiplier: value, ..Faults::default() };
        Component { id: ComponentId(1), name: "c".into(), position: Point { x: 0.0, y: 0.0 }, spec, faults }
    }

    /// Every range sentence, for every setting of every kind, is written in each language.
    #[test]
    fn every_range_error_has_a_vietnamese_sentence() {
        let mut seen = std::collections::BTreeSet::new();
        let traffics = [
            r#"{"shape":"burst","every_s":1,"size":1}"#,
            r#"{"shape":"spike","at_s":1,"for_s":1,"factor":1}"#,
            r#"{"shape":"ramp","to_rate_per_s":1,"over_s":1}"#,
        ];
        for kind in ComponentKind::ALL {
            for traffic in traffics {
                for value in [1e9, -1.0] {
                    for error in check_component(&with_every_number(kind, traffic, value)) {
                        let (en, vi) = (&error.message.en, &error.message.vi);
                        assert_ne!(en, vi, "{}", error.field);
                        assert!(vi.starts_with(char::is_uppercase) && vi.ends_with('.'), "{vi}");
                        assert!(!vi.contains("must") && !vi.contains("seconds") && !vi.contains("requests"), "{vi}");
                        seen.insert(error.field);
                    }
                }
            }
        }
        let mut settings = default_settings(ConnectionKind::EventSourceMapping, ComponentKind::Queue);
        (settings.batch_size, settings.batch_window_s, settings.max_retry_attempts, settings.max_event_age_s) = (20_000, 0, 1_000, 1);
        (settings.http_retries, settings.http_retry_delay_s) = (101, 0);
        let mut too_long = settings.clone();
        (too_long.http_retries, too_long.http_retry_delay_s, too_long.consumer_group) = (100, 40, "g".repeat(201));
        let mut odd_group = settings.clone();
        odd_group.consumer_group = "billing team".into();
        let cases = [
            (ConnectionKind::EventSourceMapping, ComponentKind::Queue, &settings),
            (ConnectionKind::Rule, ComponentKind::EventBus, &settings),
            (ConnectionKind::Subscription, ComponentKind::Topic, &settings),
            (ConnectionKind::Subscription, ComponentKind::Topic, &too_long),
            (ConnectionKind::Poll, ComponentKind::Stream, &too_long),
            (ConnectionKind::EventSourceMapping, ComponentKind::Stream, &odd_group),
        ];
        let mut connection_errors = 0;
        for (kind, from, settings) in cases {
            for error in check_connection(kind, from, settings) {
                assert_ne!(error.message.en, error.message.vi, "{}", error.field);
                assert!(error.message.vi.ends_with('.') && !error.message.vi.contains("must"), "{}", error.message.vi);
                seen.insert(error.field);
                connection_errors += 1;
            }
        }
        assert_eq!(connection_errors, 2 + 2 + 2 + 1 + 1 + 2, "{seen:?}");
        assert!(seen.len() > 35, "{seen:?}");
    }

    #[test]
    fn the_range_is_said_with_grouped_numbers() {
        let mut c = Checker(Vec::new());
        c.range("visibility_timeout_s", 50_000u32, 0, 43_200, unit(" seconds (12 hours)", " giây (12 giờ)"));
        let m = &c.0[0].message;
        assert_eq!(m.en, "Visibility timeout must be between 0 and 43,200 seconds (12 hours).");
        assert_eq!(m.vi, "Thời gian ẩn message phải nằm trong khoảng từ 0 đến 43\u{a0}200 giây (12 giờ).");
    }
}
