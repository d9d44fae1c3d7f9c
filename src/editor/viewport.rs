//! Pan and zoom: how canvas units map to screen pixels. Never an undo step.

use super::geometry::Rect;
use crate::model::Point;

pub const MIN_ZOOM: f64 = 0.2;
pub const MAX_ZOOM: f64 = 2.5;

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

    /// Frames `content` in a `width` × `height` screen area with a margin, never
    /// magnifying beyond 1.25.
    pub fn fit(content: Rect, width: f64, height: f64) -> Viewport {
        let margin = 48.0;
        let zoom = ((width - 2.0 * margin) / content.width.max(1.0))
            .min((height - 2.0 * margin) / content.height.max(1.0))
            .clamp(MIN_ZOOM, 1.25);
        let center = content.center();
        Viewport { zoom, pan: Point { x: width / 2.0 - center.x * zoom, y: height / 2.0 - center.y * zoom } }
    }
}
