//! Saving the diagram in the browser as the learner works, and letting information
//! notices fade, as hooks the app calls once.

use crate::editor::{Action, Notice, NoticeLevel};
use crate::ui::store::{self, Editor};
use yew::prelude::*;

/// Autosave on every change to the diagram, but not on each step of a drag (its end
/// saves); a refusal is said once, and the work stays in memory.
#[hook]
pub fn use_autosave(editor: &Editor) {
    {
        let editor = editor.clone();
        let warned = use_mut_ref(|| false);
        use_effect_with(editor.revision, move |revision| {
            if *revision > 0 && !editor.is_dragging() {
                match store::save(&editor) {
                    Ok(()) => *warned.borrow_mut() = false,
                    Err(why) if !*warned.borrow() => {
                        *warned.borrow_mut() = true;
                        let (en, vi) = (why.en, why.vi);
                        editor.dispatch(Action::Notify(Notice::warning(msg!(
                            "{en}: your work stays in this tab, but it is not saved.",
                            "{vi}: bài của bạn vẫn còn trong tab này, nhưng chưa được lưu."
                        ))));
                    }
                    Err(_) => {}
                }
            }
        });
    }
}

/// Information fades after a few seconds; warnings and errors stay until dismissed.
#[hook]
pub fn use_notice_fade(editor: &Editor) {
    {
        let editor = editor.clone();
        use_effect_with(editor.notice.clone(), move |notice| {
            let timer = notice.as_ref().filter(|n| n.level == NoticeLevel::Info).map(|_| {
                gloo::timers::callback::Timeout::new(6_000, move || editor.dispatch(Action::DismissNotice))
            });
            move || drop(timer)
        });
    }
}
