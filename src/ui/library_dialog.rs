//! "My diagrams": several named diagrams kept in this browser, to save, open, rename
//! and delete.

use crate::lessons::ui_strings as words;
use super::i18n::use_lang;
use super::browser;
use super::dialog::Dialog;
use super::store::{load_library, save_library, use_editor};
use crate::share::{self, library::Library};
use crate::text::Message;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LibraryDialogProps {
    /// Open a saved diagram (its JSON), through the same checks as a file.
    pub on_open: Callback<String>,
    pub on_close: Callback<()>,
}

#[function_component(LibraryDialog)]
pub fn library_dialog(props: &LibraryDialogProps) -> Html {
    let lang = use_lang();
    let editor = use_editor();
    let library = use_state(load_library);
    let message = use_state(|| None::<Message>);
    let renaming = use_state(|| None::<String>);
    let name_ref = use_node_ref();

    // Every change goes to storage at once; a refusal is said and the list unchanged.
    let change = {
        let library = library.clone();
        let message = message.clone();
        move |edit: &dyn Fn(&mut Library) -> Result<(), Message>| {
            let mut next = (*library).clone();
            match edit(&mut next).and_then(|_| save_library(&next)) {
                Ok(()) => {
                    library.set(next);
                    message.set(None);
                }
                Err(why) => message.set(Some(why)),
            }
        }
    };

    let save_current = {
        let change = change.clone();
        let editor = editor.clone();
        let name_ref = name_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = name_ref.cast::<web_sys::HtmlInputElement>() else { return };
            let json = share::to_json(editor.diagram());
            let name = input.value();
            change(&|lib: &mut Library| lib.save(&name, json.clone(), browser::now_ms()));
            input.set_value("");
        })
    };
    let suggested = editor.diagram().components().next().map(|c| c.name.clone()).unwrap_or_default();
    html! {
        <Dialog id="library-title" title={words::header::MY_DIAGRAMS.get(lang)} class="library-dialog" on_close={props.on_close.clone()}>
                <p class="dialog-text">{ words::share::DIAGRAMS_KEPT_IN_THIS_BROWSER.get(lang) }</p>
                <form class="share-link-row" onsubmit={save_current}>
                    <input ref={name_ref} class="share-link" placeholder={if suggested.is_empty() { words::inspector::NAME.get(lang).to_string() } else { suggested }}
                           aria-label={words::frame::NAME_FOR_THE_CURRENT_DIAGRAM.get(lang)} />
                    <button type="submit" class="button primary">{ words::share::SAVE_CURRENT.get(lang) }</button>
                </form>
                if let Some(why) = (*message).clone() {
                    <p class="setting-error" role="alert">{ why.get(lang).to_string() }</p>
                }
                if library.entries.is_empty() {
                    <p class="dialog-text small">{ words::share::NOTHING_SAVED_YET.get(lang) }</p>
                } else {
                    <ul class="library-list">
                        { for library.entries.iter().map(|entry| {
                            let name = entry.name.clone();
                            let open = {
                                let on_open = props.on_open.clone();
                                let json = entry.json.clone();
                                Callback::from(move |_: MouseEvent| on_open.emit(json.clone()))
                            };
                            let delete = {
                                let change = change.clone();
                                let name = name.clone();
                                Callback::from(move |_: MouseEvent| change(&|lib: &mut Library| lib.delete(&name).map(|_| ()).ok_or_else(share::library::gone)))
                            };
                            let start_rename = {
                                let renaming = renaming.clone();
                                let name = name.clone();
                                Callback::from(move |_: MouseEvent| renaming.set(Some(name.clone())))
                            };
                            let finish_rename = {
                                let change = change.clone();
                                let renaming = renaming.clone();
                                let name = name.clone();
                                Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                                    "Enter" => {
                                        if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                            let to = input.value();
                                            change(&|lib: &mut Library| lib.rename(&name, &to));
                                            renaming.set(None);
                                        }
                                    }
                                    "Escape" => renaming.set(None),
                                    _ => {}
                                })
                            };
                            html! {
                                <li class="library-entry" data-name={name.clone()}>
                                    if renaming.as_deref() == Some(name.as_str()) {
                                        <input class="share-link" value={name.clone()} aria-label={words::frame::NEW_NAME.get(lang)} onkeydown={finish_rename} />
                                    } else {
                                        <span class="library-name">{ name.clone() }</span>
                                        <span class="library-time">{ browser::local_time(entry.saved_at_ms) }</span>
                                    }
                                    <span class="library-actions">
                                        <button type="button" class="button" onclick={open}>{ words::share::OPEN.get(lang) }</button>
                                        <button type="button" class="button" onclick={start_rename}>{ words::share::RENAME.get(lang) }</button>
                                        <button type="button" class="button danger" onclick={delete}>{ words::inspector::DELETE.get(lang) }</button>
                                    </span>
                                </li>
                            }
                        }) }
                    </ul>
                }
        </Dialog>
    }
}
