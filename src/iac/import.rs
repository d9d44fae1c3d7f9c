//! A template's resources as a diagram: every resource of a type the lab models becomes a
//! component with the settings the template gives, and connections come from the
//! references between resources (`Ref`, `Fn::GetAtt`, ARNs built with `Fn::Sub`), never
//! from names. What the lab does not model, or whose connection the rule table refuses,
//! is counted in the [`Summary`]: nothing is dropped silently.
//!
//! What the lab carries that a template cannot (a simulated fault, a function's run time,
//! a client's traffic) comes back from `Metadata.DecoupleLab`, which the exporter writes
//! (docs/iac.md).

use super::layout;
use super::template::{placeholders, references, Resource, Template};
use crate::model::spec::{EventSourceType, Integration, NotificationChannel, StreamFlavour, WorkflowType};
use crate::model::{
    allowed_kinds, check_component, check_connection, default_settings, Component, ComponentId, ComponentKind as K, Connection,
    ConnectionId, ConnectionKind as C, ConnectionSettings, Diagram, Faults, Point, RunSettings, Spec,
};
use crate::text::Message;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};

/// The metadata key the exporter writes and the importer reads.
pub const METADATA_KEY: &str = "DecoupleLab";
/// The suffix of the parameter that holds a lab-only component's address (e-mail, URL).
pub const ENDPOINT_SUFFIX: &str = "Endpoint";

/// What an import made and what it left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub components: usize,
    pub connections: usize,
    /// Resource types the lab does not model, with how many of each.
    pub not_modelled: BTreeMap<String, usize>,
    /// Connections AWS has but the rule table refuses, each as "A → B".
    pub not_drawn: Vec<String>,
    /// Template features the lab approximates or waits on (issue 13), each named once.
    pub approximations: Vec<String>,
}

impl Summary {
    /// The one sentence shown after an import.
    pub fn message(&self) -> Message {
        let (n, m) = (self.components, self.connections);
        let (cs, ls) = (if n == 1 { "" } else { "s" }, if m == 1 { "" } else { "s" });
        let mut en = format!("Imported {n} component{cs} and {m} connection{ls}");
        let mut vi = format!("Đã nhập {n} thành phần và {m} kết nối");
        if !self.not_modelled.is_empty() {
            let list = self.not_modelled.iter().map(|(t, c)| format!("{c} {t}")).collect::<Vec<_>>().join(", ");
            en.push_str(&format!("; not modelled: {list}"));
            vi.push_str(&format!("; không mô phỏng: {list}"));
        }
        if !self.not_drawn.is_empty() {
            let list = self.not_drawn.join(", ");
            en.push_str(&format!("; not drawn (the lab's rule table refuses them for now): {list}"));
            vi.push_str(&format!("; không vẽ (bảng quy tắc của lab hiện chưa cho phép): {list}"));
        }
        if !self.approximations.is_empty() {
            let list = self.approximations.join(", ");
            en.push_str(&format!("; approximated: {list}"));
            vi.push_str(&format!("; mô phỏng gần đúng: {list}"));
        }
        en.push('.');
        vi.push('.');
        Message { en, vi }
    }
}

/// A diagram built from a template, with what was left out.
#[derive(Clone, Debug)]
pub struct Imported {
    pub diagram: Diagram,
    pub summary: Summary,
}

/// A connection the template implies, before the rule table judges it.
struct Link {
    from: ComponentId,
    to: ComponentId,
    kind: Option<C>,
    settings: Map<String, Value>,
}

struct Importer<'t> {
    template: &'t Template,
    diagram: Diagram,
    ids: HashMap<String, ComponentId>,
    /// Parameters that name a resource (`TableName: !Ref TableNameParam`): a reference
    /// to the parameter elsewhere is a reference to that resource.
    named_by: HashMap<String, ComponentId>,
    /// APIs whose integration the lab's Metadata sets (the exporter's word wins).
    integration_given: Vec<ComponentId>,
    links: Vec<Link>,
    summary: Summary,
}

/// Builds the diagram for a parsed template.
pub fn import_template(template: &Template) -> Imported {
    import_with_ids(template).0
}

/// The same, with the component each logical id became (the exporter checks itself with it).
pub(crate) fn import_with_ids(template: &Template) -> (Imported, HashMap<String, ComponentId>) {
    let mut im = Importer { template, diagram: Diagram::new(), ids: HashMap::new(), named_by: HashMap::new(), integration_given: Vec::new(), links: Vec::new(), summary: Summary::default() };
    for resource in &template.resources {
        im.component_for(resource);
    }
    im.lab_only_components();
    for resource in &template.resources {
        im.links_of(resource);
    }
    im.connect_all();
    if !template.metadata.contains_key(METADATA_KEY) {
        im.add_traffic();
    }
    im.settle_api_integrations();
    im.run_settings();
    layout::arrange(&mut im.diagram);
    im.summary.components = im.diagram.component_count();
    im.summary.connections = im.diagram.connection_count();
    (Imported { diagram: im.diagram, summary: im.summary }, im.ids)
}

/// Types that become a component of their own.
fn kind_for(resource_type: &str) -> Option<K> {
    Some(match resource_type {
        "AWS::SQS::Queue" => K::Queue,
        "AWS::SNS::Topic" => K::Topic,
        "AWS::Events::EventBus" => K::EventBus,
        "AWS::Kinesis::Stream" | "AWS::MSK::Cluster" | "AWS::MSK::ServerlessCluster" => K::Stream,
        "AWS::KinesisFirehose::DeliveryStream" => K::DeliveryStream,
        "AWS::Serverless::Function" | "AWS::Lambda::Function" | "AWS::Pipes::Pipe" => K::Function,
        "AWS::Serverless::StateMachine" | "AWS::StepFunctions::StateMachine" => K::StateMachine,
        "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" | "AWS::Serverless::SimpleTable" | "AWS::RDS::DBCluster" => K::Database,
        "AWS::S3::Bucket" => K::ObjectStorage,
        "AWS::OpenSearchService::Domain" | "AWS::Elasticsearch::Domain" => K::SearchIndex,
        "AWS::Athena::WorkGroup" => K::Analytics,
        "AWS::ApiGateway::RestApi" | "AWS::ApiGatewayV2::Api" | "AWS::Serverless::Api" | "AWS::Serverless::HttpApi" => K::ApiGateway,
        "AWS::AutoScaling::AutoScalingGroup" => K::WorkerGroup,
        _ => return None,
    })
}

