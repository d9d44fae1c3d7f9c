//! One setting's input with validation as you type: a value outside its range stays
//! in the box with the reason under it. Text is committed when the learner leaves the
//! field or presses Enter, and only when valid; choices and switches commit at once.

use crate::lessons::ui_strings as words;
use super::i18n::{use_lang, Lang};
use serde_json::Value;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingInputProps {
    /// The setting's key, used for the input's id and test hooks.
    pub name: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub unit: AttrValue,
    #[prop_or_default]
    pub choices: Vec<(&'static str, &'static str)>,
    #[prop_or_default]
    pub multiline: bool,
    /// The committed value.
    pub value: Value,
    /// Checks a new value and, when `commit` is set, applies it: `Err(reason)` refuses it.
    pub on_commit: Callback<Edit, Result<(), String>>,
}

/// A value to check, and whether to apply it.
pub struct Edit {
    pub value: Value,
    pub commit: bool,
}

impl Edit {
    /// Applies `apply` only when this edit is a commit (after the checks passed).
    pub fn then_commit(&self, apply: impl FnOnce()) -> Result<(), String> {
        if self.commit {
            apply();
        }
        Ok(())
    }
}

fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Reads typed text as a value of the same JSON type as `like`.
fn parse_like(like: &Value, text: &str, lang: Lang) -> Result<Value, String> {
    match like {
        Value::Number(n) if n.is_u64() => {
            let trimmed = text.trim().replace(['_', ','], "");
            trimmed.parse::<u64>().map(Value::from).map_err(|_| words::settings::ENTER_A_WHOLE_NUMBER.get(lang).to_string())
        }
        Value::Number(_) => {
            let parsed = text.trim().parse::<f64>().ok().filter(|v| v.is_finite());
            parsed.and_then(serde_json::Number::from_f64).map(Value::Number).ok_or_else(|| words::settings::ENTER_A_NUMBER.get(lang).to_string())
        }
        _ => Ok(Value::String(text.to_string())),
    }
}

#[function_component(SettingInput)]
pub fn setting_input(props: &SettingInputProps) -> Html {
    let lang = use_lang();
    // Text the learner typed that is not (yet) valid, and why.
    let draft = use_state(|| None::<(String, String)>);
    {
        // An outside change (undo, another selection) replaces any draft.
        let draft = draft.clone();
        use_effect_with(props.value.clone(), move |_| draft.set(None));
    }
    let id = format!("setting-{}", props.name);

    // Checks typed text; `commit` applies it when valid. A valid uncommitted text stays
    // as a draft with no reason, so the box shows what was typed.
    let try_text = {
        let draft = draft.clone();
        let on_commit = props.on_commit.clone();
        let like = props.value.clone();
        move |text: String, commit: bool| {
            let result = parse_like(&like, &text, lang).and_then(|value| on_commit.emit(Edit { value, commit }));
            match result {
                Ok(()) if commit => draft.set(None),
                Ok(()) => draft.set(Some((text, String::new()))),
                Err(why) => draft.set(Some((text, why))),
            }
        }
    };

    let control = if let Value::Bool(on) = props.value {
        let on_commit = props.on_commit.clone();
        let draft = draft.clone();
        let onchange = Callback::from(move |_: Event| match on_commit.emit(Edit { value: Value::Bool(!on), commit: true }) {
            Ok(()) => draft.set(None),
            Err(why) => draft.set(Some((String::new(), why))),
        });
        html! { <input id={id.clone()} type="checkbox" class="setting-check" checked={on} {onchange} /> }
    } else if !props.choices.is_empty() {
        let current = display(&props.value);
        let try_text = try_text.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(select) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                try_text(select.value(), true);
            }
        });
        html! {
            <select id={id.clone()} class="setting-select" {onchange}>
                { for props.choices.iter().map(|(value, label)| html! {
                    <option value={*value} selected={current == *value}>{ *label }</option>
                }) }
            </select>
        }
    } else {
        let text = draft.as_ref().map(|(t, _)| t.clone()).unwrap_or_else(|| display(&props.value));
        let field_text = |e: &Event| -> Option<String> {
            let target = e.target()?;
            if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                return Some(area.value());
            }
            target.dyn_ref::<web_sys::HtmlInputElement>().map(|input| input.value())
        };
        let oninput = {
            let try_text = try_text.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(text) = field_text(&e) {
                    try_text(text, false);
                }
            })
        };
        // `change` fires on leaving the field and, for one-line inputs, on Enter.
        let onchange = {
            let try_text = try_text.clone();
            Callback::from(move |e: Event| {
                if let Some(text) = field_text(&e) {
                    try_text(text, true);
                }
            })
        };
        let invalid = draft.as_ref().is_some_and(|(_, why)| !why.is_empty());
        if props.multiline {
            html! { <textarea id={id.clone()} class="setting-text" spellcheck="false" rows="6" value={text} {oninput} {onchange}
                              aria-invalid={invalid.to_string()} /> }
        } else {
            let numeric = props.value.is_number();
            html! {
                <input id={id.clone()} class={classes!("setting-input", numeric.then_some("numeric"))} type="text"
                       inputmode={if numeric { "decimal" } else { "text" }} value={text} {oninput} {onchange}
                       aria-invalid={invalid.to_string()} />
            }
        }
    };

    let error = draft.as_ref().map(|(_, why)| why.clone()).filter(|why| !why.is_empty());
    html! {
        <div class={classes!("setting", props.multiline.then_some("wide"), error.is_some().then_some("invalid"))} data-setting={props.name.clone()}>
            <label for={id}>{ props.label.clone() }</label>
            <div class="setting-control">
                { control }
                if !props.unit.is_empty() {
                    <span class="setting-unit">{ props.unit.clone() }</span>
                }
            </div>
            if let Some(why) = error {
                <p class="setting-error" role="alert">{ why }</p>
            }
        </div>
    }
}
