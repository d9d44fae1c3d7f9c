//! Playback: the simulation driven from `requestAnimationFrame` by the frame's own
//! timestamp, moving dots drawn on a canvas overlay (not through the virtual DOM), and
//! a few-times-a-second snapshot of clock, books and badges for Yew to render. The
//! drained trace also feeds a bounded [`RunLog`] (event log, message histories,
//! latency percentiles) that the panels under the canvas read when they render.

use super::store::Editor;
use crate::editor::{Action, Notice};
use crate::text::{Lang, Message, Text};
use crate::editor::geometry::{edge_point, Rect, NODE_HEIGHT, NODE_WIDTH};
use crate::editor::run_log::{self, LatencyPoint, LogFilter, Measure, RunLog, Story};
use crate::editor::Viewport;
use crate::lessons::{Act, Step};
use crate::model::{ComponentId, ComponentKind, Diagram, Point};
use crate::sim::metrics::{Histogram, Totals};
use crate::sim::{Books, Hop, HopOutcome, SimOptions, Simulation};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The element id of the dots overlay.
pub const DOTS_CANVAS_ID: &str = "dots-canvas";
/// At most this many dots are drawn; older ones are let go first.
const MAX_DOTS: usize = 5_000;
/// Each dot travels for at least this much wall time, so quick hops stay visible.
const MIN_TRAVEL_WALL_S: f64 = 0.45;
/// Yew sees the run this often (the dots move every frame regardless).
const SNAPSHOT_EVERY_MS: f64 = 120.0;
/// Past 5× the figures change faster than anyone reads them, and each snapshot makes
/// the page re-render the boxes' badges (in headless Chromium that frame misses its
/// vsync): then Yew sees the run this often.
const FAST_SNAPSHOT_EVERY_MS: f64 = 500.0;
/// A moving dot's radius at zoom 1 (one that ended badly shows larger where it stopped).
const DOT_RADIUS: f64 = 4.5;
/// A click this close to a dot (screen pixels) picks its message.
const PICK_RADIUS: f64 = 9.0;
const SECOND_US: u64 = 1_000_000;

/// Speeds offered, as (factor, label); 0 is "as fast as possible".
pub const SPEEDS: &[(f64, &str)] = &[(0.25, "0.25×"), (1.0, "1×"), (5.0, "5×"), (25.0, "25×"), (100.0, "100×"), (0.0, "Max")];

/// What Yew renders of the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub running: bool,
    pub playing: bool,
    pub now_s: f64,
    pub speed: f64,
    pub books: Option<Books>,
    pub badges: Rc<HashMap<ComponentId, Badge>>,
    /// Users' view: sent, errors (timeouts, 5xx, 429) over every waiting client.
    pub user_errors: u64,
    /// Components taken down live (not in the diagram).
    pub live_down: Rc<BTreeSet<ComponentId>>,
    /// Error rates and slow-downs set live (not in the diagram).
    pub live_faults: Rc<BTreeMap<ComponentId, LiveFault>>,
    /// Dots on the canvas now.
    pub dots: usize,
    /// Hops the run has recorded so far (the event log changed when this did).
    pub hops: u64,
    /// The message the message inspector follows.
    pub message: Option<u64>,
    /// Counts the snapshots published: the panels that show the run's figures take it
    /// as a prop, so only they re-render a few times a second (see `Player`'s `eq`).
    pub tick: u64,
}

impl Snapshot {
    /// What the controls and the inspector show: it changes when the learner acts, not
    /// with every figure.
    fn controls(&self) -> (bool, bool, f64, &BTreeSet<ComponentId>, &BTreeMap<ComponentId, LiveFault>, Option<u64>) {
        (self.running, self.playing, self.speed, &self.live_down, &self.live_faults, self.message)
    }
}

/// The snapshots' count, given as a context: a panel that shows the run's figures uses
/// it to re-render with each snapshot without its parents doing so. Such a panel reads
/// the run through the player's methods (`report`, `executions`): its `player` prop,
/// and so `snapshot()`, is as its parent last rendered it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunTick(pub u64);

/// The run's badges, given as a context so that only the badges re-render with a
/// snapshot (each box reads its own), not the canvas and its boxes.
#[derive(Clone, Debug, Default)]
pub struct LiveBadges(pub Rc<HashMap<ComponentId, Badge>>);

