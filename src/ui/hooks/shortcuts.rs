//! The keyboard: editing shortcuts (the same on every platform, Ctrl or Cmd), Space to
//! play or pause, `?` for the list, Escape, F to fit; none while typing in a field.

use crate::editor::geometry::GRID;
use crate::editor::Action;
use crate::model::ComponentKind;
use crate::ui::canvas::canvas_size;
use crate::ui::dialog::Dialog;
use crate::ui::i18n::t;
use crate::ui::playback::Player;
use crate::ui::store::Editor;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Keyboard shortcuts, unless the learner is typing in a field.
#[hook]
pub fn use_shortcuts(editor: &Editor, player: &Player, show_help: &UseStateHandle<bool>, placing: &UseStateHandle<Option<ComponentKind>>) {
    {
        let editor = editor.clone();
        let player = player.clone();
        let show_help = show_help.clone();
        let placing = placing.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if typing_in_field(e) {
                    return;
                }
                if let Some(action) = shortcut(e) {
                    e.prevent_default();
                    editor.dispatch(action);
                } else if e.key() == " " {
                    e.prevent_default();
                    player.toggle();
                } else if e.key() == "?" {
                    show_help.set(!*show_help);
                } else if e.key() == "Escape" {
                    show_help.set(false);
                    placing.set(None);
                    editor.dispatch(Action::ClearSelection);
                } else if e.key() == "f" && !(e.ctrl_key() || e.meta_key()) {
                    let (width, height) = canvas_size();
                    editor.dispatch(Action::FitToView { width, height });
                }
            });
            move || drop(listener)
        });
    }
}

fn typing_in_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().to_ascii_lowercase().as_str(), "input" | "textarea" | "select") || el.has_attribute("contenteditable"))
        .unwrap_or(false)
}

/// The editing shortcuts, the same on every platform (Ctrl or Cmd).
fn shortcut(e: &web_sys::KeyboardEvent) -> Option<Action> {
    let command = e.ctrl_key() || e.meta_key();
    let key = e.key();
    let step = if e.shift_key() { 1.0 } else { GRID };
    Some(match (command, key.as_str()) {
        (true, "z" | "Z") if e.shift_key() => Action::Redo,
        (true, "z" | "Z") => Action::Undo,
        (true, "y" | "Y") => Action::Redo,
        (true, "c" | "C") => Action::Copy,
        (true, "v" | "V") => Action::Paste,
        (true, "d" | "D") => Action::Duplicate,
        (true, "a" | "A") => Action::SelectAll,
        (false, "Delete" | "Backspace") => Action::DeleteSelection,
        (false, "ArrowLeft") => Action::Nudge { dx: -step, dy: 0.0 },
        (false, "ArrowRight") => Action::Nudge { dx: step, dy: 0.0 },
        (false, "ArrowUp") => Action::Nudge { dx: 0.0, dy: -step },
        (false, "ArrowDown") => Action::Nudge { dx: 0.0, dy: step },
        _ => return None,
    })
}

pub fn shortcuts_dialog(close: Callback<()>) -> Html {
    // Key names stay as printed on the keyboard; the rest is translated.
    let rows = [
        (t("Drag from the palette, or click"), t("Add a component")),
        (t("Drag from a box's right dot to another box"), t("Connect")),
        (t("Click, Shift+click, drag on empty canvas"), t("Select one, add to selection, box select")),
        (t("Double-click a box"), t("Rename")),
        (t("Delete or Backspace"), t("Delete the selection")),
        ("Ctrl/Cmd+Z", t("Undo")),
        (t("Ctrl/Cmd+Shift+Z or Ctrl+Y"), t("Redo")),
        ("Ctrl/Cmd+C, Ctrl/Cmd+V", t("Copy, paste")),
        ("Ctrl/Cmd+D", t("Duplicate")),
        ("Ctrl/Cmd+A", t("Select everything")),
        (t("Arrow keys (Shift: fine)"), t("Nudge the selection")),
        (t("Wheel, Alt+drag or middle-drag"), t("Pan")),
        (t("Ctrl+wheel or pinch"), t("Zoom")),
        ("F", t("Fit the diagram to the view")),
        ("Tab, Enter", t("Move between boxes, add from the palette")),
        ("Escape", t("Clear the selection, close this")),
        ("?", t("Show or hide these shortcuts")),
    ];
    html! {
        <Dialog id="shortcuts-title" title={t("Keyboard shortcuts")} on_close={close}>
            <table class="shortcuts">
                { for rows.iter().map(|(keys, what)| html! { <tr><th>{ *keys }</th><td>{ *what }</td></tr> }) }
            </table>
        </Dialog>
    }
}
