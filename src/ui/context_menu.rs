//! The canvas's context menu, as in every drawing tool: a right click, the keyboard's
//! menu key (or Shift+F10) on a box, or a long press on a touch screen opens it, on a
//! box (rename, connect, duplicate, delete) or on the empty canvas (paste when something
//! was copied, select all, fit). Its items are the shortcuts' and the toolbar's actions,
//! offered where the pointer or finger is.

use super::canvas::canvas_size;
use super::canvas_input::local_point;
use super::dialog::{menu_keys, use_focus_inside, MENU_ITEM};
use super::i18n::use_lang;
use super::store::Editor;
use crate::editor::{Action, Item};
use crate::lessons::ui_strings as words;
use crate::model::{ComponentId, Point};
use crate::text::Text;
use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long a finger rests before the menu opens, and how far it may drift meanwhile
/// (CSS pixels): about what phones use for their own long press.
const LONG_PRESS_MS: u32 = 500;
const LONG_PRESS_SLOP_PX: f64 = 10.0;
/// A lifted finger's click lands just after the menu opens under it: a pointer's click is
/// ignored for this long (the keyboard's is not).
const SETTLE_MS: f64 = 400.0;
/// The menu's size for keeping it inside the canvas (CSS pixels, from static/style.css).
const MENU_WIDTH: f64 = 210.0;
const ITEM_HEIGHT: f64 = 34.0;

/// An open context menu: where (canvas-local screen pixels), on which box (none: the
/// empty canvas), and when it opened (`performance.now()`).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct MenuAt {
    pub at: Point,
    pub on: Option<ComponentId>,
    opened_ms: f64,
}

fn now_ms() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// The box under an event's target, if any (nodes carry their id in `data-id`).
fn box_of(target: Option<web_sys::EventTarget>) -> Option<(ComponentId, web_sys::Element)> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?.closest(".node[data-id]").ok()??;
    let id = el.get_attribute("data-id")?.parse().ok()?;
    Some((ComponentId(id), el))
}

/// Opens the menu at `at` on the box `on`, selecting that box first (the items act on
/// the selection) unless it is already part of it.
fn open(menu: &UseStateHandle<Option<MenuAt>>, editor: &Editor, at: Point, on: Option<ComponentId>) {
    if let Some(id) = on {
        if !editor.is_selected(Item::Component(id)) {
            editor.dispatch(Action::SelectOnly(Item::Component(id)));
        }
    }
    menu.set(Some(MenuAt { at, on, opened_ms: now_ms() }));
}

/// A finger resting on the canvas: where it landed and the timer that opens the menu.
struct Press {
    pointer: i32,
    client: (f64, f64),
    _timer: Timeout,
}

