//! DynamoDB Streams as AWS runs them: a table's changes go to shards by item key and a
//! function reads them through an event source mapping. These runs show what a learner
//! relies on: per-key order, a failing batch holding its shard (and only its shard)
//! until the mapping's limits discard it to the on-failure destination, bisect, and the
//! iterator age that grows meanwhile.

use decouple_lab::lessons::build::Builder;
use decouple_lab::model::spec::{DatabaseEngine, Spec, StreamFlavour};
use decouple_lab::model::{ComponentId, ComponentKind, ConnectionId, ConnectionKind, Diagram, Poison};
use decouple_lab::sim::{Hop, HopOutcome, SimOptions, Simulation};
use std::collections::{HashMap, HashSet};

const KEYS: u32 = 8;
/// Two shards: the table's 2,000 write capacity units need two partitions.
const SHARDS: u32 = 2;

/// Parts of the small design: writer function → table (change stream on) → projector
/// function (on a change-stream mapping) → search index; the projector's on-failure
/// destination is a queue.
struct Run {
    d: Diagram,
    db: ComponentId,
    projector: ComponentId,
    index: ComponentId,
    failures: ComponentId,
    mapping: ConnectionId,
}

fn design() -> Run {
    let mut b = Builder::new();
    let payload = format!(r#"{{"orderId": "k{{{{int 1 {KEYS}}}}}", "seq": {{{{seq}}}}}}"#);
    let client = b.client("Orders", 0.0, 0.0, 40.0, false, &payload);
    let writer = b.function("Writer", 1.0, 0.0, 20, 3);
    let db = b.database("Orders table", 2.0, 0.0, DatabaseEngine::DynamoDb, true);
    if let Spec::Database(s) = b.spec(db) {
        s.write_capacity_per_s = 2_000;
    }
    let projector = b.function("Projector", 3.0, 0.0, 30, 3);
    let index = b.add(ComponentKind::SearchIndex, "Orders search", 4.0, 0.0);
    let failures = b.queue("Failed batches", 4.0, 1.0, 30);
    b.link(client, writer);
    b.link(writer, db);
    let mapping = b.link(db, projector);
    b.link(projector, index);
    b.link_as(projector, failures, ConnectionKind::OnFailure);
    let d = b.finish().expect("the design is valid");
    assert_eq!(d.connection(mapping).map(|c| c.kind), Some(ConnectionKind::ChangeStream));
    assert_eq!(d.connection(mapping).map(|c| c.settings.batch_size), Some(100), "Lambda's DynamoDB default batch");
    Run { d, db, projector, index, failures, mapping }
}

impl Run {
    fn mapping(&mut self, edit: impl FnOnce(&mut decouple_lab::model::ConnectionSettings)) -> &mut Self {
        edit(&mut self.d.connection_mut(self.mapping).expect("mapping").settings);
        self
    }

    /// The projector fails every record of item `key`.
    fn poison(&mut self, key: &str) -> &mut Self {
        self.d.component_mut(self.projector).expect("projector").faults.poison =
            Some(Poison { field: "orderId".into(), value: serde_json::json!(key) });
        self
    }

    /// Runs `secs` seconds; returns the run, its hops, and each message's item key and
    /// sequence number (read while the message is alive, in 5 ms steps).
    fn run(&self, secs: u64) -> (Simulation, Vec<Hop>, Payloads) {
        let mut sim = Simulation::with_options(&self.d, SimOptions { seed: 7, ..SimOptions::default() }).expect("runs");
        let (mut hops, mut payloads) = (Vec::new(), Payloads::new());
        for _ in 0..secs * 200 {
            sim.run_for(5_000);
            for h in sim.drain_trace() {
                if let Some(text) = payloads.contains_key(&h.message).then_some(None).unwrap_or_else(|| sim.payload(h.message)) {
                    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
                    payloads.insert(h.message, (v["orderId"].as_str().expect("key").to_string(), v["seq"].as_u64().expect("seq")));
                }
                hops.push(h);
            }
        }
        assert!(sim.books().balanced(), "{:?}", sim.books());
        sim.audit().expect("every live message is held");
        (sim, hops, payloads)
    }
}

type Payloads = HashMap<u64, (String, u64)>;

/// Per item key, the sequence numbers in the order of hops into `to` (delivered).
fn per_key(payloads: &Payloads, hops: &[Hop], to: ComponentId) -> HashMap<String, Vec<u64>> {
    let mut out: HashMap<String, Vec<u64>> = HashMap::new();
    for h in hops.iter().filter(|h| h.to == to && h.outcome == HopOutcome::Delivered) {
        let (k, seq) = payloads.get(&h.message).expect("every message seen alive").clone();
        out.entry(k).or_default().push(seq);
    }
    out
}

fn shard_of(key: &str) -> u32 {
    StreamFlavour::Kinesis.partition_of(key, SHARDS)
}

fn all_keys() -> Vec<String> {
    (1..=KEYS).map(|k| format!("k{k}")).collect()
}

#[test]
fn records_of_one_key_reach_the_function_in_write_order() {
    let run = design();
    let (sim, hops, payloads) = run.run(30);
    let written = per_key(&payloads, &hops, run.db);
    let read = per_key(&payloads, &hops, run.index);
    assert_eq!(written.len(), KEYS as usize);
    for (key, w) in &written {
        let r = read.get(key).expect("every key read");
        assert!(r.len() > 50, "{key}: {} read", r.len());
        assert_eq!(r[..], w[..r.len()], "{key} read out of write order");
    }
    let report = sim.component_report(run.db).expect("report");
    assert_eq!(report.shards.as_ref().map(Vec::len), Some(SHARDS as usize), "one shard per 1,000 WCU");
    // Both shards got writes: keys spread.
    assert!(report.shards.expect("shards").iter().all(|s| s.accepted > 100));
}

/// Sequence numbers of `key`'s records written after the first record of the poisoned
/// key `k1` (so behind it in its shard when they share one), and of those the ones read
/// (each once, however often a retried batch processed it).
fn behind_k1(payloads: &Payloads, hops: &[Hop], run: &Run, keys: impl Fn(&str) -> bool) -> (usize, usize) {
    let written = per_key(payloads, hops, run.db);
    let read = per_key(payloads, hops, run.index);
    let first = *written["k1"].first().expect("k1 written");
    let (mut w, mut r) = (0, 0);
    for key in all_keys().iter().filter(|k| *k != "k1" && keys(k)) {
        let later: HashSet<u64> = written.get(key).into_iter().flatten().copied().filter(|&s| s > first).collect();
        let got: HashSet<u64> = read.get(key).into_iter().flatten().copied().filter(|s| later.contains(s)).collect();
        (w, r) = (w + later.len(), r + got.len());
    }
    (w, r)
}

/// The poisoned key's shard waits; the other shard goes on; the iterator age grows.
#[test]
fn a_failing_batch_blocks_its_shard_until_the_records_expire() {
    let mut run = design();
    run.poison("k1");
    let blocked = shard_of("k1");
    let (sim, hops, payloads) = run.run(40);
    let same = behind_k1(&payloads, &hops, &run, |k| shard_of(k) == blocked);
    let other = behind_k1(&payloads, &hops, &run, |k| shard_of(k) != blocked);
    assert!(other.0 > 300 && other.1 * 10 >= other.0 * 9, "the other shard keeps up: {other:?}");
    assert!(same.0 > 300 && same.1 == 0, "the blocked shard's later records wait: {same:?}");
    let consumers = sim.component_report(run.db).and_then(|r| r.stream_consumers).expect("consumers");
    let lag = |p: u32| consumers[0].partitions[p as usize].lag;
    assert!(lag(blocked) > 300 && lag(1 - blocked) < 50, "lags {} / {}", lag(blocked), lag(1 - blocked));
    assert!(consumers[0].iterator_age_ms > 30_000, "iterator age {}", consumers[0].iterator_age_ms);
    // The chart's oldest age is that iterator age, growing while the shard waits.
    let ages: Vec<u64> = sim.series(run.db).iter().map(|s| s.oldest_age_ms).collect();
    assert!(ages[30] > ages[10] + 15_000, "{:?}", &ages[5..35]);
    // Nothing given up yet: the default retries until the records expire (24 h).
    assert_eq!(sim.component_report(run.failures).map(|r| r.received), Some(0));
}

#[test]
fn the_retry_limit_discards_the_batch_to_the_on_failure_destination_and_the_shard_goes_on() {
    let mut run = design();
    run.poison("k1").mapping(|s| s.mapping_retry_attempts = 2);
    let blocked = shard_of("k1");
    let (sim, hops, payloads) = run.run(40);
    // Without bisect whole batches go (nearly every batch of that shard holds a k1
    // record), but the shard no longer waits.
    let consumers = sim.component_report(run.db).and_then(|r| r.stream_consumers).expect("consumers");
    let lag = consumers[0].partitions[blocked as usize].lag;
    assert!(lag < 50 && consumers[0].iterator_age_ms < 5_000, "the shard moves on: lag {lag}, age {}", consumers[0].iterator_age_ms);
    let same = behind_k1(&payloads, &hops, &run, |k| shard_of(k) == blocked);
    assert!(same.1 > 0, "records of that shard after k1 are read too: {same:?}");
    assert!(!per_key(&payloads, &hops, run.index).contains_key("k1"), "a poisoned record never succeeds");
    let notices = sim.component_report(run.failures).expect("queue").received;
    let discarded = sim.component_report(run.db).expect("db").errors;
    assert!(notices > 0 && discarded >= notices, "{notices} notices for {discarded} discarded records");
    assert!(sim.books().failed >= discarded);
}

#[test]
fn the_maximum_record_age_discards_old_records() {
    let mut run = design();
    run.poison("k1").mapping(|s| s.max_record_age_s = 60);
    let (sim, _, _) = run.run(100);
    let db = sim.component_report(run.db).expect("db");
    assert!(db.expired > 0, "records past 60 s are discarded");
    assert!(sim.component_report(run.failures).expect("queue").received > 0);
    let consumers = db.stream_consumers.expect("consumers");
    assert!(consumers[0].iterator_age_ms < 70_000, "iterator age {} stays under the maximum age and a retry", consumers[0].iterator_age_ms);
}

/// With bisect, only the poisoned records are discarded; without, whole batches go.
#[test]
fn bisect_isolates_the_bad_record() {
    let good_lost = |bisect: bool| {
        let mut run = design();
        run.poison("k1").mapping(|s| (s.mapping_retry_attempts, s.bisect_on_error, s.batch_window_s) = (0, bisect, 1));
        let (sim, hops, payloads) = run.run(30);
        let (written, read) = behind_k1(&payloads, &hops, &run, |_| true);
        let waiting = sim.component_report(run.db).expect("db").depth as usize;
        written.saturating_sub(read + waiting)
    };
    let (with, without) = (good_lost(true), good_lost(false));
    assert!(without > 20, "without bisect whole batches are discarded: {without} good records lost");
    assert!(with * 10 < without, "bisect keeps the good records: {with} lost against {without}");
}

/// The ready-made "e-commerce order" pattern still runs its table's stream to the
/// relay function and on to every queue.
#[test]
fn the_ecommerce_pattern_reads_its_table_through_the_stream() {
    let pattern = decouple_lab::lessons::pattern("ecommerce-pipeline").expect("pattern");
    let d = pattern.diagram();
    let table = d.components().find(|c| c.kind() == ComponentKind::Database).map(|c| c.id).expect("table");
    let mut sim = Simulation::new(&d).expect("runs");
    sim.run_for(30_000_000);
    let report = sim.component_report(table).expect("table");
    let consumers = report.stream_consumers.expect("the relay reads the table's stream");
    assert!(consumers[0].read > 50, "{}", consumers[0].read);
    assert!(sim.books().balanced());
}

