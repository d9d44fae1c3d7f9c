//! The player's state, pure Rust: the run (built from the diagram when first needed),
//! playing or paused, the speed, the live faults the learner set, the message followed,
//! and the snapshot of all that the page renders. The page's animation-frame loop only
//! tells it how much wall time passed ([`PlaybackState::frame`]) and draws the dots.

use super::badge::{badge, failures, Badge};
use super::run::{Run, SECOND_US};
use super::event_log::LogFilter;
use super::latency::{LatencyPoint, Measure, CHART_SECONDS};
use crate::editor::Viewport;
use crate::lessons::{LiveTarget, Step};
use crate::model::{ComponentId, ConnectionKind, Diagram, Outage, Point};
use crate::sim::{Books, ComponentReport, ExecutionView, Hop, Sample, SimOptions};
use crate::lessons::ui_strings::toolbar;
use crate::text::{Message, Text};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// Each dot travels for at least this much wall time, so quick hops stay visible.
pub const MIN_TRAVEL_WALL_S: f64 = 0.45;
/// A click this close to a dot (screen pixels) picks its message.
const PICK_RADIUS: f64 = 9.0;
/// At "as fast as possible", each frame simulates in slices of this much simulated time
/// until the frame's budget is spent.
const MAX_SPEED_SLICE_US: u64 = 200_000;

/// Speeds offered, as (factor, label); 0 is "as fast as possible".
pub const SPEEDS: &[(f64, Text)] = &[
    (0.25, Text::new("0.25×", "0.25×")),
    (1.0, Text::new("1×", "1×")),
    (5.0, Text::new("5×", "5×")),
    (25.0, Text::new("25×", "25×")),
    (100.0, Text::new("100×", "100×")),
    (0.0, toolbar::MAX),
];

/// A component's live outage, error rate and processing-time multiplier.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LiveFault {
    pub error_rate: f64,
    pub latency: f64,
    pub outage: Outage,
}

impl LiveFault {
    /// The faults a component starts the run with.
    pub fn of(faults: &crate::model::Faults) -> LiveFault {
        LiveFault { error_rate: faults.error_rate, latency: faults.latency_multiplier, outage: faults.outage() }
    }
}

/// What the page renders of the run.
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
    /// Outages, error rates and slow-downs set live (not in the diagram).
    pub live_faults: Rc<BTreeMap<ComponentId, LiveFault>>,
    /// Dots on the canvas now.
    pub dots: usize,
    /// Hops the run has recorded so far (the event log changed when this did).
    pub hops: u64,
    /// The message the message inspector follows.
    pub message: Option<u64>,
    /// Counts the snapshots taken: the panels that show the run's figures take it as a
    /// prop, so only they re-render a few times a second.
    pub tick: u64,
}

impl Snapshot {
    /// What the controls and the inspector show: it changes when the learner acts, not
    /// with every figure.
    #[allow(clippy::type_complexity)]
    pub fn controls(&self) -> (bool, bool, f64, &BTreeSet<ComponentId>, &BTreeMap<ComponentId, LiveFault>, Option<u64>) {
        (self.running, self.playing, self.speed, &self.live_down, &self.live_faults, self.message)
    }
}

/// The player's state.
pub struct PlaybackState {
    /// What the next run is built from, and its revision (a changed diagram resets).
    diagram: Rc<Diagram>,
    revision: u64,
    run: Option<Run>,
    playing: bool,
    speed: f64,
    live_down: BTreeSet<ComponentId>,
    live_faults: BTreeMap<ComponentId, LiveFault>,
    /// When (run µs) each component last came back from failing, live.
    resumed: BTreeMap<ComponentId, u64>,
    /// Each component's failure count at the last snapshot and when (run µs) it last grew.
    failed: BTreeMap<ComponentId, (u64, u64)>,
    message: Option<u64>,
    /// Snapshots taken so far (`Snapshot::tick`).
    taken: u64,
}

impl Default for PlaybackState {
    fn default() -> Self {
        PlaybackState::new()
    }
}

impl PlaybackState {
    /// Paused at 1×, with an empty diagram and no run.
    pub fn new() -> PlaybackState {
        PlaybackState {
            diagram: Rc::new(Diagram::default()),
            revision: 0,
            run: None,
            playing: false,
            speed: 1.0,
            live_down: BTreeSet::new(),
            live_faults: BTreeMap::new(),
            resumed: BTreeMap::new(),
            failed: BTreeMap::new(),
            message: None,
            taken: 0,
        }
    }

