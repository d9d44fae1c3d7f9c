//! Opening a diagram from a link, a file, pasted text, the saved library or the lesson's
//! patterns: at once over an empty canvas or a diagram just opened and left untouched,
//! after asking when there is work of the learner's own to replace; a broken one is
//! refused in one sentence and the learner's diagram is never destroyed.

use crate::lessons::ui_strings as words;
use crate::editor::{Action, Notice};
use crate::model::Diagram;
use crate::share;
use crate::text::{Message, Text};
use crate::ui::browser;
use crate::ui::canvas::canvas_size;
use crate::ui::i18n::Lang;
use crate::ui::store::Editor;
use gloo::events::EventListener;
use yew::prelude::*;

/// Opens a diagram from the link: at start, and when the fragment changes in an open tab.
#[hook]
pub fn use_open_link(editor: &Editor, pending: &UseStateHandle<Option<Pending>>) {
    {
        let editor = editor.clone();
        let pending = pending.clone();
        use_effect_with((), move |_| {
            let open = move || {
                if let Some(fragment) = browser::diagram_fragment() {
                    browser::clear_fragment();
                    offer(&editor, &pending, share::from_link(&fragment), Source::Link);
                }
            };
            open();
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| open());
            move || drop(listener)
        });
    }
}

/// Where a diagram to open came from.
#[derive(Clone, Copy, PartialEq)]
pub enum Source {
    Link,
    File,
    Saved,
    Pasted,
    /// One of the lesson's patterns, by its title.
    Pattern(Text),
}

impl Source {
    fn opened(self) -> Message {
        match self {
            Source::Link => words::open::OPENED_FROM_THE_LINK.into(),
            Source::File => words::open::OPENED_FROM_THE_FILE.into(),
            Source::Saved => words::open::OPENED_THE_SAVED_DIAGRAM.into(),
            Source::Pasted => words::open::OPENED_THE_PASTED_TEXT.into(),
            Source::Pattern(Text { en, vi }) => msg!("Opened the pattern “{en}”.", "Đã mở mẫu “{vi}”."),
        }
    }
    fn opened_over_work(self) -> Message {
        match self {
            Source::Link => words::open::OPENED_FROM_THE_LINK_UNDO.into(),
            Source::File => words::open::OPENED_FROM_THE_FILE_UNDO.into(),
            Source::Saved => words::open::OPENED_THE_SAVED_DIAGRAM_UNDO.into(),
            Source::Pasted => words::open::OPENED_THE_PASTED_TEXT_UNDO.into(),
            Source::Pattern(Text { en, vi }) => msg!(
                "Opened the pattern “{en}”. Undo brings back your previous diagram.",
                "Đã mở mẫu “{vi}”. Bấm Hoàn tác để lấy lại sơ đồ trước đó."
            ),
        }
    }
    fn question(self) -> Message {
        match self {
            Source::Link => words::open::OPEN_FROM_THIS_LINK.into(),
            Source::File => words::open::OPEN_FROM_THIS_FILE.into(),
            Source::Saved => words::open::OPEN_THIS_SAVED_DIAGRAM.into(),
            Source::Pasted => words::open::OPEN_THE_PASTED_TEXT.into(),
            Source::Pattern(Text { en, vi }) => msg!("Open the pattern “{en}”?", "Mở mẫu “{vi}”?"),
        }
    }
    /// The refusal sentence for text that did not open; the paste dialog shows it in place.
    pub fn refused_because(self, why: Message) -> Message {
        let Message { en, vi } = why;
        match self {
            Source::Link => msg!(
                "This link could not be opened: {en} Your diagram is unchanged.",
                "Không mở được liên kết này: {vi} Sơ đồ của bạn vẫn giữ nguyên."
            ),
            Source::File => msg!(
                "This file could not be opened: {en} Your diagram is unchanged.",
                "Không mở được tệp này: {vi} Sơ đồ của bạn vẫn giữ nguyên."
            ),
            Source::Saved => msg!(
                "This saved diagram could not be opened: {en} Your diagram is unchanged.",
                "Không mở được sơ đồ đã lưu này: {vi} Sơ đồ của bạn vẫn giữ nguyên."
            ),
            Source::Pasted => msg!(
                "The pasted text could not be opened: {en} Your diagram is unchanged.",
                "Không mở được nội dung đã dán: {vi} Sơ đồ của bạn vẫn giữ nguyên."
            ),
            Source::Pattern(_) => msg!(
                "This pattern could not be opened: {en} Your diagram is unchanged.",
                "Không mở được mẫu này: {vi} Sơ đồ của bạn vẫn giữ nguyên."
            ),
        }
    }
}

