//! The keyboard: editing shortcuts (the same on every platform, Ctrl or Cmd), Space to
//! play or pause, `?` for the list, Escape, F to fit, C to connect the selected box;
//! none while typing in a field.

use crate::lessons::ui_strings as words;
use crate::ui::i18n::Lang;
use crate::editor::geometry::GRID;
use crate::editor::Action;
use crate::model::ComponentKind;
use crate::ui::canvas::canvas_size;
use crate::ui::dialog::Dialog;
use crate::ui::playback::Player;
use crate::ui::store::Editor;
use gloo::events::{EventListener, EventListenerOptions};
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
            // Not passive (gloo's default, which ignored every preventDefault here): Ctrl+A
            // must not also select the page's text, nor Ctrl+D bookmark the page. Keys
            // without Ctrl keep their default as before (Space still presses a focused
            // button, arrows still scroll a panel).
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
                let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if typing_in_field(e) {
                    return;
                }
                if let Some(action) = shortcut(e) {
                    let chord = e.ctrl_key() || e.meta_key();
                    // Ctrl+C over selected text (the event log, a verdict) copies that text.
                    if action == Action::Copy && text_selected() {
                        return;
                    }
                    if chord {
                        e.prevent_default();
                    }
                    editor.dispatch(action);
                } else if e.key() == " " {
                    player.toggle();
                } else if e.key() == "?" {
                    show_help.set(!*show_help);
                } else if e.key() == "Escape" {
                    show_help.set(false);
                    placing.set(None);
                    editor.dispatch(Action::ClearSelection);
                } else if matches!(e.key().as_str(), "c" | "C") && !(e.ctrl_key() || e.meta_key() || e.alt_key()) {
                    // One key from a selected box to its "Connect to" chooser.
                    if crate::ui::connect_chooser::focus_connect_chooser() {
                        e.prevent_default();
                    }
                } else if e.key() == "f" && !(e.ctrl_key() || e.meta_key()) {
                    let (width, height) = canvas_size();
                    editor.dispatch(Action::FitToView { width, height });
                }
            });
            move || drop(listener)
        });
    }
}

fn text_selected() -> bool {
    gloo::utils::window().get_selection().ok().flatten().is_some_and(|s| !s.is_collapsed())
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

pub fn shortcuts_dialog(close: Callback<()>, lang: Lang) -> Html {
    // Key names stay as printed on the keyboard; the rest is translated.
    let rows = [
        (words::shortcuts::DRAG_FROM_THE_PALETTE_OR.get(lang), words::shortcuts::ADD_A_COMPONENT.get(lang)),
        (words::shortcuts::DRAG_FROM_A_BOXS_RIGHT.get(lang), words::shortcuts::CONNECT.get(lang)),
        (words::shortcuts::CLICK_SHIFT_CLICK_DRAG_ON.get(lang), words::shortcuts::SELECT_ONE_ADD_TO_SELECTION.get(lang)),
        (words::shortcuts::DOUBLE_CLICK_A_BOX.get(lang), words::share::RENAME.get(lang)),
        (words::shortcuts::RIGHT_CLICK_OR_LONG_PRESS.get(lang), words::shortcuts::THE_ACTIONS_OF_A_BOX.get(lang)),
        (words::shortcuts::DELETE_OR_BACKSPACE.get(lang), words::shortcuts::DELETE_THE_SELECTION.get(lang)),
        ("C", words::shortcuts::CONNECT_THE_SELECTED_BOX.get(lang)),
        ("Ctrl/Cmd+Z", words::shortcuts::UNDO.get(lang)),
        (words::shortcuts::CTRL_CMD_SHIFT_Z_OR.get(lang), words::shortcuts::REDO.get(lang)),
        ("Ctrl/Cmd+C, Ctrl/Cmd+V", words::shortcuts::COPY_PASTE.get(lang)),
        ("Ctrl/Cmd+D", words::inspector::DUPLICATE.get(lang)),
        ("Ctrl/Cmd+A", words::shortcuts::SELECT_EVERYTHING.get(lang)),
        (words::shortcuts::ARROW_KEYS_SHIFT_FINE.get(lang), words::shortcuts::NUDGE_THE_SELECTION.get(lang)),
        (words::shortcuts::WHEEL_ALT_DRAG_OR_MIDDLE.get(lang), words::shortcuts::PAN.get(lang)),
        (words::shortcuts::CTRL_WHEEL_OR_PINCH.get(lang), words::shortcuts::ZOOM.get(lang)),
        ("F", words::shortcuts::FIT_THE_DIAGRAM_TO_THE.get(lang)),
        ("Tab, Enter", words::shortcuts::MOVE_BETWEEN_BOXES_ADD_FROM.get(lang)),
        ("Escape", words::shortcuts::CLEAR_THE_SELECTION_CLOSE_THIS.get(lang)),
        ("?", words::shortcuts::SHOW_OR_HIDE_THESE_SHORTCUTS.get(lang)),
    ];
    html! {
        <Dialog id="shortcuts-title" title={words::share::KEYBOARD_SHORTCUTS.get(lang)} on_close={close}>
            <table class="shortcuts">
                { for rows.iter().map(|(keys, what)| html! { <tr><th>{ *keys }</th><td>{ *what }</td></tr> }) }
            </table>
        </Dialog>
    }
}
