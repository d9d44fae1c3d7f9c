//! The editor reducer: every edit, undo and redo, drags, clipboard, viewport.

use decouple_lab::editor::{geometry::Rect, Action, EditorState, Item, NoticeLevel};
use decouple_lab::model::{ComponentId, ComponentKind, ConnectionKind, Point, Spec};

fn p(x: f64, y: f64) -> Point {
    Point { x, y }
}

fn add(state: &mut EditorState, kind: ComponentKind, x: f64, y: f64) -> ComponentId {
    state.apply(Action::AddComponent { kind, at: p(x, y) });
    state.selected_components().next().expect("the new component is selected")
}

#[test]
fn add_connect_undo_redo_restores_each_step_exactly() {
    let mut s = EditorState::default();
    let q = add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    let f = add(&mut s, ComponentKind::Function, 400.0, 100.0);
    s.apply(Action::Connect { from: q, to: f });
    assert_eq!(s.diagram().connection_count(), 1);
    assert_eq!(s.diagram().connections().next().map(|c| c.kind), Some(ConnectionKind::EventSourceMapping));
    let after_connect = s.diagram().clone();

    s.apply(Action::Undo);
    assert_eq!(s.diagram().connection_count(), 0);
    s.apply(Action::Undo);
    assert_eq!(s.diagram().component_count(), 1);
    s.apply(Action::Redo);
    s.apply(Action::Redo);
    assert_eq!(*s.diagram(), after_connect);
    assert!(!s.can_redo());
}

#[test]
fn new_components_get_distinct_names_and_snap_to_the_grid() {
    let mut s = EditorState::default();
    let a = add(&mut s, ComponentKind::Queue, 103.0, 97.0);
    let b = add(&mut s, ComponentKind::Queue, 303.0, 97.0);
    let names: Vec<_> = [a, b].iter().map(|id| s.diagram().component(*id).unwrap().name.clone()).collect();
    assert_eq!(names, ["Queue", "Queue 2"]);
    let pos = s.diagram().component(a).unwrap().position;
    assert_eq!((pos.x % 20.0, pos.y % 20.0), (0.0, 0.0));
}

#[test]
fn a_whole_drag_is_one_undo_step_and_viewport_moves_are_none() {
    let mut s = EditorState::default();
    let q = add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    let start = s.diagram().component(q).unwrap().position;
    s.apply(Action::BeginDrag);
    for step in 1..=60 {
        s.apply(Action::DragTo { dx: f64::from(step) * 5.0, dy: f64::from(step) * 2.0 });
    }
    s.apply(Action::EndDrag);
    let end = s.diagram().component(q).unwrap().position;
    assert_eq!((end.x - start.x, end.y - start.y), (300.0, 120.0));

    s.apply(Action::PanBy { dx: 50.0, dy: 10.0 });
    s.apply(Action::ZoomAt { factor: 1.5, screen: p(200.0, 200.0) });
    s.apply(Action::Undo);
    assert_eq!(s.diagram().component(q).unwrap().position, start, "undo reverts the whole drag, not the viewport");
    assert!(s.viewport.pan.x != 0.0, "the viewport is untouched by undo");
    s.apply(Action::Undo);
    assert_eq!(s.diagram().component_count(), 0);
}

#[test]
fn a_drag_that_moves_nothing_adds_no_step() {
    let mut s = EditorState::default();
    add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    s.apply(Action::BeginDrag);
    s.apply(Action::DragTo { dx: 3.0, dy: -2.0 }); // snaps back to the same cell
    s.apply(Action::EndDrag);
    s.apply(Action::Undo);
    assert_eq!(s.diagram().component_count(), 0, "the only step was the add");
}

#[test]
fn a_refused_connection_explains_itself_and_changes_nothing() {
    let mut s = EditorState::default();
    let q = add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    let t = add(&mut s, ComponentKind::Topic, 400.0, 100.0);
    let before = s.diagram().clone();
    s.apply(Action::Connect { from: q, to: t });
    assert_eq!(*s.diagram(), before);
    let notice = s.notice.clone().expect("a notice");
    assert_eq!(notice.level, NoticeLevel::Error);
    assert!(notice.text.en.contains("connect the topic to the queue"), "{}", notice.text);
}

