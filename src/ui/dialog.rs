//! A modal dialog: a backdrop that closes it when clicked, a title and a close button.
//! As WAI-ARIA's dialog pattern asks: focus moves into it when it opens, Tab and
//! Shift+Tab stay inside it, Escape closes it, and focus returns to what opened it.

use crate::lessons::ui_strings as words;
use super::i18n::use_lang;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What Tab can reach inside the dialog.
pub const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

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
    let dialog_ref = use_node_ref();
    use_focus_inside(&dialog_ref, FOCUSABLE);
    {
        let (dialog_ref, on_close) = (dialog_ref.clone(), props.on_close.clone());
        use_effect_with((), move |_| {
            // Not passive: Escape and Tab must stop the browser's own handling.
            let keys = EventListener::new_with_options(&gloo::utils::document(), "keydown", EventListenerOptions::enable_prevent_default(), move |event| {
                let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                match e.key().as_str() {
                    "Escape" => {
                        e.prevent_default();
                        on_close.emit(());
                    }
                    "Tab" => {
                        let inside = elements(&dialog_ref, FOCUSABLE);
                        let (Some(first), Some(last)) = (inside.first(), inside.last()) else { return };
                        let active = gloo::utils::document().active_element();
                        let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>());
                        let outside = !inside.iter().any(at);
                        if e.shift_key() && (at(first) || outside) {
                            e.prevent_default();
                            let _ = last.focus();
                        } else if !e.shift_key() && (at(last) || outside) {
                            e.prevent_default();
                            let _ = first.focus();
                        }
                    }
                    _ => {}
                }
            });
            move || drop(keys)
        });
    }
    html! {
        <div class="dialog-backdrop" onclick={close.clone()}>
            <div ref={dialog_ref} class={classes!("dialog", props.class.clone())} role="dialog" aria-modal="true" aria-labelledby={props.id.clone()}
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

/// While the element is shown, focus is inside it: on its first element matching
/// `selector` when it opens, and back on what had focus before (the button that opened
/// it) when it closes.
/// The returned switch, turned off, leaves focus where it is on closing (a menu item
/// that moved it somewhere on purpose).
#[hook]
pub fn use_focus_inside(node_ref: &NodeRef, selector: &'static str) -> Rc<Cell<bool>> {
    let node_ref = node_ref.clone();
    let restore = use_memo((), |_| Rc::new(Cell::new(true)));
    let give_back = (*restore).clone();
    use_effect_with((), move |_| {
        // An element, not only an HTML one: a box on the canvas is SVG. `focus` is called
        // on the object itself (wasm-bindgen's methods are structural), which SVG has too.
        let opener = gloo::utils::document().active_element();
        if let Some(first) = elements(&node_ref, selector).into_iter().next() {
            let _ = first.focus();
        }
        move || {
            if let Some(opener) = opener.filter(|_| give_back.get()) {
                let _ = opener.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        }
    });
    (*restore).clone()
}

/// The elements inside matching `selector`, in document order (Tab order: no positive
/// tabindex here).
pub fn elements(node_ref: &NodeRef, selector: &str) -> Vec<web_sys::HtmlElement> {
    let Some(root) = node_ref.cast::<web_sys::Element>() else { return Vec::new() };
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

/// The items of a menu: focus moves between them with the arrow keys, not Tab.
pub const MENU_ITEM: &str = "[role=menuitem]";

/// WAI-ARIA's menu pattern for the menu in `menu_ref`: arrows move between its items
/// (wrapping), Home and End jump, Escape and Tab close it (`use_focus_inside` puts focus
/// back where it was).
pub fn menu_keys(menu_ref: &NodeRef, on_close: &Callback<()>) -> Callback<KeyboardEvent> {
    let (menu_ref, on_close) = (menu_ref.clone(), on_close.clone());
    Callback::from(move |e: KeyboardEvent| {
        let items = elements(&menu_ref, MENU_ITEM);
        let active = gloo::utils::document().active_element();
        let now = items.iter().position(|i| active.as_ref().is_some_and(|a| a == i.unchecked_ref::<web_sys::Element>()));
        let last = items.len().saturating_sub(1);
        let next = match e.key().as_str() {
            "ArrowDown" => Some(now.map_or(0, |i| if i >= last { 0 } else { i + 1 })),
            "ArrowUp" => Some(now.map_or(last, |i| if i == 0 { last } else { i - 1 })),
            "Home" => Some(0),
            "End" => Some(last),
            "Escape" | "Tab" => {
                e.prevent_default();
                on_close.emit(());
                None
            }
            _ => None,
        };
        if let Some(item) = next.and_then(|i| items.get(i)) {
            e.prevent_default();
            let _ = item.focus();
        }
    })
}