impl PartialEq for LiveBadges {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

/// A component's live error rate and processing-time multiplier.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LiveFault {
    pub error_rate: f64,
    pub latency: f64,
}

/// A live figure under a box.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub text: Message,
    pub alert: bool,
}

struct Run {
    sim: Simulation,
    /// The diagram the run was built from (positions for the dots).
    diagram: Rc<Diagram>,
    revision: u64,
    dots: Vec<Hop>,
    log: RunLog,
    /// Each box by component id, sorted, so a dot finds its ends without hashing.
    boxes: Vec<(ComponentId, Rect)>,
    /// Each client's response times as they were at the last second's end, and its
    /// failures so far and per second (the engine's samples count a client's own errors,
    /// which it has none of; a chart wants what its users saw).
    clients: Vec<ClientTrack>,
    /// Each queue's total wait and receives, and each compute component's busy time and
    /// messages done, at the ends of the last few seconds (for means over them).
    queues: Vec<(ComponentId, Totalled)>,
    computes: Vec<(ComponentId, Totalled)>,
}

/// A total and a count at the ends of the last [`MEAN_OVER_S`] seconds, oldest first.
type Totalled = VecDeque<(u128, u64)>;
/// Means are taken over this many seconds: a worker busy with a batch for several
/// seconds finishes it all at once, which a one-second mean would show as spikes.
const MEAN_OVER_S: usize = 5;

/// A client's figures, kept a second at a time.
struct ClientTrack {
    id: ComponentId,
    before: Histogram,
    failed: u64,
    per_second: VecDeque<(u32, u32)>,
}

impl Run {
    fn new(sim: Simulation, diagram: Rc<Diagram>, revision: u64) -> Run {
        let mut boxes: Vec<(ComponentId, Rect)> = diagram
            .components()
            .map(|c| (c.id, Rect { x: c.position.x, y: c.position.y, width: NODE_WIDTH, height: NODE_HEIGHT }))
            .collect();
        boxes.sort_unstable_by_key(|b| b.0);
        let of_kind = |kind| diagram.components().filter(move |c| c.kind() == kind).map(|c| c.id);
        let clients = of_kind(ComponentKind::Client)
            .map(|id| ClientTrack { id, before: Histogram::default(), failed: 0, per_second: VecDeque::with_capacity(run_log::CHART_SECONDS) })
            .collect();
        let totalled = |id| (id, Totalled::from([(0, 0)]));
        let queues: Vec<(ComponentId, Totalled)> = of_kind(ComponentKind::Queue).map(totalled).collect();
        let computes: Vec<(ComponentId, Totalled)> =
            [ComponentKind::Function, ComponentKind::Service, ComponentKind::WorkerGroup].into_iter().flat_map(of_kind).map(totalled).collect();
        let mut log = RunLog::new(boxes.iter().map(|b| b.0));
        for (id, _) in &queues {
            log.mean_of(*id, Measure::MeanWait);
        }
        for (id, _) in &computes {
            log.mean_of(*id, Measure::MeanWork);
        }
        Run { sim, diagram, revision, dots: Vec::new(), log, boxes, clients, queues, computes }
    }

    fn rect(&self, id: ComponentId) -> Option<&Rect> {
        self.boxes.binary_search_by_key(&id, |b| b.0).ok().map(|i| &self.boxes[i].1)
    }

    /// Runs to `to`, a simulated second at a time: each second's end closes its latency
    /// percentiles and reads the clients' response times and the queues' waits. With
    /// `dots` (a dot's shortest travel), the hops still moving at `to` become dots, and
    /// the rest are trimmed (see [`Run::trim_dots`]).
    fn advance(&mut self, to: u64, dots: Option<u64>) {
        while self.sim.now_us() < to {
            let second_end = (self.sim.now_us() / SECOND_US + 1) * SECOND_US;
            let until = second_end.min(to);
            self.sim.advance_until(until);
            let hops = self.sim.drain_trace();
            self.log.take(&hops);
            if let Some(linger) = dots {
                // Only hops still moving at `to`: a slow frame at 100× brings tens of
                // thousands, which would only grow the list before the trim.
                self.dots.extend(hops.into_iter().filter(|h| h.arrive_us.max(h.depart_us + linger) >= to));
            }
            if until == second_end {
                self.log.close_until(until);
                self.read_second((until / SECOND_US) as u32);
            }
        }
    }

