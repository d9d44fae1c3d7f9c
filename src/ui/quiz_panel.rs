//! The review quiz at the foot of the Exercises panel: each question a radio group the
//! learner answers, the feedback on the choice (right, or the misconception behind it),
//! then the full answer and the patterns that show it, and how many are right so far.
//! Its own file so the Exercises panel stays about the exercises.

use super::i18n::use_lang;
use crate::lessons::ui_strings::{exercises as exercise_words, quiz as words};
use crate::lessons::{pattern, quiz, Question};
use crate::text::Lang;
use yew::prelude::*;

/// Where one question stands: the choice picked, and whether it has been checked.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Answer {
    picked: Option<usize>,
    checked: bool,
    /// "Check answer" was pressed with nothing picked.
    asked_to_pick: bool,
}

impl Answer {
    fn is_right(&self, q: &Question) -> bool {
        self.checked && self.picked.is_some_and(|i| q.is_right(i))
    }
}

#[derive(Properties, PartialEq)]
pub struct QuizProps {
    /// A pattern link was followed: the pattern's id.
    pub on_open_pattern: Callback<&'static str>,
}

/// The five review questions, answered one by one.
#[function_component(Quiz)]
pub fn quiz_view(props: &QuizProps) -> Html {
    let lang = use_lang();
    let answers = use_state(|| vec![Answer::default(); quiz().len()]);
    let total = quiz().len();
    let right = quiz().iter().zip(answers.iter()).filter(|(q, a)| a.is_right(q)).count();
    let score = if answers.iter().any(|a| a.checked) {
        msg!("{right} of {total} right", "Đúng {right} trên {total} câu").get(lang).to_string()
    } else {
        words::CHOOSE_AN_ANSWER_THEN_CHECK.get(lang).to_string()
    };
    html! {
        <section class="quiz" aria-labelledby="quiz-title">
            <h2 class="panel-title" id="quiz-title">{ exercise_words::REVIEW_QUESTIONS.get(lang) }</h2>
            // Always in the page, so screen readers announce the count as it changes.
            <p class="quiz-score" aria-live="polite">{ score }</p>
            { for quiz().iter().enumerate().map(|(n, q)| {
                let handle = answers.clone();
                let set = Callback::from(move |a: Answer| {
                    let mut all = (*handle).clone();
                    all[n] = a;
                    handle.set(all);
                });
                question_view(n, q, answers[n], set, lang, &props.on_open_pattern)
            }) }
        </section>
    }
}

/// One question: its choices as a radio group, one button (Check answer, then Try
/// again: the same element, so the keyboard focus stays on it) and what the check says.
fn question_view(n: usize, q: &'static Question, a: Answer, set: Callback<Answer>, lang: Lang, on_open: &Callback<&'static str>) -> Html {
    let verdict = a.checked.then(|| a.is_right(q));
    let choices = q.choices.iter().enumerate().map(|(i, c)| {
        let picked = a.picked == Some(i);
        // Another choice after a check starts the question afresh.
        let onchange = set.reform(move |_: Event| Answer { picked: Some(i), ..Answer::default() });
        let mark = verdict.filter(|_| picked).map(|right| if right { "right" } else { "wrong" });
        html! {
            <label class={classes!("quiz-choice", picked.then_some("picked"), mark)}>
                <input type="radio" name={format!("quiz-{}", q.id)} value={i.to_string()} checked={picked} {onchange} />
                <span>{ c.text.get(lang) }</span>
            </label>
        }
    });
    let (action, label) = if a.checked {
        ("quiz-retry", words::TRY_AGAIN)
    } else {
        ("quiz-check", words::CHECK_ANSWER)
    };
    let onclick = set.reform(move |_: MouseEvent| match (a.checked, a.picked) {
        (true, _) => Answer::default(),
        (false, Some(_)) => Answer { checked: true, ..a },
        (false, None) => Answer { asked_to_pick: true, ..a },
    });
    let feedback = match (verdict, a.picked.and_then(|i| q.choices.get(i))) {
        (Some(right), Some(choice)) => html! {
            <>
                <p class={classes!("quiz-verdict", if right { "right" } else { "wrong" })}>
                    <strong>{ if right { words::RIGHT.get(lang) } else { words::NOT_QUITE.get(lang) } }</strong>
                    { " " }{ choice.feedback.get(lang) }
                </p>
                <h3 class="quiz-answer-title">{ words::THE_FULL_ANSWER.get(lang) }</h3>
                <p class="quiz-answer">{ q.answer.get(lang) }</p>
                <p class="quiz-links">
                    <span class="quiz-links-title">{ words::SEE_IT_IN_A_PATTERN.get(lang) }</span>
                    { for q.patterns.iter().filter_map(|id| pattern(id)).map(|p| {
                        let id = p.id;
                        html! {
                            <button type="button" class="link-button quiz-pattern" data-pattern={id} onclick={on_open.reform(move |_: MouseEvent| id)}>
                                { format!("→ {}", p.title.get(lang)) }
                            </button>
                        }
                    }) }
                </p>
            </>
        },
        _ if a.asked_to_pick => html! { <p class="quiz-verdict">{ words::CHOOSE_ONE_FIRST.get(lang) }</p> },
        _ => Html::default(),
    };
    html! {
        <fieldset class={classes!("quiz-question", verdict.map(|r| if r { "answered-right" } else { "answered-wrong" }))} data-question={q.id}>
            <legend>{ format!("{}. {}", n + 1, q.question.get(lang)) }</legend>
            <div class="quiz-choices">{ for choices }</div>
            <button type="button" class={classes!("button", "small", action)} {onclick}>{ label.get(lang) }</button>
            <div class="quiz-feedback" aria-live="polite">{ feedback }</div>
        </fieldset>
    }
}
