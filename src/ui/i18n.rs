//! The page's language: chosen from the browser's language the first time, switched in
//! the header, remembered. `t` turns an English label into the current language's whole text.

use crate::lessons::ui_strings::tr;
pub use crate::lessons::Lang;
use std::cell::Cell;

/// Where the learner's choice is remembered.
pub const LANG_KEY: &str = "decouple-lab.lang";

thread_local! {
    // The page is single-threaded; App sets this before rendering its children.
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

pub fn set_current(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
    // Only when it differs: setting `lang` at all, even to the value it has, makes the
    // browser recompute every element's style and lay out the whole page (App renders
    // with each playback snapshot, and that cost a missed frame each time).
    if let Some(root) = gloo::utils::document().document_element() {
        if root.get_attribute("lang").as_deref() != Some(lang.code()) {
            let _ = root.set_attribute("lang", lang.code());
        }
    }
}

pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// The current language's text for an English label or sentence.
pub fn t(en: &'static str) -> &'static str {
    tr(current(), en)
}

/// The remembered choice, else the browser's language (Vietnamese for `vi*`).
pub fn initial() -> Lang {
    let window = gloo::utils::window();
    let stored = window.local_storage().ok().flatten().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    if let Some(lang) = stored.as_deref().and_then(Lang::from_code) {
        return lang;
    }
    let browser = window.navigator().language().unwrap_or_default().to_ascii_lowercase();
    if browser.starts_with("vi") { Lang::Vi } else { Lang::En }
}

pub fn remember(lang: Lang) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}
