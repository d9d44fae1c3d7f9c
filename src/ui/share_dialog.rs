//! The Share dialog: the link (with its length and a warning when it is long), copy,
//! download and open a JSON file, download a SAM template to deploy, export a picture.

use crate::lessons::ui_strings as words;
use super::i18n::{Lang, use_lang};
use super::browser;
use super::dialog::Dialog;
use super::store::use_editor;
use crate::editor::{Action, Notice};
use crate::share;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    pub on_close: Callback<()>,
}

#[function_component(ShareDialog)]
pub fn share_dialog(props: &ShareDialogProps) -> Html {
    let lang = use_lang();
    let editor = use_editor();
    let link = use_memo(editor.revision, {
        let diagram = editor.diagram_rc();
        move |_| share::link_for(&diagram, &browser::base_url())
    });
    let copied = use_state(|| None::<bool>);

    let copy = {
        let url = link.url.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let url = url.clone();
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(browser::copy_text(&url).await.is_ok()));
            });
        })
    };
    let download = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            let file = file_name(editor.diagram(), "json");
            if let Err(why) = browser::download(&file, "application/json", &share::to_json(editor.diagram())) {
                editor.dispatch(Action::Notify(Notice::error(why)));
            }
        })
    };
    // The same export as `dlab export cfn`, so the page and the CLI give one template.
    let download_sam = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            let file = file_name(editor.diagram(), "yaml");
            let notify = editor.dispatcher();
            super::iac_worker::export(editor.diagram(), move |template| {
                if let Err(why) = template.and_then(|t| browser::download(&file, "application/yaml", &t)) {
                    notify.dispatch(Action::Notify(Notice::error(why)));
                }
            });
        })
    };
    let export_svg = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            let svg = crate::view::export::to_svg(editor.diagram());
            if let Err(why) = browser::download("diagram.svg", "image/svg+xml", &svg) {
                editor.dispatch(Action::Notify(Notice::error(why)));
            }
        })
    };
    let export_png = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            let svg = crate::view::export::to_svg(editor.diagram());
            if let Err(why) = browser::download_svg_as_png(&svg, "diagram.png") {
                editor.dispatch(Action::Notify(Notice::error(why)));
            }
        })
    };
    // The link's length and form, written whole in each language.
    let length = link.length;
    let meta = match (lang, link.compressed) {
        (Lang::En, true) => format!("{length} characters, compressed (#z=)."),
        (Lang::En, false) => format!("{length} characters, readable JSON (#json=)."),
        (Lang::Vi, true) => format!("{length} ký tự, dạng nén (#z=)."),
        (Lang::Vi, false) => format!("{length} ký tự, dạng JSON đọc được (#json=)."),
    };
    html! {
        <Dialog id="share-title" title={words::share::SHARE_THIS_DIAGRAM.get(lang)} class="share-dialog" on_close={props.on_close.clone()}>
                <p class="dialog-text">{ words::share::THE_LINK_HOLDS_THE_WHOLE.get(lang) }</p>
                <div class="share-link-row">
                    <input class="share-link" readonly=true value={link.url.clone()} aria-label={words::frame::SHARE_LINK.get(lang)} />
                    <button type="button" class="button primary" onclick={copy}>{ words::share::COPY_LINK.get(lang) }</button>
                </div>
                <p class="share-meta" data-length={link.length.to_string()}>
                    { meta }
                    if *copied == Some(true) {
                        <span class="share-ok">{ " " }{ words::share::COPIED.get(lang) }</span>
                    } else if *copied == Some(false) {
                        <span class="share-warn">{ " " }{ words::frame::THE_BROWSER_DID_NOT_ALLOW.get(lang) }</span>
                    }
                </p>
                if let Some(warning) = link.warning.clone() {
                    <p class="share-warn" role="alert">{ warning.get(lang).to_string() }</p>
                }
                <h3 class="dialog-subtitle">{ words::share::FILES_AND_PICTURES.get(lang) }</h3>
                <div class="inspector-actions">
                    <button type="button" class="button" onclick={download}>{ words::share::DOWNLOAD_JSON.get(lang) }</button>
                    <button type="button" class="button" data-action="download-sam" onclick={download_sam}>{ words::share::DOWNLOAD_SAM_TEMPLATE.get(lang) }</button>
                    <button type="button" class="button" onclick={export_svg}>{ words::share::EXPORT_SVG.get(lang) }</button>
                    <button type="button" class="button" onclick={export_png}>{ words::share::EXPORT_PNG.get(lang) }</button>
                </div>
                <p class="dialog-text small">{ words::share::THE_SAM_TEMPLATE_HOLDS.get(lang) }</p>
                <p class="dialog-text small">{ words::share::TO_OPEN_A_JSON_FILE.get(lang) }</p>
        </Dialog>
    }
}

/// A downloaded file's name, from the diagram's first component (the diagram has no
/// name of its own), the same for every format.
fn file_name(diagram: &crate::model::Diagram, extension: &str) -> String {
    let name = diagram.components().next().map(|c| c.name.as_str()).unwrap_or_default();
    format!("{}.{extension}", browser::file_stem(name))
}
