//! A diagram as a SAM template a learner can `sam deploy`: each component of a kind AWS
//! has becomes its resource with the diagram's settings, functions get an inline Python
//! handler that runs for the component's duration, fails at its error rate and sends to
//! what the diagram connects it to, with least-privilege SAM policy templates.
//!
//! What a template cannot say (a simulated fault, a client's traffic, a component AWS
//! has no resource for, a definition's own formatting) goes in `Metadata.DecoupleLab`:
//! the exporter imports its own template and writes there exactly what that import
//! would miss, so export then import gives the same diagram (docs/iac.md).

use super::import::{import_with_ids, ENDPOINT_SUFFIX, METADATA_KEY};
use super::template::{placeholders, Template};
use super::yaml_out::to_yaml;
use crate::share::format::spec_settings;
use crate::model::spec::{DatabaseEngine, NotificationChannel, StreamFlavour, WorkerPlatform, WorkflowType};
use crate::model::{Component, ComponentId, ComponentKind as K, Connection, ConnectionKind as C, ConnectionSettings, Diagram, Faults, Spec};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The handler every exported function runs (Python, from the standard library and boto3).
const HANDLER: &str = r#"# Decouple Lab: behaves as the diagram says. It runs for DURATION_MS, fails at
# ERROR_RATE, and sends the event on to every target named in its environment.
import json, os, random, time, urllib.request
import boto3

DURATION_MS = float(os.environ.get("DURATION_MS", "200"))
ERROR_RATE = float(os.environ.get("ERROR_RATE", "0"))


def send_on(body):
    for key, target in os.environ.items():
        if key.startswith("SEND_"):
            boto3.client("sqs").send_message(QueueUrl=target, MessageBody=body)
        elif key.startswith("PUBLISH_"):
            boto3.client("sns").publish(TopicArn=target, Message=body)
        elif key.startswith("PUT_EVENTS_"):
            entry = {"EventBusName": target, "Source": "decouple-lab", "DetailType": "message", "Detail": body}
            boto3.client("events").put_events(Entries=[entry])
        elif key.startswith("PUT_RECORD_"):
            boto3.client("kinesis").put_record(StreamName=target, Data=body.encode(), PartitionKey=str(time.time_ns()))
        elif key.startswith("FIREHOSE_"):
            boto3.client("firehose").put_record(DeliveryStreamName=target, Record={"Data": body.encode()})
        elif key.startswith("WRITE_TABLE_"):
            boto3.resource("dynamodb").Table(target).put_item(Item={"id": str(time.time_ns()), "body": body})
        elif key.startswith("WRITE_BUCKET_"):
            boto3.client("s3").put_object(Bucket=target, Key=f"{time.time_ns()}.json", Body=body.encode())
        elif key.startswith("INVOKE_"):
            boto3.client("lambda").invoke(FunctionName=target, InvocationType="Event", Payload=body.encode())
        elif key.startswith("CALL_") and target.startswith("http"):
            request = urllib.request.Request(target, data=body.encode(), headers={"Content-Type": "application/json"})
            urllib.request.urlopen(request, timeout=5).read()
        elif key.startswith("CALL_"):
            boto3.client("lambda").invoke(FunctionName=target, InvocationType="RequestResponse", Payload=body.encode())
        elif key.startswith("START_"):
            boto3.client("stepfunctions").start_execution(stateMachineArn=target, input=body)
        elif key.startswith("NOTIFY_"):
            message = {"Subject": {"Data": "Decouple Lab"}, "Body": {"Text": {"Data": body}}}
            boto3.client("ses").send_email(Source=target, Destination={"ToAddresses": [target]}, Message=message)


def handler(event, context):
    time.sleep(DURATION_MS / 1000)
    if random.random() < ERROR_RATE:
        raise RuntimeError("simulated failure (ERROR_RATE)")
    send_on(json.dumps(event, default=str))
    return event
"#;

/// The SAM template for `diagram`, as YAML text.
pub fn export(diagram: &Diagram) -> String {
    let mut template = build(diagram);
    let (metadata, per_resource) = carry_the_rest(diagram, &template);
    if let Some(Value::Object(resources)) = template.get_mut("Resources") {
        for (logical, extra) in per_resource {
            if let Some(Value::Object(resource)) = resources.get_mut(&logical) {
                resource.insert("Metadata".into(), json!({ METADATA_KEY: as_text(&Value::Object(extra)) }));
            }
        }
    }
    {
        let mut top = Map::new();
        for (k, v) in std::mem::take(&mut template) {
            top.insert(k.clone(), v);
            if k == "Description" {
                top.insert("Metadata".into(), json!({ METADATA_KEY: as_text(&Value::Object(metadata.clone())) }));
            }
        }
        template = top;
    }
    to_yaml(&Value::Object(template))
}

/// Metadata travels as JSON text: CloudFormation's Metadata takes no fractional
/// numbers (cfn-lint E4002), and text keeps every value exactly.
/// `${` is written `$\u007b` so that no linter takes the text for a `Fn::Sub` placeholder.
fn as_text(value: &Value) -> Value {
    Value::String(serde_json::to_string_pretty(value).map(|t| t.replace("${", "$\\u007b") + "\n").unwrap_or_default())
}

/// A logical id from a name: its ASCII letters and digits, words capitalised, unique.
fn logical_ids(diagram: &Diagram) -> HashMap<ComponentId, String> {
    let mut ids = HashMap::new();
    let mut taken: Vec<String> = Vec::new();
    for c in diagram.components() {
        let mut id = String::new();
        let mut upper = true;
        for ch in c.name.chars() {
            if ch.is_ascii_alphanumeric() {
                id.push(if upper { ch.to_ascii_uppercase() } else { ch });
                upper = false;
            } else {
                upper = true;
            }
        }
        if !id.starts_with(|ch: char| ch.is_ascii_alphabetic()) {
            id = format!("{}{id}", kind_word(c.kind()));
        }
        id.truncate(200);
        let base = id.clone();
        let mut n = 2;
        while taken.iter().any(|t| t.eq_ignore_ascii_case(&id)) || id.ends_with(ENDPOINT_SUFFIX) {
            id = format!("{base}{n}");
            n += 1;
        }
        taken.push(id.clone());
        ids.insert(c.id, id);
    }
    ids
}

