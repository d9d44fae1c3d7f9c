//! The page's header: the brand, and the buttons that open the lesson, its patterns and
//! exercises, the learner's saved diagrams, a file, pasted text, the language switch and
//! sharing.

use super::hooks::language_switch;
use super::i18n::Lang;
use crate::lessons::ui_strings as words;
use super::side_panel::Tab as SideTab;
use yew::prelude::*;

/// Which header overlay is open.
#[derive(Clone, Copy, PartialEq)]
pub enum Overlay {
    None,
    Lesson,
    Patterns,
    Share,
    Library,
    Paste,
}

#[derive(Properties, PartialEq)]
pub struct AppHeaderProps {
    pub overlay: UseStateHandle<Overlay>,
    pub exercises_open: UseStateHandle<bool>,
    /// What the side column shows while the exercises are open.
    pub side_tab: UseStateHandle<SideTab>,
    /// Lets go of the selection (bringing the exercises to the front does).
    pub clear_selection: Callback<()>,
    /// A diagram file the learner picked.
    pub on_file: Callback<web_sys::File>,
    /// The learner's language, which the switch changes.
    pub lang: UseStateHandle<Lang>,
}

#[function_component(AppHeader)]
pub fn app_header(props: &AppHeaderProps) -> Html {
    let lang = *props.lang;
    let (overlay, exercises_open, on_file) = (&props.overlay, &props.exercises_open, &props.on_file);
    let exercises_shown = **exercises_open && *props.side_tab == SideTab::Exercises;
    html! {
        <header class="app-header">
            <a class="brand" href="./" aria-label={words::frame::DECOUPLE_LAB_HOME.get(lang)}>
                { brand_mark() }
                <h1 class="brand-name">{ "Decouple Lab" }</h1>
            </a>
            <span class="brand-tagline">{ words::header::BUILD_A_DECOUPLED_ARCHITECTURE_PRESS.get(lang) }</span>
            <nav class="header-actions" aria-label={words::frame::LESSON_AND_SHARING.get(lang)}>
                // On a phone these scroll sideways and Share, after them, stays in sight
                // (static/phone.css); elsewhere the wrapper takes no box of its own.
                <div class="header-scroll">
                <button type="button" class="header-button" aria-haspopup="dialog" data-action="lesson"
                        onclick={{ let o = overlay.clone(); Callback::from(move |_: MouseEvent| o.set(Overlay::Lesson)) }}>{ words::lesson::LESSON.get(lang) }</button>
                <button type="button" class="header-button" aria-haspopup="menu" data-action="patterns"
                        onclick={{ let o = overlay.clone(); Callback::from(move |_: MouseEvent| o.set(Overlay::Patterns)) }}>{ words::header::PATTERNS.get(lang) }</button>
                <button type="button" class={classes!("header-button", exercises_shown.then_some("active"))} aria-pressed={exercises_shown.to_string()} data-action="exercises"
                        onclick={{
                            // Open behind the inspector: to the front (letting go of the
                            // selection, as the column's own tab does); in front: closed.
                            let (open, tab, let_go) = (exercises_open.clone(), props.side_tab.clone(), props.clear_selection.clone());
                            Callback::from(move |_: MouseEvent| {
                                if *open && *tab == SideTab::Inspector {
                                    let_go.emit(());
                                    tab.set(SideTab::Exercises);
                                } else {
                                    open.set(!*open);
                                }
                            })
                        }}>{ words::header::EXERCISES.get(lang) }</button>
                <button type="button" class="header-button" data-action="library"
                        onclick={{ let o = overlay.clone(); Callback::from(move |_: MouseEvent| o.set(Overlay::Library)) }}>{ words::header::MY_DIAGRAMS.get(lang) }</button>
                <label class="header-button file-button">
                    { words::header::OPEN_FILE.get(lang) }
                    <input type="file" accept=".json,application/json,.yaml,.yml,.template" class="visually-hidden"
                           onchange={{
                               let on_file = on_file.clone();
                               Callback::from(move |e: Event| {
                                   if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                                       if let Some(file) = input.files().and_then(|f| f.get(0)) {
                                           on_file.emit(file);
                                       }
                                       input.set_value("");
                                   }
                               })
                           }} />
                </label>
                <button type="button" class="header-button" data-action="paste"
                        onclick={{ let o = overlay.clone(); Callback::from(move |_: MouseEvent| o.set(Overlay::Paste)) }}>{ words::open::PASTE.get(lang) }</button>
                { language_switch(&props.lang) }
                </div>
                <button type="button" class="header-button primary" data-action="share"
                        onclick={{ let o = overlay.clone(); Callback::from(move |_: MouseEvent| o.set(Overlay::Share)) }}>{ words::header::SHARE.get(lang) }</button>
            </nav>
        </header>
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
