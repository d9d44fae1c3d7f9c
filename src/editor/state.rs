//! The editor's state and every edit as an [`Action`], applied by one reducer.
//!
//! Undo keeps whole diagram snapshots behind `Rc`, so a step costs one clone of the
//! diagram and restoring is exact. A whole drag is one step; viewport changes and
//! selection are never steps.

use super::geometry::{self, Rect};
use super::viewport::Viewport;
use crate::model::{
    Component, ComponentId, ComponentKind, Connection, ConnectionId, ConnectionKind, ConnectionSettings, Diagram, Faults, ModelError,
    Point, Spec,
};
use crate::text::{Lang, Message};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// How many undo steps are kept.
pub const HISTORY_LIMIT: usize = 200;

/// Something on the canvas that can be selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    Component(ComponentId),
    Connection(ConnectionId),
}

/// One edit or gesture. The UI dispatches these; nothing else changes the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Adds a component with AWS's defaults, centred on `at`, and selects it.
    AddComponent { kind: ComponentKind, at: Point },
    /// Adds a component in the middle of a view of this size (palette click or Enter),
    /// stepping so that several in a row don't stack exactly.
    AddInView { kind: ComponentKind, width: f64, height: f64 },
    /// Selects one item (`additive` toggles it in the selection instead).
    Select { item: Item, additive: bool },
    /// Selects just this item (a click without a drag on one of several selected).
    SelectOnly(Item),
    /// Selects the components touching a box (`additive` keeps the current selection).
    SelectInRect { rect: Rect, additive: bool },
    SelectAll,
    ClearSelection,
    /// Starts moving the selected components.
    BeginDrag,
    /// Moves the dragged components to their start plus this offset (canvas units).
    DragTo { dx: f64, dy: f64 },
    /// Ends a drag: one undo step if anything moved.
    EndDrag,
    /// Moves the selection by a fixed step (arrow keys).
    Nudge { dx: f64, dy: f64 },
    Connect { from: ComponentId, to: ComponentId },
    /// Adds a client left of the diagram's entry point ([`super::traffic::client_entry`])
    /// and connects it there, in one undo step: a diagram with no traffic source plays
    /// nothing.
    AddTrafficSource,
    SetConnectionKind { id: ConnectionId, kind: ConnectionKind },
    DeleteSelection,
    Duplicate,
    Copy,
    /// Pastes the clipboard, offset from the copied place.
    Paste,
    Rename { id: ComponentId, name: String },
    SetSpec { id: ComponentId, spec: Spec },
    SetFaults { id: ComponentId, faults: Faults },
    SetConnectionSettings { id: ConnectionId, settings: ConnectionSettings },
    SetSnap(bool),
    /// The run's seed: the same seed gives the same run.
    SetSeed(u64),
    Undo,
    Redo,
    PanBy { dx: f64, dy: f64 },
    ZoomAt { factor: f64, screen: Point },
    /// Two fingers on the canvas moved from `before` to `after` (screen points).
    Pinch { before: [Point; 2], after: [Point; 2] },
    /// Frames the whole diagram in a screen area of this size.
    FitToView { width: f64, height: f64 },
    /// Frames a just-opened diagram (a pattern, a link, a file) at a zoom its names
    /// can be read at, from its start when it is too big for the screen.
    FitReadable { width: f64, height: f64 },
    /// Replaces the whole diagram (a file, a link, a pattern): one undo step.
    Load { diagram: Box<Diagram>, notice: Message },
    /// Shows a message to the learner.
    Notify(Notice),
    /// The page's language, for the names new components get ("Hàng đợi 2").
    SetLanguage(Lang),
    DismissNotice,
}

/// A message for the learner, shown until dismissed or replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub level: NoticeLevel,
    pub text: Message,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeLevel {
    Info,
    Warning,
    Error,
}

impl Notice {
    pub fn info(text: impl Into<Message>) -> Notice {
        Notice { level: NoticeLevel::Info, text: text.into() }
    }
    pub fn warning(text: impl Into<Message>) -> Notice {
        Notice { level: NoticeLevel::Warning, text: text.into() }
    }
    pub fn error(text: impl Into<Message>) -> Notice {
        Notice { level: NoticeLevel::Error, text: text.into() }
    }
}

/// A drag under way. The diagram is untouched until it ends: the canvas shows the
/// dragged boxes at their origin plus `offset`, so each step is cheap.
#[derive(Clone, Debug, PartialEq)]
struct Drag {
    origins: BTreeMap<ComponentId, Point>,
    /// The first dragged box, which snaps to the grid; the rest keep their distance.
    lead: Point,
    offset: (f64, f64),
}

