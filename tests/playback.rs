//! The page's playback model, natively: the clock under play, step and reset, the seed,
//! live faults and pattern steps, badges and the series the charts read. What these
//! assert is what the page shows (the WebDriver tests in `e2e_playback.rs` read the same
//! figures off the screen).

use decouple_lab::playback::event_log::LogFilter;
use decouple_lab::editor::Viewport;
use decouple_lab::lessons::{pattern, Act, Step, Text};
use decouple_lab::model::{ComponentId, Diagram};
use decouple_lab::playback::{PlaybackState, Snapshot};
use std::rc::Rc;

fn tight_vs_loose() -> Diagram {
    pattern("tight-vs-loose").expect("the pattern").diagram()
}

fn id_of(d: &Diagram, name: &str) -> ComponentId {
    d.components().find(|c| c.name == name).unwrap_or_else(|| panic!("no component named {name}")).id
}

fn player(d: &Diagram) -> PlaybackState {
    let mut p = PlaybackState::new();
    p.set_diagram(Rc::new(d.clone()), 1);
    p
}

fn steps(p: &mut PlaybackState, seconds: u32) -> Snapshot {
    for _ in 0..seconds {
        p.step().expect("the diagram runs");
    }
    p.snapshot()
}

#[test]
fn play_advances_by_wall_time_times_speed_and_pause_stops_it() {
    let mut p = player(&tight_vs_loose());
    // Before playing, a frame does nothing and there is no run.
    p.frame(1_000.0, || false);
    assert!(!p.snapshot().running);

    p.play().expect("the pattern runs");
    p.frame(500.0, || false);
    assert_eq!(p.now_us(), 500_000);
    p.set_speed(5.0);
    p.frame(200.0, || false);
    assert_eq!(p.now_us(), 1_500_000);
    let s = p.snapshot();
    assert!(s.running && s.playing);
    assert_eq!(s.now_s, 1.5);
    assert_eq!(s.speed, 5.0);
    assert!(s.books.expect("books while running").created > 0);

    p.pause();
    p.frame(1_000.0, || false);
    assert_eq!(p.now_us(), 1_500_000, "a paused run does not move");
    assert!(!p.snapshot().playing);
}

#[test]
fn as_fast_as_possible_runs_while_the_frame_has_time_and_shows_no_dots() {
    let mut p = player(&tight_vs_loose());
    p.set_speed(0.0);
    p.play().unwrap();
    let slices = std::cell::Cell::new(0);
    p.frame(16.0, || {
        slices.set(slices.get() + 1);
        slices.get() <= 10
    });
    assert_eq!(p.now_us(), 10 * 200_000, "ten slices of 200 ms");
    assert_eq!(p.snapshot().dots, 0);
}

#[test]
fn step_moves_one_second_and_fills_series_log_and_dots() {
    let d = tight_vs_loose();
    let mut p = player(&d);
    let s = steps(&mut p, 3);
    assert_eq!(s.now_s, 3.0);
    assert!(!s.playing, "stepping does not play");
    assert!(s.hops > 0);
    assert!(s.dots > 0, "hops still moving at the step's end are drawn");

    let shoppers = id_of(&d, "Shoppers (sync)");
    let series = p.series(shoppers);
    assert_eq!(series.iter().map(|s| s.t_s).collect::<Vec<_>>(), vec![1, 2, 3]);
    let (_, points) = p.latency(shoppers).expect("a waiting client's response times");
    assert!(!points.is_empty() && points.iter().all(|pt| pt.p50_us <= pt.p99_us));

    let log = p.recent_hops(&LogFilter::default(), 10);
    assert_eq!(log.len(), 10);
    assert!(log.windows(2).all(|w| w[0].arrive_us >= w[1].arrive_us), "newest first");
    let (hops, _) = p.message_hops(log[0].message).expect("a recent message's hops");
    assert!(hops.iter().any(|h| h.message == log[0].message));

    // A dot is picked where it is drawn.
    let vp = Viewport::default();
    let (hop, at, _) = p.dots(&vp).next().map(|(h, at, r)| (*h, at, r)).expect("a dot on screen");
    let picked = p.dot_under(at, &vp).expect("the dot under the click");
    assert!(p.dots(&vp).any(|(h, a, _)| h.message == picked && (a.x - at.x).hypot(a.y - at.y) < 9.0));
    let _ = hop;
}

