//! A modal dialog: a backdrop that closes it when clicked, a title and a close button.

use crate::lessons::ui_strings as words;
use super::i18n::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    /// The element id of the title, for `aria-labelledby`.
    pub id: AttrValue,
    pub title: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Dialog)]
pub fn dialog(props: &DialogProps) -> Html {
    let lang = use_lang();
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-backdrop" onclick={close.clone()}>
            <div class={classes!("dialog", props.class.clone())} role="dialog" aria-modal="true" aria-labelledby={props.id.clone()}
                 onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <div class="dialog-head">
                    <h2 id={props.id.clone()}>{ props.title.clone() }</h2>
                    <button type="button" class="notice-close" aria-label={words::exercises::CLOSE.get(lang)} onclick={close}>{ "×" }</button>
                </div>
                { props.children.clone() }
            </div>
        </div>
    }
}