/// What Copy took: components and the connections among them.
#[derive(Clone, Debug, PartialEq)]
struct Clipboard {
    components: Vec<Component>,
    connections: Vec<Connection>,
    pastes: u32,
}

/// The whole editor.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorState {
    diagram: Rc<Diagram>,
    pub selection: BTreeSet<Item>,
    pub viewport: Viewport,
    pub snap: bool,
    pub notice: Option<Notice>,
    /// The page's language: new components are named in it.
    pub lang: Lang,
    /// Counts changes to the diagram; the UI saves when it moves.
    pub revision: u64,
    /// The revision at which a diagram was last opened (a pattern, link or file); None
    /// while the diagram is the learner's own (built here, or restored from the browser).
    opened_at: Option<u64>,
    undo: Vec<Rc<Diagram>>,
    redo: Vec<Rc<Diagram>>,
    drag: Option<Drag>,
    /// Behind `Rc` so that cloning the state (once per action) stays cheap.
    clipboard: Option<Rc<Clipboard>>,
}

impl Default for EditorState {
    fn default() -> Self {
        EditorState::new(Diagram::new())
    }
}

impl EditorState {
    pub fn new(diagram: Diagram) -> EditorState {
        EditorState {
            diagram: Rc::new(diagram),
            selection: BTreeSet::new(),
            viewport: Viewport::default(),
            snap: true,
            notice: None,
            lang: Lang::En,
            revision: 0,
            opened_at: None,
            undo: Vec::new(),
            redo: Vec::new(),
            drag: None,
            clipboard: None,
        }
    }

    /// Whether replacing the diagram would set aside work of the learner's own: it has
    /// components, and was built or changed here since a diagram was last opened (a
    /// diagram just opened and not touched can be replaced without asking).
    pub fn has_own_work(&self) -> bool {
        self.diagram.component_count() > 0 && self.opened_at != Some(self.revision)
    }

    pub fn diagram(&self) -> &Diagram {
        &self.diagram
    }

    /// The diagram behind an `Rc`, cheap to hand to a simulation or a saver.
    pub fn diagram_rc(&self) -> Rc<Diagram> {
        Rc::clone(&self.diagram)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn is_dragging(&self) -> bool {
        self.drag.is_some()
    }

    pub fn selected_components(&self) -> impl Iterator<Item = ComponentId> + '_ {
        self.selection.iter().filter_map(|item| match item {
            Item::Component(id) => Some(*id),
            Item::Connection(_) => None,
        })
    }

    pub fn is_selected(&self, item: Item) -> bool {
        self.selection.contains(&item)
    }

    /// Whether something was copied, so Paste would add it.
    pub fn can_paste(&self) -> bool {
        self.clipboard.is_some()
    }

    /// The one selected item, when exactly one is selected (the inspector shows it).
    pub fn single_selection(&self) -> Option<Item> {
        match self.selection.len() {
            1 => self.selection.iter().next().copied(),
            _ => None,
        }
    }

    /// Applies one action. A refused edit leaves the diagram as it was and says why in
    /// `notice`.
    pub fn apply(&mut self, action: Action) {
        if let Err(why) = self.try_apply(action) {
            self.notice = Some(Notice::error(why));
        }
    }