/// The properties that name a resource.
const NAME_PROPERTIES: &[&str] = &[
    "QueueName", "TopicName", "Name", "TableName", "BucketName", "FunctionName", "StreamName", "StateMachineName", "DeliveryStreamName", "ClusterName",
];

/// Types that become connections or settings of other components.
fn is_folded(resource_type: &str) -> bool {
    matches!(
        resource_type,
        "AWS::SNS::Subscription"
            | "AWS::Events::Rule"
            | "AWS::Events::Archive"
            | "AWS::Lambda::EventSourceMapping"
            | "AWS::Lambda::EventInvokeConfig"
            | "AWS::ApiGateway::Method"
            | "AWS::ApiGatewayV2::Integration"
    )
}

fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn whole(value: Option<&Value>) -> Option<u32> {
    number(value).filter(|n| *n >= 0.0).map(|n| n.min(u32::MAX as f64) as u32)
}

fn truthy(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// A policy or pattern given as an object, or as JSON text, as compact JSON text;
/// pseudo parameters take the lab's example account and region, other intrinsic
/// functions become `${Name}` text, so the simulation gets a pattern it can match.
fn json_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => serde_json::from_str::<Value>(s).ok().map(|v| v.to_string()),
        v @ Value::Object(_) => Some(strip_intrinsics(v).to_string()),
        _ => None,
    }
}

/// The account and region the lab's examples use for `AWS::AccountId` and `AWS::Region`.
const PSEUDO: &[(&str, &str)] = &[("AWS::AccountId", "123456789012"), ("AWS::Region", "us-east-1"), ("AWS::Partition", "aws"), ("AWS::URLSuffix", "amazonaws.com")];

fn pseudo(text: &str) -> String {
    PSEUDO.iter().fold(text.to_string(), |t, (name, value)| t.replace(&format!("${{{name}}}"), value))
}

