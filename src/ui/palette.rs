//! The palette: every component kind, grouped the way the lesson groups them.

use super::icons::kind_icon;
use crate::model::{Category, ComponentKind};
use yew::prelude::*;

#[function_component(Palette)]
pub fn palette() -> Html {
    html! {
        <aside class="palette" aria-label="Components">
            <h2 class="panel-title">{ "Components" }</h2>
            { for Category::ALL.into_iter().map(|category| html! {
                <section class="palette-group">
                    <h3 class="palette-group-title">{ category.title() }</h3>
                    <ul class="palette-list">
                        { for ComponentKind::ALL.into_iter().filter(|k| k.category() == category).map(palette_item) }
                    </ul>
                </section>
            }) }
        </aside>
    }
}

fn palette_item(kind: ComponentKind) -> Html {
    html! {
        <li class="palette-item" data-kind={kind.key()} title={kind.summary()} tabindex="0"
            aria-label={format!("{} ({})", kind.plain_name(), kind.aws_name())}>
            { kind_icon(kind) }
            <span class="palette-names">
                <span class="palette-name">{ kind.plain_name() }</span>
                <span class="palette-aws">{ kind.aws_name() }</span>
            </span>
        </li>
    }
}
