//! Streams as a learner sees them: Kinesis read limits shared by polling consumers
//! against enhanced fan-out, iterator age, Kafka partitions and consumer groups with
//! rebalancing, and SNS's HTTP delivery policy.

use decouple_lab::model::spec::{Spec, StreamFlavour, Traffic};
use decouple_lab::model::{check_connection, ComponentId, ComponentKind, ConnectionId, ConnectionKind, Diagram, Point};
use decouple_lab::sim::{HopOutcome, SimOptions, Simulation, StreamConsumerReport};
use std::collections::HashSet;

fn add(d: &mut Diagram, kind: ComponentKind, name: &str) -> ComponentId {
    d.add_component(kind, name, Point::default())
}

fn spec(d: &mut Diagram, id: ComponentId) -> &mut Spec {
    &mut d.component_mut(id).expect("component").spec
}

fn connect(d: &mut Diagram, a: ComponentId, b: ComponentId) -> ConnectionId {
    d.connect(a, b).expect("allowed connection")
}

fn client(d: &mut Diagram, traffic: Traffic, rate: f64, payload: &str) -> ComponentId {
    let c = add(d, ComponentKind::Client, "producer");
    if let Spec::Client(s) = spec(d, c) {
        (s.rate_per_s, s.waits_for_reply, s.traffic, s.payload) = (rate, false, traffic, payload.to_string());
    }
    c
}

fn stream(d: &mut Diagram, flavour: StreamFlavour, shards: u32, enhanced_fan_out: bool) -> ComponentId {
    let s = add(d, ComponentKind::Stream, "stream");
    if let Spec::Stream(st) = spec(d, s) {
        (st.flavour, st.shards, st.enhanced_fan_out, st.partition_key_field) = (flavour, shards, enhanced_fan_out, "deviceId".into());
    }
    s
}

/// A worker group of fixed size (no scaling) that takes `per_record_ms` per record.
fn workers(d: &mut Diagram, name: &str, per_record_ms: u32) -> ComponentId {
    let w = add(d, ComponentKind::WorkerGroup, name);
    if let Spec::WorkerGroup(s) = spec(d, w) {
        (s.min_instances, s.max_instances, s.per_instance_concurrency, s.processing_ms) = (1, 1, 4, per_record_ms);
    }
    w
}

/// `stream` -> `consumer`, in `group` (Kafka), reading `batch` records at a time.
fn consume(d: &mut Diagram, stream: ComponentId, consumer: ComponentId, group: &str, batch: u32) -> ConnectionId {
    let c = connect(d, stream, consumer);
    let settings = &mut d.connection_mut(c).expect("connection").settings;
    (settings.consumer_group, settings.batch_size) = (group.to_string(), batch);
    c
}

fn sim(d: &Diagram) -> Simulation {
    Simulation::with_options(d, SimOptions { seed: 5, ..SimOptions::default() }).expect("valid diagram")
}

fn checked(sim: &Simulation) {
    assert!(sim.books().balanced(), "books: {:?}", sim.books());
    sim.audit().expect("every live message is held somewhere");
}

/// A stream's consumers (Kinesis) or consumer groups (Kafka), as its report has them.
fn consumers(sim: &Simulation, s: ComponentId) -> Vec<StreamConsumerReport> {
    sim.component_report(s).and_then(|r| r.stream_consumers).expect("a stream reports its consumers")
}

fn accepted(sim: &Simulation, s: ComponentId) -> u64 {
    sim.component_report(s).and_then(|r| r.shards).expect("shards").iter().map(|sh| sh.accepted).sum()
}

// ----- Kinesis: shared throughput against enhanced fan-out -----

