//! Connecting from the keyboard: the inspector's "Connect to" chooser. Arrow keys only
//! choose (a closed select changes its value, and fires `change`, on every arrow key);
//! Enter or the Connect button connects. The component stays selected afterwards, so
//! focus stays on the chooser and the next connection is one choice away. `C` on the
//! canvas brings focus here (src/ui/hooks/shortcuts.rs).

use crate::lessons::ui_strings as words;
use super::i18n::Lang;
use super::inspector::Dispatch;
use crate::editor::{Action, Item};
use crate::model::ComponentId;
use yew::prelude::*;

/// The chooser's id, which the `C` shortcut focuses.
pub const CONNECT_TO_ID: &str = "connect-to";

/// Moves focus to the chooser, if the inspector shows one (a box is selected).
pub fn focus_connect_chooser() -> bool {
    use wasm_bindgen::JsCast;
    let chooser = gloo::utils::document().get_element_by_id(CONNECT_TO_ID).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    chooser.is_some_and(|c| c.focus().is_ok())
}

#[derive(Properties, PartialEq)]
pub struct ConnectChooserProps {
    pub from: ComponentId,
    /// Components `from` may connect to and is not connected to yet, with their labels.
    pub targets: std::rc::Rc<Vec<(ComponentId, String)>>,
    pub dispatch: Dispatch,
    pub lang: Lang,
}

#[function_component(ConnectChooser)]
pub fn connect_chooser(props: &ConnectChooserProps) -> Html {
    let lang = props.lang;
    let select = use_node_ref();
    // What was connected last, said next to the chooser (a screen reader hears it).
    let done = use_state(|| None::<String>);
    let connect = {
        let (select, editor, from, targets, done) = (select.clone(), props.dispatch.clone(), props.from, props.targets.clone(), done.clone());
        Callback::from(move |()| {
            let Some(el) = select.cast::<web_sys::HtmlSelectElement>() else { return };
            let Ok(to) = el.value().parse::<u32>() else { return };
            editor.dispatch(Action::Connect { from, to: ComponentId(to) });
            // Keep the component selected: its panel, and the focused chooser, stay.
            editor.dispatch(Action::SelectOnly(Item::Component(from)));
            done.set(targets.iter().find(|(id, _)| id.0 == to).map(|(_, label)| label.clone()));
            el.set_value("");
        })
    };
    let onkeydown = {
        let connect = connect.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                connect.emit(());
            }
        })
    };
    let onclick = connect.reform(|_: MouseEvent| ());
    let empty = props.targets.is_empty();
    html! {
        <section class="inspector-section connect-chooser">
            <h3><label for={CONNECT_TO_ID}>{ words::inspector::CONNECT_TO.get(lang) }</label></h3>
            <div class="connect-row">
                <select id={CONNECT_TO_ID} ref={select} class="setting-select" {onkeydown} aria-describedby="connect-help">
                    <option value="" selected=true>{ if empty { "—" } else { words::inspector::CHOOSE_A_COMPONENT.get(lang) } }</option>
                    { for props.targets.iter().map(|(id, label)| html! { <option value={id.0.to_string()}>{ label.clone() }</option> }) }
                </select>
                <button type="button" class="button" disabled={empty} {onclick}>{ words::inspector::CONNECT.get(lang) }</button>
            </div>
            <p id="connect-help" class="inspector-hint" role="status">{
                match (&*done, empty) {
                    (Some(label), _) => words::inspector::CONNECTED_TO.get(lang).replace("{name}", label),
                    (None, true) => words::inspector::NOTHING_TO_CONNECT_TO.get(lang).to_string(),
                    (None, false) => words::inspector::CHOOSE_THEN_ENTER.get(lang).to_string(),
                }
            }</p>
        </section>
    }
}