fn kind_word(kind: K) -> String {
    kind.key().split('_').map(|w| format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..])).collect()
}

/// Does AWS have a resource the exporter writes for this component?
fn has_resource(c: &Component) -> bool {
    match &c.spec {
        Spec::Queue(_) | Spec::Topic(_) | Spec::Function(_) | Spec::StateMachine(_) | Spec::ObjectStorage(_) | Spec::ApiGateway(_) => true,
        Spec::Stream(s) => s.flavour == StreamFlavour::Kinesis,
        Spec::DeliveryStream(_) | Spec::Database(_) => true,
        Spec::EventBus(_) => !is_default_bus(c),
        // EC2 workers are an Auto Scaling group; Fargate tasks would be an ECS service.
        Spec::WorkerGroup(s) => s.platform == WorkerPlatform::Ec2,
        _ => false,
    }
}

/// The parameters an Auto Scaling group's launch template and subnets come from.
const WORKER_IMAGE: &str = "WorkerImageId";
const WORKER_SUBNETS: &str = "WorkerSubnets";

fn is_default_bus(c: &Component) -> bool {
    c.kind() == K::EventBus && c.name == "default"
}

fn r(name: &str) -> Value {
    json!({ "Ref": name })
}

fn arn(name: &str) -> Value {
    json!({ "Fn::GetAtt": [name, "Arn"] })
}

struct Out<'d> {
    diagram: &'d Diagram,
    ids: HashMap<ComponentId, String>,
    resources: Map<String, Value>,
    parameters: Map<String, Value>,
}

fn build(diagram: &Diagram) -> Map<String, Value> {
    let mut out = Out { diagram, ids: logical_ids(diagram), resources: Map::new(), parameters: Map::new() };
    for c in diagram.components() {
        if has_resource(c) {
            out.resource(c);
        }
    }
    for c in diagram.connections() {
        // A connection whose references would close a circle (a queue that is its own
        // DLQ, two functions calling each other) stays in Metadata: CloudFormation
        // refuses circular dependencies.
        let (resources, parameters) = (out.resources.clone(), out.parameters.clone());
        out.connection(c);
        if out.circular() {
            out.resources = resources;
            out.parameters = parameters;
        }
    }
    for c in diagram.components() {
        out.remaining_placeholders(c);
    }
    out.queue_and_topic_policies();
    let mut t = Map::new();
    t.insert("AWSTemplateFormatVersion".into(), "2010-09-09".into());
    t.insert("Transform".into(), "AWS::Serverless-2016-10-31".into());
    t.insert("Description".into(), "Exported from Decouple Lab: deploy it with `sam deploy --guided` and compare AWS with the simulation.".into());
    if !out.parameters.is_empty() {
        t.insert("Parameters".into(), Value::Object(out.parameters));
    }
    if out.resources.is_empty() {
        // A template needs a resource; an empty diagram gets a harmless one.
        out.resources.insert("Placeholder".into(), json!({"Type": "AWS::CloudFormation::WaitConditionHandle"}));
    }
    t.insert("Resources".into(), Value::Object(out.resources));
    t
}