    fn read_second(&mut self, t_s: u32) {
        // (the components, and the total and the count to divide it by)
        let means: [(&mut Vec<(ComponentId, Totalled)>, fn(&Totals) -> (u128, u64)); 2] = [
            (&mut self.queues, |t| (t.wait_sum_us, t.waits)),
            (&mut self.computes, |t| (t.busy_area, t.processed + t.errors)),
        ];
        for (list, read) in means {
            for (id, past) in list.iter_mut() {
                let Some(totals) = self.sim.component_totals(*id) else { continue };
                let (sum, count) = read(&totals);
                let (then_sum, then_count) = past.front().copied().unwrap_or((0, 0));
                let n = count.saturating_sub(then_count);
                if n > 0 {
                    let mean = sum.saturating_sub(then_sum) / u128::from(n);
                    self.log.push_mean(*id, t_s, u64::try_from(mean).unwrap_or(u64::MAX));
                }
                if past.len() >= MEAN_OVER_S {
                    past.pop_front();
                }
                past.push_back((sum, count));
            }
        }
        for c in &mut self.clients {
            let Some(stats) = self.sim.client_stats(c.id) else { continue };
            let failed = stats.errors();
            if c.per_second.len() >= run_log::CHART_SECONDS {
                c.per_second.pop_front();
            }
            c.per_second.push_back((t_s, u32::try_from(failed.saturating_sub(c.failed)).unwrap_or(u32::MAX)));
            c.failed = failed;
            let now = &stats.latency_us;
            if now.count() == c.before.count() {
                continue;
            }
            let q = |q: f64| now.quantile_since(&c.before, q).unwrap_or(0);
            self.log.push_point(c.id, LatencyPoint { t_s, p50_us: q(0.50), p95_us: q(0.95), p99_us: q(0.99) });
            c.before = now.clone();
        }
    }

    /// Lets go of dots that have arrived (each lingers `linger_us` at least), and the
    /// oldest past [`MAX_DOTS`].
    fn trim_dots(&mut self, linger_us: u64) {
        let now = self.sim.now_us();
        self.dots.retain(|h| h.arrive_us.max(h.depart_us + linger_us) >= now);
        if self.dots.len() > MAX_DOTS {
            let excess = self.dots.len() - MAX_DOTS;
            self.dots.drain(..excess);
        }
    }

    /// Where a dot is now on screen, and its radius.
    fn dot_at(&self, hop: &Hop, min_travel_us: f64, vp: &Viewport) -> Option<(Point, f64)> {
        let (a, b) = (self.rect(hop.from)?, self.rect(hop.to)?);
        let travel = (hop.arrive_us.saturating_sub(hop.depart_us) as f64).max(min_travel_us);
        let t = ((self.sim.now_us() as f64 - hop.depart_us as f64) / travel).clamp(0.0, 1.0);
        let (s, e) = (edge_point(a, b.center()), edge_point(b, a.center()));
        let at = vp.to_screen(Point { x: s.x + (e.x - s.x) * t, y: s.y + (e.y - s.y) * t });
        let radius = if t >= 1.0 && hop.outcome != HopOutcome::Delivered { 6.5 } else { DOT_RADIUS } * vp.zoom.max(0.5);
        Some((at, radius))
    }
}

struct Inner {
    run: Option<Run>,
    playing: bool,
    speed: f64,
    last_frame_ms: Option<f64>,
    last_snapshot_ms: f64,
    frame: Option<AnimationFrame>,
    viewport: Viewport,
    live_down: BTreeSet<ComponentId>,
    live_faults: BTreeMap<ComponentId, LiveFault>,
    message: Option<u64>,
    /// Dot positions by outcome, reused from frame to frame (no allocation per frame).
    dot_buffers: [Vec<(f64, f64, f64)>; 5],
    /// Which screen cells already have a dot of each colour this frame (by stamp, so
    /// nothing is cleared): a dot on top of another adds nothing but raster time, and
    /// at 100× most of the 5,000 dots sit on one another along the arrows.
    dot_cells: Vec<u32>,
    dot_stamp: u32,
    /// Snapshots published so far (`Snapshot::tick`).
    published: u64,
}

