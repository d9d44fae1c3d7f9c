//! The column right of the canvas: the inspector, and the Exercises panel beside it as a
//! second tab while the exercises are open. Selecting a box shows its settings (a check's
//! finding says "see the inspector"); clearing the selection or the Exercises tab brings
//! the exercise back with its verdict and quiz answers, because the panel stays mounted,
//! only hidden, once it has been opened.

use super::i18n::use_lang;
use super::inspector::Inspector;
use super::lesson_panels::{ExercisesPanel, PatternCard};
use super::playback::Player;
use super::store::use_editor;
use crate::editor::Action;
use crate::lessons::ui_strings as words;
use yew::prelude::*;

/// Which of the two panels the column shows while the exercises are open (the header's
/// Exercises button brings the exercises back to the front before it closes them).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Tab {
    #[default]
    Exercises,
    Inspector,
}

#[derive(Properties, PartialEq)]
pub struct SidePanelProps {
    pub player: Player,
    /// Whether the Exercises panel is open (the header's Exercises button toggles it).
    pub exercises_open: UseStateHandle<bool>,
    pub tab: UseStateHandle<Tab>,
    /// The exercise to show open when the panel opens from the empty canvas.
    pub first_exercise: Option<&'static str>,
    /// The open pattern's explanation, shown in the inspector while nothing is selected.
    pub pattern_card: UseStateHandle<Option<AttrValue>>,
    pub on_open_pattern: Callback<&'static str>,
}

#[function_component(SidePanel)]
pub fn side_panel(props: &SidePanelProps) -> Html {
    let lang = use_lang();
    let editor = use_editor();
    let open = *props.exercises_open;
    let tab = props.tab.clone();
    // Mounted from the first opening on, so closing keeps the verdicts and answers.
    let mounted = use_state(|| false);
    {
        let (tab, mounted) = (tab.clone(), mounted.clone());
        use_effect_with((open, props.first_exercise), move |&(open, _)| {
            if open {
                tab.set(Tab::Exercises);
                mounted.set(true);
            }
        });
    }
    {
        // Selecting a box or an arrow shows its settings; clearing the selection goes
        // back to the exercise.
        let tab = tab.clone();
        use_effect_with(editor.selection.clone(), move |selection| {
            tab.set(if selection.is_empty() { Tab::Exercises } else { Tab::Inspector });
        });
    }
    let showing = if open { *tab } else { Tab::Inspector };
    let tab_button = |which: Tab, label: &'static str, id: &'static str| {
        let (tab, editor) = (tab.clone(), editor.clone());
        // Back to the exercise lets go of the selection, so a click on the same box
        // shows its settings again.
        let onclick = Callback::from(move |_: MouseEvent| {
            if which == Tab::Exercises {
                editor.dispatch(Action::ClearSelection);
            }
            tab.set(which)
        });
        html! {
            <button type="button" role="tab" class="side-tab" data-side-tab={id}
                    aria-selected={(showing == which).to_string()} {onclick}>{ label }</button>
        }
    };
    let close_exercises = {
        let open = props.exercises_open.clone();
        Callback::from(move |_| open.set(false))
    };
    html! {
        <div class="side">
            if open {
                <div class="side-tabs" role="tablist" aria-label={words::phone::PANELS.get(lang)}>
                    { tab_button(Tab::Exercises, words::header::EXERCISES.get(lang), "exercises") }
                    { tab_button(Tab::Inspector, words::inspector::INSPECTOR.get(lang), "inspector") }
                </div>
            }
            if open || *mounted {
                <ExercisesPanel hidden={showing != Tab::Exercises} first_open={props.first_exercise}
                                on_close={close_exercises} on_open_pattern={props.on_open_pattern.clone()} />
            }
            if showing == Tab::Inspector {
                <Inspector player={props.player.clone()}>
                    if let Some(id) = (*props.pattern_card).clone() {
                        <PatternCard {id} player={props.player.clone()}
                                     on_close={{ let p = props.pattern_card.clone(); Callback::from(move |_| p.set(None)) }} />
                    }
                </Inspector>
            }
        </div>
    }
}
