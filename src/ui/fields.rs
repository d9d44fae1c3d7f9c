//! Labels, units and choices for every setting the inspector shows, in the page's
//! language. Settings are edited generically through their JSON form, so a new setting
//! only needs a label in `model::setting_label` and, for a unit or choices, a line here.

use super::i18n::{current, t};
use crate::model::setting_label;

/// How a setting is shown.
pub struct FieldInfo {
    pub label: &'static str,
    /// Shown after the input ("s", "ms", "per second").
    pub unit: &'static str,
    /// Allowed values for a choice, as (stored value, label).
    pub choices: Vec<(&'static str, &'static str)>,
    /// Shown as a multi-line JSON or text editor.
    pub multiline: bool,
}

pub fn field_info(key: &str) -> FieldInfo {
    let label = setting_label(key).map_or(t("Setting"), |l| l.get(current()));
    let plain = |unit: &'static str| FieldInfo { label, unit, choices: Vec::new(), multiline: false };
    let choice = |choices: Vec<(&'static str, &'static str)>| FieldInfo { label, unit: "", choices, multiline: false };
    let text = || FieldInfo { label, unit: "", choices: Vec::new(), multiline: true };
    match key {
        "rate_per_s" | "throttle_rate_per_s" | "write_capacity_per_s" | "read_capacity_per_s" => plain(t("per second")),
        "payload" | "attributes" | "schema" | "definition" | "filter_policy" | "pattern" | "result" => text(),
        "timeout_ms" | "integration_timeout_ms" | "duration_ms" | "processing_ms" | "latency_ms" | "refresh_ms" => plain("ms"),
        "integration" => choice(vec![("sync_proxy", t("Sync proxy (waits for the backend)")), ("async", t("Async (stores, answers 202)"))]),
        "throttle_burst" => plain(t("requests")),
        "source" => choice(vec![
            ("s3_upload", t("S3 upload")),
            ("schedule", t("EventBridge schedule")),
            ("iot_devices", t("IoT Core devices")),
            ("cloud_watch_alarm", t("CloudWatch alarm")),
        ]),
        "visibility_timeout_s" | "delay_s" | "retention_s" | "buffer_interval_s" | "timeout_s" | "warmup_s" | "batch_window_s"
        | "max_event_age_s" | "replay_at_s" | "http_retry_delay_s" => plain("s"),
        "max_receive_count" => plain(t("before the DLQ")),
        "batch_size" | "target_backlog_per_instance" => plain(t("messages")),
        "http_retries" => plain(t("retries")),
        "duplicate_rate" | "error_rate" => plain(t("share (0–1)")),
        "flavour" => choice(vec![("kinesis", "Kinesis Data Streams"), ("kafka", "MSK (Kafka)")]),
        "retention_h" => plain(t("hours")),
        "buffer_size_mb" => plain("MB"),
        "platform" => choice(vec![("ec2", t("EC2 instances")), ("fargate", t("Fargate tasks"))]),
        "per_instance_concurrency" => plain(t("at once")),
        "capacity" => plain(t("requests at once")),
        "workflow" => choice(vec![("standard", "Standard"), ("express", "Express")]),
        "engine" => choice(vec![
            ("dynamo_db", "Amazon DynamoDB"),
            ("aurora", "Amazon Aurora"),
            ("open_search", "Amazon OpenSearch Service"),
            ("cache", t("Cache (ElastiCache)")),
        ]),
        "channel" => choice(vec![("email", t("E-mail (SES)")), ("sms", "SMS")]),
        "filter_policy_scope" => choice(vec![("MessageAttributes", t("Message attributes")), ("MessageBody", t("Message body"))]),
        _ => plain(""),
    }
}

/// Traffic shapes for a client, as (tag, label).
pub fn traffic_shapes() -> Vec<(&'static str, &'static str)> {
    vec![("steady", t("Steady")), ("poisson", t("Random (Poisson)")), ("burst", t("Bursts")), ("spike", t("Spike")), ("ramp", t("Ramp"))]
}

/// Labels for the traffic shapes' own numbers, as (label, unit).
pub fn traffic_field(key: &str) -> (&'static str, &'static str) {
    let label = setting_label(key).map_or(t("Value"), |l| l.get(current()));
    let unit = match key {
        "every_s" | "at_s" | "for_s" | "over_s" => "s",
        "size" => t("requests"),
        "factor" => "×",
        "to_rate_per_s" => t("per second"),
        _ => "",
    };
    (label, unit)
}
