//! Every ready-made pattern builds, is valid, round-trips through a file, runs, and
//! shows its point.

use decouple_lab::lessons::{build, pattern, patterns, simulate, Act, Lang};
use decouple_lab::model::spec::Spec;
use decouple_lab::model::{check_component, check_connection, ComponentId, ConnectionKind, Diagram};
use decouple_lab::routing::{EventPattern, StateMachineDefinition};
use decouple_lab::share;
use decouple_lab::sim::{ClientReport, Simulation};
use std::collections::HashSet;

const ALL_IDS: [&str; 16] = [
    "tight-vs-loose",
    "sync-to-async-chain",
    "producer-consumer",
    "order-processing",
    "sns-fanout",
    "eventbridge-routing",
    "microservices",
    "saga",
    "cqrs",
    "event-sourcing",
    "async-api",
    "image-pipeline",
    "ecommerce-pipeline",
    "iot-pipeline",
    "workflow-orchestration",
    "event-streaming",
];

fn id_of(d: &Diagram, name: &str) -> ComponentId {
    d.components().find(|c| c.name == name).unwrap_or_else(|| panic!("no component {name}")).id
}

fn client(sim: &Simulation, d: &Diagram, name: &str) -> ClientReport {
    sim.component_report(id_of(d, name)).and_then(|r| r.client).expect("a client report")
}

fn with_step(id: &str, step: usize) -> Diagram {
    let p = pattern(id).expect("pattern");
    let mut d = p.diagram();
    let missing = p.steps[step].apply_to_diagram(&mut d, 0.0);
    assert!(missing.is_empty(), "{id}: step {step} names {missing:?}");
    d
}

#[test]
fn the_menu_lists_every_pattern_once() {
    let ids: Vec<&str> = patterns().iter().map(|p| p.id).collect();
    assert_eq!(ids, ALL_IDS);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
}

#[test]
fn every_pattern_has_texts_in_both_languages() {
    for p in patterns() {
        for lang in Lang::ALL {
            assert!(p.title.get(lang).len() > 3, "{}: title", p.id);
            assert!(p.explanation.get(lang).len() > 80, "{}: explanation", p.id);
            assert!(!p.steps.is_empty(), "{}: steps", p.id);
            for s in p.steps {
                assert!(s.text.get(lang).len() > 20, "{}: step", p.id);
            }
        }
        assert_ne!(p.explanation.en, p.explanation.vi, "{}", p.id);
    }
}

#[test]
fn every_pattern_builds_within_the_rules() {
    for p in patterns() {
        let d = p.try_diagram().unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert!(d.component_count() >= 4, "{}", p.id);
        for c in d.components() {
            assert!(check_component(c).is_empty(), "{}: {}: {:?}", p.id, c.name, check_component(c));
            if let Spec::StateMachine(s) = &c.spec {
                StateMachineDefinition::parse(&s.definition).unwrap_or_else(|e| panic!("{}: {}: {e:?}", p.id, c.name));
            }
        }
        for e in d.connections() {
            let from = d.kind_of(e.from).expect("from");
            assert!(check_connection(e.kind, from, &e.settings).is_empty(), "{}: {:?}", p.id, e);
            if e.kind == ConnectionKind::Rule {
                EventPattern::parse(&e.settings.pattern).unwrap_or_else(|err| panic!("{}: {}: {err:?}", p.id, e.settings.pattern));
            }
            if e.kind == ConnectionKind::Task {
                let Some(Spec::StateMachine(s)) = d.component(e.from).map(|c| &c.spec) else { panic!("task from a state machine") };
                let def = StateMachineDefinition::parse(&s.definition).expect("valid");
                assert!(has_state(&def.root, &e.settings.task_state), "{}: no state {}", p.id, e.settings.task_state);
            }
        }
        let warnings = decouple_lab::model::warnings(&d);
        assert!(warnings.is_empty(), "{}: {warnings:?}", p.id);
        for s in p.steps {
            for a in s.acts {
                assert!(d.components().any(|c| c.name == a.target()), "{}: a step names {}", p.id, a.target());
                if let Act::Spike { client, .. } = a {
                    assert!(matches!(d.component(id_of(&d, client)).map(|c| &c.spec), Some(Spec::Client(_))));
                }
            }
        }
    }
}