#[test]
fn settings_edits_are_checked_and_undoable() {
    let mut s = EditorState::default();
    let q = add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    let mut spec = s.diagram().component(q).unwrap().spec.clone();
    if let Spec::Queue(queue) = &mut spec {
        queue.visibility_timeout_s = 90;
    }
    s.apply(Action::SetSpec { id: q, spec: spec.clone() });
    assert_eq!(s.diagram().component(q).unwrap().spec, spec);

    let mut bad = spec.clone();
    if let Spec::Queue(queue) = &mut bad {
        queue.batch_size = 11;
    }
    s.apply(Action::SetSpec { id: q, spec: bad });
    assert_eq!(s.diagram().component(q).unwrap().spec, spec, "an out-of-range value is refused");
    assert!(s.notice.as_ref().unwrap().text.en.contains("between 1 and 10"));

    s.apply(Action::Undo);
    match &s.diagram().component(q).unwrap().spec {
        Spec::Queue(queue) => assert_eq!(queue.visibility_timeout_s, 30),
        other => panic!("not a queue: {other:?}"),
    }
}

#[test]
fn copy_paste_and_duplicate_make_fresh_ids_and_keep_inner_connections() {
    let mut s = EditorState::default();
    let q = add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    let f = add(&mut s, ComponentKind::Function, 400.0, 100.0);
    s.apply(Action::Connect { from: q, to: f });
    s.apply(Action::SelectAll);
    s.apply(Action::Copy);
    s.apply(Action::Paste);
    assert_eq!(s.diagram().component_count(), 4);
    assert_eq!(s.diagram().connection_count(), 2);
    let pasted: Vec<_> = s.selected_components().collect();
    assert_eq!(pasted.len(), 2);
    assert!(pasted.iter().all(|id| *id != q && *id != f));
    let moved = s.diagram().component(pasted[0]).unwrap().position;
    assert_eq!(moved.x - s.diagram().component(q).unwrap().position.x, 40.0);

    s.apply(Action::Duplicate);
    assert_eq!(s.diagram().component_count(), 6);
    s.apply(Action::Undo);
    s.apply(Action::Undo);
    assert_eq!(s.diagram().component_count(), 2);
}

#[test]
fn delete_removes_selection_with_its_connections_and_undo_brings_all_back() {
    let mut s = EditorState::default();
    let c = add(&mut s, ComponentKind::Client, 0.0, 0.0);
    let q = add(&mut s, ComponentKind::Queue, 300.0, 0.0);
    s.apply(Action::Connect { from: c, to: q });
    let full = s.diagram().clone();
    s.apply(Action::Select { item: Item::Component(q), additive: false });
    s.apply(Action::SelectOnly(Item::Component(q)));
    s.apply(Action::DeleteSelection);
    assert_eq!((s.diagram().component_count(), s.diagram().connection_count()), (1, 0));
    s.apply(Action::Undo);
    assert_eq!(*s.diagram(), full);
}

#[test]
fn box_selection_picks_the_boxes_it_touches() {
    let mut s = EditorState::default();
    let a = add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    let _far = add(&mut s, ComponentKind::Queue, 900.0, 900.0);
    s.apply(Action::SelectInRect { rect: Rect::from_corners(p(0.0, 0.0), p(150.0, 150.0)), additive: false });
    assert_eq!(s.selected_components().collect::<Vec<_>>(), vec![a]);
}

#[test]
fn renames_are_trimmed_and_empty_names_refused() {
    let mut s = EditorState::default();
    let q = add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    s.apply(Action::Rename { id: q, name: "  Orders <b>  ".into() });
    assert_eq!(s.diagram().component(q).unwrap().name, "Orders <b>");
    s.apply(Action::Rename { id: q, name: "   ".into() });
    assert_eq!(s.diagram().component(q).unwrap().name, "Orders <b>");
    assert_eq!(s.notice.as_ref().map(|n| n.level), Some(NoticeLevel::Error));
}

#[test]
fn zoom_keeps_the_point_under_the_cursor_and_fit_frames_everything() {
    let mut s = EditorState::default();
    add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    add(&mut s, ComponentKind::Queue, 2100.0, 1100.0);
    let cursor = p(320.0, 240.0);
    let before = s.viewport.to_canvas(cursor);
    s.apply(Action::ZoomAt { factor: 1.7, screen: cursor });
    let after = s.viewport.to_canvas(cursor);
    assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9);

    s.apply(Action::FitToView { width: 800.0, height: 600.0 });
    for c in s.diagram().components() {
        let tl = s.viewport.to_screen(c.position);
        assert!(tl.x >= 0.0 && tl.y >= 0.0 && tl.x <= 800.0 && tl.y <= 600.0, "{tl:?} off screen");
    }
}