/// Listens for what opens the menu over the canvas's SVG; the menu's state.
#[hook]
pub fn use_context_menu(svg_ref: &NodeRef, editor: &Editor) -> UseStateHandle<Option<MenuAt>> {
    let menu = use_state(|| None::<MenuAt>);
    // The listeners outlive a render: they read the editor as it is now.
    let latest = use_mut_ref(|| editor.clone());
    *latest.borrow_mut() = editor.clone();
    {
        let (svg_ref, menu) = (svg_ref.clone(), menu.clone());
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let on_svg = {
                let svg_ref = svg_ref.clone();
                move |e: &web_sys::Event| -> Option<web_sys::Element> {
                    let svg = svg_ref.cast::<web_sys::Element>()?;
                    let node = e.target()?.dyn_into::<web_sys::Node>().ok()?;
                    svg.contains(Some(&node)).then_some(svg)
                }
            };
            let context = {
                let (on_svg, menu, latest) = (on_svg.clone(), menu.clone(), latest.clone());
                EventListener::new_with_options(&window, "contextmenu", EventListenerOptions::enable_prevent_default(), move |event| {
                    let Some(svg) = on_svg(event) else { return };
                    let Some(e) = event.dyn_ref::<web_sys::MouseEvent>() else { return };
                    event.prevent_default();
                    let editor = latest.borrow().clone();
                    open(&menu, &editor, local_point(&svg, e.client_x(), e.client_y()), box_of(e.target()).map(|(id, _)| id));
                })
            };
            // The keyboard's menu key or Shift+F10 on a focused box (handled here, and the
            // browser's own `contextmenu` for it stopped, so both browsers and tests see one).
            let keys = {
                let (on_svg, menu, latest) = (on_svg.clone(), menu.clone(), latest.clone());
                EventListener::new_with_options(&window, "keydown", EventListenerOptions::enable_prevent_default(), move |event| {
                    let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if !(e.key() == "ContextMenu" || (e.key() == "F10" && e.shift_key())) {
                        return;
                    }
                    let (Some(svg), Some((id, el))) = (on_svg(event), box_of(e.target())) else { return };
                    event.prevent_default();
                    let r = el.get_bounding_client_rect();
                    let editor = latest.borrow().clone();
                    open(&menu, &editor, local_point(&svg, r.left() as i32 + 12, r.bottom() as i32 - 8), Some(id));
                })
            };
            // A long press: Android's Chrome fires `contextmenu` for it, iOS's Safari does
            // not, so the page times the finger itself (whichever comes first opens it).
            let press: Rc<RefCell<Option<Press>>> = Rc::default();
            let touch_listeners: Vec<EventListener> = ["pointerdown", "pointermove", "pointerup", "pointercancel"]
                .into_iter()
                .map(|kind| {
                    let (on_svg, menu, latest, press) = (on_svg.clone(), menu.clone(), latest.clone(), press.clone());
                    let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: true };
                    EventListener::new_with_options(&window, kind, options, move |event| {
                        let Some(e) = event.dyn_ref::<web_sys::PointerEvent>() else { return };
                        if e.pointer_type() != "touch" {
                            return;
                        }
                        let client = (f64::from(e.client_x()), f64::from(e.client_y()));
                        let mut pending = press.borrow_mut();
                        match kind {
                            "pointerdown" => {
                                // A second finger is a pinch, not a press.
                                let first = pending.is_none();
                                *pending = None;
                                let Some(svg) = on_svg(event).filter(|_| first) else { return };
                                let target = box_of(e.target()).map(|(id, _)| id);
                                let at = local_point(&svg, e.client_x(), e.client_y());
                                let (menu, latest) = (menu.clone(), latest.clone());
                                // The press stays pending until the finger lifts, so a
                                // second finger after the menu opened is still no press.
                                let timer = Timeout::new(LONG_PRESS_MS, move || {
                                    let editor = latest.borrow().clone();
                                    open(&menu, &editor, at, target);
                                });
                                *pending = Some(Press { pointer: e.pointer_id(), client, _timer: timer });
                            }
                            "pointermove" => {
                                let drifted = pending.as_ref().is_some_and(|p| {
                                    p.pointer == e.pointer_id() && (client.0 - p.client.0).hypot(client.1 - p.client.1) > LONG_PRESS_SLOP_PX
                                });
                                if drifted {
                                    *pending = None;
                                }
                            }
                            _ => *pending = None,
                        }
                    })
                })
                .collect();
            move || drop((context, keys, touch_listeners))
        });
    }
    menu
}

/// One of the menu's items.
struct MenuItem {
    text: Text,
    /// The shortcut that does the same, shown beside it.
    keys: &'static str,
    /// Its `data-menu` attribute.
    key: &'static str,
    /// It puts focus somewhere itself (a name field, the chooser): the menu does not
    /// hand focus back when it closes.
    moves_focus: bool,
    run: Rc<dyn Fn()>,
}

#[derive(Properties, PartialEq)]
pub struct ContextMenuProps {
    pub menu: MenuAt,
    pub editor: Editor,
    /// Rename was chosen: the box's name field opens.
    pub on_rename: Callback<ComponentId>,
    /// "Connect to…" was chosen: the inspector is shown (a phone's sheet opens), then
    /// its chooser takes focus.
    pub on_show_settings: Callback<()>,
    pub on_close: Callback<()>,
}

