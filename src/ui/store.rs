//! The editor store: one reducer shared through a context, saved to LocalStorage.

use crate::editor::{Action, EditorState, Notice};
use crate::share;
use crate::text::Message;
use std::rc::Rc;
use yew::prelude::*;

/// The LocalStorage key of the autosaved diagram.
pub const AUTOSAVE_KEY: &str = "decouple-lab.autosave";
/// Where an autosave that could not be read is kept, so nothing is lost.
pub const UNREADABLE_KEY: &str = "decouple-lab.autosave.unreadable";

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.apply(action);
        Rc::new(state)
    }
}

/// What components get from `use_editor()`: the state to read and a way to dispatch.
pub type Editor = UseReducerHandle<EditorState>;

#[hook]
pub fn use_editor() -> Editor {
    use_context::<Editor>().expect("the editor context is provided by App")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The state to start with: the autosaved diagram if there is a readable one.
pub fn restore() -> EditorState {
    let Some(text) = storage().and_then(|s| s.get_item(AUTOSAVE_KEY).ok().flatten()) else {
        return EditorState::default();
    };
    match share::from_json(&text) {
        Ok(diagram) => EditorState::new(diagram),
        Err(why) => {
            // Keep the unreadable text aside rather than overwrite it on the next save.
            if let Some(s) = storage() {
                let _ = s.set_item(UNREADABLE_KEY, &text);
            }
            let mut state = EditorState::default();
            let Message { en, vi } = why.message();
            state.notice = Some(Notice::warning(msg!(
                "The diagram saved in this browser could not be opened: {en} It is kept aside, and you start with an empty canvas.",
                "Không mở được sơ đồ đã lưu trong trình duyệt này: {vi} Nó được cất riêng, và bạn bắt đầu với một khung vẽ trống."
            )));
            state
        }
    }
}

/// Saves the diagram; says why when the browser refuses (quota, private mode).
pub fn save(state: &EditorState) -> Result<(), Message> {
    let text = share::to_json(state.diagram());
    let storage = storage().ok_or_else(no_storage)?;
    storage.set_item(AUTOSAVE_KEY, &text).map_err(|_| refused_to_save())
}

/// The LocalStorage key of the saved diagrams' list.
pub const LIBRARY_KEY: &str = "decouple-lab.saved";

/// The saved diagrams; an unreadable list is kept aside under another key.
pub fn load_library() -> crate::share::library::Library {
    use crate::share::library::Library;
    let Some(text) = storage().and_then(|s| s.get_item(LIBRARY_KEY).ok().flatten()) else { return Library::default() };
    Library::from_text(&text).unwrap_or_else(|_| {
        if let Some(s) = storage() {
            let _ = s.set_item(&format!("{LIBRARY_KEY}.unreadable"), &text);
        }
        Library::default()
    })
}

pub fn save_library(library: &crate::share::library::Library) -> Result<(), Message> {
    let storage = storage().ok_or_else(no_storage)?;
    storage.set_item(LIBRARY_KEY, &library.to_text()).map_err(|_| refused_to_save())
}

/// A small remembered choice of the learner's (a panel's height, exercises done); none
/// when the browser keeps nothing.
pub fn load_pref(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Remembers a small choice; a browser that refuses (private mode) just forgets it.
pub fn save_pref(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The LocalStorage key of the exercises the learner has passed (ids, one a line).
pub const EXERCISES_DONE_KEY: &str = "decouple-lab.exercises-done";

/// The exercises passed in this browser.
pub fn exercises_done() -> std::collections::BTreeSet<String> {
    load_pref(EXERCISES_DONE_KEY).map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()).unwrap_or_default()
}

/// Remembers that this exercise was passed; returns the exercises done now.
pub fn mark_exercise_done(id: &str) -> std::collections::BTreeSet<String> {
    let mut done = exercises_done();
    if done.insert(id.to_string()) {
        save_pref(EXERCISES_DONE_KEY, &done.iter().cloned().collect::<Vec<_>>().join("\n"));
    }
    done
}

fn no_storage() -> Message {
    msg!("This browser offers no storage here (private mode?)", "Trình duyệt này không cho lưu trữ ở đây (chế độ riêng tư?)")
}

fn refused_to_save() -> Message {
    msg!("The browser refused to save (storage full or private mode)", "Trình duyệt từ chối lưu (bộ nhớ đầy hoặc chế độ riêng tư)")
}