#[test]
fn reset_forgets_the_run_and_its_live_faults_and_the_same_seed_gives_the_same_run() {
    let d = tight_vs_loose();
    let mut p = player(&d);
    let first = steps(&mut p, 5).books;
    let processor = id_of(&d, "Order processor (sync)");
    assert_eq!(p.set_down(processor, true), Ok(true));
    assert_eq!(p.set_error_rate(id_of(&d, "Web server (sync)"), 0.5), Ok(true));
    p.select_message(Some(1));
    p.set_speed(25.0);

    p.reset();
    let s = p.snapshot();
    assert!(!s.running && !s.playing);
    assert!(s.live_down.is_empty() && s.live_faults.is_empty());
    assert_eq!(s.message, None);
    assert_eq!(s.speed, 25.0, "the speed stays");
    assert!(s.badges.is_empty() && s.books.is_none());

    // The fault was live only: the new run is the first one again.
    assert_eq!(steps(&mut p, 5).books, first);
}

#[test]
fn another_seed_gives_another_run() {
    let d = tight_vs_loose();
    let mut other = d.clone();
    other.run.seed = d.run.seed + 1;
    let books = |d: &Diagram| steps(&mut player(d), 10).books.expect("books");
    assert_eq!(books(&d), books(&d.clone()));
    assert_ne!(books(&d), books(&other));
}

#[test]
fn a_changed_diagram_makes_the_run_stale() {
    let d = tight_vs_loose();
    let mut p = player(&d);
    assert!(!p.is_stale(), "no run, nothing stale");
    steps(&mut p, 1);
    p.set_diagram(Rc::new(d.clone()), 1);
    assert!(!p.is_stale());
    p.set_diagram(Rc::new(d), 2);
    assert!(p.is_stale());
    p.reset();
    assert!(!p.is_stale());
}

#[test]
fn live_faults_change_the_run_and_show_on_the_boxes() {
    let d = tight_vs_loose();
    let mut p = player(&d);
    let (sync_proc, async_proc) = (id_of(&d, "Order processor (sync)"), id_of(&d, "Order processor (async)"));
    // A live fault starts the run.
    assert_eq!(p.set_down(sync_proc, true), Ok(true));
    assert!(p.is_running());
    assert_eq!(p.set_down(async_proc, true), Ok(true));
    assert_eq!(p.set_latency(async_proc, 3.0), Ok(true));
    assert_eq!(p.set_down(ComponentId(9_999), true), Ok(false), "an unknown component");
    let s = steps(&mut p, 10);
    assert_eq!(s.live_down.iter().copied().collect::<Vec<_>>(), {
        let mut v = vec![sync_proc, async_proc];
        v.sort();
        v
    });
    // The slow-down keeps the diagram's error rate beside it.
    let fault = s.live_faults[&async_proc];
    assert_eq!((fault.error_rate, fault.latency), (d.component(async_proc).unwrap().faults.error_rate, 3.0));

    // Synchronous shoppers see errors; asynchronous ones do not, their orders wait.
    let failed = |name: &str| p.report(id_of(&d, name)).and_then(|r| r.client).map(|c| c.timeouts + c.server_errors + c.throttled_429);
    assert!(failed("Shoppers (sync)").unwrap() > 0);
    assert_eq!(failed("Shoppers (async)"), Some(0));
    assert!(p.report(id_of(&d, "Orders queue")).unwrap().depth > 0);
    assert!(s.user_errors > 0);

    // Back up: the box no longer says down.
    assert_eq!(p.set_down(async_proc, false), Ok(true));
    assert!(!p.snapshot().live_down.contains(&async_proc));
}

