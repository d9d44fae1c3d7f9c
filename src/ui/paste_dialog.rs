//! The paste dialog: a SAM/CloudFormation template (YAML or JSON) or a diagram file's
//! text pasted from anywhere opens through the same path as a file, with the same
//! question before replacing work. Text that does not open is refused in place, in one
//! sentence, and stays in the box to be fixed; the diagram is not touched.

use super::dialog::Dialog;
use super::hooks::Source;
use super::i18n::use_lang;
use crate::lessons::ui_strings as words;
use crate::model::Diagram;
use crate::text::Message;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteDialogProps {
    /// The opened diagram and, for a template, the sentence on what it left out.
    pub on_open: Callback<(Diagram, Option<Message>)>,
    pub on_close: Callback<()>,
}

#[function_component(PasteDialog)]
pub fn paste_dialog(props: &PasteDialogProps) -> Html {
    let lang = use_lang();
    let text = use_state(String::new);
    let refusal = use_state(|| None::<Message>);
    let oninput = {
        let (text, refusal) = (text.clone(), refusal.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                text.set(area.value());
                refusal.set(None);
            }
        })
    };
    let open = {
        let (text, refusal, on_open) = (text.clone(), refusal.clone(), props.on_open.clone());
        Callback::from(move |_: MouseEvent| {
            if text.trim().is_empty() {
                refusal.set(Some(words::open::PASTE_SOMETHING_FIRST.into()));
                return;
            }
            let (refusal, on_open) = (refusal.clone(), on_open.clone());
            crate::ui::iac_worker::open_text((*text).clone(), move |opened| match opened {
                Ok(opened) => on_open.emit(opened),
                Err(why) => refusal.set(Some(Source::Pasted.refused_because(why))),
            });
        })
    };
    html! {
        <Dialog id="paste-title" title={words::open::PASTE_A_TEMPLATE_OR_DIAGRAM.get(lang)} class="paste-dialog" on_close={props.on_close.clone()}>
            <p class="dialog-text">{ words::open::PASTE_A_SAM_OR_CLOUDFORMATION.get(lang) }</p>
            <textarea class="setting-text paste-text" rows="12" spellcheck="false" aria-label={words::open::TEMPLATE_OR_DIAGRAM_TEXT.get(lang)}
                      value={(*text).clone()} {oninput} />
            if let Some(why) = (*refusal).clone() {
                <p class="share-warn paste-refusal" role="alert">{ why.get(lang).to_string() }</p>
            }
            <div class="inspector-actions">
                <button type="button" class="button primary" data-action="open-pasted" onclick={open}>{ words::share::OPEN.get(lang) }</button>
            </div>
        </Dialog>
    }
}
