//! Where a connection's label goes and how much of it is shown, so the words that teach
//! ("event source mapping", "phát tin") are never hidden under the boxes they join: the
//! whole label on the line when the gap is long enough, else on two lines, else moved
//! just off the line, and only then shortened (the page keeps the full words in a hover
//! title and the accessible name). Also a one-line fit for a box's subtitle. Pure, so the
//! placement is tested natively; the page only draws the result.

use crate::editor::geometry::Rect;
use crate::model::Point;

/// The connection label's font size (static/style.css, `.edge-label text`).
pub const EDGE_FONT_PX: f64 = 10.5;
/// Room left and right of the text inside the label's pill.
const PADDING_X: f64 = 12.0;
/// One line's height, and each further line's.
const LINE_HEIGHT: f64 = 18.0;
const NEXT_LINE: f64 = 12.0;
/// Clear space kept between a label and a box.
const MARGIN: f64 = 2.0;
/// How far a label may move off its line (canvas units): further, it no longer reads as
/// the line's.
const MAX_SHIFT: f64 = 56.0;

/// The live badge under a box during a run (6 px below it, 20 px tall; src/ui/diagram_view.rs).
pub const BADGE_ROOM: f64 = 26.0;

/// What a label must keep clear of for a box: the box and the badge under it, so a label
/// does not move when a run starts showing badges.
pub fn with_badge(node: Rect) -> Rect {
    Rect { height: node.height + BADGE_ROOM, ..node }
}

/// A label as drawn: its lines, the centre and size of its pill.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    pub lines: Vec<String>,
    pub center: Point,
    pub width: f64,
    pub height: f64,
    /// Shortened: the full words must be given another way (a title).
    pub shortened: bool,
}

impl PlacedLabel {
    pub fn rect(&self) -> Rect {
        Rect { x: self.center.x - self.width / 2.0, y: self.center.y - self.height / 2.0, width: self.width, height: self.height }
    }
}

/// A generous estimate of a text's width in a common sans-serif face: narrow letters,
/// wide ones and capitals counted apart, combining accents as nothing. Over rather than
/// under, so that a label thought to fit does.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            '\u{300}'..='\u{36f}' => 0.0,
            'i' | 'j' | 'l' | 'í' | 'ì' | 'ỉ' | 'ĩ' | 'ị' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' => 0.38,
            'm' | 'w' | 'M' | 'W' => 0.9,
            c if c.is_uppercase() => 0.72,
            _ => 0.6,
        })
        .sum();
    ems * font_px
}

/// `text` as it fits in `max_width` on one line: whole, or cut at a character with an
/// ellipsis (true when cut).
pub fn fit_line(text: &str, max_width: f64, font_px: f64) -> (String, bool) {
    if text_width(text, font_px) <= max_width {
        return (text.to_string(), false);
    }
    let chars: Vec<char> = text.chars().collect();
    for keep in (0..chars.len()).rev() {
        let cut = format!("{}…", chars[..keep].iter().collect::<String>().trim_end());
        if text_width(&cut, font_px) <= max_width {
            return (cut, true);
        }
    }
    ("…".to_string(), true)
}

/// The two lines closest to equal length, split at a space (none for one word).
fn two_lines(text: &str) -> Option<Vec<String>> {
    let spaces = text.char_indices().filter(|&(_, c)| c == ' ').map(|(i, _)| i);
    let half = text.len() / 2;
    let at = spaces.min_by_key(|&i| i.abs_diff(half))?;
    Some(vec![text[..at].to_string(), text[at + 1..].to_string()])
}

fn pill(lines: Vec<String>, center: Point, shortened: bool) -> PlacedLabel {
    let width = lines.iter().map(|l| text_width(l, EDGE_FONT_PX)).fold(0.0, f64::max) + PADDING_X;
    let height = LINE_HEIGHT + NEXT_LINE * (lines.len().saturating_sub(1)) as f64;
    PlacedLabel { lines, center, width, height, shortened }
}

