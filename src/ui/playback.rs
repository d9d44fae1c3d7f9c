//! Playback in the page: the [`PlaybackState`] driven from `requestAnimationFrame` by
//! the frame's own timestamp, moving dots drawn on a canvas overlay (not through the
//! virtual DOM), and a few-times-a-second [`Snapshot`] for Yew to render. What a run
//! does and shows is decided in [`crate::playback`]; this file draws and schedules.

use super::store::Editor;
use crate::playback::event_log::LogFilter;
use crate::playback::latency::{LatencyPoint, Measure};
use crate::view::story::{story, Story};
use crate::editor::{Action, Notice, Viewport};
use crate::lessons::Step;
use crate::model::{ComponentId, Point};
use super::dots::DotPainter;
use crate::playback::{Badge, PlaybackState, Snapshot};
use crate::sim::Hop;
use crate::text::{Message, Text};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

pub use super::dots::{outcome_index, DOTS_CANVAS_ID, DOT_COLOURS};
pub use crate::playback::{LiveFault, SPEEDS};

/// Yew sees the run this often (the dots move every frame regardless).
const SNAPSHOT_EVERY_MS: f64 = 120.0;
/// Past 5× the figures change faster than anyone reads them, and each snapshot makes
/// the page re-render the boxes' badges (in headless Chromium that frame misses its
/// vsync): then Yew sees the run this often.
const FAST_SNAPSHOT_EVERY_MS: f64 = 500.0;
/// At "as fast as possible", each frame simulates for about this much wall time.
const MAX_SPEED_FRAME_MS: f64 = 12.0;

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