fn has_state(branch: &decouple_lab::routing::asl::Branch, name: &str) -> bool {
    use decouple_lab::routing::asl::StateKind;
    branch.states.iter().any(|s| {
        s.name == name
            || match &s.kind {
                StateKind::Parallel { branches, .. } => branches.iter().any(|b| has_state(b, name)),
                StateKind::Map(m) => has_state(&m.processor, name),
                _ => false,
            }
    })
}

#[test]
fn every_pattern_is_laid_out_without_overlaps() {
    for p in patterns() {
        let d = p.diagram();
        let boxes: Vec<_> = d.components().map(|c| (c.name.clone(), c.position)).collect();
        let names: HashSet<_> = boxes.iter().map(|(n, _)| n.clone()).collect();
        assert_eq!(names.len(), boxes.len(), "{}: names are unique", p.id);
        for (i, (a, pa)) in boxes.iter().enumerate() {
            assert!(pa.x >= 0.0 && pa.y >= 0.0, "{}: {a}", p.id);
            for (b, pb) in &boxes[i + 1..] {
                let apart_x = (pa.x - pb.x).abs() >= build::BOX_W + 40.0;
                let apart_y = (pa.y - pb.y).abs() >= build::BOX_H + 40.0;
                assert!(apart_x || apart_y, "{}: {a} and {b} overlap", p.id);
            }
        }
    }
}

#[test]
fn every_pattern_round_trips_through_a_file() {
    for p in patterns() {
        let d = p.diagram();
        let back = share::from_json(&share::to_json(&d)).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert_eq!(back, d, "{}", p.id);
        let link = share::link_for(&d, "https://lab.example/");
        assert_eq!(share::from_link(&link.url).expect("link"), d, "{}", p.id);
    }
}

#[test]
fn every_pattern_runs_for_a_minute() {
    for p in patterns() {
        let sim = simulate::run(&p.diagram(), 60.0).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        let books = sim.books();
        assert!(books.balanced(), "{}: {books:?}", p.id);
        assert!(books.created > 0, "{}", p.id);
        assert_eq!(books.loop_limit, 0, "{}", p.id);
    }
}

#[test]
fn tight_vs_loose_with_the_processor_down() {
    let d = with_step("tight-vs-loose", 1);
    let sim = simulate::run(&d, 60.0).expect("runs");
    let sync = client(&sim, &d, "Shoppers (sync)");
    let asynch = client(&sim, &d, "Shoppers (async)");
    assert!(sync.errors_total() > 100, "sync users see errors: {sync:?}");
    assert_eq!(sync.ok, 0);
    assert_eq!(asynch.errors_total(), 0, "async users see none: {asynch:?}");
    assert!(asynch.accepted_202 > 500, "{asynch:?}");
    let queue = sim.component_report(id_of(&d, "Orders queue")).expect("queue");
    assert!(queue.depth > 500, "orders wait in the queue: {}", queue.depth);
}

#[test]
fn tight_vs_loose_recovers_only_in_the_async_half() {
    let p = pattern("tight-vs-loose").expect("pattern");
    let mut d = p.diagram();
    p.steps[1].apply_to_diagram(&mut d, 10.0);
    p.steps[2].apply_to_diagram(&mut d, 30.0);
    let sim = simulate::run(&d, 90.0).expect("runs");
    let sync = client(&sim, &d, "Shoppers (sync)");
    assert!(sync.errors_total() > 100);
    let queue = sim.component_report(id_of(&d, "Orders queue")).expect("queue");
    assert!(queue.depth < 20, "the backlog drains: {}", queue.depth);
    let asynch = client(&sim, &d, "Shoppers (async)");
    assert_eq!(asynch.errors_total(), 0);
    assert_eq!(sim.books().dead_lettered, 0);
}