#[test]
fn a_pattern_step_does_each_act_once_and_names_what_is_missing() {
    let d = tight_vs_loose();
    let mut p = player(&d);
    let take_down = &pattern("tight-vs-loose").unwrap().steps[1];
    assert_eq!(p.apply_step(take_down), Ok(vec![]));
    let s = steps(&mut p, 5);
    assert_eq!(s.live_down.len(), 2);
    assert!(p.report(id_of(&d, "Orders queue")).unwrap().depth > 0);

    const ACTS: &[Act] = &[Act::ErrorRate("Web server (sync)", 0.25), Act::Down("No such box"), Act::Poison("Orders queue")];
    let step = Step::act(Text { en: "", vi: "" }, ACTS);
    // The queue sends nothing of its own, so the poison is refused; the error rate is set.
    assert_eq!(p.apply_step(&step), Ok(vec!["No such box", "Orders queue"]));
    assert_eq!(p.snapshot().live_faults[&id_of(&d, "Web server (sync)")].error_rate, 0.25);

    let bring_back = &pattern("tight-vs-loose").unwrap().steps[2];
    assert_eq!(p.apply_step(bring_back), Ok(vec![]));
    assert!(p.snapshot().live_down.is_empty());
}

#[test]
fn a_diagram_that_cannot_run_says_why_in_both_languages() {
    let mut d = tight_vs_loose();
    let queue = id_of(&d, "Orders queue");
    if let decouple_lab::model::spec::Spec::Queue(q) = &mut d.component_mut(queue).unwrap().spec {
        q.visibility_timeout_s = u32::MAX;
    }
    let mut p = player(&d);
    match p.play() {
        Ok(()) => {
            // The engine took it: then a fault on it works like any other.
            assert!(p.is_playing());
        }
        Err(why) => {
            assert!(why.en.starts_with("This diagram can't run yet: "), "{}", why.en);
            assert!(why.vi.starts_with("Sơ đồ này chưa chạy được: "), "{}", why.vi);
            assert!(!p.is_running() && !p.is_playing());
            assert!(p.set_down(queue, true).is_err());
        }
    }
}

#[test]
fn badges_say_what_each_box_holds_and_raise_an_alert_on_failures() {
    let d = tight_vs_loose();
    let mut p = player(&d);
    p.set_down(id_of(&d, "Order processor (sync)"), true).unwrap();
    p.set_down(id_of(&d, "Order processor (async)"), true).unwrap();
    let s = steps(&mut p, 10);
    assert_eq!(s.badges.len(), d.components().count(), "every box has a badge");

    let queue = id_of(&d, "Orders queue");
    let depth = p.report(queue).unwrap().depth;
    assert!(depth > 0);
    let badge = &s.badges[&queue];
    assert!(badge.text.en.starts_with(&format!("{depth} waiting")), "{}", badge.text.en);
    assert!(badge.text.vi.starts_with(&format!("{depth} đang chờ")), "{}", badge.text.vi);
    assert!(!badge.alert, "waiting is not bad news");

    let shoppers = id_of(&d, "Shoppers (sync)");
    let c = p.report(shoppers).unwrap().client.unwrap();
    let failed = c.timeouts + c.server_errors + c.throttled_429;
    assert!(failed > 0, "the synchronous shoppers see the processor down");
    let badge = &s.badges[&shoppers];
    assert_eq!(badge.text.en, format!("{} sent · {failed} failed", c.sent));
    assert_eq!(badge.text.vi, format!("{} đã gửi · {failed} lỗi", c.sent));
    assert!(badge.alert);

    let async_shoppers = &s.badges[&id_of(&d, "Shoppers (async)")];
    assert!(async_shoppers.text.en.ends_with(" 0 failed") && !async_shoppers.alert, "{}", async_shoppers.text.en);
}

/// Client → queue (visibility timeout 30 s) → function, 10 orders a second.
fn queue_and_function() -> (Diagram, ComponentId, ComponentId) {
    let mut b = decouple_lab::lessons::build::Builder::new();
    let c = b.client("Shoppers", 0.0, 0.0, 10.0, false, "");
    let q = b.queue("Orders", 1.0, 0.0, 3);
    let f = b.function("Processor", 2.0, 0.0, 100, 3);
    b.link(c, q);
    b.link(q, f);
    (b.finish().expect("diagram"), q, f)
}

