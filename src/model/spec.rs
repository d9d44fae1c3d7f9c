//! Each kind's settings, with AWS's defaults where AWS has one, and their ranges.

use super::kind::ComponentKind;
use serde::{Deserialize, Serialize};

/// How a client's requests are spread over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "shape", rename_all = "snake_case", deny_unknown_fields)]
pub enum Traffic {
    /// Evenly spaced requests.
    Steady,
    /// Random arrivals (exponential gaps) at the mean rate.
    Poisson,
    /// `size` requests at once every `every_s` seconds.
    Burst { every_s: f64, size: u32 },
    /// The base rate, times `factor` from `at_s` for `for_s` seconds.
    Spike { at_s: f64, for_s: f64, factor: f64 },
    /// From the base rate up to `to_rate_per_s` over `over_s` seconds.
    Ramp { to_rate_per_s: f64, over_s: f64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ClientSpec {
    pub rate_per_s: f64,
    pub traffic: Traffic,
    /// JSON with placeholders: `{{uuid}}`, `{{int 1 100}}`, `{{pick a b c}}`, `{{seq}}`.
    pub payload: String,
    /// A waiting client records latency and the errors users see.
    pub waits_for_reply: bool,
    pub timeout_ms: u32,
    /// SNS message attributes, a JSON object with the same placeholders as the
    /// payload (empty: none): what a filter policy with `MessageAttributes` scope reads.
    pub attributes: String,
}

impl Default for ClientSpec {
    fn default() -> Self {
        ClientSpec {
            rate_per_s: 5.0,
            traffic: Traffic::Poisson,
            payload: r#"{"orderId": "{{uuid}}", "amount": {{int 1 500}}}"#.to_string(),
            waits_for_reply: true,
            timeout_ms: 10_000,
            attributes: String::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Integration {
    /// Waits for the backend and returns its answer (29 s integration timeout).
    SyncProxy,
    /// Stores the request in a queue, topic, bus or stream and answers 202 at once.
    Async,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ApiGatewaySpec {
    pub integration: Integration,
    /// Steady-state requests per second before 429 (AWS account default 10,000).
    pub throttle_rate_per_s: f64,
    /// Token bucket size (AWS account default 5,000).
    pub throttle_burst: u32,
    /// AWS's default integration timeout is 29 seconds.
    pub integration_timeout_ms: u32,
}

impl Default for ApiGatewaySpec {
    fn default() -> Self {
        ApiGatewaySpec { integration: Integration::SyncProxy, throttle_rate_per_s: 10_000.0, throttle_burst: 5_000, integration_timeout_ms: 29_000 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventSourceType {
    S3Upload,
    Schedule,
    IotDevices,
    CloudWatchAlarm,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct EventSourceSpec {
    pub source: EventSourceType,
    pub rate_per_s: f64,
}

impl Default for EventSourceSpec {
    fn default() -> Self {
        EventSourceSpec { source: EventSourceType::S3Upload, rate_per_s: 1.0 }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct QueueSpec {
    pub fifo: bool,
    /// SQS default 30 s; 0 to 43,200 (12 hours).
    pub visibility_timeout_s: u32,
    /// Receives before a message moves to the dead-letter queue (1 to 1,000).
    pub max_receive_count: u32,
    /// SQS delivery delay, 0 to 900 seconds.
    pub delay_s: u32,
    /// SQS default 4 days; 60 s to 14 days.
    pub retention_s: u32,
    /// Messages per receive, 1 to 10.
    pub batch_size: u32,
    /// FIFO: the payload field whose value is the message group id.
    pub message_group_field: String,
    /// Standard queues deliver at least once: the share of receives that duplicate.
    pub duplicate_rate: f64,
}

impl Default for QueueSpec {
    fn default() -> Self {
        QueueSpec {
            fifo: false,
            visibility_timeout_s: 30,
            max_receive_count: 5,
            delay_s: 0,
            retention_s: 345_600,
            batch_size: 10,
            message_group_field: "customerId".to_string(),
            duplicate_rate: 0.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct TopicSpec {
    pub fifo: bool,
    /// Optional JSON Schema; messages that do not fit are flagged.
    pub schema: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct EventBusSpec {
    /// Keep every event so it can be replayed (event sourcing).
    pub archive: bool,
    /// Optional JSON Schema; events that do not fit are flagged.
    pub schema: String,
    /// Seconds into the run at which the archive is replayed to the bus's rules (0: none; 0 to 86,400).
    pub replay_at_s: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StreamFlavour {
    Kinesis,
    Kafka,
}

impl StreamFlavour {
    /// The shard or partition (of `partitions`) a record with this partition key goes to.
    pub fn partition_of(self, key: &str, partitions: u32) -> u32 {
        let n = partitions.max(1);
        match self {
            // Kinesis maps the 128-bit MD5 of the key onto equal hash-key ranges.
            StreamFlavour::Kinesis => {
                use md5::{Digest, Md5};
                let digest = Md5::digest(key.as_bytes());
                let mut top = [0u8; 8];
                top.copy_from_slice(&digest[..8]);
                ((u128::from(u64::from_be_bytes(top)) * u128::from(n)) >> 64) as u32
            }
            // Kafka's default partitioner for a keyed record: `toPositive(murmur2(keyBytes)) %
            // numPartitions`, toPositive being `& 0x7fffffff` (clients' BuiltInPartitioner).
            StreamFlavour::Kafka => (murmur2(key.as_bytes()) & 0x7fff_ffff) % n,
        }
    }
}

/// Kafka's murmur2 (`org.apache.kafka.common.utils.Utils.murmur2`), on u32 so that Java's
/// wrapping `int` arithmetic and `>>>` come out the same.
fn murmur2(data: &[u8]) -> u32 {
    const M: u32 = 0x5bd1_e995;
    let mut h: u32 = 0x9747_b28c ^ data.len() as u32;
    let mut words = data.chunks_exact(4);
    for w in &mut words {
        let mut k = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> 24;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M) ^ k;
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= u32::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^ (h >> 15)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct StreamSpec {
    pub flavour: StreamFlavour,
    /// Kinesis shards or Kafka partitions.
    pub shards: u32,
    /// The payload field used as the partition key.
    pub partition_key_field: String,
    /// Kinesis default 24 hours (Kafka's `log.retention.hours` default is 168).
    pub retention_h: u32,
    /// Kinesis: each consumer gets its own 2 MB/s per shard, pushed (about 70 ms),
    /// instead of polling once a second and sharing 2 MB/s and 5 reads a second.
    pub enhanced_fan_out: bool,
}

impl Default for StreamSpec {
    fn default() -> Self {
        StreamSpec { flavour: StreamFlavour::Kinesis, shards: 2, partition_key_field: "deviceId".to_string(), retention_h: 24, enhanced_fan_out: false }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct DeliveryStreamSpec {
    /// Firehose default 5 MB (1 to 128).
    pub buffer_size_mb: u32,
    /// Firehose default 300 s (0 to 900).
    pub buffer_interval_s: u32,
}

impl Default for DeliveryStreamSpec {
    fn default() -> Self {
        DeliveryStreamSpec { buffer_size_mb: 5, buffer_interval_s: 300 }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct FunctionSpec {
    /// Reserved concurrency; the account default limit is 1,000.
    pub concurrency_limit: u32,
    /// Mean run time per invocation.
    pub duration_ms: u32,
    /// Share of invocations that fail (0 to 1).
    pub error_rate: f64,
    /// Lambda default 3 s; at most 900 s.
    pub timeout_s: u32,
    /// SNS message attributes the function sets on what it publishes, as a client's.
    pub attributes: String,
    /// The code catches a failed downstream call or send (try/except) and carries on:
    /// the invocation succeeds and what the call carried is lost.
    pub ignore_downstream_failures: bool,
    /// Asynchronous invocations older than this go to the on-failure destination
    /// (Lambda's maximum event age: 60 s to 6 h, 6 h by default).
    pub max_event_age_s: u32,
    /// What the function returns (a Step Functions Task's result): empty passes its
    /// input through; else a JSON template with the client payload's placeholders.
    pub result: String,
}

impl Default for FunctionSpec {
    fn default() -> Self {
        FunctionSpec {
            concurrency_limit: 1_000,
            duration_ms: 200,
            error_rate: 0.0,
            timeout_s: 3,
            attributes: String::new(),
            ignore_downstream_failures: false,
            max_event_age_s: 21_600,
            result: String::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkerPlatform {
    Ec2,
    Fargate,
}

impl WorkerPlatform {
    /// Seconds from a scale-out decision until the new capacity runs the code (before the
    /// group's own `warmup_s`): an EC2 instance launches, boots and registers with ECS;
    /// a Fargate task only needs its image pulled and its network interface attached.
    /// Simplified: AWS documents no fixed numbers (docs/simulation.md).
    pub fn start_s(self) -> u32 {
        match self {
            WorkerPlatform::Ec2 => 90,
            WorkerPlatform::Fargate => 30,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct WorkerGroupSpec {
    pub platform: WorkerPlatform,
    pub min_instances: u32,
    pub max_instances: u32,
    /// Messages one instance works on at once.
    pub per_instance_concurrency: u32,
    pub processing_ms: u32,
    pub error_rate: f64,
    /// Scale out when the backlog per instance is above this.
    pub target_backlog_per_instance: u32,
    /// The application's own warm-up before a new instance takes work (after the
    /// platform's start time).
    pub warmup_s: u32,
    /// Auto Scaling's instance warm-up: how long a new instance in service is left out
    /// of the scaling metric (and holds back scale-in).
    pub instance_warmup_s: u32,
}

impl Default for WorkerGroupSpec {
    fn default() -> Self {
        WorkerGroupSpec {
            platform: WorkerPlatform::Ec2,
            min_instances: 1,
            max_instances: 10,
            per_instance_concurrency: 1,
            processing_ms: 500,
            error_rate: 0.0,
            target_backlog_per_instance: 10,
            warmup_s: 60,
            instance_warmup_s: 300,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ServiceSpec {
    /// Requests handled at once; more wait, then time out.
    pub capacity: u32,
    pub latency_ms: u32,
    pub error_rate: f64,
    /// How long this service waits for services it calls.
    pub timeout_ms: u32,
}

impl Default for ServiceSpec {
    fn default() -> Self {
        ServiceSpec { capacity: 10, latency_ms: 100, error_rate: 0.0, timeout_ms: 5_000 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkflowType {
    Standard,
    Express,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct StateMachineSpec {
    pub workflow: WorkflowType,
    /// The Amazon States Language definition, as JSON text.
    pub definition: String,
}

impl Default for StateMachineSpec {
    fn default() -> Self {
        StateMachineSpec {
            workflow: WorkflowType::Standard,
            definition: r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DatabaseEngine {
    DynamoDb,
    Aurora,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSpec {
    pub engine: DatabaseEngine,
    /// Writes per second before throttling.
    pub write_capacity_per_s: u32,
    /// Reads per second before throttling.
    pub read_capacity_per_s: u32,
    /// DynamoDB Streams: emit each change to a connected function or stream.
    pub change_stream: bool,
    /// The payload field that is the item's partition key: a change stream keeps each
    /// item's changes in one shard, in order.
    pub partition_key_field: String,
    /// Aurora: connections the writer accepts at once (`max_connections`, by default
    /// `LEAST(DBInstanceClassMemory/9531392, 5000)`: about 1,800 on a 16 GiB instance);
    /// every running function, worker or service slot that reads or writes holds one.
    /// DynamoDB has no connections (a label there).
    pub max_connections: u32,
}

impl Default for DatabaseSpec {
    fn default() -> Self {
        DatabaseSpec {
            engine: DatabaseEngine::DynamoDb,
            write_capacity_per_s: 100,
            read_capacity_per_s: 300,
            change_stream: false,
            partition_key_field: "orderId".to_string(),
            max_connections: 1_800,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ObjectStorageSpec {
    /// S3 event notifications for every object written.
    pub emit_events: bool,
}

impl Default for ObjectStorageSpec {
    fn default() -> Self {
        ObjectStorageSpec { emit_events: true }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReadModelType {
    OpenSearch,
    Cache,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SearchIndexSpec {
    pub engine: ReadModelType,
    /// Time to make a write searchable (OpenSearch refreshes every second).
    pub refresh_ms: u32,
}

impl Default for SearchIndexSpec {
    fn default() -> Self {
        SearchIndexSpec { engine: ReadModelType::OpenSearch, refresh_ms: 1_000 }
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct AnalyticsSpec {}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationChannel {
    Email,
    Sms,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NotificationSpec {
    pub channel: NotificationChannel,
}

impl Default for NotificationSpec {
    fn default() -> Self {
        NotificationSpec { channel: NotificationChannel::Email }
    }
}

/// A component's settings; the variant is the component's kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "settings", rename_all = "snake_case")]
pub enum Spec {
    Client(ClientSpec),
    ApiGateway(ApiGatewaySpec),
    EventSource(EventSourceSpec),
    Queue(QueueSpec),
    Topic(TopicSpec),
    EventBus(EventBusSpec),
    Stream(StreamSpec),
    DeliveryStream(DeliveryStreamSpec),
    Function(FunctionSpec),
    WorkerGroup(WorkerGroupSpec),
    Service(ServiceSpec),
    StateMachine(StateMachineSpec),
    Database(DatabaseSpec),
    ObjectStorage(ObjectStorageSpec),
    SearchIndex(SearchIndexSpec),
    Analytics(AnalyticsSpec),
    Notification(NotificationSpec),
}

impl Spec {
    /// The SNS message attributes template of a client or function ("" for others).
    pub fn message_attributes(&self) -> &str {
        match self {
            Spec::Client(s) => &s.attributes,
            Spec::Function(s) => &s.attributes,
            _ => "",
        }
    }

    /// The AWS service behind these settings, as AWS writes it: a Kafka stream is
    /// Amazon MSK, Fargate workers are ECS tasks, an Aurora database is Aurora.
    pub fn aws_name(&self) -> &'static str {
        match self {
            Spec::Stream(s) if s.flavour == StreamFlavour::Kafka => "Amazon MSK",
            Spec::WorkerGroup(s) if s.platform == WorkerPlatform::Fargate => "Amazon ECS on AWS Fargate",
            Spec::Database(s) if s.engine == DatabaseEngine::Aurora => "Amazon Aurora",
            _ => self.kind().aws_name(),
        }
    }

    /// What stands behind the component in `lang` (the kind's plain description where
    /// there is no single service, else [`Spec::aws_name`]).
    pub fn service(&self, lang: crate::text::Lang) -> &'static str {
        match self.kind().service(lang) {
            plain if plain != self.kind().aws_name() => plain,
            _ => self.aws_name(),
        }
    }

    /// The kind's settings with AWS's defaults.
    pub fn default_for(kind: ComponentKind) -> Spec {
        use ComponentKind as K;
        match kind {
            K::Client => Spec::Client(Default::default()),
            K::ApiGateway => Spec::ApiGateway(Default::default()),
            K::EventSource => Spec::EventSource(Default::default()),
            K::Queue => Spec::Queue(Default::default()),
            K::Topic => Spec::Topic(Default::default()),
            K::EventBus => Spec::EventBus(Default::default()),
            K::Stream => Spec::Stream(Default::default()),
            K::DeliveryStream => Spec::DeliveryStream(Default::default()),
            K::Function => Spec::Function(Default::default()),
            K::WorkerGroup => Spec::WorkerGroup(Default::default()),
            K::Service => Spec::Service(Default::default()),
            K::StateMachine => Spec::StateMachine(Default::default()),
            K::Database => Spec::Database(Default::default()),
            K::ObjectStorage => Spec::ObjectStorage(Default::default()),
            K::SearchIndex => Spec::SearchIndex(Default::default()),
            K::Analytics => Spec::Analytics(Default::default()),
            K::Notification => Spec::Notification(Default::default()),
        }
    }

    pub fn kind(&self) -> ComponentKind {
        use ComponentKind as K;
        match self {
            Spec::Client(_) => K::Client,
            Spec::ApiGateway(_) => K::ApiGateway,
            Spec::EventSource(_) => K::EventSource,
            Spec::Queue(_) => K::Queue,
            Spec::Topic(_) => K::Topic,
            Spec::EventBus(_) => K::EventBus,
            Spec::Stream(_) => K::Stream,
            Spec::DeliveryStream(_) => K::DeliveryStream,
            Spec::Function(_) => K::Function,
            Spec::WorkerGroup(_) => K::WorkerGroup,
            Spec::Service(_) => K::Service,
            Spec::StateMachine(_) => K::StateMachine,
            Spec::Database(_) => K::Database,
            Spec::ObjectStorage(_) => K::ObjectStorage,
            Spec::SearchIndex(_) => K::SearchIndex,
            Spec::Analytics(_) => K::Analytics,
            Spec::Notification(_) => K::Notification,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kafka's own vectors (`UtilsTest.testMurmur2` in the Java client).
    #[test]
    fn murmur2_matches_kafka() {
        let cases: [(&[u8], i32); 6] = [
            (b"21", -973_932_308),
            (b"foobar", -790_332_482),
            (b"a-little-bit-long-string", -985_981_536),
            (b"a-little-bit-longer-string", -1_486_304_829),
            (b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971),
            (b"abc", 479_470_107),
        ];
        for (data, want) in cases {
            assert_eq!(murmur2(data) as i32, want, "{}", String::from_utf8_lossy(data));
        }
        assert_eq!(StreamFlavour::Kafka.partition_of("21", 7), (-973_932_308i32 & 0x7fff_ffff) as u32 % 7);
    }
}