/// The player: shared by the toolbar (controls), the canvas (badges, dots) and the app.
#[derive(Clone)]
pub struct Player {
    inner: Rc<RefCell<Inner>>,
    /// What this render saw. Not the state handle: in Yew 0.23 every handle derefs to
    /// the latest state, so two players would always compare equal and the panels that
    /// take one as a prop would never re-render.
    snapshot: Rc<Snapshot>,
    publish_to: UseStateSetter<Snapshot>,
    editor: Editor,
}

/// Equal while the controls are: a panel that takes the player re-renders when the
/// learner plays, pauses or injects a fault, not with every snapshot (re-rendering the
/// whole page a few times a second made those frames miss their vsync). Panels that
/// show figures also take `Snapshot::tick`.
impl PartialEq for Player {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner) && self.snapshot.controls() == other.snapshot.controls()
    }
}

#[hook]
pub fn use_player(editor: Editor) -> Player {
    let inner = use_mut_ref(|| Inner {
        run: None,
        playing: false,
        speed: 1.0,
        last_frame_ms: None,
        last_snapshot_ms: 0.0,
        frame: None,
        viewport: Viewport::default(),
        live_down: BTreeSet::new(),
        live_faults: BTreeMap::new(),
        message: None,
        dot_buffers: Default::default(),
        dot_cells: Vec::new(),
        dot_stamp: 0,
        published: 0,
    });
    let state = use_state(|| Snapshot { speed: 1.0, ..Snapshot::default() });
    let player = Player { inner, snapshot: Rc::new((*state).clone()), publish_to: state.setter(), editor: editor.clone() };
    player.inner.borrow_mut().viewport = editor.viewport;

    // A changed diagram resets the run: what is playing must be what is drawn.
    {
        let player = player.clone();
        use_effect_with(editor.revision, move |revision| {
            let stale = player.inner.borrow().run.as_ref().is_some_and(|r| r.revision != *revision);
            if stale {
                player.reset();
                player.editor.dispatch(Action::Notify(Notice::info(Text::new("The diagram changed, so the run was reset.", "Sơ đồ đã thay đổi, nên lượt chạy được đặt lại từ đầu."))));
            }
        });
    }
    // The viewport moves the dots with the boxes.
    {
        let player = player.clone();
        use_effect_with(editor.viewport, move |_| player.draw());
    }
    // Stop the loop when the page goes.
    {
        let inner = player.inner.clone();
        use_effect_with((), move |_| move || drop(inner.borrow_mut().frame.take()));
    }
    player
}

impl Player {
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// Builds the run if there is none; says why when the diagram cannot run.
    fn ensure_run(&self) -> bool {
        if self.inner.borrow().run.is_some() {
            return true;
        }
        let diagram = self.editor.diagram_rc();
        // Samples past what the charts show would only grow the page.
        let options = SimOptions { seed: diagram.run.seed, series_capacity: run_log::CHART_SECONDS as u32, ..SimOptions::default() };
        match crate::sim::Simulation::with_options(&diagram, options).map_err(|e| e.0) {
            Ok(sim) => {
                self.inner.borrow_mut().run = Some(Run::new(sim, diagram, self.editor.revision));
                true
            }
            Err(why) => {
                let Message { en, vi } = why;
                self.editor.dispatch(Action::Notify(Notice::error(msg!("This diagram can't run yet: {en}", "Sơ đồ này chưa chạy được: {vi}"))));
                false
            }
        }
    }

    pub fn play(&self) {
        if !self.ensure_run() {
            return;
        }
        {
            let mut inner = self.inner.borrow_mut();
            inner.playing = true;
            inner.last_frame_ms = None;
        }
        self.schedule();
        self.publish();
    }

    pub fn pause(&self) {
        {
            let mut inner = self.inner.borrow_mut();
            inner.playing = false;
            inner.frame = None;
        }
        self.publish();
    }

    /// One simulated second forward, while paused.
    pub fn step(&self) {
        if !self.ensure_run() {
            return;
        }
        {
            let mut inner = self.inner.borrow_mut();
            if let Some(run) = inner.run.as_mut() {
                let to = run.sim.now_us() + SECOND_US;
                let linger = (MIN_TRAVEL_WALL_S * 1e6) as u64;
                run.advance(to, Some(linger));
                run.trim_dots(linger);
            }
        }
        self.draw();
        self.publish();
    }

