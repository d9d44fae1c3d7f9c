//! Every setting's name as the learner reads it, in both languages: the inspector
//! labels its inputs with these, and the range sentences name the setting the same way,
//! so a refusal points at the label beside the box.

use super::spec::{DatabaseEngine, Spec};
use crate::text::Text;

/// The label of the setting stored under `key` (component, connection and traffic
/// settings share one namespace); `None` for a key with no label yet.
pub fn setting_label(key: &str) -> Option<Text> {
    let (en, vi) = match key {
        "name" => ("Name", "Tên"),
        "rate_per_s" => ("Rate", "Tốc độ gửi"),
        "payload" => ("Payload template", "Mẫu payload"),
        "attributes" => ("Message attributes", "Thuộc tính message (message attributes)"),
        "waits_for_reply" => ("Waits for a reply", "Chờ trả lời"),
        "timeout_ms" | "timeout_s" => ("Timeout", "Thời gian chờ tối đa"),
        "integration" => ("Integration", "Kiểu tích hợp"),
        "throttle_rate_per_s" => ("Throttle rate", "Giới hạn tốc độ"),
        "throttle_burst" => ("Throttle burst", "Giới hạn đột biến"),
        "integration_timeout_ms" => ("Integration timeout", "Thời gian chờ tích hợp"),
        "source" => ("Source", "Nguồn"),
        "fifo" => ("FIFO", "Thứ tự FIFO"),
        "visibility_timeout_s" => ("Visibility timeout", "Thời gian ẩn message"),
        "max_receive_count" => ("Maximum receives", "Số lần nhận tối đa"),
        "delay_s" => ("Delivery delay", "Độ trễ giao"),
        "retention_s" | "retention_h" => ("Retention period", "Thời gian lưu giữ"),
        "batch_size" => ("Batch size", "Kích thước lô"),
        "message_group_field" => ("Message group field", "Trường message group"),
        "duplicate_rate" => ("Duplicate deliveries", "Tỉ lệ giao trùng"),
        "schema" => ("JSON Schema", "Lược đồ JSON"),
        "archive" => ("Archive events", "Lưu trữ event"),
        "replay_at_s" => ("Replay the archive at", "Phát lại archive lúc"),
        "flavour" => ("Flavour", "Dịch vụ"),
        "shards" => ("Shards / partitions", "Số shard / partition"),
        "partition_key_field" => ("Partition key field", "Trường partition key"),
        "enhanced_fan_out" => ("Enhanced fan-out", "Kênh đọc riêng (enhanced fan-out)"),
        "buffer_size_mb" => ("Buffer size", "Kích thước bộ đệm"),
        "buffer_interval_s" => ("Buffer interval", "Chu kỳ xả bộ đệm"),
        "concurrency_limit" => ("Concurrency limit", "Giới hạn đồng thời"),
        "duration_ms" => ("Duration", "Thời gian chạy"),
        "result" => ("Result (empty: returns its input)", "Kết quả trả về (để trống: trả lại input)"),
        "ignore_downstream_failures" => ("Ignore failed downstream calls", "Bỏ qua lỗi khi gọi dịch vụ phía sau"),
        "error_rate" => ("Error rate", "Tỉ lệ lỗi"),
        "platform" => ("Platform", "Nền tảng"),
        "min_instances" => ("Minimum instances", "Số instance tối thiểu"),
        "max_instances" => ("Maximum instances", "Số instance tối đa"),
        "per_instance_concurrency" => ("Work per instance", "Việc đồng thời mỗi instance"),
        "processing_ms" => ("Processing time", "Thời gian xử lý"),
        "target_backlog_per_instance" => ("Target backlog per instance", "Backlog mục tiêu mỗi instance"),
        "warmup_s" => ("Warm-up", "Thời gian khởi động"),
        "instance_warmup_s" => ("Instance warm-up (scaling metric)", "Thời gian làm nóng instance (chỉ số co giãn)"),
        "capacity" => ("Capacity", "Sức chứa"),
        "latency_ms" => ("Latency", "Độ trễ"),
        "workflow" => ("Workflow type", "Loại workflow"),
        "definition" => ("Definition (Amazon States Language)", "Định nghĩa (Amazon States Language)"),
        "engine" => ("Engine", "Loại cơ sở dữ liệu"),
        "write_capacity_per_s" => ("Write capacity", "Sức ghi"),
        "read_capacity_per_s" => ("Read capacity", "Sức đọc"),
        "change_stream" => ("Change stream", "Luồng thay đổi"),
        "max_connections" => ("Maximum connections", "Số kết nối tối đa"),
        "emit_events" => ("Emit event notifications", "Phát thông báo event"),
        "refresh_ms" => ("Refresh interval", "Chu kỳ làm mới"),
        "channel" => ("Channel", "Kênh gửi"),
        "filter_policy" => ("Filter policy", "Bộ lọc (filter policy)"),
        "filter_policy_scope" => ("Filter policy scope", "Phạm vi lọc"),
        "pattern" => ("Event pattern", "Mẫu so khớp event"),
        "batch_window_s" => ("Batch window", "Thời gian gom lô"),
        "report_batch_item_failures" => ("Report batch item failures", "Báo lỗi từng item trong lô"),
        "bisect_on_error" => ("Split batch on error", "Chia đôi lô khi lỗi"),
        "max_retry_attempts" => ("Retry attempts", "Số lần thử lại"),
        "mapping_retry_attempts" => ("Retry attempts (-1: until the records expire)", "Số lần thử lại (-1: tới khi record hết hạn)"),
        "max_record_age_s" => ("Maximum record age (-1: the stream's retention)", "Tuổi record tối đa (-1: theo thời gian lưu của stream)"),
        "max_event_age_s" => ("Maximum event age", "Tuổi event tối đa"),
        "consumer_group" => ("Consumer group", "Nhóm consumer"),
        "http_retries" => ("HTTP retries", "Số lần thử lại HTTP"),
        "http_retry_delay_s" => ("Delay between HTTP retries", "Thời gian chờ giữa các lần thử lại HTTP"),
        // A client's traffic shape.
        "every_s" => ("Burst interval", "Khoảng cách giữa các đợt"),
        "size" => ("Burst size", "Số request mỗi đợt"),
        "at_s" => ("Spike start", "Thời điểm tăng đột biến"),
        "for_s" => ("Spike length", "Độ dài đợt tăng"),
        "factor" => ("Spike factor", "Hệ số tăng"),
        "to_rate_per_s" => ("Final rate", "Tốc độ cuối"),
        "over_s" => ("Ramp length", "Thời gian tăng dần"),
        // Faults.
        "latency_multiplier" => ("Latency multiplier", "Hệ số độ trễ"),
        _ => return None,
    };
    Some(Text::new(en, vi))
}