    /// The diagram the next run is built from.
    pub fn set_diagram(&mut self, diagram: Rc<Diagram>, revision: u64) {
        self.diagram = diagram;
        self.revision = revision;
    }

    /// A run built from an older revision than the diagram's: what is playing is not
    /// what is drawn.
    pub fn is_stale(&self) -> bool {
        self.run.as_ref().is_some_and(|r| r.revision != self.revision)
    }

    pub fn is_running(&self) -> bool {
        self.run.is_some()
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// The run's clock, in simulated µs (0 before the run starts).
    pub fn now_us(&self) -> u64 {
        self.run.as_ref().map_or(0, |r| r.sim.now_us())
    }

    /// Builds the run if there is none; says why when the diagram cannot run.
    pub fn ensure_run(&mut self) -> Result<(), Message> {
        if self.run.is_some() {
            return Ok(());
        }
        // Samples past what the charts show would only grow the page.
        let options = SimOptions { seed: self.diagram.run.seed, series_capacity: CHART_SECONDS as u32, ..SimOptions::default() };
        match crate::sim::Simulation::with_options(&self.diagram, options).map_err(|e| e.0) {
            Ok(sim) => {
                self.run = Some(Run::new(sim, self.diagram.clone(), self.revision));
                Ok(())
            }
            Err(Message { en, vi }) => Err(msg!("This diagram can't run yet: {en}", "Sơ đồ này chưa chạy được: {vi}")),
        }
    }

    pub fn play(&mut self) -> Result<(), Message> {
        self.ensure_run()?;
        self.playing = true;
        Ok(())
    }

    pub fn pause(&mut self) {
        self.playing = false;
    }

    /// One simulated second forward.
    pub fn step(&mut self) -> Result<(), Message> {
        self.ensure_run()?;
        if let Some(run) = self.run.as_mut() {
            let to = run.sim.now_us() + SECOND_US;
            let linger = (MIN_TRAVEL_WALL_S * 1e6) as u64;
            run.advance(to, Some(linger));
            run.trim_dots(linger);
        }
        Ok(())
    }

    /// Back to no run: paused, no live faults, no message followed (the speed stays).
    pub fn reset(&mut self) {
        self.run = None;
        self.playing = false;
        self.live_down.clear();
        self.live_faults.clear();
        self.resumed.clear();
        self.failed.clear();
        self.message = None;
    }

    pub fn set_speed(&mut self, speed: f64) {
        self.speed = speed;
    }

    /// One animation frame while playing: `elapsed_ms` of wall time × the speed. At
    /// "as fast as possible" (speed 0) it simulates while `has_time()` says the frame
    /// has budget left, and shows no dots.
    pub fn frame(&mut self, elapsed_ms: f64, has_time: impl Fn() -> bool) {
        if !self.playing {
            return;
        }
        let speed = self.speed;
        let Some(run) = self.run.as_mut() else { return };
        if speed > 0.0 {
            let to = run.sim.now_us() + (elapsed_ms * 1_000.0 * speed) as u64;
            let linger = min_travel_us(speed) as u64;
            run.advance(to, Some(linger));
            run.trim_dots(linger);
        } else {
            while has_time() {
                let to = run.sim.now_us() + MAX_SPEED_SLICE_US;
                run.advance(to, None);
            }
            run.dots.clear();
        }
    }

    /// Takes a component down (or brings it back) on the run, not in the diagram.
    pub fn set_down(&mut self, id: ComponentId, down: bool) -> Result<bool, Message> {
        Ok(self.live()?.set_down(id, down))
    }

    /// Puts a component out (failing, or for a function stopped) or back, from now on.
    pub fn set_outage(&mut self, id: ComponentId, outage: Outage) -> Result<bool, Message> {
        Ok(self.live()?.set_outage(id, outage))
    }

    /// A live share of failing work at a component (0 to 1).
    pub fn set_error_rate(&mut self, id: ComponentId, rate: f64) -> Result<bool, Message> {
        Ok(self.live()?.set_error_rate(id, rate))
    }

    /// A live multiplier of a component's processing time.
    pub fn set_latency(&mut self, id: ComponentId, multiplier: f64) -> Result<bool, Message> {
        Ok(self.live()?.set_latency_multiplier(id, multiplier))
    }

    /// A client's rate × 10 for 10 s.
    pub fn spike(&mut self, client: ComponentId) -> Result<bool, Message> {
        Ok(self.live()?.spike(client, 10.0, 10.0))
    }

    /// The next message from this client or event source is a poison message.
    pub fn poison(&mut self, source: ComponentId) -> Result<bool, Message> {
        Ok(self.live()?.inject_poison(source))
    }

    /// Sends an event bus's archive to its rules again (false: no run, or no archive).
    pub fn replay_archive(&mut self, bus: ComponentId) -> bool {
        self.run.is_some() && self.live().is_ok_and(|mut live| live.replay_archive(bus))
    }

    /// Does a lesson step's acts to the run (starting it if needed), each once; returns
    /// the names of components the step wants that the diagram does not have.
    pub fn apply_step(&mut self, step: &Step) -> Result<Vec<&'static str>, Message> {
        let mut live = self.live()?;
        let diagram = live.run.diagram.clone();
        Ok(step.apply_live(&diagram, &mut live))
    }

