//! Labels, units and choices for every setting the inspector shows. Settings are
//! edited generically through their JSON form, so a new setting only needs a line here.

/// How a setting is shown.
pub struct FieldInfo {
    pub label: &'static str,
    /// Shown after the input ("s", "ms", "per second").
    pub unit: &'static str,
    /// Allowed values for a choice, as (stored value, label).
    pub choices: &'static [(&'static str, &'static str)],
    /// Shown as a multi-line JSON or text editor.
    pub multiline: bool,
}

const fn plain(label: &'static str, unit: &'static str) -> FieldInfo {
    FieldInfo { label, unit, choices: &[], multiline: false }
}

const fn choice(label: &'static str, choices: &'static [(&'static str, &'static str)]) -> FieldInfo {
    FieldInfo { label, unit: "", choices, multiline: false }
}

const fn text(label: &'static str) -> FieldInfo {
    FieldInfo { label, unit: "", choices: &[], multiline: true }
}

pub fn field_info(key: &str) -> FieldInfo {
    match key {
        "rate_per_s" => plain("Rate", "per second"),
        "payload" => text("Payload template"),
        "waits_for_reply" => plain("Waits for a reply", ""),
        "timeout_ms" => plain("Timeout", "ms"),
        "integration" => choice("Integration", &[("sync_proxy", "Sync proxy (waits for the backend)"), ("async", "Async (stores, answers 202)")]),
        "throttle_rate_per_s" => plain("Throttle rate", "per second"),
        "throttle_burst" => plain("Throttle burst", "requests"),
        "integration_timeout_ms" => plain("Integration timeout", "ms"),
        "source" => choice(
            "Source",
            &[("s3_upload", "S3 upload"), ("schedule", "EventBridge schedule"), ("iot_devices", "IoT Core devices"), ("cloud_watch_alarm", "CloudWatch alarm")],
        ),
        "fifo" => plain("FIFO", ""),
        "visibility_timeout_s" => plain("Visibility timeout", "s"),
        "max_receive_count" => plain("Maximum receives", "before the DLQ"),
        "delay_s" => plain("Delivery delay", "s"),
        "retention_s" => plain("Retention period", "s"),
        "batch_size" => plain("Batch size", "messages"),
        "message_group_field" => plain("Message group field", ""),
        "duplicate_rate" => plain("Duplicate deliveries", "share (0–1)"),
        "schema" => text("JSON Schema"),
        "archive" => plain("Archive events", ""),
        "flavour" => choice("Flavour", &[("kinesis", "Kinesis Data Streams"), ("kafka", "MSK (Kafka)")]),
        "shards" => plain("Shards / partitions", ""),
        "partition_key_field" => plain("Partition key field", ""),
        "retention_h" => plain("Retention", "hours"),
        "enhanced_fan_out" => plain("Enhanced fan-out", ""),
        "buffer_size_mb" => plain("Buffer size", "MB"),
        "buffer_interval_s" => plain("Buffer interval", "s"),
        "concurrency_limit" => plain("Concurrency limit", ""),
        "duration_ms" => plain("Duration", "ms"),
        "error_rate" => plain("Error rate", "share (0–1)"),
        "timeout_s" => plain("Timeout", "s"),
        "platform" => choice("Platform", &[("ec2", "EC2 instances"), ("fargate", "Fargate tasks")]),
        "min_instances" => plain("Minimum instances", ""),
        "max_instances" => plain("Maximum instances", ""),
        "per_instance_concurrency" => plain("Work per instance", "at once"),
        "processing_ms" => plain("Processing time", "ms"),
        "target_backlog_per_instance" => plain("Target backlog per instance", "messages"),
        "warmup_s" => plain("Warm-up", "s"),
        "capacity" => plain("Capacity", "requests at once"),
        "latency_ms" => plain("Latency", "ms"),
        "workflow" => choice("Workflow type", &[("standard", "Standard"), ("express", "Express")]),
        "definition" => text("Definition (Amazon States Language)"),
        "engine" => choice(
            "Engine",
            &[("dynamo_db", "Amazon DynamoDB"), ("aurora", "Amazon Aurora"), ("open_search", "Amazon OpenSearch Service"), ("cache", "Cache (ElastiCache)")],
        ),
        "write_capacity_per_s" => plain("Write capacity", "per second"),
        "change_stream" => plain("Change stream", ""),
        "emit_events" => plain("Emit event notifications", ""),
        "refresh_ms" => plain("Refresh interval", "ms"),
        "channel" => choice("Channel", &[("email", "E-mail (SES)"), ("sms", "SMS")]),
        // Connection settings.
        "filter_policy" => text("Filter policy"),
        "filter_policy_scope" => choice("Filter policy scope", &[("MessageAttributes", "Message attributes"), ("MessageBody", "Message body")]),
        "pattern" => text("Event pattern"),
        "batch_window_s" => plain("Batch window", "s"),
        "report_batch_item_failures" => plain("Report batch item failures", ""),
        "bisect_on_error" => plain("Split batch on error", ""),
        "max_retry_attempts" => plain("Retry attempts", ""),
        "max_event_age_s" => plain("Maximum event age", "s"),
        _ => plain("Setting", ""),
    }
}

/// Traffic shapes for a client, as (tag, label).
pub const TRAFFIC_SHAPES: &[(&str, &str)] = &[
    ("steady", "Steady"),
    ("poisson", "Random (Poisson)"),
    ("burst", "Bursts"),
    ("spike", "Spike"),
    ("ramp", "Ramp"),
];

/// Labels for the traffic shapes' own numbers.
pub fn traffic_field(key: &str) -> (&'static str, &'static str) {
    match key {
        "every_s" => ("Every", "s"),
        "size" => ("Burst size", "requests"),
        "at_s" => ("Spike at", "s"),
        "for_s" => ("Spike length", "s"),
        "factor" => ("Spike factor", "×"),
        "to_rate_per_s" => ("Final rate", "per second"),
        "over_s" => ("Ramp length", "s"),
        _ => ("Value", ""),
    }
}