#[test]
fn a_slow_service_times_out_the_sync_chain_only() {
    let d = with_step("sync-to-async-chain", 1);
    let sim = simulate::run(&d, 60.0).expect("runs");
    let sync = client(&sim, &d, "Client (sync chain)");
    let asynch = client(&sim, &d, "Client (async chain)");
    assert!(sync.errors_total() > 50, "{sync:?}");
    assert_eq!(asynch.errors_total(), 0, "{asynch:?}");
    let p99 = asynch.latency.expect("latency").p99_ms;
    assert!(p99 < 500.0, "the async client is answered quickly: {p99}");
}

#[test]
fn fanout_consumers_fail_alone() {
    let d = with_step("sns-fanout", 1);
    let sim = simulate::run(&d, 60.0).expect("runs");
    let mail = sim.component_report(id_of(&d, "E-mail queue")).expect("queue");
    let stock = sim.component_report(id_of(&d, "Stock levels")).expect("db");
    let checkout = client(&sim, &d, "Checkout");
    assert!(mail.depth + mail.in_flight > 200, "e-mails wait: {mail:?}");
    assert!(stock.processed + 10 >= checkout.ok, "inventory keeps up: {} of {}", stock.processed, checkout.ok);
    assert_eq!(checkout.errors_total(), 0);
}

#[test]
fn eventbridge_rules_filter_events() {
    let p = pattern("eventbridge-routing").expect("pattern");
    let d = p.diagram();
    let sim = simulate::run(&d, 60.0).expect("runs");
    let bus = sim.component_report(id_of(&d, "Default event bus")).expect("bus");
    let thumbs = sim.component_report(id_of(&d, "Thumbnail maker")).expect("fn");
    let big = sim.component_report(id_of(&d, "Big orders queue")).expect("queue");
    let runbook = sim.component_report(id_of(&d, "Incident runbook")).expect("sm");
    let orders = sim.component_report(id_of(&d, "Shop app (custom events)")).and_then(|r| r.client).expect("client");
    assert!(thumbs.received > 60, "every .jpg upload: {}", thumbs.received);
    assert!(big.received > 0 && big.received * 2 < orders.sent, "only big orders: {} of {}", big.received, orders.sent);
    assert!(runbook.received > 0, "some alarms fire");
    assert!(bus.received > thumbs.received + big.received + runbook.received, "some events match no rule");
}

#[test]
fn microservices_side_effects_do_not_reach_users() {
    let d = with_step("microservices", 1);
    let sim = simulate::run(&d, 60.0).expect("runs");
    let users = client(&sim, &d, "Users");
    assert_eq!(users.errors_total(), 0, "{users:?}");
    let d = with_step("microservices", 2);
    let sim = simulate::run(&d, 60.0).expect("runs");
    let users = client(&sim, &d, "Users");
    assert!(users.errors_total() > 0 && users.ok > users.errors_total(), "{users:?}");
}

#[test]
fn producer_consumer_scales_out_on_the_spike() {
    let d = pattern("producer-consumer").expect("pattern").diagram();
    let sim = simulate::run(&d, 360.0).expect("runs");
    let w = id_of(&d, "Workers (Auto Scaling)");
    let series = sim.series(w);
    let instances_at = |t: u32| series.iter().find(|s| s.t_s == t).map(|s| s.instances).unwrap_or(0);
    // Target tracking needs three breaching one-minute data points.
    assert_eq!(instances_at(170), 1, "no scale-out before the third data point");
    let most = series.iter().map(|s| s.concurrency).max().unwrap_or(0);
    let app = client(&sim, &d, "Web app");
    assert_eq!(app.errors_total(), 0);
    assert!(most > 5, "more than one instance's worth of work at once: {most}");
    let queue = sim.component_report(id_of(&d, "Jobs queue")).expect("queue");
    let peak = sim.series(id_of(&d, "Jobs queue")).iter().map(|s| s.depth).max().unwrap_or(0);
    assert!(queue.depth < 100, "the backlog shrinks again: {} (peak {peak})", queue.depth);
}

#[test]
fn cqrs_read_model_lags_a_little() {
    let d = pattern("cqrs").expect("pattern").diagram();
    let sim = simulate::run(&d, 60.0).expect("runs");
    let index = sim.component_report(id_of(&d, "Orders search (read model)")).expect("index");
    assert!(index.processed > 300, "{}", index.processed);
    let lag = index.mean_lag_ms.expect("lag");
    assert!(lag > 900.0 && lag < 5_000.0, "{lag}");
}