/// Settings of a component with these settings that only name what a learner would choose in AWS and do not
/// change the run; the inspector marks them with [`label_only_note`], and
/// tests/sim_settings_matter.rs checks that every other setting changes the run.
pub fn is_label_only(spec: &Spec, key: &str) -> bool {
    match (spec, key) {
        (Spec::Notification(_), "channel") => true,
        // DynamoDB is reached over HTTPS: no connection limit.
        (Spec::Database(d), "max_connections") => d.engine == DatabaseEngine::DynamoDb,
        _ => false,
    }
}

/// The inspector's note beside a label-only setting.
pub fn label_only_note() -> Text {
    Text::new("label only — does not change the run", "chỉ là nhãn — không thay đổi lượt chạy")
}

/// The label of a fault's setting: the fault's own words where a component setting has
/// the same key (`error_rate`).
pub fn fault_label(key: &str) -> Option<Text> {
    match key {
        "down" => Some(Text::new("Down for the whole run", "Tắt suốt lượt chạy")),
        "stopped" => Some(Text::new("Stopped for the whole run (throttled to 0)", "Dừng suốt lượt chạy (throttle về 0)")),
        "error_rate" => Some(Text::new("Injected error rate", "Tỉ lệ lỗi thêm vào")),
        _ => setting_label(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{default_settings, ComponentKind, ConnectionKind, Faults, Spec};
    use serde_json::Value;

    fn keys(value: Value) -> Vec<String> {
        match value {
            Value::Object(map) => map.into_iter().flat_map(|(k, v)| if k == "traffic" { keys(v) } else { vec![k] }).collect(),
            _ => Vec::new(),
        }
    }

    /// Every setting of every kind, every connection setting and every fault has a label
    /// written in each language.
    #[test]
    fn every_setting_has_a_label_in_both_languages() {
        let mut all = Vec::new();
        for kind in ComponentKind::ALL {
            let spec = serde_json::to_value(Spec::default_for(kind)).expect("json");
            all.extend(keys(spec["settings"].clone()));
        }
        all.extend(keys(serde_json::to_value(default_settings(ConnectionKind::Rule, ComponentKind::EventBus)).expect("json")));
        for key in ["every_s", "size", "at_s", "for_s", "factor", "to_rate_per_s", "over_s"] {
            all.push(key.to_string());
        }
        let faults = keys(serde_json::to_value(Faults::default()).expect("json"));
        for key in all.iter().filter(|k| !matches!(k.as_str(), "shape" | "dead_letter_queue" | "task_state")) {
            let label = setting_label(key).unwrap_or_else(|| panic!("no label for {key}"));
            assert_ne!(label.en, label.vi, "{key}");
        }
        for key in faults.iter().filter(|k| matches!(k.as_str(), "down" | "error_rate" | "latency_multiplier")) {
            let label = fault_label(key).expect("fault label");
            assert_ne!(label.en, label.vi, "{key}");
        }
    }
}
