//! Sizes and hit-testing on the canvas, in canvas units.

use crate::model::{Component, ComponentId, Diagram, Point};

/// Every component is drawn as a box of this size, its position being the top-left corner.
pub const NODE_WIDTH: f64 = 176.0;
pub const NODE_HEIGHT: f64 = 60.0;
/// Positions snap to this grid when snapping is on.
pub const GRID: f64 = 20.0;

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// The rectangle spanned by two corners, in any order.
    pub fn from_corners(a: Point, b: Point) -> Rect {
        Rect { x: a.x.min(b.x), y: a.y.min(b.y), width: (a.x - b.x).abs(), height: (a.y - b.y).abs() }
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.x + self.width && p.y >= self.y && p.y <= self.y + self.height
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.x + other.width && other.x < self.x + self.width && self.y < other.y + other.height && other.y < self.y + self.height
    }

    pub fn center(&self) -> Point {
        Point { x: self.x + self.width / 2.0, y: self.y + self.height / 2.0 }
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect { x, y, width: (self.x + self.width).max(other.x + other.width) - x, height: (self.y + self.height).max(other.y + other.height) - y }
    }
}

pub fn node_rect(component: &Component) -> Rect {
    Rect { x: component.position.x, y: component.position.y, width: NODE_WIDTH, height: NODE_HEIGHT }
}

/// The top-most component under `p` (later components are drawn on top).
pub fn component_at(diagram: &Diagram, p: Point) -> Option<ComponentId> {
    diagram.components().filter(|c| node_rect(c).contains(p)).last().map(|c| c.id)
}

/// Components whose boxes touch `rect` (box selection).
pub fn components_in(diagram: &Diagram, rect: &Rect) -> Vec<ComponentId> {
    diagram.components().filter(|c| node_rect(c).intersects(rect)).map(|c| c.id).collect()
}

/// The box around every component, if there are any.
pub fn bounds(diagram: &Diagram) -> Option<Rect> {
    diagram.components().map(node_rect).reduce(|a, b| a.union(&b))
}

/// Where a new box goes (its centre): at `preferred` if that is free, else the free
/// place nearest to it on a grid of box-sized steps, inside `visible` when one is,
/// so a new box never covers another's name, badge or arrows.
pub fn free_spot(diagram: &Diagram, preferred: Point, visible: Rect) -> Point {
    // Room for a badge under a box and an arrow's label between two.
    let (step_x, step_y) = (NODE_WIDTH + 4.0 * GRID, NODE_HEIGHT + 2.0 * GRID);
    let taken: Vec<Rect> = diagram.components().map(node_rect).collect();
    let free = |c: Point| {
        let r = Rect { x: c.x - step_x / 2.0, y: c.y - step_y / 2.0, width: step_x, height: step_y };
        !taken.iter().any(|t| t.intersects(&r))
    };
    let inside = |c: Point| visible.contains(Point { x: c.x - NODE_WIDTH / 2.0, y: c.y - NODE_HEIGHT / 2.0 })
        && visible.contains(Point { x: c.x + NODE_WIDTH / 2.0, y: c.y + NODE_HEIGHT / 2.0 });
    let mut candidates: Vec<Point> = (-8..=8)
        .flat_map(|i| (-8..=8).map(move |j| (i, j)))
        .map(|(i, j)| Point { x: preferred.x + f64::from(i) * step_x, y: preferred.y + f64::from(j) * step_y })
        .collect();
    // Nearest first; at equal distance, right before left and below before above
    // (a flow reads left to right).
    let distance = |c: &Point| ((c.x - preferred.x) / step_x).hypot((c.y - preferred.y) / step_y);
    candidates.sort_by(|a, b| distance(a).total_cmp(&distance(b)).then(b.x.total_cmp(&a.x)).then(b.y.total_cmp(&a.y)));
    candidates.iter().copied().find(|&c| free(c) && inside(c)).or_else(|| candidates.iter().copied().find(|&c| free(c))).unwrap_or(preferred)
}

pub fn snap(p: Point) -> Point {
    Point { x: (p.x / GRID).round() * GRID, y: (p.y / GRID).round() * GRID }
}

/// Where the straight line from the centre of `rect` towards `toward` leaves the box:
/// arrows start and end on the boxes' edges, not their centres.
pub fn edge_point(rect: &Rect, toward: Point) -> Point {
    let c = rect.center();
    let (dx, dy) = (toward.x - c.x, toward.y - c.y);
    if dx == 0.0 && dy == 0.0 {
        return c;
    }
    let sx = if dx != 0.0 { (rect.width / 2.0) / dx.abs() } else { f64::INFINITY };
    let sy = if dy != 0.0 { (rect.height / 2.0) / dy.abs() } else { f64::INFINITY };
    let s = sx.min(sy);
    Point { x: c.x + dx * s, y: c.y + dy * s }
}
