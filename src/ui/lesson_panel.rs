//! The Lesson panel, opened from the header: the lesson's learning objectives and its
//! "AWS decoupling tools" table (`lessons::objectives`, `lessons::tools`), each service
//! opening the pattern that shows it, so the page holds the lesson's frame and not only
//! its exercises. A dialog: the table needs more width than a side panel has.

use super::dialog::Dialog;
use super::i18n::use_lang;
use crate::lessons::ui_strings::lesson as words;
use crate::lessons::{objectives, pattern, tools};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// A tool's pattern link was followed: the pattern's id.
    pub on_open_pattern: Callback<&'static str>,
    pub on_close: Callback<()>,
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let lang = use_lang();
    html! {
        <Dialog id="lesson-title" title={words::TITLE.get(lang)} class={classes!("lesson-panel")} on_close={props.on_close.clone()}>
            <p class="dialog-text">{ words::INTRO.get(lang) }</p>
            <h3 class="lesson-heading">{ words::LEARNING_OBJECTIVES.get(lang) }</h3>
            <ul class="lesson-objectives">
                { for objectives().iter().map(|o| html! { <li>{ o.get(lang) }</li> }) }
            </ul>
            <h3 class="lesson-heading" id="lesson-tools-title">{ words::AWS_DECOUPLING_TOOLS.get(lang) }</h3>
            <table class="lesson-tools" aria-labelledby="lesson-tools-title">
                <thead>
                    <tr>
                        <th scope="col">{ words::SERVICE.get(lang) }</th>
                        <th scope="col">{ words::HOW_IT_DECOUPLES.get(lang) }</th>
                        <th scope="col">{ words::WHEN_TO_USE_IT.get(lang) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for tools().iter().map(|t| {
                        // A row whose pattern is missing still teaches; the native test
                        // keeps every row's pattern there.
                        let link = pattern(t.pattern).map(|p| {
                            let (on_open, id) = (props.on_open_pattern.clone(), p.id);
                            html! {
                                <button type="button" class="link-button lesson-pattern" data-pattern={p.id}
                                        onclick={Callback::from(move |_: MouseEvent| on_open.emit(id))}>
                                    { format!("→ {}", p.title.get(lang)) }
                                </button>
                            }
                        });
                        html! {
                            <tr data-tool={t.service}>
                                <th scope="row">
                                    <span class="lesson-service">{ t.service }</span>
                                    { for link }
                                </th>
                                <td>{ t.decouples.get(lang) }</td>
                                <td>{ t.when.get(lang) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </Dialog>
    }
}