    fn try_apply(&mut self, action: Action) -> Result<(), Message> {
        match action {
            Action::AddComponent { kind, at } => {
                let name = self.fresh_name(kind);
                let mut corner = Point { x: at.x - geometry::NODE_WIDTH / 2.0, y: at.y - geometry::NODE_HEIGHT / 2.0 };
                if self.snap {
                    corner = geometry::snap(corner);
                }
                let id = self.edit(|d| Ok(d.add_component(kind, name, corner)))?;
                self.selection = BTreeSet::from([Item::Component(id)]);
            }
            Action::AddInView { kind, width, height } => {
                let top_left = self.viewport.to_canvas(Point { x: 0.0, y: 0.0 });
                let bottom_right = self.viewport.to_canvas(Point { x: width, y: height });
                let visible = Rect::from_corners(top_left, bottom_right);
                // Beside the one selected box (what the learner is building from), else
                // in the middle of the view.
                let preferred = match self.selected_components().collect::<Vec<_>>()[..] {
                    [one] => self.diagram.component(one).map(|c| {
                        let r = geometry::node_rect(c);
                        Point { x: r.x + r.width * 1.5 + 4.0 * geometry::GRID, y: r.y + r.height / 2.0 }
                    }),
                    _ => None,
                };
                let at = geometry::free_spot(&self.diagram, preferred.unwrap_or_else(|| visible.center()), visible);
                return self.try_apply(Action::AddComponent { kind, at });
            }
            Action::Select { item, additive } => {
                if !self.exists(item) {
                    return Ok(());
                }
                if additive {
                    if !self.selection.remove(&item) {
                        self.selection.insert(item);
                    }
                } else if !self.selection.contains(&item) {
                    self.selection = BTreeSet::from([item]);
                }
            }
            Action::SelectOnly(item) => {
                if self.exists(item) {
                    self.selection = BTreeSet::from([item]);
                }
            }
            Action::SelectInRect { rect, additive } => {
                if !additive {
                    self.selection.clear();
                }
                self.selection.extend(geometry::components_in(&self.diagram, &rect).into_iter().map(Item::Component));
            }
            Action::SelectAll => {
                self.selection = self.diagram.components().map(|c| Item::Component(c.id)).collect();
            }
            Action::ClearSelection => self.selection.clear(),
            Action::BeginDrag => {
                let origins: BTreeMap<_, _> = self
                    .selected_components()
                    .filter_map(|id| self.diagram.component(id).map(|c| (id, c.position)))
                    .collect();
                if let Some(lead) = origins.values().next().copied() {
                    self.drag = Some(Drag { origins, lead, offset: (0.0, 0.0) });
                }
            }
            Action::DragTo { dx, dy } => self.drag_to(dx, dy),
            Action::EndDrag => {
                if let Some(drag) = self.drag.take() {
                    let (dx, dy) = drag.offset;
                    if dx != 0.0 || dy != 0.0 {
                        self.edit(|d| {
                            for (id, origin) in &drag.origins {
                                if let Some(c) = d.component_mut(*id) {
                                    c.position = Point { x: origin.x + dx, y: origin.y + dy };
                                }
                            }
                            Ok(())
                        })?;
                    }
                }
            }
            Action::Nudge { dx, dy } => {
                let ids: Vec<_> = self.selected_components().collect();
                if !ids.is_empty() {
                    self.edit(|d| {
                        for id in &ids {
                            if let Some(c) = d.component_mut(*id) {
                                c.position.x += dx;
                                c.position.y += dy;
                            }
                        }
                        Ok(())
                    })?;
                }
            }
            Action::Connect { from, to } => {
                let id = self.edit(|d| d.connect(from, to))?;
                self.selection = BTreeSet::from([Item::Connection(id)]);
            }
            Action::AddTrafficSource => {
                let Some(entry) = super::traffic::client_entry(&self.diagram) else {
                    return Err(msg!(
                        "There is nothing a client could send to: add an API Gateway, a queue, a topic or an event bus first.",
                        "Chưa có gì để client gửi tới: hãy thêm một API Gateway, một queue, một topic hoặc một event bus trước."
                    ));
                };
                let r = self.diagram.component(entry).map(geometry::node_rect).ok_or(ModelError::NoSuchComponent(entry).message())?;
                // To the left, where a flow that reads left to right starts.
                let preferred = Point { x: r.x - r.width / 2.0 - 4.0 * geometry::GRID, y: r.y + r.height / 2.0 };
                let far = Rect { x: f64::MIN / 4.0, y: f64::MIN / 4.0, width: f64::MAX / 2.0, height: f64::MAX / 2.0 };
                let at = geometry::free_spot(&self.diagram, preferred, far);
                let mut corner = Point { x: at.x - geometry::NODE_WIDTH / 2.0, y: at.y - geometry::NODE_HEIGHT / 2.0 };
                if self.snap {
                    corner = geometry::snap(corner);
                }
                let name = self.fresh_name(ComponentKind::Client);
                let client = self.edit(|d| {
                    let client = d.add_component(ComponentKind::Client, name, corner);
                    d.connect(client, entry)?;
                    Ok(client)
                })?;
                self.selection = BTreeSet::from([Item::Component(client)]);
            }
            Action::SetConnectionKind { id, kind } => self.edit(|d| d.set_connection_kind(id, kind))?,
            Action::DeleteSelection => {
                let selection = std::mem::take(&mut self.selection);
                if !selection.is_empty() {
                    self.edit(|d| {
                        for item in &selection {
                            // An item may already be gone with a deleted component.
                            match *item {
                                Item::Connection(id) => drop(d.remove_connection(id)),
                                Item::Component(id) => drop(d.remove_component(id)),
                            }
                        }
                        Ok(())
                    })?;
                }
            }
            Action::Copy => {
                self.clipboard = self.copy_selection().map(Rc::new);
                if let Some(clip) = &self.clipboard {
                    self.notice = Some(Notice::info(match clip.components.len() {
                        1 => msg!("Copied 1 component.", "Đã sao chép 1 thành phần."),
                        n => msg!("Copied {n} components.", "Đã sao chép {n} thành phần."),
                    }));
                }
            }
            Action::Paste => {
                if let Some(clip) = self.clipboard.take() {
                    let mut clip = Rc::unwrap_or_clone(clip);
                    clip.pastes += 1;
                    let result = self.paste(&clip);
                    self.clipboard = Some(Rc::new(clip));
                    result?;
                }
            }
            Action::Duplicate => {
                if let Some(mut clip) = self.copy_selection() {
                    clip.pastes = 1;
                    self.paste(&clip)?;
                }
            }
            Action::Rename { id, name } => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return Err(crate::model::name_missing());
                }
                if name.chars().count() > crate::model::MAX_NAME_CHARS {
                    return Err(crate::model::name_too_long());
                }
                if self.diagram.component(id).map(|c| c.name == name) == Some(true) {
                    return Ok(());
                }
                self.edit(|d| with_component(d, id, |c| c.name = name))?;
            }
            Action::SetSpec { id, spec } => self.set_checked(id, |c| c.spec = spec)?,
            Action::SetFaults { id, faults } => self.set_checked(id, |c| c.faults = faults)?,
            Action::SetConnectionSettings { id, settings } => {
                let connection = self.diagram.connection(id).ok_or(ModelError::NoSuchConnection(id).message())?;
                let from = self.diagram.kind_of(connection.from).map_err(|e| e.message())?;
                if let Some(error) = crate::model::check_connection(connection.kind, from, &settings).into_iter().next() {
                    return Err(error.message);
                }
                if connection.settings == settings {
                    return Ok(());
                }
                self.edit(|d| {
                    let c = d.connection_mut(id).ok_or(ModelError::NoSuchConnection(id))?;
                    c.settings = settings;
                    Ok(())
                })?;
            }
            Action::SetSnap(on) => self.snap = on,
            Action::SetSeed(seed) => {
                if self.diagram.run.seed != seed {
                    self.edit(|d| {
                        d.run.seed = seed;
                        Ok(())
                    })?;
                }
            }
            Action::Undo => {
                self.drag = None;
                if let Some(previous) = self.undo.pop() {
                    let current = std::mem::replace(&mut self.diagram, previous);
                    self.redo.push(current);
                    self.after_history_move();
                }
            }
            Action::Redo => {
                self.drag = None;
                if let Some(next) = self.redo.pop() {
                    let current = std::mem::replace(&mut self.diagram, next);
                    self.undo.push(current);
                    self.after_history_move();
                }
            }
            Action::PanBy { dx, dy } => self.viewport.pan_by(dx, dy),
            Action::ZoomAt { factor, screen } => self.viewport.zoom_at(factor, screen),
            Action::Pinch { before, after } => self.viewport.pinch(before, after),
            Action::FitToView { width, height } => self.frame(Viewport::fit, width, height),
            Action::FitReadable { width, height } => self.frame(Viewport::readable, width, height),
            Action::Load { diagram, notice } => {
                self.drag = None;
                let previous = std::mem::replace(&mut self.diagram, Rc::new(*diagram));
                self.push_undo(previous);
                self.revision += 1;
                self.opened_at = Some(self.revision);
                self.selection.clear();
                self.notice = Some(Notice::info(notice));
            }
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::SetLanguage(lang) => self.lang = lang,
        }
        Ok(())
    }

    /// Runs `change` on a copy of the diagram; on success the copy becomes current and
    /// the old one an undo step; on failure nothing changes.
    fn edit<T>(&mut self, change: impl FnOnce(&mut Diagram) -> Result<T, ModelError>) -> Result<T, Message> {
        let mut next = (*self.diagram).clone();
        let value = change(&mut next).map_err(|e| e.message())?;
        if let Some(why) = crate::model::new_refusal(&self.diagram, &next) {
            return Err(why);
        }
        let previous = std::mem::replace(&mut self.diagram, Rc::new(next));
        self.push_undo(previous);
        self.revision += 1;
        Ok(value)
    }

    /// Changes one component, refusing a change that puts a setting out of range.
    fn set_checked(&mut self, id: ComponentId, change: impl FnOnce(&mut Component)) -> Result<(), Message> {
        let mut component = self.diagram.component(id).cloned().ok_or(ModelError::NoSuchComponent(id).message())?;
        let before = component.clone();
        change(&mut component);
        if component == before {
            return Ok(());
        }
        if component.kind() != before.kind() {
            return Err(msg!(
                "A component's kind can't change; add a new one instead.",
                "Không đổi được loại của một thành phần; hãy thêm một thành phần mới."
            ));
        }
        if let Some(error) = crate::model::check_component(&component).into_iter().next() {
            return Err(error.message);
        }
        self.edit(|d| with_component(d, id, |c| *c = component))
    }

    fn push_undo(&mut self, previous: Rc<Diagram>) {
        self.undo.push(previous);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn frame(&mut self, framing: fn(geometry::Rect, f64, f64) -> Viewport, width: f64, height: f64) {
        self.viewport = match geometry::bounds(&self.diagram) {
            Some(bounds) => framing(bounds, width, height),
            None => Viewport::default(),
        };
    }

    fn after_history_move(&mut self) {
        self.revision += 1;
        let diagram = Rc::clone(&self.diagram);
        self.selection.retain(|item| match *item {
            Item::Component(id) => diagram.component(id).is_some(),
            Item::Connection(id) => diagram.connection(id).is_some(),
        });
    }

    fn drag_to(&mut self, dx: f64, dy: f64) {
        let snap = self.snap;
        let Some(drag) = &mut self.drag else { return };
        if !(dx.is_finite() && dy.is_finite()) {
            return;
        }
        drag.offset = if snap {
            let lead = drag.lead;
            let target = geometry::snap(Point { x: lead.x + dx, y: lead.y + dy });
            (target.x - lead.x, target.y - lead.y)
        } else {
            (dx, dy)
        };
    }

    /// Where a component is drawn: its position, or where a drag under way puts it.
    pub fn display_position(&self, component: &Component) -> Point {
        match &self.drag {
            Some(drag) => match drag.origins.get(&component.id) {
                Some(origin) => Point { x: origin.x + drag.offset.0, y: origin.y + drag.offset.1 },
                None => component.position,
            },
            None => component.position,
        }
    }

    fn copy_selection(&self) -> Option<Clipboard> {
        let ids: BTreeSet<ComponentId> = self.selected_components().collect();
        if ids.is_empty() {
            return None;
        }
        let components = self.diagram.components().filter(|c| ids.contains(&c.id)).cloned().collect();
        let connections = self
            .diagram
            .connections()
            .filter(|c| ids.contains(&c.from) && ids.contains(&c.to))
            .cloned()
            .collect();
        Some(Clipboard { components, connections, pastes: 0 })
    }

    /// Inserts copies with fresh ids, offset by 40 units per paste, and selects them.
    fn paste(&mut self, clip: &Clipboard) -> Result<(), Message> {
        let offset = 40.0 * f64::from(clip.pastes);
        let pasted = self.edit(|d| {
            let mut new_ids = BTreeMap::new();
            let mut pasted = BTreeSet::new();
            for original in &clip.components {
                let mut copy = original.clone();
                copy.id = d.next_component_id();
                copy.position.x += offset;
                copy.position.y += offset;
                new_ids.insert(original.id, copy.id);
                pasted.insert(Item::Component(copy.id));
                d.insert_component(copy)?;
            }
            for original in &clip.connections {
                let (Some(&from), Some(&to)) = (new_ids.get(&original.from), new_ids.get(&original.to)) else { continue };
                let mut copy = original.clone();
                copy.id = d.next_connection_id();
                copy.from = from;
                copy.to = to;
                copy.settings.dead_letter_queue = copy.settings.dead_letter_queue.and_then(|q| new_ids.get(&q).copied());
                d.insert_connection(copy)?;
            }
            Ok(pasted)
        })?;
        self.selection = pasted;
        Ok(())
    }

    fn exists(&self, item: Item) -> bool {
        match item {
            Item::Component(id) => self.diagram.component(id).is_some(),
            Item::Connection(id) => self.diagram.connection(id).is_some(),
        }
    }

    /// "Queue", then "Queue 2", "Queue 3"... so new boxes are told apart.
    fn fresh_name(&self, kind: ComponentKind) -> String {
        let base = kind.name(self.lang);
        let taken: BTreeSet<&str> = self.diagram.components().map(|c| c.name.as_str()).collect();
        if !taken.contains(base) {
            return base.to_string();
        }
        (2..).map(|n| format!("{base} {n}")).find(|name| !taken.contains(name.as_str())).unwrap_or_else(|| base.to_string())
    }
}

fn with_component(d: &mut Diagram, id: ComponentId, change: impl FnOnce(&mut Component)) -> Result<(), ModelError> {
    let c = d.component_mut(id).ok_or(ModelError::NoSuchComponent(id))?;
    change(c);
    Ok(())
}