/// One busy shard (800 records of about 1 KB a second: 0.8 MB/s in) read by three
/// functions; returns the run after 60 s.
fn three_consumers(enhanced_fan_out: bool) -> (Simulation, ComponentId, Vec<ComponentId>) {
    let mut d = Diagram::new();
    let pad = "x".repeat(980);
    let c = client(&mut d, Traffic::Steady, 800.0, &format!(r#"{{"deviceId": "d1", "pad": "{pad}"}}"#));
    let s = stream(&mut d, StreamFlavour::Kinesis, 1, enhanced_fan_out);
    connect(&mut d, c, s);
    let fs: Vec<ComponentId> = (1..=3)
        .map(|i| {
            let f = add(&mut d, ComponentKind::Function, &format!("consumer {i}"));
            consume(&mut d, s, f, "", 500);
            f
        })
        .collect();
    let mut sim = sim(&d);
    sim.run_for(60_000_000);
    checked(&sim);
    (sim, s, fs)
}

#[test]
fn three_polling_consumers_share_a_shards_two_megabytes_and_fall_behind() {
    let (sim, s, fs) = three_consumers(false);
    let written = accepted(&sim, s);
    assert!(written > 47_000, "{written}");
    let shard = sim.component_report(s).and_then(|r| r.shards).expect("shards")[0];
    assert_eq!(shard.throttled, 0, "0.8 MB/s is within the write limit: {shard:?}");
    assert!(shard.read_throttled > 50, "the 5 reads or 2 MB a second run out: {shard:?}");
    let readers = consumers(&sim, s);
    assert_eq!(readers.len(), 3);
    let total_read: u64 = readers.iter().map(|r| r.read).sum();
    // 2 MB/s out of the shard for all three: about 2,000 of these records a second.
    assert!(total_read <= 60 * 2_000 + 2_000, "{total_read}");
    for (r, f) in readers.iter().zip(&fs) {
        assert_eq!(r.members, vec![*f]);
        assert!(!r.enhanced_fan_out);
        assert!(r.read < written * 9 / 10, "each reads less than is written: {r:?}");
        assert!(r.iterator_age_ms > 5_000, "the iterator age grows: {r:?}");
        assert_eq!(r.partitions[0].owner, Some(*f));
        assert!(r.partitions[0].lag > 3_000, "{r:?}");
    }
}

#[test]
fn with_enhanced_fan_out_each_consumer_keeps_up() {
    let (sim, s, _) = three_consumers(true);
    let written = accepted(&sim, s);
    let shard = sim.component_report(s).and_then(|r| r.shards).expect("shards")[0];
    assert_eq!(shard.read_throttled, 0, "{shard:?}");
    for r in consumers(&sim, s) {
        assert!(r.enhanced_fan_out);
        assert!(r.read + 1_000 >= written, "every consumer reads (nearly) everything: {} of {written}", r.read);
        assert!(r.max_iterator_age_ms < 1_000, "pushed records are read within a second: {r:?}");
    }
}

#[test]
fn pushed_records_arrive_in_about_70_ms_polled_ones_within_a_second() {
    let max_age = |enhanced_fan_out: bool| {
        let mut d = Diagram::new();
        let c = client(&mut d, Traffic::Poisson, 2.0, r#"{"deviceId": "d{{int 1 9}}"}"#);
        let s = stream(&mut d, StreamFlavour::Kinesis, 1, enhanced_fan_out);
        let f = add(&mut d, ComponentKind::Function, "consumer");
        if let Spec::Function(fs) = spec(&mut d, f) {
            fs.duration_ms = 20;
        }
        connect(&mut d, c, s);
        consume(&mut d, s, f, "", 100);
        let mut sim = sim(&d);
        sim.run_for(120_000_000);
        checked(&sim);
        consumers(&sim, s)[0].max_iterator_age_ms
    };
    let (polled, pushed) = (max_age(false), max_age(true));
    assert!((300..=1_100).contains(&polled), "a poll a second: {polled} ms");
    assert!((70..=150).contains(&pushed), "pushed after about 70 ms: {pushed} ms");
}

// ----- Kafka -----

#[test]
fn kafka_partitions_records_by_murmur2_and_keeps_their_order() {
    let mut d = Diagram::new();
    let c = client(&mut d, Traffic::Steady, 200.0, r#"{"deviceId": "d{{int 1 12}}", "n": {{seq}}}"#);
    let s = stream(&mut d, StreamFlavour::Kafka, 3, false);
    let f = add(&mut d, ComponentKind::Function, "consumer");
    let out = add(&mut d, ComponentKind::Queue, "out");
    connect(&mut d, c, s);
    consume(&mut d, s, f, "", 20);
    connect(&mut d, f, out);
    let mut sim = sim(&d);
    let mut last: Vec<u64> = vec![0; 3];
    let mut used = HashSet::new();
    let mut seen = 0;
    for second in 1..=30u64 {
        sim.advance_until(second * 1_000_000);
        for hop in sim.drain_trace() {
            if hop.from != f || hop.to != out || hop.outcome != HopOutcome::Delivered {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&sim.payload(hop.message).expect("waits in out")).expect("json");
            let (key, n) = (v["deviceId"].as_str().expect("key"), v["n"].as_u64().expect("n"));
            let p = StreamFlavour::Kafka.partition_of(key, 3) as usize;
            assert!(n > last[p], "partition {p}: record {n} after {}", last[p]);
            last[p] = n;
            used.insert(p);
            seen += 1;
        }
    }
    checked(&sim);
    assert_eq!(used.len(), 3, "keys spread over the partitions");
    assert!(seen > 5_000, "{seen}");
    let shards = sim.component_report(s).and_then(|r| r.shards).expect("shards");
    assert!(shards.iter().all(|sh| sh.throttled == 0 && sh.read_throttled == 0), "no Kinesis limits on Kafka: {shards:?}");
    // Kafka's own partitioner: murmur2 of the key, made positive, modulo the partitions.
    assert_eq!(StreamFlavour::Kafka.partition_of("21", 4), (-973_932_308i32 & 0x7fff_ffff) as u32 % 4);
}

#[test]
fn a_group_splits_the_partitions_and_rebalances_when_a_member_dies_and_returns() {
    let mut d = Diagram::new();
    let c = client(&mut d, Traffic::Steady, 16.0, r#"{"deviceId": "d{{int 1 40}}", "n": {{seq}}}"#);
    let s = stream(&mut d, StreamFlavour::Kafka, 4, false);
    let a = workers(&mut d, "billing a", 50);
    let b = workers(&mut d, "billing b", 50);
    connect(&mut d, c, s);
    consume(&mut d, s, a, "billing", 10);
    consume(&mut d, s, b, "billing", 10);
    let mut sim = sim(&d);
    let mut delivered: HashSet<u64> = HashSet::new();
    let mut run_to = |sim: &mut Simulation, t_us: u64| {
        sim.advance_until(t_us);
        for hop in sim.drain_trace() {
            if hop.from == s && (hop.to == a || hop.to == b) && hop.outcome == HopOutcome::Delivered {
                delivered.insert(hop.message);
            }
        }
    };
    let owners = |sim: &Simulation| -> Vec<Option<ComponentId>> { consumers(sim, s)[0].partitions.iter().map(|p| p.owner).collect() };
    run_to(&mut sim, 20_000_000);
    assert_eq!(consumers(&sim, s).len(), 1, "one group");
    assert_eq!(owners(&sim), vec![Some(a), Some(a), Some(b), Some(b)], "the range assignor splits 4 partitions 2/2");
    // Take b down while it works on a batch.
    let mut t = 20_000_000;
    while sim.component_report(b).map_or(0, |r| r.concurrency) == 0 {
        t += 10_000;
        run_to(&mut sim, t);
    }
    sim.set_down(b, true);
    let down_at = t;
    run_to(&mut sim, down_at + 44_000_000);
    let group = &consumers(&sim, s)[0];
    assert_eq!(owners(&sim), vec![Some(a), Some(a), Some(b), Some(b)], "within the 45 s session b keeps its partitions");
    assert!(group.partitions[2].lag + group.partitions[3].lag > 100, "and they fall behind: {group:?}");
    assert_eq!(group.rebalances, 0);
    run_to(&mut sim, down_at + 46_000_000);
    assert!(consumers(&sim, s)[0].rebalancing, "the whole group stops while it rebalances");
    run_to(&mut sim, down_at + 49_000_000);
    assert_eq!(owners(&sim), vec![Some(a); 4], "b's partitions moved to a");
    let group = &consumers(&sim, s)[0];
    assert_eq!(group.rebalances, 1);
    assert!(group.redelivered > 0, "the batch b died with is read again: {group:?}");
    run_to(&mut sim, down_at + 80_000_000);
    assert!(consumers(&sim, s)[0].partitions.iter().all(|p| p.lag < 40), "a caught up: {:?}", consumers(&sim, s)[0]);
    sim.set_down(b, false);
    run_to(&mut sim, down_at + 90_000_000);
    assert_eq!(owners(&sim), vec![Some(a), Some(a), Some(b), Some(b)], "b joined again");
    assert_eq!(consumers(&sim, s)[0].rebalances, 2);
    checked(&sim);
    // Nothing lost: every record written was handed to a member, or still waits.
    let books = sim.books();
    assert_eq!((books.failed, books.expired, books.throttled), (0, 0, 0), "{books:?}");
    let waiting = u64::from(sim.component_report(s).expect("stream").depth);
    assert_eq!(delivered.len() as u64 + waiting, accepted(&sim, s));
}

#[test]
fn every_group_reads_every_record() {
    let mut d = Diagram::new();
    let c = client(&mut d, Traffic::Burst { every_s: 10_000.0, size: 600 }, 1.0, r#"{"deviceId": "d{{int 1 50}}"}"#);
    let s = stream(&mut d, StreamFlavour::Kafka, 2, false);
    let billing = workers(&mut d, "billing", 10);
    let audit = workers(&mut d, "audit", 10);
    let alone = add(&mut d, ComponentKind::Function, "search indexer");
    connect(&mut d, c, s);
    consume(&mut d, s, billing, "billing", 10);
    consume(&mut d, s, audit, "audit", 10);
    consume(&mut d, s, alone, "", 100);
    let mut sim = sim(&d);
    sim.run_for(60_000_000);
    checked(&sim);
    assert_eq!(accepted(&sim, s), 600);
    let groups = consumers(&sim, s);
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, vec!["billing", "audit", "search indexer"], "a consumer with no group is a group of its own");
    for g in &groups {
        assert_eq!((g.read, g.redelivered), (600, 0), "{g:?}");
        assert!(g.partitions.iter().all(|p| p.lag == 0), "{g:?}");
    }
    assert_eq!(sim.books().consumed, 3 * 600);
}

#[test]
fn members_beyond_the_partitions_stay_idle() {
    let mut d = Diagram::new();
    let c = client(&mut d, Traffic::Steady, 20.0, r#"{"deviceId": "d{{int 1 50}}"}"#);
    let s = stream(&mut d, StreamFlavour::Kafka, 2, false);
    let members: Vec<ComponentId> = (1..=3).map(|i| workers(&mut d, &format!("member {i}"), 10)).collect();
    connect(&mut d, c, s);
    for &m in &members {
        consume(&mut d, s, m, "orders", 10);
    }
    let mut sim = sim(&d);
    sim.run_for(30_000_000);
    checked(&sim);
    let group = &consumers(&sim, s)[0];
    assert_eq!(group.members, members);
    let owners: Vec<Option<ComponentId>> = group.partitions.iter().map(|p| p.owner).collect();
    assert_eq!(owners, vec![Some(members[0]), Some(members[1])]);
    let processed: Vec<u64> = members.iter().map(|&m| sim.component_report(m).map_or(0, |r| r.processed)).collect();
    assert!(processed[0] > 100 && processed[1] > 100, "{processed:?}");
    assert_eq!(processed[2], 0, "the third member has no partition: {processed:?}");
}

#[test]
fn kinesis_ignores_consumer_groups() {
    let mut d = Diagram::new();
    let c = client(&mut d, Traffic::Steady, 10.0, r#"{"deviceId": "d{{int 1 50}}"}"#);
    let s = stream(&mut d, StreamFlavour::Kinesis, 2, false);
    let (x, y) = (workers(&mut d, "x", 10), workers(&mut d, "y", 10));
    connect(&mut d, c, s);
    consume(&mut d, s, x, "same", 10);
    consume(&mut d, s, y, "same", 10);
    let mut sim = sim(&d);
    sim.run_for(20_000_000);
    checked(&sim);
    let readers = consumers(&sim, s);
    assert_eq!(readers.len(), 2, "each Kinesis consumer reads every record");
    assert!(readers.iter().all(|r| r.rebalances == 0 && r.partitions.iter().all(|p| p.owner.is_some())));
}

// ----- settings -----

#[test]
fn bad_settings_are_refused_in_both_languages() {
    let mut d = Diagram::new();
    let s = stream(&mut d, StreamFlavour::Kafka, 2, false);
    let f = add(&mut d, ComponentKind::Function, "consumer");
    let esm = consume(&mut d, s, f, "orders team", 10);
    let settings = d.connection(esm).expect("esm").settings.clone();
    let errors = check_connection(ConnectionKind::EventSourceMapping, ComponentKind::Stream, &settings);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "consumer_group");
    assert!(errors[0].message.en.contains("' '") && errors[0].message.vi.contains("nhóm consumer"), "{:?}", errors[0].message);
    let Err(refused) = Simulation::new(&d) else { panic!("a bad group name runs") };
    assert!(refused.0.en.contains("consumer_group") && refused.0.vi.contains("Kết nối"), "{refused:?}");

    let mut policy = settings.clone();
    (policy.http_retries, policy.http_retry_delay_s) = (101, 20);
    let errors = check_connection(ConnectionKind::Subscription, ComponentKind::Topic, &policy);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message.en, "HTTP retries must be between 0 and 100.");
    assert_eq!(errors[0].message.vi, "Số lần thử lại HTTP phải nằm trong khoảng từ 0 đến 100.");
    (policy.http_retries, policy.http_retry_delay_s) = (100, 40);
    let errors = check_connection(ConnectionKind::Subscription, ComponentKind::Topic, &policy);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "http_retry_delay_s");
    assert!(errors[0].message.en.contains("3,600 seconds") && errors[0].message.en.contains("4,000"), "{:?}", errors[0].message);
    (policy.http_retries, policy.http_retry_delay_s) = (3, 20);
    assert!(check_connection(ConnectionKind::Subscription, ComponentKind::Topic, &policy).is_empty());
}

// ----- SNS delivery policy for HTTP subscribers -----

#[test]
fn an_http_subscriptions_delivery_policy_sets_its_retries() {
    let run = |retries: u32, delay_s: u32| {
        let mut d = Diagram::new();
        let c = client(&mut d, Traffic::Steady, 1.0, r#"{"orderId": "{{uuid}}"}"#);
        let topic = add(&mut d, ComponentKind::Topic, "orders");
        let web = add(&mut d, ComponentKind::Service, "webhook");
        d.component_mut(web).expect("web").faults.down = true;
        connect(&mut d, c, topic);
        let sub = connect(&mut d, topic, web);
        let settings = &mut d.connection_mut(sub).expect("subscription").settings;
        (settings.http_retries, settings.http_retry_delay_s) = (retries, delay_s);
        let mut sim = sim(&d);
        sim.run_for(120_000_000);
        checked(&sim);
        let r = sim.component_report(topic).expect("topic");
        (r.retries, r.errors)
    };
    // SNS's default: 3 retries 20 s apart, so a message is given up 60 s after it came.
    // Over 120 s, one a second: about 60 given up; retries are counted when planned.
    let (retries, lost) = run(3, 20);
    assert!((59..=62).contains(&lost), "{lost}");
    assert!((295..=305).contains(&retries), "3 each for the first 80, fewer after: {retries}");
    // One retry after 5 s: each message is given up 5 s after it came.
    let (retries, lost) = run(1, 5);
    assert!((114..=117).contains(&lost), "{lost}");
    assert!((118..=121).contains(&retries), "{retries}");
}
