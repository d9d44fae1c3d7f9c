//! The page's language as a hook: chosen from the browser the first time, remembered,
//! and told to the editor (it names new components in it).

use crate::editor::Action;
use crate::ui::i18n::{self, Lang};
use crate::ui::store::Editor;
use yew::prelude::*;

#[hook]
pub fn use_language(editor: &Editor) -> UseStateHandle<Lang> {
    let lang = use_state(i18n::initial);
    // Once per change, not per render: the page's `lang` attribute, and the editor,
    // which names new components in it (the App hands the language down as a context).
    {
        let editor = editor.clone();
        use_effect_with(*lang, move |lang| {
            i18n::mark_page(*lang);
            editor.dispatch(Action::SetLanguage(*lang));
        });
    }
    lang
}

/// The header's switch: one button per language, the active one pressed.
pub fn language_switch(lang: &UseStateHandle<Lang>) -> Html {
    html! {
        <div class="lang-switch" role="group" aria-label="Language / Ngôn ngữ">
            { for Lang::ALL.into_iter().map(|l| {
                let active = **lang == l;
                let setter = lang.setter();
                let onclick = Callback::from(move |_: MouseEvent| {
                    i18n::remember(l);
                    setter.set(l);
                });
                html! {
                    <button type="button" class={classes!("lang-button", active.then_some("active"))}
                            aria-pressed={active.to_string()} lang={l.code()} {onclick}>
                        { l.code().to_uppercase() }
                    </button>
                }
            }) }
        </div>
    }
}