#[test]
fn the_seed_is_part_of_the_diagram_and_undoable() {
    let mut s = EditorState::default();
    let before = s.diagram().run.seed;
    s.apply(Action::SetSeed(before + 41));
    assert_eq!(s.diagram().run.seed, before + 41);
    let revision = s.revision;
    s.apply(Action::SetSeed(before + 41));
    assert_eq!(s.revision, revision, "the same seed is no change");
    s.apply(Action::Undo);
    assert_eq!(s.diagram().run.seed, before);
}

#[test]
fn an_opened_diagram_is_readable_on_a_phone_and_starts_where_its_flow_starts() {
    let mut s = EditorState::default();
    let first = add(&mut s, ComponentKind::Client, 40.0, 40.0);
    add(&mut s, ComponentKind::Queue, 1300.0, 320.0);
    // A phone's canvas: the whole diagram would need a zoom of about 0.2.
    s.apply(Action::FitToView { width: 390.0, height: 500.0 });
    assert!(s.viewport.zoom < 0.3, "fit shows everything: {}", s.viewport.zoom);

    s.apply(Action::FitReadable { width: 390.0, height: 500.0 });
    assert!((s.viewport.zoom - decouple_lab::editor::READABLE_ZOOM).abs() < 1e-9, "names readable: {}", s.viewport.zoom);
    let start = s.viewport.to_screen(s.diagram().component(first).expect("the client").position);
    // Too wide: it starts at the left margin; high enough to fit: centred vertically.
    assert!((start.x - 48.0).abs() < 1e-9 && start.y > 48.0 && start.y < 500.0 / 2.0, "the first box at the left margin: {start:?}");

    // A laptop's canvas fits a small diagram whole and centred, as before.
    let mut small = EditorState::default();
    add(&mut small, ComponentKind::Client, 0.0, 0.0);
    add(&mut small, ComponentKind::Queue, 300.0, 0.0);
    small.apply(Action::FitReadable { width: 900.0, height: 600.0 });
    let mut fitted = small.clone();
    fitted.apply(Action::FitToView { width: 900.0, height: 600.0 });
    assert_eq!(small.viewport, fitted.viewport);
}

#[test]
fn two_fingers_pan_and_pinch_about_their_midpoint() {
    let mut s = EditorState::default();
    let under = |s: &EditorState, at: Point| s.viewport.to_canvas(at);
    // Pan: both fingers move 30 px right; the canvas moves with them, zoom unchanged.
    let before = [p(100.0, 100.0), p(200.0, 100.0)];
    let start = under(&s, p(150.0, 100.0));
    s.apply(Action::Pinch { before, after: [p(130.0, 100.0), p(230.0, 100.0)] });
    assert_eq!(s.viewport.zoom, 1.0);
    let moved = under(&s, p(180.0, 100.0));
    assert!((moved.x - start.x).abs() < 1e-9 && (moved.y - start.y).abs() < 1e-9, "{moved:?} vs {start:?}");

    // Pinch out to twice the spread: twice the zoom, the midpoint's canvas point kept.
    let mid = under(&s, p(180.0, 100.0));
    s.apply(Action::Pinch { before: [p(130.0, 100.0), p(230.0, 100.0)], after: [p(80.0, 100.0), p(280.0, 100.0)] });
    assert!((s.viewport.zoom - 2.0).abs() < 1e-9, "{}", s.viewport.zoom);
    let kept = under(&s, p(180.0, 100.0));
    assert!((kept.x - mid.x).abs() < 1e-9 && (kept.y - mid.y).abs() < 1e-9);

    // Far beyond the limit, and two fingers on one spot: clamped, never NaN.
    s.apply(Action::Pinch { before: [p(179.0, 100.0), p(181.0, 100.0)], after: [p(0.0, 100.0), p(5000.0, 100.0)] });
    assert_eq!(s.viewport.zoom, decouple_lab::editor::MAX_ZOOM);
    s.apply(Action::Pinch { before: [p(50.0, 50.0), p(50.0, 50.0)], after: [p(60.0, 50.0), p(60.0, 50.0)] });
    assert!(s.viewport.zoom.is_finite() && s.viewport.pan.x.is_finite());
}

