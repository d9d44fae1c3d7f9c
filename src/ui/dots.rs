//! The moving messages, drawn on a canvas over the diagram every frame: one path and one
//! fill per outcome colour, and at most one dot per screen cell and colour.

use crate::editor::Viewport;
use crate::playback::event_log::OUTCOMES;
use crate::playback::{PlaybackState, DOT_RADIUS};
use crate::sim::HopOutcome;
use wasm_bindgen::JsCast;

/// The element id of the dots overlay.
pub const DOTS_CANVAS_ID: &str = "dots-canvas";

/// What drawing keeps from frame to frame.
#[derive(Default)]
pub struct DotPainter {
    /// Dot positions by outcome, reused from frame to frame (no allocation per frame).
    buffers: [Vec<(f64, f64, f64)>; 5],
    /// Which screen cells already have a dot of each colour this frame (by stamp, so
    /// nothing is cleared): a dot on top of another adds nothing but raster time, and
    /// at 100× most of the 5,000 dots sit on one another along the arrows.
    cells: Vec<u32>,
    stamp: u32,
}

impl DotPainter {
    /// Draws the run's dots as seen through `vp` (clears the overlay when none run).
    pub fn paint(&mut self, state: &PlaybackState, vp: Viewport) {
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
        if !state.is_running() {
            return;
        }
        // One path and one fill per colour: thousands of dots cost a few canvas calls.
        for buffer in &mut self.buffers {
            buffer.clear();
        }
        let cell = (DOT_RADIUS * vp.zoom.max(0.5)).max(2.0);
        let columns = (w / cell).ceil().max(1.0) as usize;
        let cells = columns * ((h / cell).ceil().max(1.0) as usize);
        if self.cells.len() != cells || self.stamp > u32::MAX - 16 {
            self.cells.clear();
            self.cells.resize(cells, 0);
            self.stamp = 0;
        }
        self.stamp += 5;
        let followed_message = state.followed_message();
        let mut followed = None;
        for (hop, at, radius) in state.dots(&vp) {
            if Some(hop.message) == followed_message {
                followed = Some((at, radius));
            }
            if at.x < 0.0 || at.y < 0.0 || at.x >= w || at.y >= h {
                continue;
            }
            let colour = outcome_index(hop.outcome);
            let c = (at.y / cell) as usize * columns + (at.x / cell) as usize;
            let stamp = self.stamp + colour as u32;
            match self.cells.get_mut(c) {
                Some(seen) if *seen != stamp => *seen = stamp,
                _ => continue,
            }
            self.buffers[colour].push((at.x, at.y, radius));
        }
        for (i, buffer) in self.buffers.iter().enumerate() {
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

/// Dot colours, in [`OUTCOMES`] order (the event log's chips use the same).
pub const DOT_COLOURS: [&str; 5] = ["#0972d3", "#d99e00", "#d91515", "#7d8998", "#8c4fff"];

pub fn outcome_index(outcome: HopOutcome) -> usize {
    OUTCOMES.iter().position(|o| *o == outcome).unwrap_or(0)
}