impl Out<'_> {
    fn id(&self, c: ComponentId) -> String {
        self.ids.get(&c).cloned().unwrap_or_default()
    }

    fn component(&self, id: ComponentId) -> Option<&Component> {
        self.diagram.component(id)
    }

    fn circular(&self) -> bool {
        let list: Vec<(&str, Vec<String>)> = self
            .resources
            .iter()
            .map(|(id, body)| (id.as_str(), body.get("Properties").map(super::template::references).unwrap_or_default()))
            .collect();
        super::template::first_cycle(&list).is_some()
    }

    /// The properties of the resource written for `id`.
    fn props(&mut self, id: ComponentId) -> Option<&mut Map<String, Value>> {
        let logical = self.id(id);
        self.resources.get_mut(&logical)?.get_mut("Properties")?.as_object_mut()
    }

    fn resource(&mut self, c: &Component) {
        let logical = self.id(c.id);
        let (kind, props) = match &c.spec {
            Spec::Queue(s) => {
                let mut p = json!({"VisibilityTimeout": s.visibility_timeout_s, "MessageRetentionPeriod": s.retention_s});
                if s.delay_s > 0 {
                    p["DelaySeconds"] = json!(s.delay_s);
                }
                if s.fifo {
                    p["FifoQueue"] = json!(true);
                }
                ("AWS::SQS::Queue", p)
            }
            Spec::Topic(s) => ("AWS::SNS::Topic", if s.fifo { json!({"FifoTopic": true}) } else { json!({}) }),
            Spec::EventBus(_) => ("AWS::Events::EventBus", json!({"Name": {"Fn::Sub": format!("${{AWS::StackName}}-{logical}")}})),
            Spec::Stream(s) => ("AWS::Kinesis::Stream", json!({"ShardCount": s.shards, "RetentionPeriodHours": s.retention_h.max(24)})),
            Spec::DeliveryStream(_) => ("AWS::KinesisFirehose::DeliveryStream", json!({"DeliveryStreamType": "DirectPut"})),
            Spec::Function(s) => {
                let mut p = json!({
                    "Runtime": "python3.12",
                    "Handler": "index.handler",
                    "InlineCode": HANDLER,
                    "Timeout": s.timeout_s,
                    "MemorySize": 128,
                    "Environment": {"Variables": {"DURATION_MS": s.duration_ms.to_string(), "ERROR_RATE": s.error_rate.to_string()}},
                    "Policies": [],
                });
                // Reserving all of the account's 1,000 is refused by AWS (100 stay unreserved).
                if s.concurrency_limit < 900 {
                    p["ReservedConcurrentExecutions"] = json!(s.concurrency_limit);
                }
                ("AWS::Serverless::Function", p)
            }
            Spec::StateMachine(s) => {
                // Text that is no definition at all travels in Metadata; AWS gets a valid one.
                let definition = serde_json::from_str::<Value>(&s.definition)
                    .ok()
                    .filter(Value::is_object)
                    .unwrap_or_else(|| json!({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}));
                let kind = if s.workflow == WorkflowType::Express { "EXPRESS" } else { "STANDARD" };
                ("AWS::Serverless::StateMachine", json!({"Type": kind, "Definition": definition, "Policies": []}))
            }
            Spec::Database(s) if s.engine == DatabaseEngine::Aurora => (
                "AWS::RDS::DBCluster",
                json!({"Engine": "aurora-postgresql", "MasterUsername": "dlab", "ManageMasterUserPassword": true,
                       "ServerlessV2ScalingConfiguration": {"MinCapacity": 0.5, "MaxCapacity": 4}}),
            ),
            Spec::Database(s) => {
                let mut p = json!({
                    "AttributeDefinitions": [{"AttributeName": s.partition_key_field, "AttributeType": "S"}],
                    "KeySchema": [{"AttributeName": s.partition_key_field, "KeyType": "HASH"}],
                    "BillingMode": "PROVISIONED",
                    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": s.write_capacity_per_s.max(1)},
                });
                if s.change_stream {
                    p["StreamSpecification"] = json!({"StreamViewType": "NEW_AND_OLD_IMAGES"});
                }
                ("AWS::DynamoDB::Table", p)
            }
            Spec::WorkerGroup(s) => {
                // Only what the lab simulates is set; the image and subnets are the
                // account's (parameters, the image defaulting to Amazon Linux 2023).
                let launch = format!("{logical}LaunchTemplate");
                self.parameters.insert(
                    WORKER_IMAGE.into(),
                    json!({"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                           "Default": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"}),
                );
                self.parameters.insert(WORKER_SUBNETS.into(), json!({"Type": "List<AWS::EC2::Subnet::Id>", "Description": "Subnets for the worker instances"}));
                self.resources.insert(
                    launch.clone(),
                    json!({"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": r(WORKER_IMAGE), "InstanceType": "t3.micro"}}}),
                );
                (
                    "AWS::AutoScaling::AutoScalingGroup",
                    json!({
                        "MinSize": s.min_instances.to_string(),
                        "MaxSize": s.max_instances.to_string(),
                        "DefaultInstanceWarmup": s.instance_warmup_s,
                        "LaunchTemplate": {"LaunchTemplateId": r(&launch), "Version": {"Fn::GetAtt": [launch, "LatestVersionNumber"]}},
                        "VPCZoneIdentifier": r(WORKER_SUBNETS),
                    }),
                )
            }
            Spec::ObjectStorage(_) => ("AWS::S3::Bucket", json!({})),
            Spec::ApiGateway(_) => (
                "AWS::Serverless::Api",
                json!({"StageName": "prod", "DefinitionBody": {"openapi": "3.0.1", "info": {"title": {"Ref": "AWS::StackName"}, "version": "1.0"}, "paths": {}}}),
            ),
            _ => return,
        };
        self.resources.insert(logical, json!({"Type": kind, "Properties": props}));
    }

    fn endpoint_parameter(&mut self, c: ComponentId, description: &str) -> Value {
        let name = format!("{}{ENDPOINT_SUFFIX}", self.id(c));
        self.parameters.insert(name.clone(), json!({"Type": "String", "Description": description}));
        r(&name)
    }

    /// How a producer names a target in its environment, and the policy that lets it write.
    fn target_access(&mut self, to: &Component, kind: C) -> Option<(String, Value, Value)> {
        let l = self.id(to.id);
        let dynamo = matches!(&to.spec, Spec::Database(s) if s.engine == DatabaseEngine::DynamoDb);
        if kind == C::Read {
            // A read is an environment variable naming the store and its read policy.
            return match to.kind() {
                K::Database if has_resource(to) && dynamo => Some((format!("READ_TABLE_{l}"), r(&l), json!({"DynamoDBReadPolicy": {"TableName": r(&l)}}))),
                K::ObjectStorage => Some((format!("READ_BUCKET_{l}"), r(&l), json!({"S3ReadPolicy": {"BucketName": r(&l)}}))),
                _ => None,
            };
        }
        Some(match to.kind() {
            K::Queue => (format!("SEND_{l}"), r(&l), json!({"SQSSendMessagePolicy": {"QueueName": {"Fn::GetAtt": [l, "QueueName"]}}})),
            K::Topic => (format!("PUBLISH_{l}"), r(&l), json!({"SNSPublishMessagePolicy": {"TopicName": {"Fn::GetAtt": [l, "TopicName"]}}})),
            K::EventBus if is_default_bus(to) => ("PUT_EVENTS_DEFAULT".into(), "default".into(), json!({"EventBridgePutEventsPolicy": {"EventBusName": "default"}})),
            K::EventBus => (format!("PUT_EVENTS_{l}"), r(&l), json!({"EventBridgePutEventsPolicy": {"EventBusName": r(&l)}})),
            K::Stream if has_resource(to) => (format!("PUT_RECORD_{l}"), r(&l), json!({"KinesisCrudPolicy": {"StreamName": r(&l)}})),
            K::DeliveryStream => (format!("FIREHOSE_{l}"), r(&l), json!({"FirehoseWritePolicy": {"DeliveryStreamName": r(&l)}})),
            K::Database if has_resource(to) && dynamo => {
                (format!("WRITE_TABLE_{l}"), r(&l), json!({"DynamoDBWritePolicy": {"TableName": r(&l)}}))
            }
            K::ObjectStorage => (format!("WRITE_BUCKET_{l}"), r(&l), json!({"S3WritePolicy": {"BucketName": r(&l)}})),
            K::Function => {
                let prefix = if kind == C::Call { "CALL" } else { "INVOKE" };
                (format!("{prefix}_{l}"), r(&l), json!({"LambdaInvokePolicy": {"FunctionName": r(&l)}}))
            }
            K::StateMachine => (format!("START_{l}"), r(&l), json!({"StepFunctionsExecutionPolicy": {"StateMachineName": {"Fn::GetAtt": [l, "Name"]}}})),
            K::Service => (format!("CALL_{l}"), self.endpoint_parameter(to.id, "The URL this service answers at"), Value::Null),
            K::Notification => {
                let param = self.endpoint_parameter(to.id, "The e-mail address (verified in SES) notifications go to and come from");
                (format!("NOTIFY_{l}"), param.clone(), json!({"SESCrudPolicy": {"IdentityName": param}}))
            }
            _ => return None,
        })
    }

    fn add_event(&mut self, to: ComponentId, name: &str, event: Value) {
        if let Some(Value::Object(e)) = self.props(to).map(|p| p.entry("Events").or_insert_with(|| json!({}))) {
            e.insert(name.to_string(), event);
        }
    }

    fn add_policy(&mut self, on: ComponentId, policy: Value) {
        if policy.is_null() {
            return;
        }
        if let Some(Value::Array(list)) = self.props(on).and_then(|p| p.get_mut("Policies")) {
            if !list.contains(&policy) {
                list.push(policy);
            }
        }
    }

    /// Writes one connection where the template can hold it; the rest is left for
    /// `Metadata` (found by the exporter's own import).
    fn connection(&mut self, c: &Connection) {
        let (Some(from), Some(to)) = (self.component(c.from).cloned(), self.component(c.to).cloned()) else { return };
        if !has_resource(&from) && !is_default_bus(&from) {
            return;
        }
        let s = &c.settings;
        let (fl, tl) = (self.id(from.id), self.id(to.id));
        let event_name = format!("From{fl}");
        match (c.kind, from.kind(), to.kind()) {
            (C::Redrive, K::Queue, K::Queue) => {
                let max = match &from.spec {
                    Spec::Queue(q) => q.max_receive_count,
                    _ => 5,
                };
                let Some(props) = self.props(from.id) else { return };
                if !props.contains_key("RedrivePolicy") {
                    props.insert("RedrivePolicy".into(), json!({"deadLetterTargetArn": arn(&tl), "maxReceiveCount": max}));
                }
            }
            (C::EventSourceMapping, K::Queue | K::Stream, K::Function) if has_resource(&to) => {
                let mut p = if from.kind() == K::Queue {
                    json!({"Type": "SQS", "Properties": {"Queue": arn(&fl), "BatchSize": s.batch_size}})
                } else {
                    json!({"Type": "Kinesis", "Properties": {"Stream": arn(&fl), "StartingPosition": "LATEST", "BatchSize": s.batch_size}})
                };
                mapping_properties(&mut p["Properties"], s, from.kind() == K::Stream);
                self.add_event(to.id, &event_name, p);
            }
            (C::ChangeStream, K::Database, K::Function) if matches!(&from.spec, Spec::Database(d) if d.change_stream && d.engine == DatabaseEngine::DynamoDb) => {
                let mut p = json!({"Type": "DynamoDB", "Properties": {"Stream": {"Fn::GetAtt": [fl, "StreamArn"]}, "StartingPosition": "LATEST", "BatchSize": s.batch_size}});
                mapping_properties(&mut p["Properties"], s, true);
                self.add_event(to.id, &event_name, p);
            }
            (C::ChangeStream, K::Database, K::Stream) if has_resource(&to) && matches!(&from.spec, Spec::Database(d) if d.engine == DatabaseEngine::DynamoDb) => {
                if let Some(props) = self.props(from.id) {
                    props.insert("KinesisStreamSpecification".into(), json!({"StreamArn": arn(&tl)}));
                }
            }
            (C::Subscription, K::Topic, _) => self.subscription(c, &from, &to),
            (C::Rule, K::EventBus, K::Function | K::StateMachine) => {
                let mut p = json!({"Pattern": pattern(&s.pattern)});
                if !is_default_bus(&from) {
                    p["EventBusName"] = r(&fl);
                }
                p["RetryPolicy"] = json!({"MaximumRetryAttempts": s.max_retry_attempts, "MaximumEventAgeInSeconds": s.max_event_age_s});
                if let Some(dlq) = s.dead_letter_queue {
                    p["DeadLetterConfig"] = json!({"Arn": arn(&self.id(dlq))});
                }
                self.add_event(to.id, &event_name, json!({"Type": "EventBridgeRule", "Properties": p}));
            }
            (C::Rule, K::EventBus, K::Queue | K::Topic | K::EventBus | K::Stream) if has_resource(&to) => {
                let target_arn = if to.kind() == K::Topic { r(&tl) } else { arn(&tl) };
                let mut target = json!({"Id": "Target", "Arn": target_arn});
                target["RetryPolicy"] = json!({"MaximumRetryAttempts": s.max_retry_attempts, "MaximumEventAgeInSeconds": s.max_event_age_s});
                if let Some(dlq) = s.dead_letter_queue {
                    target["DeadLetterConfig"] = json!({"Arn": arn(&self.id(dlq))});
                }
                let mut props = json!({"EventPattern": pattern(&s.pattern), "Targets": [target]});
                if !is_default_bus(&from) {
                    props["EventBusName"] = r(&fl);
                }
                if matches!(to.kind(), K::EventBus | K::Stream) {
                    props["Targets"][0]["RoleArn"] = arn(&self.rule_role(&fl, &tl, to.kind()));
                }
                self.resources.insert(format!("{fl}To{tl}Rule"), json!({"Type": "AWS::Events::Rule", "Properties": props}));
            }
            (C::Task, K::StateMachine, _) => self.task(c, &from, &to),
            (C::Call, K::ApiGateway, K::Function | K::StateMachine) if has_resource(&to) => {
                let p = json!({"Type": "Api", "Properties": {"RestApiId": r(&fl), "Path": format!("/{}", tl.to_ascii_lowercase()), "Method": "post"}});
                self.add_event(to.id, &event_name, p);
            }
            (C::Send | C::Publish | C::PutEvent | C::PutRecord, K::ApiGateway, _) if has_resource(&to) => self.api_integration(&fl, &to),
            (C::Write, K::DeliveryStream, K::ObjectStorage) => {
                let role = self.firehose_role(&fl, &tl);
                let Some(props) = self.props(from.id) else { return };
                if !props.contains_key("ExtendedS3DestinationConfiguration") {
                    let (interval, size) = match &from.spec {
                        Spec::DeliveryStream(d) => (d.buffer_interval_s, d.buffer_size_mb),
                        _ => (300, 5),
                    };
                    props.insert(
                        "ExtendedS3DestinationConfiguration".into(),
                        json!({"BucketARN": arn(&tl), "RoleARN": arn(&role), "BufferingHints": {"IntervalInSeconds": interval, "SizeInMBs": size}}),
                    );
                }
            }
            (C::Poll, K::Stream, K::DeliveryStream) if has_resource(&to) => {
                let role = self.firehose_role(&tl, &fl);
                let Some(props) = self.props(to.id) else { return };
                props.insert("DeliveryStreamType".into(), "KinesisStreamAsSource".into());
                props.insert("KinesisStreamSourceConfiguration".into(), json!({"KinesisStreamARN": arn(&fl), "RoleARN": arn(&role)}));
            }
            (C::Invoke, K::ObjectStorage, K::Function) => {
                self.add_event(to.id, &event_name, json!({"Type": "S3", "Properties": {"Bucket": r(&fl), "Events": "s3:ObjectCreated:*"}}));
            }
            (C::PutEvent, K::ObjectStorage, K::EventBus) if is_default_bus(&to) => {
                if let Some(props) = self.props(from.id) {
                    props.insert("NotificationConfiguration".into(), json!({"EventBridgeConfiguration": {"EventBridgeEnabled": true}}));
                }
            }
            (C::OnFailure, K::Function, _) if has_resource(&to) => {
                let kind = match to.kind() {
                    K::Queue => "SQS",
                    K::Topic => "SNS",
                    K::EventBus => "EventBridge",
                    _ => "Lambda",
                };
                let destination = if to.kind() == K::Topic { r(&tl) } else { arn(&tl) };
                let Some(props) = self.props(from.id) else { return };
                if !props.contains_key("EventInvokeConfig") {
                    props.insert("EventInvokeConfig".into(), json!({"DestinationConfig": {"OnFailure": {"Type": kind, "Destination": destination}}}));
                }
            }
            (kind, K::Function, _) => {
                if let Some((var, value, policy)) = self.target_access(&to, kind) {
                    if let Some(Value::Object(vars)) = self.props(from.id).and_then(|p| p.get_mut("Environment")).and_then(|e| e.get_mut("Variables")) {
                        vars.insert(var, value);
                    }
                    self.add_policy(from.id, policy);
                }
            }
            _ => {}
        }
    }

    fn subscription(&mut self, c: &Connection, topic: &Component, to: &Component) {
        let s = &c.settings;
        let (fl, tl) = (self.id(topic.id), self.id(to.id));
        let filter = |p: &mut Value| {
            if !s.filter_policy.trim().is_empty() {
                p["FilterPolicy"] = pattern(&s.filter_policy);
                p["FilterPolicyScope"] = serde_json::to_value(s.filter_policy_scope).unwrap_or_default();
            }
        };
        if to.kind() == K::Function {
            let mut p = json!({"Topic": r(&fl)});
            filter(&mut p);
            if let Some(dlq) = s.dead_letter_queue {
                p["RedrivePolicy"] = json!({"deadLetterTargetArn": arn(&self.id(dlq))});
            }
            self.add_event(to.id, &format!("From{fl}"), json!({"Type": "SNS", "Properties": p}));
            return;
        }
        let (protocol, endpoint) = match to.kind() {
            K::Queue => ("sqs", arn(&tl)),
            K::Service => ("https", self.endpoint_parameter(to.id, "The HTTPS URL this service answers at")),
            K::Notification => {
                let sms = matches!(&to.spec, Spec::Notification(n) if n.channel == NotificationChannel::Sms);
                let what = if sms { "The phone number (E.164) that gets the text messages" } else { "The e-mail address that gets the notifications" };
                (if sms { "sms" } else { "email" }, self.endpoint_parameter(to.id, what))
            }
            _ => return,
        };
        let mut p = json!({"TopicArn": r(&fl), "Protocol": protocol, "Endpoint": endpoint});
        filter(&mut p);
        if let Some(dlq) = s.dead_letter_queue {
            p["RedrivePolicy"] = json!({"deadLetterTargetArn": arn(&self.id(dlq))});
        }
        self.resources.insert(format!("{fl}To{tl}Subscription"), json!({"Type": "AWS::SNS::Subscription", "Properties": p}));
    }

    /// A Task connection: placeholders of the state resolve through
    /// `DefinitionSubstitutions`, and the state machine may call the target.
    fn task(&mut self, c: &Connection, machine: &Component, to: &Component) {
        let tl = self.id(to.id);
        let Spec::StateMachine(spec) = &machine.spec else { return };
        let definition: Value = serde_json::from_str(&spec.definition).unwrap_or(Value::Null);
        let mut states = Vec::new();
        super::import::task_states(&definition, &mut states, 0);
        let reference = match to.kind() {
            K::Function => arn(&tl),
            _ => r(&tl),
        };
        if let Some((_, state)) = states.iter().find(|(name, _)| *name == c.settings.task_state) {
            let mut texts = Vec::new();
            super::import::strings(state, &mut texts, 0);
            let names: Vec<String> = texts.iter().flat_map(|t| placeholders(t).into_iter().map(str::to_string).collect::<Vec<_>>()).collect();
            if let Some(name) = names.first() {
                let subs = self.props(machine.id).map(|p| p.entry("DefinitionSubstitutions").or_insert_with(|| json!({})));
                if let Some(Value::Object(subs)) = subs {
                    subs.insert(name.clone(), reference);
                }
            }
        }
        if let Some((_, _, policy)) = self.target_access(to, C::Call) {
            let policy = match to.kind() {
                K::Function => json!({"LambdaInvokePolicy": {"FunctionName": r(&tl)}}),
                _ => policy,
            };
            self.add_policy(machine.id, policy);
        }
    }

    /// Every `${Name}` in a definition needs a substitution: a component of that logical
    /// id, or else a parameter the learner fills in at deployment.
    fn remaining_placeholders(&mut self, c: &Component) {
        let Spec::StateMachine(spec) = &c.spec else { return };
        let definition: Value = serde_json::from_str(&spec.definition).unwrap_or(Value::Null);
        let mut texts = Vec::new();
        super::import::strings(&definition, &mut texts, 0);
        let mut names: Vec<String> = texts.iter().flat_map(|t| placeholders(t).into_iter().map(str::to_string).collect::<Vec<_>>()).collect();
        names.dedup();
        let logical: HashMap<String, ComponentId> = self.ids.iter().map(|(id, l)| (l.clone(), *id)).collect();
        for name in names {
            let taken = self.props(c.id).and_then(|p| p.get("DefinitionSubstitutions")).and_then(|s| s.get(&name)).is_some();
            if taken || name.starts_with("AWS::") {
                continue;
            }
            let value = match logical.get(name.split('.').next().unwrap_or("")).and_then(|id| self.component(*id)) {
                Some(target) if has_resource(target) => if target.kind() == K::Function { arn(&self.id(target.id)) } else { r(&self.id(target.id)) },
                _ => {
                    let param: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
                    let param = format!("Substitution{param}");
                    let text = format!("What ${{{name}}} stands for in the state machine's definition");
                    self.parameters.insert(param.clone(), json!({"Type": "String", "Description": text.replace("${", "$")}));
                    r(&param)
                }
            };
            if let Some(Value::Object(subs)) = self.props(c.id).map(|p| p.entry("DefinitionSubstitutions").or_insert_with(|| json!({}))) {
                subs.insert(name, value);
            }
        }
    }

    /// An API that stores requests straight into a queue, topic, bus or stream.
    fn api_integration(&mut self, api: &str, to: &Component) {
        let tl = self.id(to.id);
        let role = format!("{api}Role");
        let (service, action, policy_action, resource) = match to.kind() {
            K::Queue => ("sqs", format!("path/${{AWS::AccountId}}/${{{tl}.QueueName}}"), "sqs:SendMessage", arn(&tl)),
            K::Topic => ("sns", "action/Publish".to_string(), "sns:Publish", r(&tl)),
            K::EventBus => ("events", "action/PutEvents".to_string(), "events:PutEvents", arn(&tl)),
            K::Stream => ("kinesis", "action/PutRecord".to_string(), "kinesis:PutRecord", arn(&tl)),
            K::DeliveryStream => ("firehose", "action/PutRecord".to_string(), "firehose:PutRecord", arn(&tl)),
            _ => return,
        };
        let mut template = Map::new();
        template.insert("application/json".into(), json!({"Fn::Sub": request_template(to.kind(), &tl)}));
        let integration = json!({
            "type": "aws",
            "httpMethod": "POST",
            "uri": {"Fn::Sub": format!("arn:aws:apigateway:${{AWS::Region}}:{service}:{action}")},
            "credentials": arn(&role),
            "requestTemplates": template,
            "responses": {"default": {"statusCode": "202"}},
        });
        let path = format!("/{}", tl.to_ascii_lowercase());
        if let Some(Value::Object(paths)) = self.resources.get_mut(api).and_then(|a| a.pointer_mut("/Properties/DefinitionBody/paths")) {
            paths.insert(path, json!({"post": {"responses": {"202": {"description": "Accepted"}}, "x-amazon-apigateway-integration": integration}}));
        }
        let statement = json!({"Effect": "Allow", "Action": policy_action, "Resource": resource});
        let entry = self.resources.entry(role).or_insert_with(|| {
            json!({"Type": "AWS::IAM::Role", "Properties": {
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                "Policies": [{"PolicyName": "Integrations", "PolicyDocument": {"Version": "2012-10-17", "Statement": []}}]}})
        });
        if let Some(Value::Array(list)) = entry.pointer_mut("/Properties/Policies/0/PolicyDocument/Statement") {
            list.push(statement);
        }
    }

    fn firehose_role(&mut self, firehose: &str, other: &str) -> String {
        let role = format!("{firehose}Role");
        let entry = self.resources.entry(role.clone()).or_insert_with(|| {
            json!({"Type": "AWS::IAM::Role", "Properties": {
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "firehose.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                "Policies": [{"PolicyName": "Delivery", "PolicyDocument": {"Version": "2012-10-17", "Statement": []}}]}})
        });
        let statements = [
            json!({"Effect": "Allow", "Action": ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:ListBucket"], "Resource": [arn(other), {"Fn::Sub": format!("${{{other}.Arn}}/*")}]}),
            json!({"Effect": "Allow", "Action": ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"], "Resource": arn(other)}),
        ];
        let is_stream = self.diagram.components().any(|c| self.ids.get(&c.id).map(String::as_str) == Some(other) && c.kind() == K::Stream);
        if let Some(Value::Array(list)) = entry.pointer_mut("/Properties/Policies/0/PolicyDocument/Statement") {
            list.push(statements[usize::from(is_stream)].clone());
        }
        role
    }

    fn rule_role(&mut self, bus: &str, target: &str, kind: K) -> String {
        let role = format!("{bus}To{target}Role");
        let action = if kind == K::Stream { "kinesis:PutRecord" } else { "events:PutEvents" };
        self.resources.insert(
            role.clone(),
            json!({"Type": "AWS::IAM::Role", "Properties": {
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                "Policies": [{"PolicyName": "Deliver", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": arn(target)}]}}]}}),
        );
        role
    }

    /// Queues and topics that SNS, EventBridge or S3 deliver to must allow it.
    fn queue_and_topic_policies(&mut self) {
        let mut queues = Vec::new();
        let mut topics = Vec::new();
        for c in self.diagram.connections() {
            let (Some(from), Some(to)) = (self.component(c.from), self.component(c.to)) else { continue };
            if !has_resource(to) {
                continue;
            }
            let service = match (from.kind(), c.kind) {
                (K::Topic, C::Subscription) => "sns.amazonaws.com",
                (K::EventBus, C::Rule) => "events.amazonaws.com",
                _ => continue,
            };
            let list = match to.kind() {
                K::Queue => &mut queues,
                K::Topic => &mut topics,
                _ => continue,
            };
            if !list.contains(&(to.id, service)) {
                list.push((to.id, service));
            }
        }
        for (list, kind, action, key) in [(queues, "AWS::SQS::QueuePolicy", "sqs:SendMessage", "Queues"), (topics, "AWS::SNS::TopicPolicy", "sns:Publish", "Topics")] {
            let mut grouped: Vec<(ComponentId, Vec<&str>)> = Vec::new();
            for (id, service) in list {
                match grouped.iter_mut().find(|(g, _)| *g == id) {
                    Some((_, services)) => services.push(service),
                    None => grouped.push((id, vec![service])),
                }
            }
            for (id, services) in grouped {
                let l = self.id(id);
                let resource = if key == "Queues" { arn(&l) } else { r(&l) };
                let reference = r(&l);
                self.resources.insert(
                    format!("{l}Policy"),
                    json!({"Type": kind, "Properties": {
                        key: [reference],
                        "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": services}, "Action": action, "Resource": resource}]}}}),
                );
            }
        }
    }
}

fn request_template(kind: K, target: &str) -> String {
    match kind {
        K::Queue => "Action=SendMessage&MessageBody=$util.urlEncode($input.body)".to_string(),
        K::Topic => format!("{{\"TopicArn\": \"${{{target}}}\", \"Message\": $input.json('$')}}"),
        K::EventBus => format!("{{\"Entries\": [{{\"EventBusName\": \"${{{target}}}\", \"Source\": \"api\", \"DetailType\": \"request\", \"Detail\": \"$util.escapeJavaScript($input.body)\"}}]}}"),
        K::Stream => format!("{{\"StreamName\": \"${{{target}}}\", \"PartitionKey\": \"$context.requestId\", \"Data\": \"$util.base64Encode($input.body)\"}}"),
        _ => format!("{{\"DeliveryStreamName\": \"${{{target}}}\", \"Record\": {{\"Data\": \"$util.base64Encode($input.body)\"}}}}"),
    }
}

/// A pattern or policy as JSON in the template (text that is not JSON stays text);
/// values holding `${Name}` (a reference the import turned into text) are `Fn::Sub` again.
fn pattern(text: &str) -> Value {
    fn subs(value: Value) -> Value {
        match value {
            Value::String(s) if !placeholders(&s).is_empty() => json!({"Fn::Sub": s}),
            Value::Array(items) => Value::Array(items.into_iter().map(subs).collect()),
            Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, subs(v))).collect()),
            other => other,
        }
    }
    serde_json::from_str(text).map(subs).unwrap_or_else(|_| Value::String(text.to_string()))
}

// ---------------------------------------------------------------------------------------
// What the template misses goes in Metadata.

/// Metadata for each resource, by logical id.
type PerResource = Vec<(String, Map<String, Value>)>;

/// The `Metadata.DecoupleLab` content: per resource (put straight into the template's
/// resources) and for the template (components without a resource, connections the
/// template does not say, or says with other settings).
fn carry_the_rest(diagram: &Diagram, template: &Map<String, Value>) -> (Map<String, Value>, PerResource) {
    let ids = logical_ids(diagram);
    let parsed = match Template::from_value(Value::Object(template.clone())) {
        Ok(t) => t,
        Err(_) => return (Map::new(), Vec::new()),
    };
    let (back, back_ids) = import_with_ids(&parsed);
    let back_id = |c: ComponentId| ids.get(&c).and_then(|l| back_ids.get(l)).copied();
    let mut per_resource: PerResource = Vec::new();
    let mut components = Map::new();
    for c in diagram.components() {
        let logical = ids.get(&c.id).cloned().unwrap_or_default();
        let Some(b) = back_id(c.id).and_then(|id| back.diagram.component(id)) else {
            let mut entry = Map::new();
            entry.insert("kind".into(), c.kind().key().into());
            entry.insert("name".into(), c.name.clone().into());
            let mut settings = settings_diff(&Spec::default_for(c.kind()), &c.spec);
            pin_integration(&c.spec, &mut settings);
            entry.insert("settings".into(), Value::Object(settings));
            if c.faults != Faults::default() {
                entry.insert("faults".into(), serde_json::to_value(&c.faults).unwrap_or_default());
            }
            components.insert(logical, Value::Object(entry));
            continue;
        };
        let mut extra = Map::new();
        if b.name != c.name {
            extra.insert("name".into(), c.name.clone().into());
        }
        let mut settings = settings_diff(&b.spec, &c.spec);
        pin_integration(&c.spec, &mut settings);
        let parses = matches!(&c.spec, Spec::StateMachine(s) if serde_json::from_str::<Value>(&s.definition).is_ok_and(|v| v.is_object()));
        if let (Spec::StateMachine(s), Some(Value::String(_)), true) = (&c.spec, settings.get("definition"), parses) {
            // The definition is in the template; only its own formatting travels here.
            settings.remove("definition");
            extra.insert("definition".into(), s.definition.clone().into());
        }
        if !settings.is_empty() {
            extra.insert("settings".into(), Value::Object(settings));
        }
        if c.faults != b.faults {
            extra.insert("faults".into(), serde_json::to_value(&c.faults).unwrap_or_default());
        }
        if !extra.is_empty() {
            per_resource.push((logical, extra));
        }
    }
    let mut connections = Vec::new();
    for c in diagram.connections() {
        let (from, to) = (ids.get(&c.from).cloned().unwrap_or_default(), ids.get(&c.to).cloned().unwrap_or_default());
        let found = match (back_id(c.from), back_id(c.to)) {
            // The same connection, or one of the same kind, or any between the two: a
            // pair may hold a write and a read, or several Task states.
            (Some(f), Some(t)) => {
                let between: Vec<_> = back.diagram.connections().filter(|b| b.from == f && b.to == t).collect();
                let same_state = between.iter().find(|b| b.kind == c.kind && b.settings.task_state == c.settings.task_state);
                same_state.or_else(|| between.iter().find(|b| b.kind == c.kind)).or(between.first()).map(|b| (*b).clone())
            }
            _ => None,
        };
        let mut entry = Map::new();
        let mut settings = match &found {
            Some(b) => connection_diff(&b.settings, &c.settings, &ids),
            None => connection_diff(&crate::model::default_settings(c.kind, diagram.kind_of(c.from).unwrap_or(K::Client)), &c.settings, &ids),
        };
        // A Task is told apart from its twins by its state, even an empty one. The
        // template alone draws a Task without a state; an entry takes that one over only
        // when the diagram has no such Task of its own.
        if c.kind == C::Task && found.as_ref().is_none_or(|b| b.settings.task_state != c.settings.task_state) {
            settings.insert("task_state".into(), c.settings.task_state.clone().into());
            let unnamed_is_real = diagram.connections().any(|o| o.from == c.from && o.to == c.to && o.kind == C::Task && o.settings.task_state.is_empty());
            if !unnamed_is_real {
                entry.insert("names_unnamed_task".into(), true.into());
            }
        }
        if found.as_ref().map(|b| b.kind) == Some(c.kind) && settings.is_empty() {
            continue;
        }
        entry.insert("from".into(), from.into());
        entry.insert("to".into(), to.into());
        entry.insert("kind".into(), serde_json::to_value(c.kind).unwrap_or_default());
        if !settings.is_empty() {
            entry.insert("settings".into(), Value::Object(settings));
        }
        connections.push(Value::Object(entry));
    }
    // Always present: it marks a lab export, whose diagram needs no added traffic.
    let mut out = Map::new();
    out.insert("format".into(), "decouple-lab".into());
    if diagram.run != crate::model::RunSettings::default() {
        out.insert("run".into(), serde_json::to_value(&diagram.run).unwrap_or_default());
    }
    if let Some(exercise) = &diagram.exercise {
        out.insert("exercise".into(), exercise.clone().into());
    }
    if !components.is_empty() {
        out.insert("components".into(), Value::Object(components));
    }
    if !connections.is_empty() {
        out.insert("connections".into(), Value::Array(connections));
    }
    (out, per_resource)
}

/// An API's integration always travels: the importer infers one from what the API
/// sends to when none is given, and a connection the template cannot hold (one restored
/// from the metadata) would otherwise change that inference on the way back.
fn pin_integration(spec: &Spec, settings: &mut Map<String, Value>) {
    if let Spec::ApiGateway(api) = spec {
        settings.entry("integration").or_insert_with(|| serde_json::to_value(api.integration).unwrap_or_default());
    }
}

/// The settings of `want` that differ from `got`'s.
fn settings_diff(got: &Spec, want: &Spec) -> Map<String, Value> {
    let (g, w) = (spec_settings(got), spec_settings(want));
    w.into_iter().filter(|(k, v)| g.get(k) != Some(v)).collect()
}

fn connection_diff(got: &crate::model::ConnectionSettings, want: &crate::model::ConnectionSettings, ids: &HashMap<ComponentId, String>) -> Map<String, Value> {
    let to_map = |s: &crate::model::ConnectionSettings| match serde_json::to_value(s) {
        Ok(Value::Object(o)) => o,
        _ => Map::new(),
    };
    let (g, w) = (to_map(got), to_map(want));
    let mut out: Map<String, Value> = w.into_iter().filter(|(k, v)| g.get(k) != Some(v)).collect();
    if out.contains_key("dead_letter_queue") {
        let logical = want.dead_letter_queue.and_then(|d| ids.get(&d).cloned());
        out.insert("dead_letter_queue".into(), logical.map(Value::String).unwrap_or(Value::Null));
    }
    out
}

/// An event source mapping's optional properties, as SAM writes them; `stream` adds the
/// error handling only stream sources (Kinesis, DynamoDB) have.
fn mapping_properties(p: &mut Value, s: &ConnectionSettings, stream: bool) {
    if s.batch_window_s > 0 {
        p["MaximumBatchingWindowInSeconds"] = json!(s.batch_window_s);
    }
    if s.report_batch_item_failures {
        p["FunctionResponseTypes"] = json!(["ReportBatchItemFailures"]);
    }
    if !stream {
        return;
    }
    if s.bisect_on_error {
        p["BisectBatchOnFunctionError"] = json!(true);
    }
    if s.mapping_retry_attempts >= 0 {
        p["MaximumRetryAttempts"] = json!(s.mapping_retry_attempts);
    }
    if s.max_record_age_s >= 0 {
        p["MaximumRecordAgeInSeconds"] = json!(s.max_record_age_s);
    }
}