    /// The run with the live faults beside it (started if needed).
    fn live(&mut self) -> Result<Live<'_>, Message> {
        self.ensure_run()?;
        let run = self.run.as_mut().expect("ensure_run made a run");
        Ok(Live { run, down: &mut self.live_down, faults: &mut self.live_faults, resumed: &mut self.resumed })
    }

    /// Follows one message in the message inspector (None: none).
    pub fn select_message(&mut self, id: Option<u64>) {
        self.message = id;
    }

    pub fn followed_message(&self) -> Option<u64> {
        self.message
    }

    /// The message whose dot is under `at` (screen pixels on the canvas), if any.
    pub fn dot_under(&self, at: Point, viewport: &Viewport) -> Option<u64> {
        let run = self.run.as_ref()?;
        let min_travel = min_travel_us(self.speed);
        let mut best: Option<(f64, u64)> = None;
        for hop in &run.dots {
            let Some((p, r)) = run.dot_at(hop, min_travel, viewport) else { continue };
            let d = (p.x - at.x).hypot(p.y - at.y);
            if d <= PICK_RADIUS.max(r + 2.0) && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, hop.message));
            }
        }
        best.map(|(_, m)| m)
    }

    /// Each dot on screen now: its hop, where it is and its radius.
    pub fn dots<'a>(&'a self, viewport: &'a Viewport) -> impl Iterator<Item = (&'a Hop, Point, f64)> + 'a {
        let min_travel = min_travel_us(self.speed);
        self.run.iter().flat_map(move |run| run.dots.iter().filter_map(move |h| run.dot_at(h, min_travel, viewport).map(|(p, r)| (h, p, r))))
    }

    /// What the engine reports for a component now (None before the run starts).
    pub fn report(&self, id: ComponentId) -> Option<ComponentReport> {
        self.run.as_ref().and_then(|r| r.sim.component_report(id))
    }

    /// A state machine's recent and running executions, oldest first.
    pub fn executions(&self, id: ComponentId) -> Vec<ExecutionView> {
        self.run.as_ref().map(|r| r.sim.executions(id)).unwrap_or_default()
    }

    /// A component's samples, the last ten simulated minutes at most; a client's errors
    /// are the failures its users saw.
    pub fn series(&self, id: ComponentId) -> Vec<Sample> {
        self.run.as_ref().map(|r| r.series(id)).unwrap_or_default()
    }

    /// A component's latency percentiles per second, and what they measure.
    pub fn latency(&self, id: ComponentId) -> Option<(Measure, Vec<LatencyPoint>)> {
        self.run.as_ref().and_then(|r| r.latency.latency(id))
    }

    /// The event log: the newest hops the filter accepts, newest first.
    pub fn recent_hops(&self, filter: &LogFilter, limit: usize) -> Vec<Hop> {
        self.run.as_ref().map(|r| r.events.recent(filter, limit)).unwrap_or_default()
    }

    /// A recent message's hops, oldest first, and its payload while the engine holds it.
    pub fn message_hops(&self, id: u64) -> Option<(&[Hop], Option<String>)> {
        let run = self.run.as_ref()?;
        Some((run.messages.message(id)?, run.sim.payload(id)))
    }

    /// The diagram the run was built from.
    pub fn run_diagram(&self) -> Option<&Diagram> {
        self.run.as_ref().map(|r| &*r.diagram)
    }

    /// Copies what the page shows out of the run; each snapshot counts one more tick.
    pub fn snapshot(&mut self) -> Snapshot {
        self.taken += 1;
        let mut snapshot = Snapshot {
            running: self.run.is_some(),
            playing: self.playing,
            speed: self.speed,
            live_down: Rc::new(self.live_down.clone()),
            live_faults: Rc::new(self.live_faults.clone()),
            message: self.message,
            tick: self.taken,
            ..Snapshot::default()
        };
        if let Some(run) = &self.run {
            snapshot.dots = run.dots.len();
            snapshot.hops = run.events.hops_taken();
            snapshot.now_s = run.sim.now_us() as f64 / 1e6;
            snapshot.books = Some(run.sim.books());
            let mut badges = HashMap::new();
            let now_us = run.sim.now_us();
            for c in run.diagram.components() {
                if let Some(report) = run.sim.component_report(c.id) {
                    let count = failures(&report);
                    if report.client.is_some() {
                        snapshot.user_errors += count;
                    }
                    // The latest a consumer of this queue came back from failing.
                    let resumed = run
                        .diagram
                        .outgoing(c.id)
                        .filter(|e| matches!(e.kind, ConnectionKind::EventSourceMapping | ConnectionKind::Poll))
                        .filter_map(|e| self.resumed.get(&e.to))
                        .max()
                        .map(|&at| now_us.saturating_sub(at) as f64 / 1e6);
                    let seen = self.failed.entry(c.id).or_insert((0, 0));
                    if count > seen.0 {
                        *seen = (count, now_us);
                    }
                    let failed_ago = (seen.0 > 0).then(|| now_us.saturating_sub(seen.1) as f64 / 1e6);
                    if let Some(badge) = badge(c, &report, resumed, failed_ago) {
                        badges.insert(c.id, badge);
                    }
                }
            }
            snapshot.badges = Rc::new(badges);
        }
        snapshot
    }
}