/// `value` with `patch`'s fields put over it (both JSON objects of a settings struct).
pub(crate) fn overlay<T: serde::Serialize + serde::de::DeserializeOwned + Clone>(value: &T, patch: &Map<String, Value>) -> T {
    let Ok(Value::Object(mut base)) = serde_json::to_value(value) else { return value.clone() };
    for (k, v) in patch {
        if base.contains_key(k) {
            base.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(Value::Object(base)).unwrap_or_else(|_| value.clone())
}

fn spec_with(kind: K, patch: &Map<String, Value>) -> Spec {
    let base = Spec::default_for(kind);
    let Ok(Value::Object(mut whole)) = serde_json::to_value(&base) else { return base };
    if let Some(Value::Object(settings)) = whole.get_mut("settings") {
        for (k, v) in patch {
            if settings.contains_key(k) {
                settings.insert(k.clone(), v.clone());
            }
        }
    }
    serde_json::from_value(Value::Object(whole)).unwrap_or(base)
}

impl Importer<'_> {
    fn note(&mut self, text: &str) {
        if !self.summary.approximations.iter().any(|a| a == text) {
            self.summary.approximations.push(text.to_string());
        }
    }

    fn not_modelled(&mut self, what: &str) {
        *self.summary.not_modelled.entry(what.to_string()).or_default() += 1;
    }

    fn add(&mut self, logical: &str, name: &str, kind: K, settings: Map<String, Value>, faults: Option<&Value>) -> ComponentId {
        let id = self.diagram.next_component_id();
        let mut spec = spec_with(kind, &settings);
        let faults: Faults = faults.and_then(|f| serde_json::from_value(merge_defaults(&Faults::default(), f)).ok()).unwrap_or_default();
        let mut component = Component { id, name: name.chars().take(crate::model::MAX_NAME_CHARS).collect(), position: Point::default(), spec: spec.clone(), faults };
        // A value outside what the lab simulates falls back to the kind's default.
        for bad in check_component(&component) {
            let mut patch = settings.clone();
            patch.remove(bad.field);
            spec = spec_with(kind, &patch);
            component.spec = spec.clone();
            self.note(&format!("{name}'s {} outside the lab's range", bad.field));
        }
        if !check_component(&component).is_empty() {
            component.faults = Faults::default();
        }
        let _ = self.diagram.insert_component(component);
        self.ids.insert(logical.to_string(), id);
        id
    }

    /// The component `value` refers to (first modelled reference).
    fn target(&self, value: Option<&Value>) -> Option<ComponentId> {
        self.targets(value).first().copied()
    }

    /// Components `value` refers to: resources, and lab-only components through the
    /// `<Logical>Endpoint` parameter the exporter gives each (an address, a URL).
    fn targets(&self, value: Option<&Value>) -> Vec<ComponentId> {
        value.map(|v| references(v).iter().filter_map(|r| self.resolve(r)).collect()).unwrap_or_default()
    }

    fn resolve(&self, name: &str) -> Option<ComponentId> {
        self.ids.get(name).or_else(|| self.named_by.get(name)).or_else(|| name.strip_suffix(ENDPOINT_SUFFIX).and_then(|l| self.ids.get(l))).copied()
    }

    fn link(&mut self, from: ComponentId, to: ComponentId, kind: Option<C>, settings: Map<String, Value>) {
        self.links.push(Link { from, to, kind, settings });
    }

    /// The account's default event bus, drawn once when a rule or a bucket uses it.
    fn default_bus(&mut self) -> ComponentId {
        if let Some(&id) = self.ids.get("default") {
            return id;
        }
        // The lab's own "default" bus, brought back from Metadata.
        if let Some(id) = self.diagram.components().find(|c| c.kind() == K::EventBus && c.name == "default").map(|c| c.id) {
            return id;
        }
        self.add("default", "default", K::EventBus, Map::new(), None)
    }

    /// The bus a rule or an `EventBridgeRule` event is on: a reference, or the default bus.
    fn bus_of(&mut self, name: Option<&Value>) -> ComponentId {
        match self.target(name) {
            Some(id) if self.diagram.kind_of(id).ok() == Some(K::EventBus) => id,
            _ => self.default_bus(),
        }
    }

    // -----------------------------------------------------------------------------------
    // Components

    fn component_for(&mut self, r: &Resource) {
        let Some(kind) = kind_for(&r.kind) else {
            if !is_folded(&r.kind) {
                self.not_modelled(&r.kind);
            }
            return;
        };
        let meta = r.metadata.get(METADATA_KEY).and_then(Value::as_object);
        let mut s = Map::new();
        match r.kind.as_str() {
            "AWS::SQS::Queue" => {
                put_num(&mut s, "visibility_timeout_s", r.prop("VisibilityTimeout"));
                put_num(&mut s, "delay_s", r.prop("DelaySeconds"));
                put_num(&mut s, "retention_s", r.prop("MessageRetentionPeriod"));
                if truthy(r.prop("FifoQueue")) {
                    s.insert("fifo".into(), true.into());
                }
                let redrive = redrive_policy(r.prop("RedrivePolicy"));
                put_num(&mut s, "max_receive_count", redrive.as_ref().and_then(|p| p.get("maxReceiveCount")));
            }
            "AWS::SNS::Topic" if truthy(r.prop("FifoTopic")) => {
                s.insert("fifo".into(), true.into());
            }
            "AWS::Kinesis::Stream" => {
                let on_demand = r.path(&["StreamModeDetails", "StreamMode"]).and_then(Value::as_str) == Some("ON_DEMAND");
                if on_demand {
                    // On-demand starts at 4 MB/s of writes, the capacity of 4 shards.
                    s.insert("shards".into(), 4.into());
                    self.note("on-demand streams as 4 shards");
                } else {
                    put_num(&mut s, "shards", r.prop("ShardCount").or(Some(&json!(1))));
                }
                put_num(&mut s, "retention_h", r.prop("RetentionPeriodHours"));
            }
            "AWS::MSK::Cluster" | "AWS::MSK::ServerlessCluster" => {
                s.insert("flavour".into(), serde_json::to_value(StreamFlavour::Kafka).unwrap_or_default());
            }
            "AWS::KinesisFirehose::DeliveryStream" => {
                for dest in ["ExtendedS3DestinationConfiguration", "S3DestinationConfiguration", "AmazonopensearchserviceDestinationConfiguration"] {
                    put_num(&mut s, "buffer_interval_s", r.path(&[dest, "BufferingHints", "IntervalInSeconds"]));
                    put_num(&mut s, "buffer_size_mb", r.path(&[dest, "BufferingHints", "SizeInMBs"]));
                }
            }
            "AWS::Serverless::Function" | "AWS::Lambda::Function" => {
                put_num(&mut s, "timeout_s", r.prop("Timeout"));
                put_num(&mut s, "concurrency_limit", r.prop("ReservedConcurrentExecutions"));
                // The exported handler's run time and failure share (any template may set them).
                put_num(&mut s, "duration_ms", r.path(&["Environment", "Variables", "DURATION_MS"]));
                if let Some(rate) = number(r.path(&["Environment", "Variables", "ERROR_RATE"])).filter(|x| (0.0..=1.0).contains(x)) {
                    s.insert("error_rate".into(), json!(rate));
                }
                if r.prop("MemorySize").is_some() {
                    self.note("memory size as a label (run time comes from Metadata or the default)");
                }
            }
            "AWS::Pipes::Pipe" => self.note("EventBridge Pipes as functions between source and target"),
            "AWS::Serverless::StateMachine" | "AWS::StepFunctions::StateMachine" => {
                let express = r.prop("Type").or(r.prop("StateMachineType")).and_then(Value::as_str) == Some("EXPRESS");
                if express {
                    s.insert("workflow".into(), serde_json::to_value(WorkflowType::Express).unwrap_or_default());
                }
                if let Some(text) = self.definition_text(r, meta) {
                    s.insert("definition".into(), text.into());
                }
            }
            "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" | "AWS::Serverless::SimpleTable" => {
                if r.prop("StreamSpecification").is_some() {
                    s.insert("change_stream".into(), true.into());
                }
                put_num(&mut s, "write_capacity_per_s", r.path(&["ProvisionedThroughput", "WriteCapacityUnits"]));
                let hash = r.prop("KeySchema").and_then(Value::as_array).into_iter().flatten().find(|k| k.get("KeyType").and_then(Value::as_str) == Some("HASH"));
                if let Some(name) = hash.and_then(|k| k.get("AttributeName")).and_then(Value::as_str) {
                    s.insert("partition_key_field".into(), name.into());
                }
            }
            "AWS::RDS::DBCluster" => {
                s.insert("engine".into(), "aurora".into());
            }
            "AWS::S3::Bucket" => {
                let n = r.prop("NotificationConfiguration");
                // Notifications of its own, or a SAM function's S3 event on it.
                let s3_event = |e: &Value| e.get("Type").and_then(Value::as_str) == Some("S3") && references(e).contains(&r.id);
                let emits = n.is_some_and(|n| n.as_object().is_some_and(|m| !m.is_empty()))
                    || self.template.resources.iter().any(|f| f.prop("Events").and_then(Value::as_object).is_some_and(|e| e.values().any(s3_event)));
                s.insert("emit_events".into(), emits.into());
            }
            "AWS::AutoScaling::AutoScalingGroup" => {
                put_num(&mut s, "min_instances", r.prop("MinSize"));
                put_num(&mut s, "max_instances", r.prop("MaxSize"));
                put_num(&mut s, "instance_warmup_s", r.prop("DefaultInstanceWarmup"));
            }
            _ => {}
        }
        // What the lab carries that the template cannot (written by the exporter).
        if let Some(Value::Object(extra)) = meta.and_then(|m| m.get("settings")) {
            for (k, v) in extra {
                s.insert(k.clone(), v.clone());
            }
        }
        let name = meta.and_then(|m| m.get("name")).and_then(Value::as_str).unwrap_or(&r.id).to_string();
        let given = meta.and_then(|m| m.get("settings")).is_some_and(|s| s.get("integration").is_some());
        let id = self.add(&r.id, &name, kind, s, meta.and_then(|m| m.get("faults")));
        if given {
            self.integration_given.push(id);
        }
        for key in NAME_PROPERTIES {
            if let Some(Value::String(param)) = r.prop(key).and_then(|v| v.get("Ref")) {
                self.named_by.entry(param.clone()).or_insert(id);
            }
        }
    }

    /// A state machine's definition as text: `Definition` (an object), `DefinitionString`
    /// (text, or `Fn::Sub`/`Fn::Join` building it), or the lab's own text when the
    /// definition in the template is still the one the lab wrote.
    fn definition_text(&mut self, r: &Resource, meta: Option<&Map<String, Value>>) -> Option<String> {
        let value = match (r.prop("Definition"), r.prop("DefinitionString")) {
            (Some(d), _) => Some(d.clone()),
            (None, Some(Value::String(s))) => serde_json::from_str(s).ok(),
            (None, Some(other)) => {
                let text = match other.get("Fn::Sub") {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Array(parts)) => parts.first().and_then(Value::as_str).map(str::to_string),
                    _ => join_text(other.get("Fn::Join")),
                };
                text.and_then(|t| serde_json::from_str(&t).ok())
            }
            (None, None) => {
                if r.prop("DefinitionUri").is_some() {
                    self.note("state machines defined in a separate file (DefinitionUri) keep the default definition");
                }
                None
            }
        }?;
        let value = strip_intrinsics(&value);
        if let Some(text) = meta.and_then(|m| m.get("definition")).and_then(Value::as_str) {
            if serde_json::from_str::<Value>(text).ok().as_ref() == Some(&value) {
                return Some(text.to_string());
            }
        }
        serde_json::to_string_pretty(&value).ok()
    }

    /// Components the lab has and a template cannot (clients, services, worker groups...),
    /// written by the exporter in the template's `Metadata`.
    fn lab_only_components(&mut self) {
        let Some(Value::Object(list)) = self.template.metadata.get(METADATA_KEY).and_then(|m| m.get("components")) else { return };
        for (logical, entry) in list {
            let Some(kind) = entry.get("kind").and_then(Value::as_str).and_then(K::from_key) else { continue };
            if self.ids.contains_key(logical) {
                continue;
            }
            let settings = entry.get("settings").and_then(Value::as_object).cloned().unwrap_or_default();
            let name = entry.get("name").and_then(Value::as_str).unwrap_or(logical).to_string();
            self.add(logical, &name, kind, settings, entry.get("faults"));
        }
    }

    // -----------------------------------------------------------------------------------
    // Connections

    fn links_of(&mut self, r: &Resource) {
        let me = self.ids.get(&r.id).copied();
        match r.kind.as_str() {
            "AWS::SQS::Queue" => {
                if let (Some(me), Some(policy)) = (me, redrive_policy(r.prop("RedrivePolicy"))) {
                    if let Some(dlq) = self.target(policy.get("deadLetterTargetArn")) {
                        self.link(me, dlq, Some(C::Redrive), Map::new());
                    }
                }
            }
            "AWS::SNS::Topic" => {
                if let Some(Value::Array(subs)) = r.prop("Subscription") {
                    for (i, sub) in subs.iter().enumerate() {
                        self.subscription(me, sub, &format!("{}Subscription{}", r.id, i + 1));
                    }
                }
            }
            "AWS::SNS::Subscription" => {
                let topic = self.target(r.prop("TopicArn"));
                self.subscription(topic, &Value::Object(r.properties.clone()), &r.id);
            }
            "AWS::Events::Rule" => self.rule(r),
            "AWS::Events::Archive" => {
                if let Some(bus) = self.target(r.prop("SourceArn")) {
                    if let Some(Spec::EventBus(s)) = self.diagram.component_mut(bus).map(|c| &mut c.spec) {
                        s.archive = true;
                    }
                }
            }
            "AWS::Lambda::EventSourceMapping" => {
                let (source, function) = (self.target(r.prop("EventSourceArn")), self.target(r.prop("FunctionName")));
                if let (Some(source), Some(function)) = (source, function) {
                    let s = self.mapping_settings(&r.properties);
                    self.link(source, function, None, s);
                }
            }
            "AWS::Lambda::EventInvokeConfig" => {
                if let Some(function) = self.target(r.prop("FunctionName")) {
                    self.destinations(function, r.prop("DestinationConfig"));
                }
            }
            "AWS::Serverless::Function" | "AWS::Lambda::Function" => {
                let Some(me) = me else { return };
                self.function_events(me, r.prop("Events"));
                self.destinations(me, r.path(&["EventInvokeConfig", "DestinationConfig"]));
                self.produces(me, r.path(&["Environment", "Variables"]), r.prop("Policies"));
                if r.prop("Events").is_some_and(|e| e.as_object().is_some_and(|m| m.values().any(|v| v.get("Type").and_then(Value::as_str) == Some("SNS") && truthy(v.get("Properties").and_then(|p| p.get("SqsSubscription")))))) {
                    self.note("SNS events with SqsSubscription as a direct subscription");
                }
            }
            "AWS::Serverless::StateMachine" | "AWS::StepFunctions::StateMachine" => {
                let Some(me) = me else { return };
                self.tasks(me, r);
                self.function_events(me, r.prop("Events"));
            }
            "AWS::Pipes::Pipe" => {
                let Some(me) = me else { return };
                if let Some(source) = self.target(r.prop("Source")) {
                    let mut s = Map::new();
                    for p in ["SqsQueueParameters", "KinesisStreamParameters", "DynamoDBStreamParameters"] {
                        put_num(&mut s, "batch_size", r.path(&["SourceParameters", p, "BatchSize"]));
                        put_num(&mut s, "batch_window_s", r.path(&["SourceParameters", p, "MaximumBatchingWindowInSeconds"]));
                    }
                    if r.path(&["SourceParameters", "FilterCriteria"]).is_some() {
                        self.note("pipe filter criteria (every record goes through)");
                    }
                    self.link(source, me, None, s);
                }
                if r.prop("Enrichment").is_some() {
                    self.note("pipe enrichment");
                }
                for target in self.targets(r.prop("Target")) {
                    self.link(me, target, None, Map::new());
                }
            }
            "AWS::KinesisFirehose::DeliveryStream" => {
                let Some(me) = me else { return };
                if let Some(stream) = self.target(r.path(&["KinesisStreamSourceConfiguration", "KinesisStreamARN"])) {
                    self.link(stream, me, None, Map::new());
                }
                for dest in ["ExtendedS3DestinationConfiguration", "S3DestinationConfiguration"] {
                    if let Some(bucket) = self.target(r.path(&[dest, "BucketARN"])) {
                        self.link(me, bucket, None, Map::new());
                    }
                }
                if let Some(index) = self.target(r.path(&["AmazonopensearchserviceDestinationConfiguration", "DomainARN"])) {
                    self.link(me, index, None, Map::new());
                }
                if r.path(&["ExtendedS3DestinationConfiguration", "ProcessingConfiguration"]).is_some() {
                    self.note("Firehose transformation functions (records are delivered untransformed)");
                }
            }
            "AWS::DynamoDB::Table" => {
                if let (Some(me), Some(stream)) = (me, self.target(r.path(&["KinesisStreamSpecification", "StreamArn"]))) {
                    self.link(me, stream, None, Map::new());
                }
            }
            "AWS::S3::Bucket" => {
                let Some(me) = me else { return };
                let n = r.prop("NotificationConfiguration");
                if n.and_then(|n| n.get("EventBridgeConfiguration")).is_some_and(|c| truthy(c.get("EventBridgeEnabled")) || c.as_object().is_some_and(|m| m.is_empty())) {
                    let bus = self.default_bus();
                    self.link(me, bus, None, Map::new());
                }
                for (list, field) in [("LambdaConfigurations", "Function"), ("QueueConfigurations", "Queue"), ("TopicConfigurations", "Topic")] {
                    if let Some(Value::Array(items)) = n.and_then(|n| n.get(list)) {
                        for item in items {
                            if let Some(to) = self.target(item.get(field)) {
                                self.link(me, to, None, Map::new());
                            }
                        }
                    }
                }
            }
            "AWS::ApiGateway::RestApi" | "AWS::Serverless::Api" | "AWS::Serverless::HttpApi" | "AWS::ApiGatewayV2::Api" => {
                let Some(me) = me else { return };
                if r.prop("DefinitionUri").is_some() || r.prop("BodyS3Location").is_some() || r.path(&["DefinitionBody", "Fn::Transform"]).is_some() {
                    self.note("API definitions kept in other files (their integrations are not drawn)");
                }
                for body in ["Body", "DefinitionBody"] {
                    for target in self.targets(r.prop(body)) {
                        self.link(me, target, None, Map::new());
                    }
                }
            }
            "AWS::ApiGateway::Method" | "AWS::ApiGatewayV2::Integration" => {
                let api = self.target(r.prop("RestApiId").or(r.prop("ApiId")));
                if let Some(api) = api {
                    let mut integration = r.prop("Integration").cloned().unwrap_or(Value::Object(r.properties.clone()));
                    if let Value::Object(m) = &mut integration {
                        m.remove("Credentials");
                        m.remove("CredentialsArn");
                    }
                    for target in self.targets(Some(&integration)) {
                        if target != api {
                            self.link(api, target, None, Map::new());
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn subscription(&mut self, topic: Option<ComponentId>, sub: &Value, logical: &str) {
        let Some(topic) = topic else { return };
        let protocol = sub.get("Protocol").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
        let endpoint = match protocol.as_str() {
            "email" | "email-json" | "sms" => {
                let channel = if protocol == "sms" { NotificationChannel::Sms } else { NotificationChannel::Email };
                let mut s = Map::new();
                s.insert("channel".into(), serde_json::to_value(channel).unwrap_or_default());
                let param = references(sub.get("Endpoint").unwrap_or(&Value::Null)).into_iter().next();
                let key = param.clone().unwrap_or_else(|| logical.to_string());
                let known = self.target(sub.get("Endpoint")).or_else(|| self.ids.get(&key).copied());
                Some(known.unwrap_or_else(|| self.add(&key, &key, K::Notification, s, None)))
            }
            "http" | "https" => match self.target(sub.get("Endpoint")) {
                Some(id) => Some(id),
                None => Some(self.ids.get(logical).copied().unwrap_or_else(|| self.add(logical, logical, K::Service, Map::new(), None))),
            },
            _ => self.target(sub.get("Endpoint")),
        };
        let Some(endpoint) = endpoint else { return };
        let s = self.subscription_settings(sub);
        if protocol == "sqs" && truthy(sub.get("RawMessageDelivery")) {
            self.note("raw message delivery as a label");
        }
        self.link(topic, endpoint, Some(C::Subscription), s);
    }

    /// A subscription's filter policy (SNS's default scope is MessageAttributes) and DLQ.
    fn subscription_settings(&self, sub: &Value) -> Map<String, Value> {
        let mut s = Map::new();
        if let Some(policy) = json_text(sub.get("FilterPolicy")) {
            s.insert("filter_policy".into(), policy.into());
            let scope = sub.get("FilterPolicyScope").and_then(Value::as_str).unwrap_or("MessageAttributes");
            s.insert("filter_policy_scope".into(), scope.into());
        }
        if let Some(dlq) = self.target(redrive_policy(sub.get("RedrivePolicy")).as_ref().and_then(|p| p.get("deadLetterTargetArn"))) {
            s.insert("dead_letter_queue".into(), json!(dlq));
        }
        s
    }

    /// A rule target's pattern, retry policy and DLQ (a rule's `Targets` entry or a SAM
    /// `EventBridgeRule` event's properties, which name them alike).
    fn rule_target_settings(&mut self, pattern: Option<String>, target: &Value) -> Map<String, Value> {
        let mut s = Map::new();
        if let Some(p) = pattern {
            s.insert("pattern".into(), p.into());
        }
        put_num(&mut s, "max_retry_attempts", target.get("RetryPolicy").and_then(|p| p.get("MaximumRetryAttempts")));
        put_num(&mut s, "max_event_age_s", target.get("RetryPolicy").and_then(|p| p.get("MaximumEventAgeInSeconds")));
        if let Some(dlq) = self.target(target.get("DeadLetterConfig").and_then(|d| d.get("Arn"))) {
            s.insert("dead_letter_queue".into(), json!(dlq));
        }
        if target.get("InputTransformer").is_some() || target.get("InputPath").is_some() || target.get("Input").is_some() {
            self.note("rule input transformers (targets get the whole event)");
        }
        s
    }

    fn rule(&mut self, r: &Resource) {
        let schedule = r.prop("ScheduleExpression").and_then(Value::as_str).map(str::to_string);
        let from = match &schedule {
            Some(expression) => {
                let mut s = Map::new();
                s.insert("source".into(), serde_json::to_value(EventSourceType::Schedule).unwrap_or_default());
                if let Some(rate) = schedule_rate(expression) {
                    s.insert("rate_per_s".into(), json!(rate));
                }
                self.add(&r.id, &r.id, K::EventSource, s, None)
            }
            None => self.bus_of(r.prop("EventBusName")),
        };
        let pattern = json_text(r.prop("EventPattern"));
        let Some(Value::Array(targets)) = r.prop("Targets") else { return };
        for target in targets {
            let Some(to) = self.target(target.get("Arn")) else { continue };
            let s = self.rule_target_settings(pattern.clone(), target);
            let kind = if schedule.is_some() { None } else { Some(C::Rule) };
            self.link(from, to, kind, s);
        }
    }

    fn mapping_settings(&mut self, p: &Map<String, Value>) -> Map<String, Value> {
        let mut s = Map::new();
        put_num(&mut s, "batch_size", p.get("BatchSize"));
        put_num(&mut s, "batch_window_s", p.get("MaximumBatchingWindowInSeconds"));
        if let Some(Value::Array(types)) = p.get("FunctionResponseTypes") {
            if types.iter().any(|t| t.as_str() == Some("ReportBatchItemFailures")) {
                s.insert("report_batch_item_failures".into(), true.into());
            }
        }
        if truthy(p.get("BisectBatchOnFunctionError")) {
            s.insert("bisect_on_error".into(), true.into());
        }
        put_num(&mut s, "mapping_retry_attempts", p.get("MaximumRetryAttempts"));
        put_num(&mut s, "max_record_age_s", p.get("MaximumRecordAgeInSeconds"));
        if p.get("FilterCriteria").is_some() {
            self.note("event source mapping filter criteria (every record reaches the function)");
        }
        if p.get("DestinationConfig").is_some() {
            self.note("event source mapping on-failure destinations");
        }
        s
    }

    /// SAM `Events` of a function or state machine.
    fn function_events(&mut self, me: ComponentId, events: Option<&Value>) {
        let Some(Value::Object(events)) = events else { return };
        for (name, event) in events {
            let kind = event.get("Type").and_then(Value::as_str).unwrap_or("");
            let empty = Map::new();
            let p = event.get("Properties").and_then(Value::as_object).unwrap_or(&empty);
            match kind {
                "SQS" | "Kinesis" | "DynamoDB" | "MSK" => {
                    let source = self.target(p.get("Queue").or(p.get("Stream")));
                    if let Some(source) = source {
                        let s = self.mapping_settings(p);
                        self.link(source, me, None, s);
                    }
                }
                "SNS" => {
                    let topic = self.target(p.get("Topic"));
                    if let Some(topic) = topic {
                        let s = self.subscription_settings(&Value::Object(p.clone()));
                        self.link(topic, me, Some(C::Subscription), s);
                    }
                }
                "EventBridgeRule" | "CloudWatchEvent" => {
                    let bus = self.bus_of(p.get("EventBusName"));
                    let s = self.rule_target_settings(json_text(p.get("Pattern")), &Value::Object(p.clone()));
                    self.link(bus, me, Some(C::Rule), s);
                }
                "Schedule" | "ScheduleV2" => {
                    let mut s = Map::new();
                    s.insert("source".into(), serde_json::to_value(EventSourceType::Schedule).unwrap_or_default());
                    let expression = p.get("Schedule").or(p.get("ScheduleExpression")).and_then(Value::as_str).unwrap_or("");
                    if let Some(rate) = schedule_rate(expression) {
                        s.insert("rate_per_s".into(), json!(rate));
                    }
                    let logical = format!("{}{name}", self.diagram.component(me).map(|c| c.name.clone()).unwrap_or_default());
                    let source = self.add(&logical, name, K::EventSource, s, None);
                    self.link(source, me, None, Map::new());
                }
                "Api" | "HttpApi" => {
                    let explicit = self.target(p.get("RestApiId").or(p.get("ApiId")));
                    let api = match explicit {
                        Some(api) => api,
                        None => {
                            let implicit = if kind == "Api" { "ServerlessRestApi" } else { "ServerlessHttpApi" };
                            match self.ids.get(implicit) {
                                Some(&id) => id,
                                None => self.add(implicit, implicit, K::ApiGateway, Map::new(), None),
                            }
                        }
                    };
                    self.link(api, me, None, Map::new());
                }
                "S3" => {
                    if let Some(bucket) = self.target(p.get("Bucket")) {
                        self.link(bucket, me, None, Map::new());
                    }
                }
                other => self.not_modelled(&format!("{other} event")),
            }
        }
    }

    fn destinations(&mut self, me: ComponentId, config: Option<&Value>) {
        let Some(config) = config else { return };
        if let Some(to) = self.target(config.get("OnFailure").and_then(|d| d.get("Destination"))) {
            self.link(me, to, Some(C::OnFailure), Map::new());
        }
        if let Some(to) = self.target(config.get("OnSuccess").and_then(|d| d.get("Destination"))) {
            self.link(me, to, None, Map::new());
        }
    }

    /// What a function sends to: resources its environment points at, and those its SAM
    /// policy templates let it write to. Read-only policies wait on reads (issue 13).
    fn produces(&mut self, me: ComponentId, env: Option<&Value>, policies: Option<&Value>) {
        let mut targets: Vec<(ComponentId, Option<C>)> = Vec::new();
        if let Some(Value::Object(vars)) = env {
            for (name, value) in vars {
                for t in self.targets(Some(value)) {
                    // The exporter names a synchronous call `CALL_...` and a read `READ_...`.
                    let kind = if name.starts_with("CALL_") {
                        Some(C::Call)
                    } else if name.starts_with("READ_") {
                        Some(C::Read)
                    } else {
                        None
                    };
                    targets.push((t, kind));
                }
            }
        }
        let mut reads = Vec::new();
        if let Some(Value::Array(list)) = policies {
            for policy in list {
                let Some(Value::Object(m)) = Some(policy) else { continue };
                for (name, args) in m {
                    let read_only = name.ends_with("ReadPolicy") || name == "SQSPollerPolicy" || name.contains("Describe");
                    for t in self.targets(Some(args)) {
                        if read_only {
                            reads.push(t);
                        } else {
                            targets.push((t, None));
                        }
                    }
                }
            }
        }
        // A read-only policy on a store is a read (unless an environment variable said so already).
        for t in reads {
            let store = matches!(self.diagram.kind_of(t).ok(), Some(K::Database | K::ObjectStorage | K::SearchIndex));
            if store && !targets.contains(&(t, Some(C::Read))) {
                targets.push((t, Some(C::Read)));
            }
        }
        let mut seen = Vec::new();
        for (t, kind) in targets {
            // One connection per target and kind (a function may write a table and read it).
            let read = kind == Some(C::Read);
            if t == me || seen.contains(&(t, read)) {
                continue;
            }
            seen.push((t, read));
            // A function's own event source is polled, not written to.
            let source = self.links.iter().any(|l| l.from == t && l.to == me);
            if !source {
                self.link(me, t, kind, Map::new());
            }
        }
    }

    fn name_of(&self, id: ComponentId) -> String {
        self.diagram.component(id).map(|c| c.name.clone()).unwrap_or_default()
    }

    /// Each Task state of a definition connects to what it runs: references in the
    /// state itself, `${Name}` placeholders resolved through `DefinitionSubstitutions`.
    fn tasks(&mut self, me: ComponentId, r: &Resource) {
        let substitutions = r.prop("DefinitionSubstitutions").and_then(Value::as_object).cloned().unwrap_or_default();
        let definition = match (r.prop("Definition"), r.prop("DefinitionString")) {
            (Some(d), _) => d.clone(),
            (None, Some(Value::String(s))) => serde_json::from_str(s).unwrap_or(Value::Null),
            (None, Some(other)) => {
                let text = match other.get("Fn::Sub") {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Array(parts)) => parts.first().and_then(Value::as_str).map(str::to_string),
                    _ => join_text(other.get("Fn::Join")),
                };
                text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Value::Null)
            }
            _ => Value::Null,
        };
        let mut states = Vec::new();
        task_states(&definition, &mut states, 0);
        let mut served: HashMap<ComponentId, String> = HashMap::new();
        for (state_name, state) in states {
            let resource = state.get("Resource").and_then(Value::as_str).unwrap_or("");
            let reads = [":getItem", ":query", ":scan", ":batchGetItem", ":getObject", "s3:getObject", ":headObject", ":receiveMessage"];
            if reads.iter().any(|r| resource.contains(r)) {
                let me_name = self.name_of(me);
                self.summary.not_drawn.push(format!("{me_name} reads in {state_name} (reads wait on issue 13)"));
                continue;
            }
            let mut names = references(&state);
            let mut texts = Vec::new();
            strings(&state, &mut texts, 0);
            for text in texts {
                for p in placeholders(&text) {
                    match substitutions.get(p) {
                        Some(v) => names.extend(references(v)),
                        None => names.push(p.split('.').next().unwrap_or("").to_string()),
                    }
                }
            }
            let mut done = Vec::new();
            for name in names {
                let Some(to) = self.resolve(&name) else { continue };
                if done.contains(&to) || to == me {
                    continue;
                }
                done.push(to);
                // One function may serve several Task states, a connection for each.
                served.entry(to).or_insert_with(|| state_name.clone());
                let mut s = Map::new();
                s.insert("task_state".into(), state_name.clone().into());
                self.link(me, to, Some(C::Task), s);
            }
        }
        let writes: Vec<Value> = match r.prop("Policies") {
            Some(Value::Array(list)) => list.iter().filter(|p| !p.as_object().is_some_and(|m| m.keys().any(|k| k.ends_with("ReadPolicy")))).cloned().collect(),
            _ => Vec::new(),
        };
        for to in self.targets(Some(&Value::Array(writes))) {
            if !served.contains_key(&to) && to != me {
                served.insert(to, String::new());
                self.link(me, to, Some(C::Task), Map::new());
            }
        }
    }

    /// Judges every implied connection against the rule table; what it refuses is
    /// named in the summary.
    fn connect_all(&mut self) {
        let links = std::mem::take(&mut self.links);
        for link in links {
            self.connect(link.from, link.to, link.kind, &link.settings);
        }
        // The lab's own connection settings and connections a template can't hold.
        let Some(Value::Array(list)) = self.template.metadata.get(METADATA_KEY).and_then(|m| m.get("connections")).cloned() else { return };
        for entry in list {
            let end = |key: &str| entry.get(key).and_then(Value::as_str).and_then(|l| self.ids.get(l).copied());
            let (Some(from), Some(to)) = (end("from"), end("to")) else { continue };
            let kind: Option<C> = entry.get("kind").and_then(|k| serde_json::from_value(k.clone()).ok());
            let mut settings = entry.get("settings").and_then(Value::as_object).cloned().unwrap_or_default();
            if let Some(dlq) = settings.get("dead_letter_queue").and_then(Value::as_str).and_then(|l| self.ids.get(l).copied()) {
                settings.insert("dead_letter_queue".into(), json!(dlq));
            }
            // Two components may share several connections (a write and a read, Task
            // states): the entry names its kind and, for a Task, its state.
            let state = settings.get("task_state").and_then(Value::as_str).unwrap_or("").to_string();
            let same = |c: &&crate::model::Connection| {
                c.from == from && c.to == to && kind.is_none_or(|k| k == c.kind) && (c.kind != C::Task || c.settings.task_state == state)
            };
            let names_unnamed = entry.get("names_unnamed_task").and_then(Value::as_bool).unwrap_or(false);
            let existing = self.diagram.connections().find(same).or_else(|| match kind {
                // A Task the template drew without knowing its state, when the export says
                // this entry is that Task.
                Some(C::Task) if names_unnamed => {
                    self.diagram.connections().find(|c| c.from == from && c.to == to && c.kind == C::Task && c.settings.task_state.is_empty())
                }
                Some(C::Task) => None,
                Some(C::Read) => None,
                // Another kind between the two may be the same connection redrawn, but a
                // read stays a read.
                _ => self.diagram.connections().find(|c| c.from == from && c.to == to && c.kind != C::Read),
            });
            let existing = existing.map(|c| c.id);
            match existing {
                Some(id) => {
                    if let Some(kind) = kind {
                        let _ = self.diagram.set_connection_kind(id, kind);
                    }
                    if let Some(c) = self.diagram.connection_mut(id) {
                        c.settings = overlay(&c.settings, &settings);
                    }
                }
                None => self.connect(from, to, kind, &settings),
            }
        }
    }

    fn connect(&mut self, from: ComponentId, to: ComponentId, kind: Option<C>, patch: &Map<String, Value>) {
        let (Ok(from_kind), Ok(to_kind)) = (self.diagram.kind_of(from), self.diagram.kind_of(to)) else { return };
        let (a, b) = (self.name_of(from), self.name_of(to));
        let allowed = match allowed_kinds(from_kind, to_kind) {
            Ok(kinds) => kinds,
            Err(_) => {
                let what = format!("{a} → {b}");
                if !self.summary.not_drawn.contains(&what) {
                    self.summary.not_drawn.push(what);
                }
                return;
            }
        };
        let kind = match kind {
            Some(k) if allowed.contains(&k) => k,
            _ => allowed[0],
        };
        let mut settings: ConnectionSettings = overlay(&default_settings(kind, from_kind), patch);
        // Once per pair, but for a write beside a read and one Task per state (the
        // model's own rule decides).
        let twin = |c: &Connection| c.kind == kind && (kind != C::Task || c.settings.task_state == settings.task_state);
        if self.diagram.connections().any(|c| c.from == from && c.to == to && (twin(c) || !matches!(kind, C::Read | C::Write | C::Task))) {
            return;
        }
        if !check_connection(kind, from_kind, &settings).is_empty() {
            settings = default_settings(kind, from_kind);
            self.note(&format!("{a} → {b} settings outside the lab's range"));
        }
        let id: ConnectionId = self.diagram.next_connection_id();
        if let Err(e) = self.diagram.insert_connection(Connection { id, from, to, kind, settings }) {
            let why = e.message().en;
            self.summary.not_drawn.push(format!("{a} → {b} ({})", why.trim_end_matches('.')));
        }
    }

    /// A template has no users: so that it plays, a client sends to every entry point
    /// (what nothing else feeds and a client can reach). A lab export has its own clients.
    fn add_traffic(&mut self) {
        let dead_letter: Vec<ComponentId> = self.diagram.connections().filter_map(|c| c.settings.dead_letter_queue).collect();
        let entries: Vec<ComponentId> = self
            .diagram
            .components()
            .filter(|c| self.diagram.incoming(c.id).next().is_none() && !dead_letter.contains(&c.id))
            .filter(|c| allowed_kinds(K::Client, c.kind()).is_ok())
            .filter(|c| c.kind() != K::Queue || self.diagram.outgoing(c.id).any(|o| o.kind != C::Redrive))
            .map(|c| c.id)
            .collect();
        if entries.is_empty() {
            return;
        }
        let client = self.add("DecoupleLabTraffic", "Test traffic", K::Client, Map::new(), None);
        for entry in entries {
            self.connect(client, entry, None, &Map::new());
        }
        self.note("a client (Test traffic) sends to the entry points so the diagram plays");
    }

    /// The run's seed and length, and the exercise, as the exporter keeps them.
    fn run_settings(&mut self) {
        let Some(meta) = self.template.metadata.get(METADATA_KEY) else { return };
        if let Some(run) = meta.get("run").and_then(|r| serde_json::from_value::<RunSettings>(r.clone()).ok()) {
            if run.duration_s.is_finite() && run.duration_s > 0.0 && run.duration_s <= crate::share::MAX_DURATION_S {
                self.diagram.run = run;
            }
        }
        if let Some(exercise) = meta.get("exercise").and_then(Value::as_str) {
            self.diagram.exercise = Some(exercise.chars().take(crate::share::MAX_EXERCISE_CHARS).collect());
        }
    }

    /// An API that stores requests in a queue, topic, bus or stream answers 202 at once.
    fn settle_api_integrations(&mut self) {
        let apis: Vec<ComponentId> =
            self.diagram.components().filter(|c| c.kind() == K::ApiGateway && !self.integration_given.contains(&c.id)).map(|c| c.id).collect();
        for api in apis {
            let stores = self.diagram.outgoing(api).any(|c| matches!(c.kind, C::Send | C::Publish | C::PutEvent | C::PutRecord));
            if stores {
                if let Some(Spec::ApiGateway(s)) = self.diagram.component_mut(api).map(|c| &mut c.spec) {
                    s.integration = Integration::Async;
                }
            }
        }
    }
}

fn merge_defaults<T: serde::Serialize>(defaults: &T, given: &Value) -> Value {
    let mut base = serde_json::to_value(defaults).unwrap_or(Value::Null);
    if let (Value::Object(b), Value::Object(g)) = (&mut base, given) {
        for (k, v) in g {
            b.insert(k.clone(), v.clone());
        }
    }
    base
}

fn put_num(s: &mut Map<String, Value>, key: &str, value: Option<&Value>) {
    if let Some(n) = whole(value) {
        s.insert(key.to_string(), n.into());
    }
}

/// A redrive policy given as an object or as JSON text.
fn redrive_policy(value: Option<&Value>) -> Option<Map<String, Value>> {
    match value? {
        Value::Object(m) => Some(m.clone()),
        Value::String(s) => serde_json::from_str(s).ok(),
        _ => None,
    }
}

/// `Fn::Join` of text and references, with references written `${Name}` so a
/// definition built that way reads like one built with `Fn::Sub`.
fn join_text(join: Option<&Value>) -> Option<String> {
    let parts = join?.as_array()?;
    let separator = parts.first()?.as_str()?;
    let items = parts.get(1)?.as_array()?;
    let texts: Vec<String> = items
        .iter()
        .map(|item| match item {
            Value::String(s) => s.clone(),
            other => references(other).first().map(|r| format!("${{{r}}}")).unwrap_or_default(),
        })
        .collect();
    Some(texts.join(separator))
}

/// A definition with intrinsic functions (in an inline `Definition`) turned into `${Name}`
/// placeholders, so the definition is plain Amazon States Language.
fn strip_intrinsics(value: &Value) -> Value {
    match value {
        Value::Object(map) if map.len() == 1 && map.keys().next().is_some_and(|k| k == "Ref" || k.starts_with("Fn::")) => {
            match (map.get("Ref").and_then(Value::as_str), map.get("Fn::Sub").and_then(Value::as_str)) {
                (Some(name), _) if PSEUDO.iter().any(|(p, _)| *p == name) => Value::String(pseudo(&format!("${{{name}}}"))),
                (_, Some(text)) => Value::String(pseudo(text)),
                _ => match references(value).first() {
                    Some(name) => Value::String(format!("${{{name}}}")),
                    None => Value::String(String::new()),
                },
            }
        }
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), strip_intrinsics(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(strip_intrinsics).collect()),
        other => other.clone(),
    }
}

/// Every Task state, in Parallel branches and Map processors too.
pub(crate) fn task_states(definition: &Value, out: &mut Vec<(String, Value)>, depth: usize) {
    if depth > 20 {
        return;
    }
    let Some(Value::Object(states)) = definition.get("States") else { return };
    for (name, state) in states {
        match state.get("Type").and_then(Value::as_str) {
            Some("Task") => out.push((name.clone(), state.clone())),
            Some("Parallel") => {
                if let Some(Value::Array(branches)) = state.get("Branches") {
                    branches.iter().for_each(|b| task_states(b, out, depth + 1));
                }
            }
            Some("Map") => {
                for key in ["ItemProcessor", "Iterator"] {
                    if let Some(p) = state.get(key) {
                        task_states(p, out, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

pub(crate) fn strings(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 30 {
        return;
    }
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Object(m) => m.values().for_each(|v| strings(v, out, depth + 1)),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out, depth + 1)),
        _ => {}
    }
}

/// Events per second of `rate(5 minutes)`; a `cron(...)` counts as once a minute.
fn schedule_rate(expression: &str) -> Option<f64> {
    let inner = expression.trim().strip_prefix("rate(")?.strip_suffix(')')?;
    let mut parts = inner.split_whitespace();
    let n: f64 = parts.next()?.parse().ok()?;
    let unit = parts.next()?.trim_end_matches('s');
    let seconds = match unit {
        "minute" => 60.0,
        "hour" => 3_600.0,
        "day" => 86_400.0,
        _ => return None,
    };
    (n > 0.0).then(|| 1.0 / (n * seconds))
}