#[test]
fn async_api_answers_before_the_job_is_done() {
    let d = pattern("async-api").expect("pattern").diagram();
    let sim = simulate::run(&d, 60.0).expect("runs");
    let submit = client(&sim, &d, "App: submit job");
    assert_eq!(submit.errors_total(), 0);
    assert!(submit.accepted_202 > 100);
    assert!(submit.latency.expect("latency").p99_ms < 1_000.0);
    let status = sim.component_report(id_of(&d, "Job status")).expect("db");
    assert!(status.processed > 0 && status.processed < submit.sent, "jobs take 30 s");
}

#[test]
fn choreographed_saga_compensates_in_reverse_order() {
    let d = with_step("saga", 1);
    // Lambda retries a failed asynchronous invocation after 1 and 2 minutes first.
    let sim = simulate::run(&d, 240.0).expect("runs");
    let got = |name: &str| sim.component_report(id_of(&d, name)).expect("component").received;
    let requested = got("TripRequested");
    assert!(requested > 50);
    assert!(got("PaymentFailed") > 0, "failures reach the PaymentFailed topic");
    assert!(got("Flight service: cancel") > 0);
    assert!(got("Hotel service: cancel") > 0, "and the hotel is cancelled after the flight");
    assert!(got("Hotel service: cancel") <= got("Flight service: cancel"));
}

#[test]
fn event_sourcing_replay_rebuilds_the_read_model() {
    let p = pattern("event-sourcing").expect("pattern");
    let replay = p.steps.iter().position(|s| s.acts.iter().any(|a| matches!(a, Act::Replay(_)))).expect("a step replays the archive");
    let mut d = p.diagram();
    let missing = p.steps[replay].apply_to_diagram(&mut d, 30.0);
    assert!(missing.is_empty(), "{missing:?}");
    let (bus, projector, balances) = (id_of(&d, "Account events (archived)"), id_of(&d, "Balance projector"), id_of(&d, "Balances (read model)"));
    let received = |sim: &Simulation, id| sim.component_report(id).expect("component").received;
    let mut sim = Simulation::new(&d).expect("runs");
    sim.run_for(29_500_000);
    let archived = sim.component_report(bus).and_then(|r| r.archive).expect("the bus archives").archived;
    let before = received(&sim, balances);
    assert!(archived > 100 && before + 3 >= archived && before <= archived, "the read model holds the live events: {before} of {archived}");
    sim.run_for(1_500_000);
    let after = received(&sim, balances);
    assert!(after >= before + archived, "the replay delivered every archived event again: {before} -> {after} ({archived} archived)");
    assert!(after >= 2 * archived - 3, "the read model's count doubled: {after} vs {archived}");
    sim.run_for(29_000_000);
    let sent = client(&sim, &d, "Bank app").sent;
    let archive = sim.component_report(bus).and_then(|r| r.archive).expect("archive");
    assert_eq!((archive.replays, archive.archived), (1, sent), "each event archived once; replays are not archived");
    assert!(archive.replayed >= archived && archive.replayed < sent, "{archive:?}");
    assert_eq!(received(&sim, projector), sent + archive.replayed, "the projector's rule got every event and every replayed one");
    assert!(received(&sim, balances) + 3 >= sent + archive.replayed);
    assert!(sim.books().balanced());
    sim.audit().expect("nothing leaks");
}

