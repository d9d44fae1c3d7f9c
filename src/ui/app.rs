//! The page's frame: header, toolbar, palette, canvas, inspector and footer, around
//! one editor store. Keyboard shortcuts and autosave live here.

use super::canvas::{canvas_size, Canvas};
use super::inspector::Inspector;
use super::palette::Palette;
use super::store::{self, Editor};
use super::toolbar::Toolbar;
use crate::editor::geometry::GRID;
use crate::editor::{Action, EditorState, Notice, NoticeLevel};
use crate::model::ComponentKind;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let editor: Editor = use_reducer(store::restore);
    let placing = use_state(|| None::<ComponentKind>);
    let show_help = use_state(|| false);

    // Autosave on every change to the diagram, but not on each step of a drag (its end
    // saves); a refusal is said once, and the work stays in memory.
    {
        let editor = editor.clone();
        let warned = use_mut_ref(|| false);
        use_effect_with(editor.revision, move |revision| {
            if *revision > 0 && !editor.is_dragging() {
                match store::save(&editor) {
                    Ok(()) => *warned.borrow_mut() = false,
                    Err(why) if !*warned.borrow() => {
                        *warned.borrow_mut() = true;
                        editor.dispatch(Action::Notify(Notice::warning(format!("{why}: your work stays in this tab, but it is not saved."))));
                    }
                    Err(_) => {}
                }
            }
        });
    }

    // Keyboard shortcuts, unless the learner is typing in a field.
    {
        let editor = editor.clone();
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

    // A palette drag released anywhere but the canvas places nothing.
    {
        let placing = placing.clone();
        use_effect_with(placing.is_some(), move |active| {
            let listener = active.then(|| {
                EventListener::new(&gloo::utils::window(), "pointerup", move |_| {
                    let placing = placing.clone();
                    // After the canvas has seen the same release.
                    gloo::timers::callback::Timeout::new(0, move || placing.set(None)).forget();
                })
            });
            move || drop(listener)
        });
    }

    // Stable callbacks, so the palette does not re-render with every edit.
    let on_pick = use_callback(placing.setter(), |kind, set| set.set(Some(kind)));
    let on_placed = use_callback(placing.setter(), |_, set| set.set(None));
    let on_add = use_callback(editor.dispatcher(), |kind, dispatch| {
        let (width, height) = canvas_size();
        dispatch.dispatch(Action::AddInView { kind, width, height });
    });
    let toggle_help = {
        let show_help = show_help.clone();
        Callback::from(move |_| show_help.set(!*show_help))
    };

    html! {
        <ContextProvider<Editor> context={editor.clone()}>
            <div class="app">
                <header class="app-header">
                    <a class="brand" href="./" aria-label="Decouple Lab home">
                        { brand_mark() }
                        <span class="brand-name">{ "Decouple Lab" }</span>
                    </a>
                    <span class="brand-tagline">{ "Build a decoupled architecture, press play, then break it." }</span>
                </header>
                <Toolbar on_help={toggle_help.clone()} />
                <main class="workspace">
                    <Palette {on_pick} {on_add} />
                    <Canvas placing={*placing} {on_placed} />
                    <Inspector />
                </main>
                <footer class="app-footer">
                    <span>{ format!("Decouple Lab {}", crate::VERSION) }</span>
                    <span class="footer-note">{ "A simulation for learning: timings and limits follow AWS's documentation, simplified." }</span>
                </footer>
                { notice_view(&editor) }
                if *show_help {
                    { shortcuts_dialog(toggle_help) }
                }
            </div>
        </ContextProvider<Editor>>
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

fn notice_view(editor: &UseReducerHandle<EditorState>) -> Html {
    let Some(notice) = editor.notice.clone() else { return Html::default() };
    let dismiss = {
        let editor = editor.clone();
        Callback::from(move |_| editor.dispatch(Action::DismissNotice))
    };
    let (class, role) = match notice.level {
        NoticeLevel::Info => ("notice info", "status"),
        NoticeLevel::Warning => ("notice warning", "alert"),
        NoticeLevel::Error => ("notice error", "alert"),
    };
    html! {
        <div class={class} role={role}>
            <span class="notice-text">{ notice.text }</span>
            <button type="button" class="notice-close" aria-label="Dismiss" onclick={dismiss}>{ "×" }</button>
        </div>
    }
}

fn shortcuts_dialog(close: Callback<()>) -> Html {
    let rows = [
        ("Drag from the palette, or click", "Add a component"),
        ("Drag from a box's right dot to another box", "Connect"),
        ("Click, Shift+click, drag on empty canvas", "Select one, add to selection, box select"),
        ("Double-click a box", "Rename"),
        ("Delete or Backspace", "Delete the selection"),
        ("Ctrl/Cmd+Z", "Undo"),
        ("Ctrl/Cmd+Shift+Z or Ctrl+Y", "Redo"),
        ("Ctrl/Cmd+C, Ctrl/Cmd+V", "Copy, paste"),
        ("Ctrl/Cmd+D", "Duplicate"),
        ("Ctrl/Cmd+A", "Select everything"),
        ("Arrow keys (Shift: fine)", "Nudge the selection"),
        ("Wheel, Alt+drag or middle-drag", "Pan"),
        ("Ctrl+wheel or pinch", "Zoom"),
        ("F", "Fit the diagram to the view"),
        ("Tab, Enter", "Move between boxes, add from the palette"),
        ("Escape", "Clear the selection, close this"),
        ("?", "Show or hide these shortcuts"),
    ];
    let close_click = close.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-backdrop" onclick={close_click.clone()}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <div class="dialog-head">
                    <h2 id="shortcuts-title">{ "Keyboard shortcuts" }</h2>
                    <button type="button" class="notice-close" aria-label="Close" onclick={close_click}>{ "×" }</button>
                </div>
                <table class="shortcuts">
                    { for rows.iter().map(|(keys, what)| html! { <tr><th>{ *keys }</th><td>{ *what }</td></tr> }) }
                </table>
            </div>
        </div>
    }
}

/// The logo: a producer, a queue and a consumer.
fn brand_mark() -> Html {
    html! {
        <svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" fill="#37475a" />
            <circle cx="8" cy="16" r="3.5" fill="#ff9900" />
            <rect x="13" y="11.5" width="9" height="9" rx="2" fill="none" stroke="#ff5ca8" stroke-width="2" />
            <path d="M11.5 16h1.5M22 16h3" stroke="#fff" stroke-width="2" stroke-linecap="round" />
            <circle cx="27" cy="16" r="1.6" fill="#fff" />
        </svg>
    }
}