/// Places `text` on the line from `start` to `end` (both on the edges of the boxes it
/// joins) so that it overlaps none of `boxes` (every box on the canvas).
pub fn place_edge_label(text: &str, start: Point, end: Point, boxes: &[Rect]) -> PlacedLabel {
    let (dx, dy) = (end.x - start.x, end.y - start.y);
    let length = dx.hypot(dy);
    let (ux, uy) = if length > 0.0 { (dx / length, dy / length) } else { (1.0, 0.0) };
    // Spots along the line and across it, nearest the middle first.
    let mut spots: Vec<(f64, f64)> = [0.5, 0.4, 0.6, 0.3, 0.7]
        .iter()
        .flat_map(|&t| (0..=(MAX_SHIFT / 8.0) as i32).flat_map(move |k| [(t, f64::from(k) * 8.0), (t, -f64::from(k) * 8.0)]))
        .collect();
    spots.sort_by(|a, b| ((a.0 - 0.5).abs() * length + a.1.abs()).total_cmp(&((b.0 - 0.5).abs() * length + b.1.abs())));
    spots.dedup();
    let at = |(t, shift): (f64, f64)| Point { x: start.x + dx * t - uy * shift, y: start.y + dy * t + ux * shift };
    let clear = |label: &PlacedLabel| {
        let r = label.rect();
        let r = Rect { x: r.x - MARGIN, y: r.y - MARGIN, width: r.width + 2.0 * MARGIN, height: r.height + 2.0 * MARGIN };
        !boxes.iter().any(|b| b.intersects(&r))
    };
    let mid = at((0.5, 0.0));
    let whole = vec![text.to_string()];
    let mut shapes = vec![whole.clone()];
    shapes.extend(two_lines(text));
    // The whole words first: on the line, then off it; then shortened on the line.
    for stay in [true, false] {
        for lines in &shapes {
            for &spot in spots.iter().filter(|s| (s.1 == 0.0) == stay) {
                let label = pill(lines.clone(), at(spot), false);
                if clear(&label) {
                    return label;
                }
            }
        }
    }
    // As much as fits between the boxes (start and end are on their edges), at the middle.
    let room = length - 2.0 * MARGIN - PADDING_X;
    let (short, _) = fit_line(text, room.max(0.0), EDGE_FONT_PX);
    pill(vec![short], mid, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::geometry::{edge_point, NODE_HEIGHT, NODE_WIDTH};

    fn node(x: f64, y: f64) -> Rect {
        Rect { x, y, width: NODE_WIDTH, height: NODE_HEIGHT }
    }

    fn place(text: &str, a: Rect, b: Rect, others: &[Rect]) -> PlacedLabel {
        let (start, end) = (edge_point(&a, b.center()), edge_point(&b, a.center()));
        let boxes: Vec<Rect> = [a, b].iter().chain(others).copied().collect();
        place_edge_label(text, start, end, &boxes)
    }

    fn overlaps(label: &PlacedLabel, boxes: &[Rect]) -> bool {
        boxes.iter().any(|b| b.intersects(&label.rect()))
    }

    #[test]
    fn a_long_gap_keeps_the_whole_label_on_the_line() {
        let (a, b) = (node(0.0, 0.0), node(NODE_WIDTH + 240.0, 0.0));
        let label = place("event source mapping", a, b, &[]);
        assert_eq!(label.lines, vec!["event source mapping"]);
        assert!(!label.shortened);
        assert_eq!(label.center, Point { x: NODE_WIDTH + 120.0, y: NODE_HEIGHT / 2.0 });
    }

    #[test]
    fn a_short_gap_moves_or_wraps_the_label_instead_of_hiding_it_under_a_box() {
        for gap in [20.0, 40.0, 80.0, 120.0] {
            for text in ["event source mapping", "ánh xạ nguồn sự kiện", "subscription", "phát tin"] {
                let (a, b) = (node(0.0, 0.0), node(NODE_WIDTH + gap, 0.0));
                let label = place(text, a, b, &[]);
                assert!(!overlaps(&label, &[a, b]), "{text} at {gap}: {label:?}");
                assert!(!label.shortened, "{text} at {gap}: there is room above the gap");
                assert_eq!(label.lines.join(" "), text);
            }
        }
        // A gap wide enough for two lines keeps them on the line.
        let (a, b) = (node(0.0, 0.0), node(NODE_WIDTH + 90.0, 0.0));
        let label = place("event source mapping", a, b, &[]);
        assert_eq!(label.lines.len(), 2, "{label:?}");
        assert_eq!(label.center.y, NODE_HEIGHT / 2.0);
    }

    #[test]
    fn a_vertical_arrow_between_stacked_boxes_keeps_its_label_between_them() {
        let (a, b) = (node(0.0, 0.0), node(0.0, NODE_HEIGHT + 40.0));
        let label = place("event source mapping", a, b, &[]);
        assert!(!overlaps(&label, &[a, b]) && !label.shortened, "{label:?}");
        // Too close for a line of text: shortened, still between them.
        let (a, b) = (node(0.0, 0.0), node(0.0, NODE_HEIGHT + 19.0));
        let label = place("event source mapping", a, b, &[]);
        assert!(!overlaps(&label, &[a, b]) && label.shortened, "{label:?}");
    }

    #[test]
    fn boxes_all_around_leave_a_shortened_label_that_fits_the_gap() {
        let (a, b) = (node(0.0, 0.0), node(NODE_WIDTH + 60.0, 0.0));
        // Boxes above and below the gap: nowhere to move to.
        let walls = [node(NODE_WIDTH / 2.0, -NODE_HEIGHT - 4.0), node(NODE_WIDTH / 2.0, NODE_HEIGHT + 4.0)];
        let label = place("event source mapping", a, b, &walls);
        assert!(label.shortened, "{label:?}");
        assert!(label.lines[0].ends_with('…') && label.lines[0].len() < "event source mapping".len());
        assert!(!overlaps(&label, &[a, b]), "{label:?}");
    }

    #[test]
    fn a_label_moved_below_its_line_keeps_clear_of_the_badges() {
        let (a, b) = (node(0.0, 0.0), node(NODE_WIDTH + 30.0, 0.0));
        let (start, end) = (edge_point(&a, b.center()), edge_point(&b, a.center()));
        let obstacles = [with_badge(a), with_badge(b)];
        let label = place_edge_label("event source mapping", start, end, &obstacles);
        assert!(!overlaps(&label, &obstacles) && !label.shortened, "{label:?}");
        assert!(label.center.y < 0.0, "above the boxes, where no badge is: {label:?}");
    }

    #[test]
    fn subtitles_are_cut_to_their_width_with_an_ellipsis() {
        assert_eq!(fit_line("Amazon SQS", 112.0, 11.5), ("Amazon SQS".to_string(), false));
        let (cut, shortened) = fit_line("Amazon EventBridge Scheduler and more", 112.0, 11.5);
        assert!(shortened && cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 11.5) <= 112.0);
        assert!(text_width("mapping", 10.0) > text_width("iiiiiii", 10.0));
        assert_eq!(text_width("a\u{301}", 10.0), text_width("a", 10.0));
    }
}