    pub fn reset(&self) {
        {
            let mut inner = self.inner.borrow_mut();
            inner.run = None;
            inner.playing = false;
            inner.frame = None;
            inner.live_down.clear();
            inner.live_faults.clear();
            inner.message = None;
        }
        self.draw();
        self.publish();
    }

    pub fn set_speed(&self, speed: f64) {
        self.inner.borrow_mut().speed = speed;
        self.publish();
    }

    /// A live fault on the running simulation (the diagram is not changed).
    pub fn set_down(&self, id: ComponentId, down: bool) -> bool {
        if !self.ensure_run() {
            return false;
        }
        let done = {
            let mut inner = self.inner.borrow_mut();
            let done = inner.run.as_mut().is_some_and(|r| r.sim.set_down(id, down));
            if done && down {
                inner.live_down.insert(id);
            } else {
                inner.live_down.remove(&id);
            }
            done
        };
        self.publish();
        done
    }

    /// A live share of failing work at a component (0 to 1).
    pub fn set_error_rate(&self, id: ComponentId, rate: f64) -> bool {
        self.live_fault(id, |sim| sim.set_error_rate(id, rate), |f| f.error_rate = rate)
    }

    /// A live multiplier of a component's processing time.
    pub fn set_latency(&self, id: ComponentId, multiplier: f64) -> bool {
        self.live_fault(id, |sim| sim.set_latency_multiplier(id, multiplier), |f| f.latency = multiplier)
    }

    fn live_fault(&self, id: ComponentId, apply: impl FnOnce(&mut Simulation) -> bool, note: impl FnOnce(&mut LiveFault)) -> bool {
        if !self.ensure_run() {
            return false;
        }
        let done = {
            let mut inner = self.inner.borrow_mut();
            let inner = &mut *inner;
            let Some(run) = inner.run.as_mut() else { return false };
            let done = apply(&mut run.sim);
            if done {
                note(live_entry(&mut inner.live_faults, &run.diagram, id));
            }
            done
        };
        self.publish();
        done
    }