struct Inner {
    state: PlaybackState,
    last_frame_ms: Option<f64>,
    last_snapshot_ms: f64,
    frame: Option<AnimationFrame>,
    viewport: Viewport,
    dots: DotPainter,
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
        state: PlaybackState::new(),
        last_frame_ms: None,
        last_snapshot_ms: 0.0,
        frame: None,
        viewport: Viewport::default(),
        dots: DotPainter::default(),
    });
    let state = use_state(|| Snapshot { speed: 1.0, ..Snapshot::default() });
    let player = Player { inner, snapshot: Rc::new((*state).clone()), publish_to: state.setter(), editor: editor.clone() };
    {
        let mut inner = player.inner.borrow_mut();
        inner.viewport = editor.viewport;
        inner.state.set_diagram(editor.diagram_rc(), editor.revision);
    }

    // A changed diagram resets the run: what is playing must be what is drawn.
    {
        let player = player.clone();
        use_effect_with(editor.revision, move |_| {
            let stale = player.inner.borrow().state.is_stale();
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
    // A resized window stretches the overlay's old pixels: repaint it at its new size,
    // or a paused run's dots float off their lines.
    {
        let player = player.clone();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| player.draw());
            move || drop(listener)
        });
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

    /// Says why when what the learner asked for needs a run the diagram cannot make.
    fn said<T>(&self, result: Result<T, Message>) -> Option<T> {
        result.map_err(|why| self.editor.dispatch(Action::Notify(Notice::error(why)))).ok()
    }

    pub fn play(&self) {
        let started = self.inner.borrow_mut().state.play();
        if self.said(started).is_none() {
            return;
        }
        // Not a silent "0 created": a diagram with no client or event source makes no traffic.
        if !crate::editor::traffic::has_traffic_source(&self.editor.diagram_rc()) {
            self.editor.dispatch(Action::Notify(Notice::warning(crate::lessons::ui_strings::toolbar::NOTHING_SENDS_SO_THE_RUN)));
        }
        self.inner.borrow_mut().last_frame_ms = None;
        self.schedule();
        self.publish();
    }

    /// Plays when paused, pauses when playing (the Space key).
    pub fn toggle(&self) {
        if self.inner.borrow().state.is_playing() {
            self.pause();
        } else {
            self.play();
        }
    }

    pub fn pause(&self) {
        {
            let mut inner = self.inner.borrow_mut();
            inner.state.pause();
            inner.frame = None;
        }
        self.publish();
    }

    /// One simulated second forward, while paused.
    pub fn step(&self) {
        let stepped = self.inner.borrow_mut().state.step();
        if self.said(stepped).is_none() {
            return;
        }
        self.draw();
        self.publish();
    }

    pub fn reset(&self) {
        {
            let mut inner = self.inner.borrow_mut();
            inner.state.reset();
            inner.frame = None;
        }
        self.draw();
        self.publish();
    }

    pub fn set_speed(&self, speed: f64) {
        self.inner.borrow_mut().state.set_speed(speed);
        self.publish();
    }

    /// Does a live what-if to the run (starting it if needed) and shows it; false when
    /// it could not be done.
    fn live(&self, act: impl FnOnce(&mut PlaybackState) -> Result<bool, Message>) -> bool {
        let done = act(&mut self.inner.borrow_mut().state);
        let done = self.said(done);
        if done.is_some() {
            self.publish();
        }
        done.unwrap_or(false)
    }

    /// A live outage (failing, stopped, or back) on the running simulation.
    pub fn set_outage(&self, id: ComponentId, outage: crate::model::Outage) -> bool {
        self.live(|s| s.set_outage(id, outage))
    }

    /// A live share of failing work at a component (0 to 1).
    pub fn set_error_rate(&self, id: ComponentId, rate: f64) -> bool {
        self.live(|s| s.set_error_rate(id, rate))
    }

    /// A live multiplier of a component's processing time.
    pub fn set_latency(&self, id: ComponentId, multiplier: f64) -> bool {
        self.live(|s| s.set_latency(id, multiplier))
    }

    pub fn spike(&self, client: ComponentId) -> bool {
        let done = self.inner.borrow_mut().state.spike(client);
        self.said(done).unwrap_or(false)
    }

    pub fn poison(&self, source: ComponentId) -> bool {
        let done = self.inner.borrow_mut().state.poison(source);
        self.said(done).unwrap_or(false)
    }

    /// Does a lesson step's acts to the run (starting it if needed); returns the names
    /// of components the step wants that the diagram does not have, or None when the
    /// diagram cannot run (the player has said why).
    pub fn apply_step(&self, step: &Step) -> Option<Vec<&'static str>> {
        let applied = self.inner.borrow_mut().state.apply_step(step);
        let missing = self.said(applied)?;
        if self.inner.borrow().state.is_playing() {
            self.publish();
        } else {
            self.play();
        }
        Some(missing)
    }

    /// Sends an event bus's archive to its rules again (false: no run, or no archive).
    pub fn replay_archive(&self, bus: ComponentId) -> bool {
        let replayed = self.inner.borrow_mut().state.replay_archive(bus);
        if replayed {
            // It happens at the run's next instant (at once while playing).
            self.publish();
        }
        replayed
    }

    /// What the engine reports for a component now (None before the run starts).
    pub fn report(&self, id: ComponentId) -> Option<crate::sim::ComponentReport> {
        self.inner.borrow().state.report(id)
    }

    /// A state machine's recent and running executions, oldest first.
    pub fn executions(&self, id: ComponentId) -> Vec<crate::sim::ExecutionView> {
        self.inner.borrow().state.executions(id)
    }

    /// The selected component's samples, the last ten simulated minutes at most; a
    /// client's errors are the failures its users saw.
    pub fn series(&self, id: ComponentId) -> Rc<Vec<crate::sim::Sample>> {
        Rc::new(self.inner.borrow().state.series(id))
    }

    /// A component's latency percentiles per second, and what they measure.
    pub fn latency(&self, id: ComponentId) -> Option<(Measure, Vec<LatencyPoint>)> {
        self.inner.borrow().state.latency(id)
    }

    /// The event log: the newest hops the filter accepts, newest first.
    pub fn recent_hops(&self, filter: &LogFilter, limit: usize) -> Vec<Hop> {
        self.inner.borrow().state.recent_hops(filter, limit)
    }

    /// A recent message's story and, while the engine holds it, its payload.
    pub fn message(&self, id: u64) -> Option<(Story, Option<String>)> {
        let inner = self.inner.borrow();
        let (hops, payload) = inner.state.message_hops(id)?;
        let diagram = inner.state.run_diagram()?;
        let story = story(hops, payload.is_some(), |c| diagram.component(c).map(|c| c.kind()));
        Some((story, payload))
    }

    /// Follows one message in the message inspector (None: none).
    pub fn select_message(&self, id: Option<u64>) {
        self.inner.borrow_mut().state.select_message(id);
        self.draw();
        self.publish();
    }

    /// Picks the message whose dot is under `at` (screen pixels on the canvas), if any.
    pub fn pick_dot(&self, at: Point) -> bool {
        let picked = {
            let inner = self.inner.borrow();
            inner.state.dot_under(at, &inner.viewport)
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
            if !inner.state.is_playing() {
                return;
            }
            let elapsed_ms = inner.last_frame_ms.map_or(0.0, |last| (timestamp_ms - last).clamp(0.0, 250.0));
            inner.last_frame_ms = Some(timestamp_ms);
            let start = now_ms();
            inner.state.frame(elapsed_ms, || now_ms() - start < MAX_SPEED_FRAME_MS);
            let speed = inner.state.speed();
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

    /// Hands Yew a new snapshot of the run.
    fn publish(&self) {
        let snapshot = self.inner.borrow_mut().state.snapshot();
        self.publish_to.set(snapshot);
    }

    /// Draws the moving messages on the overlay canvas.
    fn draw(&self) {
        let mut inner = self.inner.borrow_mut();
        let inner = &mut *inner;
        inner.dots.paint(&inner.state, inner.viewport);
    }
}

fn now_ms() -> f64 {
    gloo::utils::window().performance().map(|p| p.now()).unwrap_or(0.0)
}
