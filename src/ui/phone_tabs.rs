//! The tab bar a phone shows under the canvas: the palette and the inspector do not fit
//! beside the canvas there, so each opens as a sheet over its lower part (static/phone.css;
//! on wider screens the bar is hidden and both panels are always shown).

use super::i18n::use_lang;
use crate::lessons::ui_strings::phone;
use crate::text::Text;
use yew::prelude::*;

/// What covers the canvas's lower part on a phone.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Sheet {
    /// Nothing: the whole canvas.
    #[default]
    Canvas,
    Palette,
    Inspector,
}

impl Sheet {
    /// The workspace's `data-sheet`, which static/phone.css reads.
    pub fn attr(self) -> &'static str {
        match self {
            Sheet::Canvas => "canvas",
            Sheet::Palette => "palette",
            Sheet::Inspector => "inspector",
        }
    }
}

const TABS: [(Sheet, Text); 3] = [
    (Sheet::Palette, phone::COMPONENTS),
    (Sheet::Canvas, phone::DIAGRAM),
    (Sheet::Inspector, phone::INSPECTOR),
];

#[derive(Properties, PartialEq)]
pub struct PhoneTabsProps {
    pub sheet: Sheet,
    pub on_change: Callback<Sheet>,
}

#[function_component(PhoneTabs)]
pub fn phone_tabs(props: &PhoneTabsProps) -> Html {
    let lang = use_lang();
    html! {
        <nav class="phone-tabs" aria-label={phone::PANELS.get(lang)}>
            { for TABS.iter().map(|&(sheet, label)| {
                let on_change = props.on_change.clone();
                // A second tap on an open sheet's tab closes it, back to the whole canvas.
                let next = if props.sheet == sheet { Sheet::Canvas } else { sheet };
                html! {
                    <button type="button" class="phone-tab" data-sheet={sheet.attr()}
                            aria-pressed={(props.sheet == sheet).to_string()}
                            onclick={Callback::from(move |_: MouseEvent| on_change.emit(next))}>
                        { label.get(lang) }
                    </button>
                }
            }) }
        </nav>
    }
}