    /// Does a lesson step's acts to the run (starting it if needed); returns the names
    /// of components the step wants that the diagram does not have, or None when the
    /// diagram cannot run (the player has said why).
    pub fn apply_step(&self, step: &Step) -> Option<Vec<&'static str>> {
        if !self.ensure_run() {
            return None;
        }
        let missing = {
            let mut inner = self.inner.borrow_mut();
            let inner = &mut *inner;
            let run = inner.run.as_mut()?;
            let missing = step.apply_live(&run.diagram, &mut run.sim);
            // Mirror what was done, so the boxes and the live controls show it.
            for act in step.acts.iter().filter(|a| !missing.contains(&a.target())) {
                let Some(id) = act.target_in(&run.diagram) else { continue };
                match *act {
                    Act::Down(_) => {
                        inner.live_down.insert(id);
                    }
                    Act::Up(_) => {
                        inner.live_down.remove(&id);
                    }
                    Act::Slow(_, m) => live_entry(&mut inner.live_faults, &run.diagram, id).latency = m,
                    Act::ErrorRate(_, r) => live_entry(&mut inner.live_faults, &run.diagram, id).error_rate = r,
                    // Spikes, poison and replays leave nothing to show on the boxes.
                    _ => {}
                }
            }
            missing
        };
        if self.inner.borrow().playing {
            self.publish();
        } else {
            self.play();
        }
        Some(missing)
    }

    pub fn spike(&self, client: ComponentId) -> bool {
        self.ensure_run() && self.inner.borrow_mut().run.as_mut().is_some_and(|r| r.sim.spike(client, 10.0, 10.0))
    }

    pub fn poison(&self, source: ComponentId) -> bool {
        self.ensure_run() && self.inner.borrow_mut().run.as_mut().is_some_and(|r| r.sim.inject_poison(source))
    }

    /// Sends an event bus's archive to its rules again (false: no run, or no archive).
    pub fn replay_archive(&self, bus: ComponentId) -> bool {
        let replayed = self.inner.borrow_mut().run.as_mut().is_some_and(|r| r.sim.replay_archive(bus));
        if replayed {
            // It happens at the run's next instant (at once while playing).
            self.publish();
        }
        replayed
    }

    /// What the engine reports for a component now (None before the run starts).
    pub fn report(&self, id: ComponentId) -> Option<crate::sim::ComponentReport> {
        self.inner.borrow().run.as_ref().and_then(|r| r.sim.component_report(id))
    }

    /// A state machine's recent and running executions, oldest first.
    pub fn executions(&self, id: ComponentId) -> Vec<crate::sim::ExecutionView> {
        self.inner.borrow().run.as_ref().map(|r| r.sim.executions(id)).unwrap_or_default()
    }

    /// The selected component's samples, the last ten simulated minutes at most; a
    /// client's errors are the failures its users saw.
    pub fn series(&self, id: ComponentId) -> Rc<Vec<crate::sim::Sample>> {
        let inner = self.inner.borrow();
        let Some(run) = inner.run.as_ref() else { return Rc::default() };
        let all = run.sim.series(id);
        let mut samples = all[all.len().saturating_sub(run_log::CHART_SECONDS)..].to_vec();
        if let Some(c) = run.clients.iter().find(|c| c.id == id) {
            // Both run a second at a time: match them up by second.
            let mut failed = c.per_second.iter().peekable();
            for s in &mut samples {
                while failed.next_if(|(t, _)| *t < s.t_s).is_some() {}
                if let Some((_, n)) = failed.next_if(|(t, _)| *t == s.t_s) {
                    s.errors = s.errors.max(*n);
                }
            }
        }
        Rc::new(samples)
    }

    /// A component's latency percentiles per second, and what they measure.
    pub fn latency(&self, id: ComponentId) -> Option<(Measure, Vec<LatencyPoint>)> {
        self.inner.borrow().run.as_ref().and_then(|r| r.log.latency(id))
    }

    /// The event log: the newest hops the filter accepts, newest first.
    pub fn recent_hops(&self, filter: &LogFilter, limit: usize) -> Vec<Hop> {
        self.inner.borrow().run.as_ref().map(|r| r.log.recent(filter, limit)).unwrap_or_default()
    }

    /// A recent message's story and, while the engine holds it, its payload.
    pub fn message(&self, id: u64) -> Option<(Story, Option<String>)> {
        let inner = self.inner.borrow();
        let run = inner.run.as_ref()?;
        let hops = run.log.message(id)?;
        let payload = run.sim.payload(id);
        let story = run_log::story(hops, payload.is_some(), |c| run.diagram.component(c).map(|c| c.kind()));
        Some((story, payload))
    }

    /// Follows one message in the message inspector (None: none).
    pub fn select_message(&self, id: Option<u64>) {
        self.inner.borrow_mut().message = id;
        self.draw();
        self.publish();
    }

    /// Picks the message whose dot is under `at` (screen pixels on the canvas), if any.
    pub fn pick_dot(&self, at: Point) -> bool {
        let picked = {
            let inner = self.inner.borrow();
            let Some(run) = &inner.run else { return false };
            let min_travel = min_travel_us(inner.speed);
            let mut best: Option<(f64, u64)> = None;
            for hop in &run.dots {
                let Some((p, r)) = run.dot_at(hop, min_travel, &inner.viewport) else { continue };
                let d = (p.x - at.x).hypot(p.y - at.y);
                if d <= PICK_RADIUS.max(r + 2.0) && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, hop.message));
                }
            }
            best.map(|(_, m)| m)
        };
        if picked.is_some() {
            self.select_message(picked);
        }
        picked.is_some()
    }

    fn schedule(&self) {
        let player = self.clone();
        let handle = request_animation_frame(move |timestamp| player.frame(timestamp));
        self.inner.borrow_mut().frame = Some(handle);
    }

    /// One animation frame: advance by the wall time since the last frame × speed.
    fn frame(&self, timestamp_ms: f64) {
        let publish;
        {
            let mut inner = self.inner.borrow_mut();
            if !inner.playing {
                return;
            }
            let elapsed_ms = inner.last_frame_ms.map_or(0.0, |last| (timestamp_ms - last).clamp(0.0, 250.0));
            inner.last_frame_ms = Some(timestamp_ms);
            let speed = inner.speed;
            if let Some(run) = inner.run.as_mut() {
                if speed > 0.0 {
                    let to = run.sim.now_us() + (elapsed_ms * 1_000.0 * speed) as u64;
                    let linger = min_travel_us(speed) as u64;
                    run.advance(to, Some(linger));
                    run.trim_dots(linger);
                } else {
                    // As fast as possible: simulate in slices for about 12 ms of each frame.
                    let start = now_ms();
                    while now_ms() - start < 12.0 {
                        let to = run.sim.now_us() + 200_000;
                        run.advance(to, None);
                    }
                    run.dots.clear();
                }
            }
            let every = if speed > 0.0 && speed <= 5.0 { SNAPSHOT_EVERY_MS } else { FAST_SNAPSHOT_EVERY_MS };
            publish = timestamp_ms - inner.last_snapshot_ms >= every;
            if publish {
                inner.last_snapshot_ms = timestamp_ms;
            }
        }
        self.draw();
        if publish {
            self.publish();
        }
        self.schedule();
    }

    /// Copies what Yew shows out of the run.
    fn publish(&self) {
        self.inner.borrow_mut().published += 1;
        let inner = self.inner.borrow();
        let mut snapshot = Snapshot {
            running: inner.run.is_some(),
            playing: inner.playing,
            speed: inner.speed,
            live_down: Rc::new(inner.live_down.clone()),
            live_faults: Rc::new(inner.live_faults.clone()),
            message: inner.message,
            tick: inner.published,
            ..Snapshot::default()
        };
        if let Some(run) = &inner.run {
            snapshot.dots = run.dots.len();
            snapshot.hops = run.log.hops_taken();
            snapshot.now_s = run.sim.now_us() as f64 / 1e6;
            snapshot.books = Some(run.sim.books());
            let mut badges = HashMap::new();
            for c in run.diagram.components() {
                if let Some(report) = run.sim.component_report(c.id) {
                    if let Some(client) = &report.client {
                        snapshot.user_errors += client.timeouts + client.server_errors + client.throttled_429;
                    }
                    if let Some(badge) = badge(c.kind(), &report) {
                        badges.insert(c.id, badge);
                    }
                }
            }
            snapshot.badges = Rc::new(badges);
        }
        self.publish_to.set(snapshot);
    }

    /// Draws the moving messages on the overlay canvas.
    fn draw(&self) {
        let Some(canvas) = gloo::utils::document().get_element_by_id(DOTS_CANVAS_ID) else { return };
        let Ok(canvas) = canvas.dyn_into::<web_sys::HtmlCanvasElement>() else { return };
        let ratio = gloo::utils::window().device_pixel_ratio();
        let (w, h) = (f64::from(canvas.client_width()), f64::from(canvas.client_height()));
        let (pw, ph) = ((w * ratio) as u32, (h * ratio) as u32);
        if canvas.width() != pw || canvas.height() != ph {
            canvas.set_width(pw);
            canvas.set_height(ph);
        }
        let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()) else { return };
        let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, w, h);
        let mut inner = self.inner.borrow_mut();
        let inner = &mut *inner;
        let Some(run) = &inner.run else { return };
        let vp = inner.viewport;
        let min_travel = min_travel_us(inner.speed);
        // One path and one fill per colour: thousands of dots cost a few canvas calls.
        for buffer in &mut inner.dot_buffers {
            buffer.clear();
        }
        let cell = (DOT_RADIUS * vp.zoom.max(0.5)).max(2.0);
        let columns = (w / cell).ceil().max(1.0) as usize;
        let cells = columns * ((h / cell).ceil().max(1.0) as usize);
        if inner.dot_cells.len() != cells || inner.dot_stamp > u32::MAX - 16 {
            inner.dot_cells.clear();
            inner.dot_cells.resize(cells, 0);
            inner.dot_stamp = 0;
        }
        inner.dot_stamp += 5;
        let mut followed = None;
        for hop in &run.dots {
            let Some((at, radius)) = run.dot_at(hop, min_travel, &vp) else { continue };
            if Some(hop.message) == inner.message {
                followed = Some((at, radius));
            }
            if at.x < 0.0 || at.y < 0.0 || at.x >= w || at.y >= h {
                continue;
            }
            let colour = outcome_index(hop.outcome);
            let c = (at.y / cell) as usize * columns + (at.x / cell) as usize;
            let stamp = inner.dot_stamp + colour as u32;
            match inner.dot_cells.get_mut(c) {
                Some(seen) if *seen != stamp => *seen = stamp,
                _ => continue,
            }
            inner.dot_buffers[colour].push((at.x, at.y, radius));
        }
        for (i, buffer) in inner.dot_buffers.iter().enumerate() {
            if buffer.is_empty() {
                continue;
            }
            ctx.begin_path();
            for &(x, y, r) in buffer {
                ctx.move_to(x + r, y);
                let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
            }
            ctx.set_fill_style_str(DOT_COLOURS[i]);
            ctx.fill();
        }
        // The followed message wears a ring.
        if let Some((at, r)) = followed {
            ctx.begin_path();
            let _ = ctx.arc(at.x, at.y, r + 3.5, 0.0, std::f64::consts::TAU);
            ctx.set_line_width(2.5);
            ctx.set_stroke_style_str("#16191f");
            ctx.stroke();
        }
    }
}

