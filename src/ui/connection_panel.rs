//! The inspector's panel for a connection: its kind, the settings that mean something
//! for it, and the pattern or filter-policy tester on rules and subscriptions.

use crate::lessons::ui_strings as words;
use super::fields::field_info;
use super::i18n::Lang;
use super::inspector::{on_click, Dispatch};
use super::pattern_tester::{PatternTester, Tested};
use super::setting_input::{Edit, SettingInput};
use crate::editor::Action;
use crate::model::spec::StreamFlavour;
use crate::model::{allowed_kinds, fields_of, set_connection_setting, Component, ComponentKind, Connection, ConnectionKind, Spec};
use crate::sim::settings::check_text;
use serde_json::Value;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConnectionProps {
    pub connection: Connection,
    /// The two ends' kinds and names.
    pub from: (ComponentKind, String),
    pub to: (ComponentKind, String),
    /// The settings shown, from `connection_fields`.
    pub fields: &'static [&'static str],
    pub dispatch: Dispatch,
    /// Re-renders the panel when the page's language changes.
    pub lang: Lang,
}

/// The settings that mean something for a connection of this kind between these two
/// (the engine reads every one of them; a setting it ignored would mislead).
pub fn connection_fields(kind: ConnectionKind, from: &Component, to: &Component) -> &'static [&'static str] {
    let kafka = matches!(&from.spec, Spec::Stream(s) if s.flavour == StreamFlavour::Kafka);
    match kind {
        ConnectionKind::Subscription if to.kind() == ComponentKind::Service => {
            &["filter_policy", "filter_policy_scope", "http_retries", "http_retry_delay_s"]
        }
        ConnectionKind::Subscription => &["filter_policy", "filter_policy_scope"],
        ConnectionKind::Rule => &["pattern", "max_retry_attempts", "max_event_age_s"],
        // Lambda's Kafka mappings have no bisect or partial batch responses.
        ConnectionKind::EventSourceMapping | ConnectionKind::Poll if kafka => &["batch_size", "consumer_group"],
        ConnectionKind::EventSourceMapping if from.kind() == ComponentKind::Stream => STREAM_MAPPING,
        ConnectionKind::ChangeStream if to.kind() == ComponentKind::Function => STREAM_MAPPING,
        ConnectionKind::EventSourceMapping => &["batch_size", "batch_window_s", "report_batch_item_failures"],
        ConnectionKind::Poll if from.kind() == ComponentKind::Stream => &["batch_size"],
        _ => &[],
    }
}

/// A Kinesis or DynamoDB Streams mapping's settings (Lambda's stream error handling).
const STREAM_MAPPING: &[&str] =
    &["batch_size", "batch_window_s", "bisect_on_error", "report_batch_item_failures", "mapping_retry_attempts", "max_record_age_s"];

#[function_component(ConnectionPanel)]
pub fn connection_panel(props: &ConnectionProps) -> Html {
    let lang = props.lang;
    let editor = &props.dispatch;
    let c = &props.connection;
    let ((from_kind, from_name), (to_kind, to_name)) = (&props.from, &props.to);
    let kinds = allowed_kinds(*from_kind, *to_kind).unwrap_or(&[]);
    let kind_choices: Vec<(&'static str, &'static str)> = kinds.iter().map(|k| (k.label(), k.label_in(lang))).collect();
    let kind_commit = {
        let editor = editor.clone();
        let id = c.id;
        let kinds = kinds.to_vec();
        Callback::from(move |edit: Edit| {
            let kind = kinds.iter().copied().find(|k| Some(k.label()) == edit.value.as_str()).ok_or(words::settings::NOT_A_KIND_THIS_CONNECTION.get(lang))?;
            edit.then_commit(|| editor.dispatch(Action::SetConnectionKind { id, kind }))
        })
    };
    let settings = fields_of(&c.settings);
    let fields = props.fields.iter().map(|key| {
        let info = field_info(key, lang);
        let editor = editor.clone();
        let connection = c.clone();
        let from_kind = *from_kind;
        let field = key.to_string();
        let on_commit = Callback::from(move |edit: Edit| {
            if let Some(text) = edit.value.as_str() {
                check_text(&field, text, connection.settings.filter_policy_scope).map_err(|e| e.get(lang).to_string())?;
            }
            let settings = set_connection_setting(connection.kind, from_kind, &connection.settings, &field, edit.value.clone())
                .map_err(|r| r.message().get(lang).to_string())?;
            edit.then_commit(|| editor.dispatch(Action::SetConnectionSettings { id: connection.id, settings }))
        });
        html! {
            <SettingInput name={*key} label={info.label} unit={info.unit} choices={info.choices} multiline={info.multiline}
                          value={settings.get(*key).cloned().unwrap_or(Value::Null)} {on_commit} />
        }
    });
    let delete = on_click(editor, Action::DeleteSelection);
    html! {
        <div class="inspector-body" data-inspecting="connection">
            <div class="inspector-heading">
                <div>
                    <div class="inspector-kind">{ words::inspector::CONNECTION.get(lang) }</div>
                    <div class="inspector-aws">{ format!("{from_name} → {to_name}") }</div>
                </div>
            </div>
            if kinds.len() > 1 {
                <SettingInput name="kind" label={words::inspector::KIND.get(lang)} choices={kind_choices}
                              value={Value::String(c.kind.label().to_string())} on_commit={kind_commit} />
            } else {
                <p class="inspector-summary">{ format!("{}: {}", words::inspector::KIND.get(lang), c.kind.label_in(lang)) }</p>
            }
            <p class="inspector-hint">{ c.kind.help().get(lang) }</p>
            { for fields }
            { match c.kind {
                ConnectionKind::Rule => html! { <PatternTester tested={Tested::Rule} rule={AttrValue::from(c.settings.pattern.clone())} lang={lang} /> },
                ConnectionKind::Subscription => html! {
                    <PatternTester tested={Tested::Subscription(c.settings.filter_policy_scope)} rule={AttrValue::from(c.settings.filter_policy.clone())} lang={lang} />
                },
                _ => Html::default(),
            } }
            <div class="inspector-actions">
                <button type="button" class="button danger" onclick={delete}>{ words::inspector::DELETE.get(lang) }</button>
            </div>
        </div>
    }
}