/// The run and the live faults shown on the boxes: every live what-if goes through here,
/// so what the engine was told and what the page shows are one act, done once.
struct Live<'a> {
    run: &'a mut Run,
    down: &'a mut BTreeSet<ComponentId>,
    faults: &'a mut BTreeMap<ComponentId, LiveFault>,
    resumed: &'a mut BTreeMap<ComponentId, u64>,
}

impl Live<'_> {
    /// A component's live faults, which start from the diagram's own.
    fn fault(&mut self, id: ComponentId) -> &mut LiveFault {
        let diagram = &self.run.diagram;
        self.faults.entry(id).or_insert_with(|| diagram.component(id).map_or(LiveFault::of(&Default::default()), |c| LiveFault::of(&c.faults)))
    }

    /// The one place a live outage changes: the engine, the boxes and the moment a
    /// failing consumer came back (its queue's badge explains the wait that follows).
    fn set_outage(&mut self, id: ComponentId, outage: Outage) -> bool {
        let sim = &mut self.run.sim;
        let done = sim.set_down(id, outage == Outage::Errors) && sim.set_stopped(id, outage == Outage::Stopped);
        if !done {
            return false;
        }
        let now = self.run.sim.now_us();
        let fault = self.fault(id);
        let was = fault.outage;
        fault.outage = outage;
        if was == Outage::Errors && outage != Outage::Errors {
            self.resumed.insert(id, now);
        }
        if outage == Outage::Running {
            self.down.remove(&id);
        } else {
            self.down.insert(id);
        }
        true
    }
}

impl LiveTarget for Live<'_> {
    fn set_down(&mut self, id: ComponentId, down: bool) -> bool {
        self.set_outage(id, if down { Outage::Errors } else { Outage::Running })
    }

    fn set_error_rate(&mut self, id: ComponentId, rate: f64) -> bool {
        let done = self.run.sim.set_error_rate(id, rate);
        if done {
            self.fault(id).error_rate = rate;
        }
        done
    }

    fn set_latency_multiplier(&mut self, id: ComponentId, multiplier: f64) -> bool {
        let done = self.run.sim.set_latency_multiplier(id, multiplier);
        if done {
            self.fault(id).latency = multiplier;
        }
        done
    }

    // Spikes, poison and replays leave nothing to show on the boxes.
    fn spike(&mut self, client: ComponentId, factor: f64, duration_s: f64) -> bool {
        self.run.sim.spike(client, factor, duration_s)
    }

    fn inject_poison(&mut self, source: ComponentId) -> bool {
        self.run.sim.inject_poison(source)
    }

    fn replay_archive(&mut self, bus: ComponentId) -> bool {
        self.run.sim.replay_archive(bus)
    }
}

/// A dot's shortest travel, in simulated µs: [`MIN_TRAVEL_WALL_S`] of wall time.
pub fn min_travel_us(speed: f64) -> f64 {
    MIN_TRAVEL_WALL_S * if speed > 0.0 { speed } else { 1.0 } * 1e6
}
