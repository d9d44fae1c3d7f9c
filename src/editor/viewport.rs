//! Pan and zoom: how canvas units map to screen pixels. Never an undo step.

use super::geometry::Rect;
use crate::model::Point;

pub const MIN_ZOOM: f64 = 0.2;
pub const MAX_ZOOM: f64 = 2.5;
/// The zoom at which a box's name (13.5 px in static/style.css) shows at 11 px, the
/// smallest a learner reads without squinting.
pub const READABLE_ZOOM: f64 = 11.0 / 13.5;

/// screen = canvas × zoom + pan
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub pan: Point,
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport { pan: Point { x: 0.0, y: 0.0 }, zoom: 1.0 }
    }
}

impl Viewport {
    pub fn to_canvas(&self, screen: Point) -> Point {
        Point { x: (screen.x - self.pan.x) / self.zoom, y: (screen.y - self.pan.y) / self.zoom }
    }

    pub fn to_screen(&self, canvas: Point) -> Point {
        Point { x: canvas.x * self.zoom + self.pan.x, y: canvas.y * self.zoom + self.pan.y }
    }

    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        if dx.is_finite() && dy.is_finite() {
            self.pan.x += dx;
            self.pan.y += dy;
        }
    }

    /// Zooms by `factor`, keeping the canvas point under `screen` where it is.
    pub fn zoom_at(&mut self, factor: f64, screen: Point) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let anchor = self.to_canvas(screen);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.pan = Point { x: screen.x - anchor.x * self.zoom, y: screen.y - anchor.y * self.zoom };
    }

    /// Two fingers moved from `before` to `after` (screen points): the canvas point
    /// under their midpoint follows it (a two-finger pan), and the zoom changes with
    /// their distance (a pinch).
    pub fn pinch(&mut self, before: [Point; 2], after: [Point; 2]) {
        let spread = |[a, b]: [Point; 2]| (a.x - b.x).hypot(a.y - b.y);
        let middle = |[a, b]: [Point; 2]| Point { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 };
        let (from, to) = (spread(before), spread(after));
        // Fingers on the same spot say nothing about zoom.
        let factor = if from > 1.0 && to > 1.0 { to / from } else { 1.0 };
        if !factor.is_finite() {
            return;
        }
        let anchor = self.to_canvas(middle(before));
        let (zoom, at) = ((self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM), middle(after));
        if at.x.is_finite() && at.y.is_finite() {
            self.zoom = zoom;
            self.pan = Point { x: at.x - anchor.x * zoom, y: at.y - anchor.y * zoom };
        }
    }

    /// Frames `content` in a `width` × `height` screen area with a margin, never
    /// magnifying beyond 1.25.
    pub fn fit(content: Rect, width: f64, height: f64) -> Viewport {
        Viewport::frame(content, width, height, MIN_ZOOM)
    }

    /// As [`Viewport::fit`], but never so small that names cannot be read: a diagram
    /// too big for the screen at [`READABLE_ZOOM`] starts at its top-left corner (where
    /// its flow starts) and the learner pans to the rest. For opening patterns and links.
    pub fn readable(content: Rect, width: f64, height: f64) -> Viewport {
        Viewport::frame(content, width, height, READABLE_ZOOM)
    }

    fn frame(content: Rect, width: f64, height: f64, least_zoom: f64) -> Viewport {
        let zoom = ((width - 2.0 * FRAME_MARGIN) / content.width.max(1.0))
            .min((height - 2.0 * FRAME_MARGIN) / content.height.max(1.0))
            .clamp(least_zoom, 1.25);
        // Per axis: centred when the content fits, else its start at the margin.
        let place = |start: f64, size: f64, screen: f64| {
            if size * zoom + 2.0 * FRAME_MARGIN <= screen + 1e-9 {
                screen / 2.0 - (start + size / 2.0) * zoom
            } else {
                FRAME_MARGIN - start * zoom
            }
        };
        Viewport { zoom, pan: Point { x: place(content.x, content.width, width), y: place(content.y, content.height, height) } }
    }
}

/// Screen pixels left around a framed diagram.
const FRAME_MARGIN: f64 = 48.0;