#[test]
fn boxes_added_from_the_palette_never_cover_each_other_and_follow_the_selection() {
    use decouple_lab::editor::geometry::node_rect;
    let mut s = EditorState::default();
    let kinds = [ComponentKind::Client, ComponentKind::Queue, ComponentKind::Function, ComponentKind::Database, ComponentKind::Topic, ComponentKind::Queue];
    for kind in kinds {
        s.apply(Action::ClearSelection);
        s.apply(Action::AddInView { kind, width: 1200.0, height: 700.0 });
    }
    let rects: Vec<Rect> = s.diagram().components().map(node_rect).collect();
    assert_eq!(rects.len(), kinds.len());
    for (i, a) in rects.iter().enumerate() {
        let screen = s.viewport.to_screen(p(a.x, a.y));
        assert!(screen.x >= 0.0 && screen.y >= 0.0 && screen.x + a.width <= 1200.0 && screen.y + a.height <= 700.0, "box {i} in view: {screen:?}");
        for b in &rects[i + 1..] {
            assert!(!a.intersects(b), "{a:?} covers {b:?}");
        }
    }

    // With one box selected, the next goes to its right, on the same row.
    let mut t = EditorState::default();
    let queue = add(&mut t, ComponentKind::Queue, 300.0, 300.0);
    t.apply(Action::AddInView { kind: ComponentKind::Function, width: 1200.0, height: 700.0 });
    let function = t.selected_components().next().expect("the new box is selected");
    let (q, f) = (node_rect(t.diagram().component(queue).expect("queue")), node_rect(t.diagram().component(function).expect("function")));
    assert!(f.x > q.x + q.width && (f.y - q.y).abs() <= 10.0, "queue {q:?}, function {f:?}");
}

#[test]
fn a_client_added_for_a_silent_diagram_connects_to_its_entry_in_one_step() {
    let mut s = EditorState::default();
    let api = add(&mut s, ComponentKind::ApiGateway, 400.0, 200.0);
    let queue = add(&mut s, ComponentKind::Queue, 700.0, 200.0);
    s.apply(Action::Connect { from: api, to: queue });
    let before = s.diagram().clone();
    s.apply(Action::AddTrafficSource);
    assert!(s.notice.is_none(), "{:?}", s.notice);
    let client = s.diagram().components().find(|c| c.kind() == ComponentKind::Client).expect("a client");
    assert!(s.diagram().connections().any(|c| c.from == client.id && c.to == api), "connected to the gateway");
    assert!(client.position.x < s.diagram().component(api).expect("api").position.x, "left of the gateway");
    assert_eq!(s.selection.iter().copied().collect::<Vec<_>>(), vec![Item::Component(client.id)]);
    s.apply(Action::Undo);
    assert_eq!(*s.diagram(), before, "one undo step takes both back");
    // A second request once a source exists explains itself and adds nothing.
    s.apply(Action::Redo);
    let count = s.diagram().component_count();
    s.apply(Action::AddTrafficSource);
    assert_eq!(s.diagram().component_count(), count);
    assert_eq!(s.notice.as_ref().map(|n| n.level), Some(NoticeLevel::Error));
}

/// Opening a diagram asks first only over work of the learner's own: a diagram built
/// here, restored, or changed since it was opened; one just opened and untouched (a
/// pattern looked at, then another) is replaced without a question.
#[test]
fn own_work_is_what_was_built_or_changed_since_the_last_open() {
    let mut s = EditorState::default();
    assert!(!s.has_own_work(), "an empty canvas");
    add(&mut s, ComponentKind::Queue, 100.0, 100.0);
    assert!(s.has_own_work(), "a box built here");

    let opened = decouple_lab::lessons::pattern("producer-consumer").expect("a pattern").try_diagram().expect("it builds");
    s.apply(Action::Load { diagram: Box::new(opened.clone()), notice: decouple_lab::text::Message::from(decouple_lab::text::Text::new("opened", "đã mở")) });
    assert!(!s.has_own_work(), "just opened, untouched");
    s.apply(Action::SelectOnly(Item::Component(opened.components().next().expect("a box").id)));
    s.apply(Action::PanBy { dx: 10.0, dy: 0.0 });
    assert!(!s.has_own_work(), "selecting and panning change nothing");
    add(&mut s, ComponentKind::Function, 600.0, 400.0);
    assert!(s.has_own_work(), "a box added to the opened diagram");
    s.apply(Action::Undo);
    assert!(s.has_own_work(), "undone: asked all the same, the history moved");

    let restored = EditorState::new(opened);
    assert!(restored.has_own_work(), "a diagram restored from the browser is the learner's");
}
