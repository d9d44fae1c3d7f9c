//! Labels, units and choices for every setting the inspector shows, in the page's
//! language. Settings are edited generically through their JSON form, so a new setting
//! only needs a label in `model::setting_label` and, for a unit or choices, a line here.

use crate::lessons::ui_strings as words;
use super::i18n::Lang;
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

pub fn field_info(key: &str, lang: Lang) -> FieldInfo {
    let label = setting_label(key).map_or(words::settings::SETTING.get(lang), |l| l.get(lang));
    let plain = |unit: &'static str| FieldInfo { label, unit, choices: Vec::new(), multiline: false };
    let choice = |choices: Vec<(&'static str, &'static str)>| FieldInfo { label, unit: "", choices, multiline: false };
    let text = || FieldInfo { label, unit: "", choices: Vec::new(), multiline: true };
    match key {
        "rate_per_s" | "throttle_rate_per_s" | "write_capacity_per_s" | "read_capacity_per_s" => plain(words::charts::PER_SECOND.get(lang)),
        "payload" | "attributes" | "schema" | "definition" | "filter_policy" | "pattern" | "result" => text(),
        "timeout_ms" | "integration_timeout_ms" | "duration_ms" | "processing_ms" | "latency_ms" | "refresh_ms" => plain("ms"),
        "integration" => choice(vec![("sync_proxy", words::settings::SYNC_PROXY_WAITS_FOR_THE.get(lang)), ("async", words::settings::ASYNC_STORES_ANSWERS_202.get(lang))]),
        "throttle_burst" => plain(words::settings::REQUESTS.get(lang)),
        "source" => choice(vec![
            ("s3_upload", words::settings::S3_UPLOAD.get(lang)),
            ("schedule", words::settings::EVENTBRIDGE_SCHEDULE.get(lang)),
            ("iot_devices", words::settings::IOT_CORE_DEVICES.get(lang)),
            ("cloud_watch_alarm", words::settings::CLOUDWATCH_ALARM.get(lang)),
        ]),
        // Every other setting in seconds is named so (a new one needs no line here).
        k if k.ends_with("_s") && !k.ends_with("_per_s") => plain("s"),
        "max_receive_count" => plain(words::settings::BEFORE_THE_DLQ.get(lang)),
        "batch_size" | "target_backlog_per_instance" => plain(words::charts::MESSAGES.get(lang)),
        "http_retries" => plain(words::charts::RETRIES.get(lang)),
        "duplicate_rate" | "error_rate" => plain(words::settings::SHARE_ZERO_TO_ONE.get(lang)),
        "flavour" => choice(vec![("kinesis", "Kinesis Data Streams"), ("kafka", "MSK (Kafka)")]),
        "retention_h" => plain(words::settings::HOURS.get(lang)),
        "buffer_size_mb" => plain("MB"),
        "platform" => choice(vec![("ec2", words::settings::EC2_INSTANCES.get(lang)), ("fargate", words::settings::FARGATE_TASKS.get(lang))]),
        "per_instance_concurrency" => plain(words::settings::AT_ONCE.get(lang)),
        "capacity" => plain(words::settings::REQUESTS_AT_ONCE.get(lang)),
        "workflow" => choice(vec![("standard", "Standard"), ("express", "Express")]),
        "engine" => choice(vec![
            ("dynamo_db", "Amazon DynamoDB"),
            ("aurora", "Amazon Aurora"),
            ("open_search", "Amazon OpenSearch Service"),
            ("cache", words::settings::CACHE_ELASTICACHE.get(lang)),
        ]),
        "channel" => choice(vec![("email", words::settings::E_MAIL_SES.get(lang)), ("sms", "SMS")]),
        "filter_policy_scope" => choice(vec![("MessageAttributes", words::settings::MESSAGE_ATTRIBUTES.get(lang)), ("MessageBody", words::settings::MESSAGE_BODY.get(lang))]),
        _ => plain(""),
    }
}

/// Traffic shapes for a client, as (tag, label).
pub fn traffic_shapes(lang: Lang) -> Vec<(&'static str, &'static str)> {
    vec![("steady", words::settings::STEADY.get(lang)), ("poisson", words::settings::RANDOM_POISSON.get(lang)), ("burst", words::settings::BURSTS.get(lang)), ("spike", words::settings::SPIKE.get(lang)), ("ramp", words::settings::RAMP.get(lang))]
}

/// Labels for the traffic shapes' own numbers, as (label, unit).
pub fn traffic_field(key: &str, lang: Lang) -> (&'static str, &'static str) {
    let label = setting_label(key).map_or(words::settings::VALUE.get(lang), |l| l.get(lang));
    let unit = match key {
        "every_s" | "at_s" | "for_s" | "over_s" => "s",
        "size" => words::settings::REQUESTS.get(lang),
        "factor" => "×",
        "to_rate_per_s" => words::charts::PER_SECOND.get(lang),
        _ => "",
    };
    (label, unit)
}