/// A diagram waiting for the learner's answer to the replace question, with where it
/// came from and what to do once it is open.
#[derive(Clone, PartialEq)]
pub struct Pending {
    diagram: Box<Diagram>,
    source: Source,
    then: Option<Callback<()>>,
}

/// Opens a diagram from a link or file: at once when nothing of the learner's own would
/// be replaced, after asking when there is; a broken one is refused in a sentence and
/// changes nothing.
pub fn offer(editor: &Editor, pending: &UseStateHandle<Option<Pending>>, result: Result<Diagram, share::ShareError>, source: Source) {
    offer_then(editor, pending, result.map_err(|why| why.message()), source, None)
}

/// As [`offer`], then `then` once the diagram is open (not if the learner keeps theirs).
pub fn offer_then(editor: &Editor, pending: &UseStateHandle<Option<Pending>>, result: Result<Diagram, Message>, source: Source, then: Option<Callback<()>>) {
    match result {
        Ok(diagram) if editor.has_own_work() => pending.set(Some(Pending { diagram: Box::new(diagram), source, then })),
        Ok(diagram) => {
            let replaced = editor.diagram().component_count() > 0;
            open_now(editor, diagram, if replaced { source.opened_over_work() } else { source.opened() }, then.as_ref());
        }
        Err(why) => editor.dispatch(Action::Notify(Notice::error(source.refused_because(why)))),
    }
}

/// Replaces the diagram (one undo step), frames it in the view, then `then`.
fn open_now(editor: &Editor, diagram: Diagram, notice: Message, then: Option<&Callback<()>>) {
    editor.dispatch(Action::Load { diagram: Box::new(diagram), notice });
    let (width, height) = canvas_size();
    editor.dispatch(Action::FitReadable { width, height });
    if let Some(then) = then {
        then.emit(());
    }
}

/// Opens what `iac_worker::open_text` read (a diagram file, or a template with the sentence
/// on what it left out) the way every diagram opens: at once, or after the question.
pub fn offer_opened(editor: &Editor, pending: &UseStateHandle<Option<Pending>>, opened: (Diagram, Option<Message>), source: Source) {
    let (diagram, summary) = opened;
    offer(editor, pending, Ok(diagram), source);
    if let Some(summary) = summary {
        editor.dispatch(Action::Notify(Notice::info(summary)));
    }
}

pub fn read_diagram_file(file: web_sys::File, editor: Editor, pending: UseStateHandle<Option<Pending>>) {
    let file = gloo::file::File::from(file);
    if file.size() > crate::share::MAX_JSON_BYTES as u64 {
        editor.dispatch(Action::Notify(Notice::error(words::open::FILE_LARGER_THAN_1_MB)));
        return;
    }
    let reader = gloo::file::callbacks::read_as_text(&file, move |text| match text {
        Ok(text) => crate::ui::iac_worker::open_text(text, move |opened| match opened {
            Ok(opened) => offer_opened(&editor, &pending, opened, Source::File),
            Err(why) => editor.dispatch(Action::Notify(Notice::error(Source::File.refused_because(why)))),
        }),
        Err(_) => editor.dispatch(Action::Notify(Notice::error(words::open::THE_BROWSER_COULD_NOT_READ))),
    });
    // The read finishes on its own; keep the reader alive until then.
    std::mem::forget(reader);
}

pub fn pending_dialog(editor: &Editor, pending: &UseStateHandle<Option<Pending>>, lang: Lang) -> Html {
    let Some(p) = (**pending).clone() else { return Html::default() };
    let open = {
        let editor = editor.clone();
        let pending = pending.clone();
        let p = p.clone();
        Callback::from(move |_: MouseEvent| {
            pending.set(None);
            open_now(&editor, (*p.diagram).clone(), p.source.opened_over_work(), p.then.as_ref());
        })
    };
    let keep = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="replace-title">
                <h2 id="replace-title">{ p.source.question().get(lang).to_string() }</h2>
                <p class="dialog-text">{ replace_question(p.diagram.component_count(), lang) }</p>
                <div class="inspector-actions">
                    <button type="button" class="button primary" data-action="open-it" onclick={open}>{ words::share::OPEN_IT.get(lang) }</button>
                    <button type="button" class="button" onclick={keep}>{ words::share::KEEP_MINE.get(lang) }</button>
                </div>
            </div>
        </div>
    }
}

/// What opening a diagram over the learner's work does, written whole in each language.
fn replace_question(components: usize, lang: Lang) -> String {
    msg!("It has {components} components. It replaces what is on your canvas now; Undo brings your diagram back.", "Sơ đồ này có {components} thành phần. Nó sẽ thay cho những gì đang có trên khung vẽ; bấm Hoàn tác để lấy lại sơ đồ của bạn.").get(lang).to_string()
}
