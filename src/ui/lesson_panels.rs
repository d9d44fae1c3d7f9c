//! The lesson in the page: the Patterns menu, a pattern's explanation card, and the
//! Exercises panel with its Check button (the review quiz under it is in `quiz_panel`).

use crate::lessons::ui_strings as words;
use super::dialog::{menu_keys, use_focus_inside, MENU_ITEM};
use super::hooks::{offer_then, Pending, Source};
use super::i18n::use_lang;
use super::playback::Player;
use super::store::{use_editor, Editor};
use crate::editor::{Action, Notice};
use crate::lessons::{exercises, pattern, patterns, Step, Verdict};
use crate::text::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PatternMenuProps {
    /// A pattern was chosen: its id.
    pub on_open: Callback<&'static str>,
    pub on_close: Callback<()>,
}

/// The list of ready-made patterns, opened from the header.
#[function_component(PatternMenu)]
pub fn pattern_menu(props: &PatternMenuProps) -> Html {
    let lang = use_lang();
    let close = props.on_close.reform(|_: MouseEvent| ());
    let menu_ref = use_node_ref();
    use_focus_inside(&menu_ref, MENU_ITEM);
    let onkeydown = menu_keys(&menu_ref, &props.on_close);
    html! {
        <div class="menu-backdrop" onclick={close}>
            <div ref={menu_ref} class="menu" role="menu" aria-label={words::header::PATTERNS.get(lang)} {onkeydown}
                 onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                { for patterns().iter().map(|p| {
                    let on_open = props.on_open.clone();
                    let id = p.id;
                    let onclick = Callback::from(move |_: MouseEvent| on_open.emit(id));
                    html! {
                        <button type="button" class="menu-item" role="menuitem" tabindex="-1" data-pattern={p.id} {onclick}>
                            <span class="menu-title">{ p.title.get(lang) }</span>
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PatternCardProps {
    pub id: AttrValue,
    /// The run that the steps' "Do it" buttons act on.
    pub player: Player,
    pub on_close: Callback<()>,
}

/// What a pattern shows and what to try, over the canvas's corner.
#[function_component(PatternCard)]
pub fn pattern_card(props: &PatternCardProps) -> Html {
    let lang = use_lang();
    let editor = use_editor();
    let Some(p) = pattern(&props.id) else { return Html::default() };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="pattern-card" aria-label={words::inspector::ABOUT_THIS_PATTERN.get(lang)}>
            <div class="card-head">
                <h2>{ p.title.get(lang) }</h2>
                <button type="button" class="notice-close" aria-label={words::exercises::CLOSE.get(lang)} onclick={close}>{ "×" }</button>
            </div>
            <p>{ p.explanation.get(lang) }</p>
            if !p.steps.is_empty() {
                <h3>{ words::inspector::TRY_THIS.get(lang) }</h3>
                <ol class="pattern-steps">{ for p.steps.iter().map(|s| step_item(s, lang, &props.player, &editor)) }</ol>
            }
        </section>
    }
}

/// One "what to try" step; a step that does something has a button that does it to the
/// running simulation (starting it if needed).
fn step_item(step: &'static Step, lang: Lang, player: &Player, editor: &Editor) -> Html {
    let button = (!step.acts.is_empty()).then(|| {
        let player = player.clone();
        let editor = editor.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            // None: the run could not start, and the player has said why.
            let Some(missing) = player.apply_step(step) else { return };
            let notice = if missing.is_empty() {
                Notice::info(Text::new("Done: watch the boxes, the dots and the charts under the canvas.", "Xong: hãy xem các hộp, các chấm và biểu đồ dưới khung vẽ."))
            } else {
                let names = missing.join(", ");
                Notice::warning(msg!(
                    "This step needs components your diagram no longer has: {names}.",
                    "Bước này cần những thành phần mà sơ đồ của bạn không còn nữa: {names}."
                ))
            };
            editor.dispatch(Action::Notify(notice));
        });
        html! { <button type="button" class="button small do-it" {onclick}>{ words::live_faults::DO_IT.get(lang) }</button> }
    });
    html! {
        <li class="pattern-step">
            <span class="pattern-step-text">{ step.text.get(lang) }</span>
            // A fixed container: steps with and without a button keep the same shape.
            <span class="pattern-step-action">{ for button }</span>
        </li>
    }
}

/// Patterns offered on the empty canvas: the lesson's first few, in its order.
const EMPTY_PATTERNS: usize = 4;

/// What an empty canvas says: its first choices are the lesson's exercises and a few
/// patterns, so a first-time learner starts from the lesson's words rather than a blank page.
pub fn empty_canvas(lang: Lang, on_exercise: &Callback<&'static str>, on_pattern: &Callback<&'static str>) -> Html {
    html! {
        <div class="canvas-empty">
            <p class="canvas-empty-title">{ words::canvas::YOUR_DIAGRAM_IS_EMPTY.get(lang) }</p>
            { empty_choices(lang, on_exercise, on_pattern) }
            <p class="canvas-empty-hint">{ words::canvas::OR_BUILD_YOUR_OWN.get(lang) }</p>
        </div>
    }
}

fn empty_choices(lang: Lang, on_exercise: &Callback<&'static str>, on_pattern: &Callback<&'static str>) -> Html {
    html! {
        <div class="empty-choices">
            <p class="empty-choices-title">{ words::canvas::START_FROM_THE_LESSON.get(lang) }</p>
            <div class="empty-choice-list" role="group" aria-label={words::header::EXERCISES.get(lang)}>
                { for exercises().iter().enumerate().map(|(n, ex)| {
                    let (on_exercise, id) = (on_exercise.clone(), ex.id);
                    html! {
                        <button type="button" class="button empty-choice" data-start-exercise={ex.id}
                                onclick={Callback::from(move |_: MouseEvent| on_exercise.emit(id))}>
                            { format!("{}. {}", n + 1, ex.title.get(lang)) }
                        </button>
                    }
                }) }
            </div>
            <p class="empty-choices-title">{ words::canvas::OR_OPEN_A_PATTERN.get(lang) }</p>
            <div class="empty-choice-list" role="group" aria-label={words::header::PATTERNS.get(lang)}>
                { for patterns().iter().take(EMPTY_PATTERNS).map(|p| {
                    let (on_pattern, id) = (on_pattern.clone(), p.id);
                    html! {
                        <button type="button" class="button empty-choice" data-start-pattern={p.id}
                                onclick={Callback::from(move |_: MouseEvent| on_pattern.emit(id))}>
                            { p.title.get(lang) }
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExercisesPanelProps {
    /// The exercise shown open first (the first one when none is named).
    #[prop_or_default]
    pub first_open: Option<&'static str>,
    /// Kept mounted but hidden while the inspector shows (the verdicts stay).
    #[prop_or_default]
    pub hidden: bool,
    pub on_close: Callback<()>,
    /// A quiz answer's pattern link was followed: the pattern's id.
    pub on_open_pattern: Callback<&'static str>,
}

/// The lesson's hands-on tasks, each with its goal, hints and a check of the diagram.
#[function_component(ExercisesPanel)]
pub fn exercises_panel(props: &ExercisesPanelProps) -> Html {
    let lang = use_lang();
    let editor = use_editor();
    let open = use_state(|| props.first_open.or_else(|| exercises().first().map(|e| e.id)));
    // Another exercise chosen on the empty canvas while the panel is open.
    {
        let open = open.clone();
        use_effect_with(props.first_open, move |first| {
            if let Some(id) = *first {
                open.set(Some(id));
            }
        });
    }
    // The verdict with the diagram revision it judged: any edit after it makes it stale.
    let verdict = use_state(|| None::<(&'static str, Verdict, u64)>);
    let done = use_state(super::store::exercises_done);
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <aside class="exercises" hidden={props.hidden} aria-label={words::header::EXERCISES.get(lang)}>
            <div class="card-head">
                <h2 class="panel-title">{ words::header::EXERCISES.get(lang) }</h2>
                <button type="button" class="notice-close" aria-label={words::exercises::CLOSE_THE_EXERCISES.get(lang)} onclick={close}>{ "×" }</button>
            </div>
            { for exercises().iter().enumerate().map(|(n, ex)| {
                let is_open = *open == Some(ex.id);
                let toggle = {
                    let open = open.clone();
                    let id = ex.id;
                    Callback::from(move |_: MouseEvent| open.set(if is_open { None } else { Some(id) }))
                };
                let check = {
                    let editor = editor.clone();
                    let (verdict, done) = (verdict.clone(), done.clone());
                    let ex = *ex;
                    Callback::from(move |_: MouseEvent| {
                        let result = ex.check(editor.diagram());
                        if result.passed {
                            done.set(super::store::mark_exercise_done(ex.id));
                        }
                        verdict.set(Some((ex.id, result, editor.revision)));
                    })
                };
                let shown = verdict.as_ref().filter(|(id, _, _)| *id == ex.id).map(|(_, v, at)| (v.clone(), *at != editor.revision));
                let is_done = done.contains(ex.id);
                html! {
                    <section class={classes!("exercise", is_open.then_some("open"))} data-exercise={ex.id}>
                        <button type="button" class={classes!("exercise-title", is_done.then_some("done"))} onclick={toggle} aria-expanded={is_open.to_string()}>
                            { format!("{}. {}", n + 1, ex.title.get(lang)) }
                            if is_done {
                                <span class="done-mark" title={words::exercises::DONE.get(lang)} aria-label={words::exercises::DONE.get(lang)}>{ "✓" }</span>
                            }
                        </button>
                        if is_open {
                            <p class="exercise-goal">{ ex.goal.get(lang) }</p>
                            if !ex.hints.is_empty() {
                                <details class="exercise-hints">
                                    <summary>{ words::exercises::HINTS.get(lang) }</summary>
                                    <ul>{ for ex.hints.iter().map(|h| html! { <li>{ h.get(lang) }</li> }) }</ul>
                                </details>
                            }
                            <button type="button" class="button primary check-button" onclick={check}>
                                { if shown.as_ref().is_some_and(|(_, stale)| *stale) { words::exercises::CHECK_AGAIN.get(lang) } else { words::exercises::CHECK_MY_DIAGRAM.get(lang) } }
                            </button>
                            if let Some((v, stale)) = shown {
                                <div class={classes!("verdict", if v.passed { "passed" } else { "failed" }, stale.then_some("stale"))} role="status">
                                    if stale {
                                        <p class="verdict-stale">{ words::exercises::THE_DIAGRAM_CHANGED_SINCE_THIS.get(lang) }</p>
                                    }
                                    <p class="verdict-head">{ if v.passed { words::exercises::PASSED_YOUR_DIAGRAM_DOES_WHAT.get(lang) } else { words::exercises::NOT_YET_HERE_IS_WHAT.get(lang) } }</p>
                                    <ul>
                                        { for v.findings.iter().map(|f| html! {
                                            <li class={if f.passed { "finding ok" } else { "finding bad" }} data-code={f.code}>{ f.message.get(lang).to_string() }</li>
                                        }) }
                                    </ul>
                                </div>
                            }
                        }
                    </section>
                }
            }) }
            <p class="exercise-note">{ words::exercises::CHECKS_LOOK_AT_YOUR_DIAGRAMS.get(lang) }</p>
            <super::quiz_panel::Quiz on_open_pattern={props.on_open_pattern.clone()} />
        </aside>
    }
}

/// Opens a pattern as an ordinary, editable diagram (one undo step), asking first when
/// it would replace work of the learner's own; then `then`.
pub fn open_pattern(editor: &super::store::Editor, pending: &UseStateHandle<Option<Pending>>, id: &str, then: Callback<()>) {
    let Some(p) = pattern(id) else {
        return editor.dispatch(Action::Notify(Notice::error(msg!("The pattern {id} could not be opened.", "Không mở được mẫu {id}."))));
    };
    // A pattern that does not build is a bug of ours, said in its builder's words.
    let diagram = p.try_diagram().map_err(|e| msg!("{e}", "{e}"));
    offer_then(editor, pending, diagram, Source::Pattern(p.title), Some(then))
}