/// The menu itself, inside the canvas at the press, kept within the canvas's edges.
#[function_component(ContextMenu)]
pub fn context_menu(props: &ContextMenuProps) -> Html {
    let lang = use_lang();
    let menu_ref = use_node_ref();
    let restore_focus = use_focus_inside(&menu_ref, MENU_ITEM);
    let onkeydown = menu_keys(&menu_ref, &props.on_close);
    let opened = props.menu.opened_ms;
    let settled = move || now_ms() - opened > SETTLE_MS;
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            if settled() {
                on_close.emit(())
            }
        })
    };
    let fit = {
        let editor = props.editor.clone();
        move || {
            let (width, height) = canvas_size();
            editor.dispatch(Action::FitToView { width, height })
        }
    };
    let act = |action: fn() -> Action| {
        let editor = props.editor.clone();
        move || editor.dispatch(action())
    };
    let mut items: Vec<MenuItem> = Vec::new();
    match props.menu.on {
        Some(id) => {
            let on_rename = props.on_rename.clone();
            let on_show_settings = props.on_show_settings.clone();
            let connect = move || {
                on_show_settings.emit(());
                Timeout::new(0, || {
                    super::connect_chooser::focus_connect_chooser();
                })
                .forget();
            };
            items.push(MenuItem { text: words::context_menu::RENAME, keys: "F2", key: "rename", moves_focus: true, run: Rc::new(move || on_rename.emit(id)) });
            items.push(MenuItem { text: words::context_menu::CONNECT_TO, keys: "C", key: "connect", moves_focus: true, run: Rc::new(connect) });
            items.push(MenuItem { text: words::inspector::DUPLICATE, keys: "Ctrl+D", key: "duplicate", moves_focus: false, run: Rc::new(act(|| Action::Duplicate)) });
            items.push(MenuItem { text: words::inspector::DELETE, keys: "Delete", key: "delete", moves_focus: false, run: Rc::new(act(|| Action::DeleteSelection)) });
        }
        None => {
            if props.editor.can_paste() {
                items.push(MenuItem { text: words::open::PASTE, keys: "Ctrl+V", key: "paste", moves_focus: false, run: Rc::new(act(|| Action::Paste)) });
            }
            items.push(MenuItem { text: words::context_menu::SELECT_ALL, keys: "Ctrl+A", key: "select-all", moves_focus: false, run: Rc::new(act(|| Action::SelectAll)) });
            items.push(MenuItem { text: words::context_menu::FIT, keys: "F", key: "fit", moves_focus: false, run: Rc::new(fit) });
        }
    }
    let (width, height) = canvas_size();
    let tall = ITEM_HEIGHT * items.len() as f64 + 12.0;
    let x = props.menu.at.x.min(width - MENU_WIDTH - 4.0).max(4.0);
    let y = props.menu.at.y.min(height - tall - 4.0).max(4.0);
    let label = if props.menu.on.is_some() { words::context_menu::COMPONENT } else { words::context_menu::CANVAS };
    html! {
        <div class="context-backdrop" onclick={close} oncontextmenu={Callback::from(|e: MouseEvent| e.prevent_default())}>
            <div ref={menu_ref} class="menu context-menu" role="menu" aria-label={label.get(lang)} {onkeydown}
                 style={format!("left:{x:.0}px;top:{y:.0}px")}
                 onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                { for items.into_iter().map(|MenuItem { text, keys, key, moves_focus, run }| {
                    let (on_close, restore_focus) = (props.on_close.clone(), restore_focus.clone());
                    // Enter or Space on an item (a click with no pointer: detail 0) acts at
                    // once; a pointer's click waits for the menu to settle.
                    let onclick = Callback::from(move |e: MouseEvent| {
                        if e.detail() == 0 || settled() {
                            restore_focus.set(!moves_focus);
                            on_close.emit(());
                            // After the menu has gone (a name field or the chooser it opens
                            // then keeps the focus it is given).
                            let run = run.clone();
                            Timeout::new(0, move || run()).forget();
                        }
                    });
                    html! {
                        <button type="button" class="menu-item" role="menuitem" tabindex="-1" data-menu={key} {onclick}>
                            <span class="menu-title">{ text.get(lang) }</span>
                            <kbd class="menu-keys" aria-hidden="true">{ keys }</kbd>
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}