/// Each function returns its input (the default result), so `$.valid` reaches the
/// Choice and every execution succeeds; with the validating function down, every
/// one goes down the Catch to the error handler and fails.
#[test]
fn workflow_orchestration_succeeds_unless_a_fault_is_injected() {
    let d = pattern("workflow-orchestration").expect("pattern").diagram();
    let machine = id_of(&d, "Workflow (Step Functions)");
    let counts = |d: &Diagram| {
        let sim = simulate::run(d, 60.0).expect("runs");
        sim.component_report(machine).and_then(|r| r.executions).expect("execution counts")
    };
    let healthy = counts(&d);
    assert!(healthy.succeeded >= 50, "{healthy:?}");
    assert_eq!(healthy.failed + healthy.timed_out, 0, "{healthy:?}");
    let mut broken = d.clone();
    let validate = id_of(&broken, "Lambda 1: validate");
    broken.component_mut(validate).expect("validate").faults.down = true;
    let faulty = counts(&broken);
    assert_eq!(faulty.succeeded, 0, "{faulty:?}");
    assert!(faulty.failed >= 50 && faulty.caught >= 50, "{faulty:?}");
}

fn aws_names(id: &str) -> Vec<&'static str> {
    pattern(id).expect("pattern").diagram().components().map(|c| c.spec.aws_name()).collect()
}

/// The services the lesson names stand where it names them: MSK for event streaming,
/// Aurora as the CQRS write model with the query side reading the read model, the
/// Schema Registry on the multi-team EventBridge hub, Fargate in the microservices.
#[test]
fn services_appear_where_the_lesson_names_them() {
    assert!(aws_names("event-streaming").contains(&"Amazon MSK"));
    assert!(aws_names("microservices").contains(&"Amazon ECS on AWS Fargate"));
    let d = pattern("cqrs").expect("cqrs").diagram();
    let write_model = d.components().find(|c| c.name.contains("write model")).expect("a write model");
    assert_eq!(write_model.spec.aws_name(), "Amazon Aurora");
    let Spec::Database(table) = &write_model.spec else { panic!("a database") };
    assert!(table.change_stream, "its changes feed the read model");
    let query = id_of(&d, "Query handler");
    let reads: Vec<_> = d.outgoing(query).filter(|c| c.kind == ConnectionKind::Read).filter_map(|c| d.component(c.to)).collect();
    assert_eq!(reads.len(), 1);
    assert!(["Amazon OpenSearch Service", "Amazon DynamoDB"].contains(&reads[0].spec.aws_name()) && reads[0].name.contains("read model"), "{:?}", reads[0].name);
    assert!(d.outgoing(query).all(|c| c.to != write_model.id), "the query side never reads the write model");
    let d = pattern("eventbridge-routing").expect("pattern").diagram();
    let Some(Spec::EventBus(bus)) = d.component(id_of(&d, "Default event bus")).map(|c| &c.spec) else { panic!("the bus") };
    assert!(!bus.schema.is_empty(), "the hub has the teams' schema");
    let sim = simulate::run(&d, 60.0).expect("runs");
    let report = sim.component_report(id_of(&d, "Default event bus")).expect("bus");
    assert!(report.received > 100);
    assert_eq!(report.schema_violations, 0, "every event the pattern sends fits the schema");
    let p = pattern("eventbridge-routing").expect("pattern");
    assert!(p.explanation.en.contains("Schema Registry") && p.explanation.vi.contains("Schema Registry"));
}

#[test]
fn every_consumer_group_of_the_msk_topic_reads_every_click() {
    let d = pattern("event-streaming").expect("pattern").diagram();
    let sim = simulate::run(&d, 60.0).expect("runs");
    let sent = client(&sim, &d, "Shop website (clicks)").sent;
    let got = |name: &str| sim.component_report(id_of(&d, name)).expect("component").received;
    assert!(sent > 1_000, "{sent}");
    for sink in ["Page counts (DynamoDB)", "Click archive (S3)"] {
        assert!(got(sink) + 60 >= sent && got(sink) <= sent, "{sink}: {} of {sent}", got(sink));
    }
    // The counter down: the archive keeps up, the counter's clicks wait on the topic.
    let d = with_step("event-streaming", 1);
    let sim = simulate::run(&d, 60.0).expect("runs");
    let sent = client(&sim, &d, "Shop website (clicks)").sent;
    let got = |name: &str| sim.component_report(id_of(&d, name)).expect("component").received;
    assert_eq!(got("Page counts (DynamoDB)"), 0);
    assert!(got("Click archive (S3)") + 60 >= sent, "{} of {sent}", got("Click archive (S3)"));
    assert!(sim.books().balanced());
}
