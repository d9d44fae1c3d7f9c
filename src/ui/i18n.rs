//! The page's language: chosen from the browser's language the first time, switched in
//! the header, remembered, and handed down as a Yew context (`use_lang`) so every
//! component speaks the one the learner chose; no global holds it.

pub use crate::lessons::Lang;
use yew::prelude::*;

/// Where the learner's choice is remembered.
pub const LANG_KEY: &str = "decouple-lab.lang";

/// The language the App provides; English outside it (a component rendered alone).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Tells the browser (screen readers, hyphenation, the e2e tests) which language the
/// page speaks. Only when it differs: setting `lang` at all, even to the value it has,
/// makes the browser recompute every element's style and lay out the whole page (App
/// renders with each playback snapshot, and that cost a missed frame each time).
pub fn mark_page(lang: Lang) {
    if let Some(root) = gloo::utils::document().document_element() {
        if root.get_attribute("lang").as_deref() != Some(lang.code()) {
            let _ = root.set_attribute("lang", lang.code());
        }
    }
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