/// An outage read off the queue's badge: failing hides the messages (in flight, with a
/// tooltip naming the visibility timeout), and after the consumer comes back the badge
/// says how long they stay hidden; stopped leaves them waiting.
#[test]
fn the_queue_badge_reads_an_outage_in_waiting_and_in_flight() {
    use decouple_lab::model::Outage;
    use decouple_lab::text::Lang;
    let (d, q, f) = queue_and_function();
    let mut p = player(&d);
    assert_eq!(p.set_outage(f, Outage::Errors), Ok(true));
    let s = steps(&mut p, 10);
    let badge = s.badges[&q].clone();
    let report = p.report(q).expect("queue");
    assert!(report.in_flight > 50, "{report:?}");
    let text = badge.text.get(Lang::En).to_string();
    assert!(text.starts_with(&format!("{} waiting · {} in flight", report.depth, report.in_flight)), "{text}");
    let title = badge.title.expect("a tooltip").get(Lang::En).to_string();
    assert!(title.contains("hidden for the visibility timeout (30 s)"), "{title}");
    assert_eq!(s.live_faults[&f].outage, Outage::Errors);

    // Back 10 s after the outage began: the hidden messages show again within 20 s.
    assert_eq!(p.set_outage(f, Outage::Running), Ok(true));
    let s = steps(&mut p, 2);
    let badge = s.badges[&q].clone();
    assert!(badge.text.get(Lang::En).contains("visible again in ≤ 28 s"), "{:?}", badge.text);
    assert!(badge.title.expect("tooltip").get(Lang::En).contains("nothing drains until then"));
    // Once the timeout has passed they drain, and the badge stops saying so.
    let s = steps(&mut p, 40);
    assert!(!s.badges[&q].text.get(Lang::En).contains("visible again"), "{:?}", s.badges[&q].text);
    assert!(p.report(q).expect("queue").in_flight < 10);

    // Stopped: nothing is received, the backlog waits visibly.
    assert_eq!(p.set_outage(f, Outage::Stopped), Ok(true));
    let s = steps(&mut p, 10);
    let report = p.report(q).expect("queue");
    assert!(report.depth > 50 && report.in_flight == 0, "{report:?}");
    assert!(!s.badges[&q].text.get(Lang::En).contains("visible again"));
    assert!(s.live_down.contains(&f));
}

/// A failure count stays on the badge, but it is red only while failures are recent: a
/// consumer that came back does not look broken for the rest of the run.
#[test]
fn a_badge_is_red_while_failures_are_recent_and_the_count_stays() {
    use decouple_lab::model::Outage;
    use decouple_lab::playback::ALERT_AFTER_FAILURE_S;
    use decouple_lab::text::Lang;
    let (d, _, f) = queue_and_function();
    let mut p = player(&d);
    assert_eq!(p.set_outage(f, Outage::Errors), Ok(true));
    let s = steps(&mut p, 5);
    let errors = p.report(f).expect("function").errors;
    assert!(errors > 0);
    assert!(s.badges[&f].alert, "failing now: {:?}", s.badges[&f].text);
    assert!(s.badges[&f].text.get(Lang::En).contains(&format!("{errors} errors")), "{:?}", s.badges[&f].text);

    assert_eq!(p.set_outage(f, Outage::Running), Ok(true));
    // One snapshot a simulated second, as the page takes them (more often, in fact).
    let mut last = p.snapshot();
    for _ in 0..(ALERT_AFTER_FAILURE_S as u32 + 2) {
        last = steps(&mut p, 1);
    }
    assert_eq!(p.report(f).expect("function").errors, errors, "no new failures after it came back");
    let badge = &last.badges[&f];
    assert!(badge.text.get(Lang::En).contains(&format!("{errors} errors")), "the count stays: {:?}", badge.text);
    assert!(!badge.alert, "no failure for {ALERT_AFTER_FAILURE_S} s: no longer red");
}
