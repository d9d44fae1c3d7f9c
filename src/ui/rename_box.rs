//! Renaming a box in place: a text field over the box, focused with its text selected
//! (each time: `autofocus` works once per page in Chromium), Enter or leaving it renames,
//! Escape cancels.

use crate::lessons::ui_strings as words;
use super::i18n::Lang;
use super::store::Editor;
use crate::editor::{Action, Viewport};
use crate::model::{Component, ComponentId};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RenameBoxProps {
    pub component: Component,
    pub editor: Editor,
    /// The box being renamed; set to None when the field closes.
    pub renaming: UseStateHandle<Option<ComponentId>>,
    pub vp: Viewport,
    pub lang: Lang,
}

/// The field over the component, at the view's zoom.
#[function_component(RenameBox)]
pub fn rename_box(props: &RenameBoxProps) -> Html {
    let (c, editor, renaming, vp, lang) = (&props.component, &props.editor, &props.renaming, &props.vp, props.lang);
    let field = use_node_ref();
    {
        let field = field.clone();
        use_effect_with((), move |_| {
            if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        });
    }
    let at = vp.to_screen(c.position);
    let id = c.id;
    let finish = {
        let editor = editor.clone();
        let renaming = renaming.clone();
        move |input: web_sys::HtmlInputElement| {
            renaming.set(None);
            editor.dispatch(Action::Rename { id, name: input.value() });
        }
    };
    let on_key = {
        let finish = finish.clone();
        let renaming = renaming.clone();
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            match e.key().as_str() {
                "Enter" => {
                    if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                        finish(input);
                    }
                }
                "Escape" => renaming.set(None),
                _ => {}
            }
        })
    };
    let on_blur = Callback::from(move |e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            finish(input);
        }
    });
    html! {
        <input ref={field} class="rename-input" aria-label={words::frame::COMPONENT_NAME.get(lang)} value={c.name.clone()}
               style={format!("left:{:.0}px;top:{:.0}px;width:{:.0}px", at.x + 50.0 * vp.zoom, at.y + 8.0 * vp.zoom, 120.0 * vp.zoom)}
               onkeydown={on_key} onblur={on_blur} />
    }
}
