//! The Share dialog: the link (with its length and a warning when it is long), copy,
//! download and open a JSON file, export a picture.

use super::i18n::{current, t, Lang};
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
            let name = editor.diagram().components().next().map(|c| c.name.clone()).unwrap_or_default();
            let file = format!("{}.json", browser::file_stem(&name));
            if let Err(why) = browser::download(&file, "application/json", &share::to_json(editor.diagram())) {
                editor.dispatch(Action::Notify(Notice::error(why)));
            }
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
    let meta = match (current(), link.compressed) {
        (Lang::En, true) => format!("{length} characters, compressed (#z=)."),
        (Lang::En, false) => format!("{length} characters, readable JSON (#json=)."),
        (Lang::Vi, true) => format!("{length} ký tự, dạng nén (#z=)."),
        (Lang::Vi, false) => format!("{length} ký tự, dạng JSON đọc được (#json=)."),
    };
    html! {
        <Dialog id="share-title" title={t("Share this diagram")} class="share-dialog" on_close={props.on_close.clone()}>
                <p class="dialog-text">{ t("The link holds the whole diagram in its fragment, which never reaches a server. Anyone who opens it gets their own copy.") }</p>
                <div class="share-link-row">
                    <input class="share-link" readonly=true value={link.url.clone()} aria-label={t("Share link")} />
                    <button type="button" class="button primary" onclick={copy}>{ t("Copy link") }</button>
                </div>
                <p class="share-meta" data-length={link.length.to_string()}>
                    { meta }
                    if *copied == Some(true) {
                        <span class="share-ok">{ " " }{ t("Copied.") }</span>
                    } else if *copied == Some(false) {
                        <span class="share-warn">{ " " }{ t("The browser did not allow copying: select the link and copy it by hand.") }</span>
                    }
                </p>
                if let Some(warning) = link.warning.clone() {
                    <p class="share-warn" role="alert">{ warning.get(current()).to_string() }</p>
                }
                <h3 class="dialog-subtitle">{ t("Files and pictures") }</h3>
                <div class="inspector-actions">
                    <button type="button" class="button" onclick={download}>{ t("Download .json") }</button>
                    <button type="button" class="button" onclick={export_svg}>{ t("Export SVG") }</button>
                    <button type="button" class="button" onclick={export_png}>{ t("Export PNG") }</button>
                </div>
                <p class="dialog-text small">{ t("To open a .json file, drop it on the canvas or use Open file in the header.") }</p>
        </Dialog>
    }
}
