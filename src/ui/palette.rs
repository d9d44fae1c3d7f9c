//! The palette: every component kind, grouped the way the lesson groups them. Drag an
//! item onto the canvas, or click it (or press Enter or Space on it) to add it in view.

use crate::lessons::ui_strings as words;
use crate::text::Text;
use super::i18n::Lang;
use super::icons::kind_icon;
use crate::model::{Category, ComponentKind};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    /// Pressed on an item: the canvas places it where the pointer is released.
    pub on_pick: Callback<ComponentKind>,
    /// Clicked or Enter: add it in the middle of the view.
    pub on_add: Callback<ComponentKind>,
    /// The page's language (its callbacks are stable, so this is what re-renders it).
    pub lang: Lang,
}

#[function_component(Palette)]
pub fn palette(props: &PaletteProps) -> Html {
    let lang = props.lang;
    html! {
        <aside class="palette" aria-label={words::palette::COMPONENTS.get(lang)}>
            <h2 class="panel-title">{ words::palette::COMPONENTS.get(lang) }</h2>
            <p class="palette-hint">{ words::palette::DRAG_ONTO_THE_CANVAS_OR.get(lang) }</p>
            { for Category::ALL.into_iter().map(|category| html! {
                <section class="palette-group">
                    <h3 class="palette-group-title">{ category_title(category).get(lang) }</h3>
                    <ul class="palette-list">
                        { for ComponentKind::ALL.into_iter().filter(|k| k.category() == category).map(|k| palette_item(k, props, lang)) }
                    </ul>
                </section>
            }) }
        </aside>
    }
}

fn palette_item(kind: ComponentKind, props: &PaletteProps, lang: Lang) -> Html {
    let on_pick = props.on_pick.clone();
    let onpointerdown = Callback::from(move |e: PointerEvent| {
        if e.button() == 0 {
            // No text selection or native drag while placing.
            e.prevent_default();
            on_pick.emit(kind);
        }
    });
    // A click (pressed and released on the item) adds it in view; a drag places it.
    let onclick = props.on_add.reform(move |_: MouseEvent| kind);
    let (name, service) = (kind.name(lang), kind.service(lang));
    // A real button (Enter and Space add it, screen readers call it a button), named by
    // what it shows, after a word only screen readers hear.
    html! {
        <li class="palette-entry">
            <button type="button" class="palette-item" data-kind={kind.key()} title={kind.summary_in(lang)} {onpointerdown} {onclick}>
                <span class="visually-hidden">{ words::palette::ADD.get(lang) }{ " " }</span>
                { kind_icon(kind) }
                <span class="palette-names">
                    <span class="palette-name">{ name }</span>
                    <span class="palette-aws">{ service }</span>
                </span>
            </button>
        </li>
    }
}

/// A palette group's heading.
fn category_title(category: Category) -> Text {
    match category {
        Category::Source => words::palette::SOURCES,
        Category::Channel => words::palette::CHANNELS,
        Category::Compute => words::palette::COMPUTE,
        Category::Storage => words::palette::STATE_AND_SINKS,
    }
}