/// A component's live faults, which start from the diagram's own.
fn live_entry<'a>(faults: &'a mut BTreeMap<ComponentId, LiveFault>, diagram: &Diagram, id: ComponentId) -> &'a mut LiveFault {
    faults.entry(id).or_insert_with(|| {
        let (error_rate, latency) = diagram.component(id).map_or((0.0, 1.0), |c| (c.faults.error_rate, c.faults.latency_multiplier));
        LiveFault { error_rate, latency }
    })
}

/// A dot's shortest travel, in simulated µs: [`MIN_TRAVEL_WALL_S`] of wall time.
fn min_travel_us(speed: f64) -> f64 {
    MIN_TRAVEL_WALL_S * if speed > 0.0 { speed } else { 1.0 } * 1e6
}

fn now_ms() -> f64 {
    gloo::utils::window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Dot colours, in [`run_log::OUTCOMES`] order (the event log's chips use the same).
pub const DOT_COLOURS: [&str; 5] = ["#0972d3", "#d99e00", "#d91515", "#7d8998", "#8c4fff"];

pub fn outcome_index(outcome: HopOutcome) -> usize {
    run_log::OUTCOMES.iter().position(|o| *o == outcome).unwrap_or(0)
}

/// The figures that matter most for each kind, each written whole in both languages,
/// and whether it is bad news.
fn badge(kind: ComponentKind, r: &crate::sim::ComponentReport) -> Option<Badge> {
    use ComponentKind::*;
    let (errors, in_dlq) = (r.errors + r.throttles, r.dead_letter_depth);
    let mut figures = Vec::new();
    match kind {
        Queue => {
            let (depth, in_flight) = (r.depth, r.in_flight);
            figures.push(msg!("{depth} waiting", "{depth} đang chờ"));
            if in_flight > 0 {
                figures.push(msg!("{in_flight} in flight", "{in_flight} đang xử lý"));
            }
        }
        Client => {
            let c = r.client.as_ref()?;
            let (sent, failed) = (c.sent, c.timeouts + c.server_errors + c.throttled_429);
            let text = figures_text(&[msg!("{sent} sent", "{sent} đã gửi"), msg!("{failed} failed", "{failed} lỗi")]);
            return Some(Badge { text, alert: failed > 0 });
        }
        Function | Service | StateMachine => {
            let busy = r.concurrency;
            figures.push(msg!("{busy} busy", "{busy} đang bận"));
        }
        WorkerGroup => {
            let (instances, busy) = (r.instances, r.concurrency);
            figures.push(msg!("{instances} instances", "{instances} instance"));
            figures.push(msg!("{busy} busy", "{busy} đang bận"));
        }
        Topic | EventBus | Stream | DeliveryStream | ApiGateway | EventSource => {
            let passed = r.processed;
            figures.push(msg!("{passed} passed", "{passed} đã chuyển"));
        }
        Database | ObjectStorage | SearchIndex | Analytics | Notification => {
            let stored = r.processed.max(r.received);
            figures.push(msg!("{stored} stored", "{stored} đã lưu"));
        }
    }
    if errors > 0 {
        figures.push(msg!("{errors} errors", "{errors} lỗi"));
    }
    if in_dlq > 0 {
        figures.push(msg!("{in_dlq} in DLQ", "{in_dlq} trong DLQ"));
    }
    Some(Badge { text: figures_text(&figures), alert: errors > 0 || in_dlq > 0 })
}

/// Figures side by side, " · " between them, in each language.
fn figures_text(figures: &[Message]) -> Message {
    let join = |lang| figures.iter().map(|f| f.get(lang)).collect::<Vec<_>>().join(" · ");
    Message { en: join(Lang::En), vi: join(Lang::Vi) }
}
