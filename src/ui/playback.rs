//! Playback: the simulation driven from `requestAnimationFrame` by the frame's own
//! timestamp, moving dots drawn on a canvas overlay (not through the virtual DOM), and
//! a few-times-a-second snapshot of clock, books and badges for Yew to render.

use super::store::Editor;
use crate::editor::{Action, Notice};
use crate::editor::geometry::{edge_point, Rect, NODE_HEIGHT, NODE_WIDTH};
use crate::editor::Viewport;
use crate::model::{ComponentId, ComponentKind, Diagram};
use crate::sim::{Books, Hop, HopOutcome, Simulation};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
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
}

/// A live figure under a box.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub text: String,
    pub alert: bool,
}

struct Run {
    sim: Simulation,
    /// The diagram the run was built from (positions for the dots).
    diagram: Rc<Diagram>,
    revision: u64,
    dots: Vec<Hop>,
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
}

/// The player: shared by the toolbar (controls), the canvas (badges, dots) and the app.
#[derive(Clone)]
pub struct Player {
    inner: Rc<RefCell<Inner>>,
    snapshot: UseStateHandle<Snapshot>,
    editor: Editor,
}

impl PartialEq for Player {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner) && *self.snapshot == *other.snapshot
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
    });
    let snapshot = use_state(|| Snapshot { speed: 1.0, ..Snapshot::default() });
    let player = Player { inner, snapshot, editor: editor.clone() };
    player.inner.borrow_mut().viewport = editor.viewport;

    // A changed diagram resets the run: what is playing must be what is drawn.
    {
        let player = player.clone();
        use_effect_with(editor.revision, move |revision| {
            let stale = player.inner.borrow().run.as_ref().is_some_and(|r| r.revision != *revision);
            if stale {
                player.reset();
                player.editor.dispatch(Action::Notify(Notice::info("The diagram changed, so the run was reset.")));
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
        match crate::lessons::simulate::start(&diagram) {
            Ok(sim) => {
                self.inner.borrow_mut().run = Some(Run { sim, diagram, revision: self.editor.revision, dots: Vec::new() });
                true
            }
            Err(why) => {
                self.editor.dispatch(Action::Notify(Notice::error(format!("This diagram can't run yet: {why}"))));
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
                let to = run.sim.now_us() + 1_000_000;
                run.sim.advance_until(to);
                let hops = run.sim.drain_trace();
                run.dots.extend(hops);
                let now = run.sim.now_us();
                let linger = (MIN_TRAVEL_WALL_S * 1e6) as u64;
                run.dots.retain(|h| h.arrive_us.max(h.depart_us + linger) >= now);
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

    pub fn spike(&self, client: ComponentId) -> bool {
        self.ensure_run() && self.inner.borrow_mut().run.as_mut().is_some_and(|r| r.sim.spike(client, 10.0, 10.0))
    }

    pub fn poison(&self, source: ComponentId) -> bool {
        self.ensure_run() && self.inner.borrow_mut().run.as_mut().is_some_and(|r| r.sim.inject_poison(source))
    }

    /// The selected component's samples, the last ten simulated minutes at most.
    pub fn series(&self, id: ComponentId) -> Rc<Vec<crate::sim::Sample>> {
        let inner = self.inner.borrow();
        let samples = inner.run.as_ref().map(|r| r.sim.series(id)).unwrap_or_default();
        let keep = samples.len().saturating_sub(600);
        Rc::new(samples[keep..].to_vec())
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
                    run.sim.advance_until(to);
                } else {
                    // As fast as possible: simulate in slices for about 12 ms of each frame.
                    let start = now_ms();
                    while now_ms() - start < 12.0 {
                        let to = run.sim.now_us() + 200_000;
                        run.sim.advance_until(to);
                    }
                }
                let hops = run.sim.drain_trace();
                if speed > 0.0 {
                    run.dots.extend(hops);
                    let now = run.sim.now_us();
                    let linger = (MIN_TRAVEL_WALL_S * speed * 1e6) as u64;
                    run.dots.retain(|h| h.arrive_us.max(h.depart_us + linger) >= now);
                    if run.dots.len() > MAX_DOTS {
                        let excess = run.dots.len() - MAX_DOTS;
                        run.dots.drain(..excess);
                    }
                } else {
                    run.dots.clear();
                }
            }
            publish = timestamp_ms - inner.last_snapshot_ms >= SNAPSHOT_EVERY_MS;
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
        let inner = self.inner.borrow();
        let mut snapshot = Snapshot {
            running: inner.run.is_some(),
            playing: inner.playing,
            speed: inner.speed,
            live_down: Rc::new(inner.live_down.clone()),
            ..Snapshot::default()
        };
        if let Some(run) = &inner.run {
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
        self.snapshot.set(snapshot);
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
        let inner = self.inner.borrow();
        let Some(run) = &inner.run else { return };
        let vp = inner.viewport;
        let now = run.sim.now_us() as f64;
        let speed = if inner.speed > 0.0 { inner.speed } else { 1.0 };
        let min_travel = MIN_TRAVEL_WALL_S * speed * 1e6;
        let rect = |id: ComponentId| {
            run.diagram.component(id).map(|c| Rect { x: c.position.x, y: c.position.y, width: NODE_WIDTH, height: NODE_HEIGHT })
        };
        for hop in &run.dots {
            let (Some(a), Some(b)) = (rect(hop.from), rect(hop.to)) else { continue };
            let travel = (hop.arrive_us.saturating_sub(hop.depart_us) as f64).max(min_travel);
            let t = ((now - hop.depart_us as f64) / travel).clamp(0.0, 1.0);
            let (s, e) = (edge_point(&a, b.center()), edge_point(&b, a.center()));
            let at = vp.to_screen(crate::model::Point { x: s.x + (e.x - s.x) * t, y: s.y + (e.y - s.y) * t });
            ctx.begin_path();
            let radius = if t >= 1.0 && hop.outcome != HopOutcome::Delivered { 6.5 } else { 4.5 } * vp.zoom.max(0.5);
            let _ = ctx.arc(at.x, at.y, radius, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str(dot_colour(hop.outcome));
            ctx.fill();
        }
    }
}

fn now_ms() -> f64 {
    gloo::utils::window().performance().map(|p| p.now()).unwrap_or(0.0)
}

fn dot_colour(outcome: HopOutcome) -> &'static str {
    match outcome {
        HopOutcome::Delivered => "#0972d3",
        HopOutcome::Throttled => "#d99e00",
        HopOutcome::Failed => "#d91515",
        HopOutcome::Rejected => "#7d8998",
        HopOutcome::DeadLettered => "#8c4fff",
    }
}

/// The figure that matters most for each kind, and whether it is bad news.
fn badge(kind: ComponentKind, r: &crate::sim::ComponentReport) -> Option<Badge> {
    use ComponentKind::*;
    let errors = r.errors + r.throttles;
    let text = match kind {
        Queue => {
            let mut t = format!("{} waiting", r.depth);
            if r.in_flight > 0 {
                t.push_str(&format!(" · {} in flight", r.in_flight));
            }
            t
        }
        Client => {
            let c = r.client.as_ref()?;
            let failed = c.timeouts + c.server_errors + c.throttled_429;
            return Some(Badge { text: format!("{} sent · {} failed", c.sent, failed), alert: failed > 0 });
        }
        Function | Service | StateMachine => format!("{} busy", r.concurrency),
        WorkerGroup => format!("{} instances · {} busy", r.instances, r.concurrency),
        Topic | EventBus | Stream | DeliveryStream | ApiGateway | EventSource => format!("{} passed", r.processed),
        Database | ObjectStorage | SearchIndex | Analytics | Notification => format!("{} stored", r.processed.max(r.received)),
    };
    let text = if errors > 0 { format!("{text} · {errors} errors") } else { text };
    let text = if r.dead_letter_depth > 0 { format!("{text} · {} in DLQ", r.dead_letter_depth) } else { text };
    Some(Badge { text, alert: errors > 0 || r.dead_letter_depth > 0 })
}
