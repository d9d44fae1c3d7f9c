//! The inspector's panel for a connection: its kind, the settings that mean something
//! for it, and the pattern or filter-policy tester on rules and subscriptions.

use super::fields::field_info;
use super::i18n::{current, t, Lang};
use super::inspector::{on_click, validate_text, Dispatch};
use super::pattern_tester::{PatternTester, Tested};
use super::setting_input::{Edit, SettingInput};
use crate::editor::Action;
use crate::model::spec::StreamFlavour;
use crate::model::{allowed_kinds, check_connection, Component, ComponentKind, Connection, ConnectionKind, ConnectionSettings, Spec};
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
    let editor = &props.dispatch;
    let c = &props.connection;
    let ((from_kind, from_name), (to_kind, to_name)) = (&props.from, &props.to);
    let kinds = allowed_kinds(*from_kind, *to_kind).unwrap_or(&[]);
    let kind_choices: Vec<(&'static str, &'static str)> = kinds.iter().map(|k| (k.label(), k.label_in(props.lang))).collect();
    let kind_commit = {
        let editor = editor.clone();
        let id = c.id;
        let kinds = kinds.to_vec();
        Callback::from(move |edit: Edit| {
            let kind = kinds.iter().copied().find(|k| Some(k.label()) == edit.value.as_str()).ok_or(t("Not a kind this connection can take."))?;
            edit.then_commit(|| editor.dispatch(Action::SetConnectionKind { id, kind }))
        })
    };
    let settings = serde_json::to_value(&c.settings).unwrap_or(Value::Null);
    let fields = props.fields.iter().map(|key| {
        let info = field_info(key);
        let editor = editor.clone();
        let connection = c.clone();
        let from_kind = *from_kind;
        let field = key.to_string();
        let on_commit = Callback::from(move |edit: Edit| {
            if let Some(text) = edit.value.as_str() {
                validate_text(&field, text, Some(connection.settings.filter_policy_scope))?;
            }
            let mut json = serde_json::to_value(&connection.settings).map_err(|e| e.to_string())?;
            json[field.as_str()] = edit.value.clone();
            let settings: ConnectionSettings = serde_json::from_value(json).map_err(|_| t("That value doesn't fit this setting.").to_string())?;
            if let Some(error) = check_connection(connection.kind, from_kind, &settings).into_iter().next() {
                return Err(error.message.get(current()).to_string());
            }
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
                    <div class="inspector-kind">{ t("Connection") }</div>
                    <div class="inspector-aws">{ format!("{from_name} → {to_name}") }</div>
                </div>
            </div>
            if kinds.len() > 1 {
                <SettingInput name="kind" label={t("Kind")} choices={kind_choices}
                              value={Value::String(c.kind.label().to_string())} on_commit={kind_commit} />
            } else {
                <p class="inspector-summary">{ format!("{}: {}", t("Kind"), c.kind.label_in(props.lang)) }</p>
            }
            <p class="inspector-hint">{ c.kind.help().get(props.lang) }</p>
            { for fields }
            { match c.kind {
                ConnectionKind::Rule => html! { <PatternTester tested={Tested::Rule} rule={AttrValue::from(c.settings.pattern.clone())} lang={props.lang} /> },
                ConnectionKind::Subscription => html! {
                    <PatternTester tested={Tested::Subscription(c.settings.filter_policy_scope)} rule={AttrValue::from(c.settings.filter_policy.clone())} lang={props.lang} />
                },
                _ => Html::default(),
            } }
            <div class="inspector-actions">
                <button type="button" class="button danger" onclick={delete}>{ t("Delete") }</button>
            </div>
        </div>
    }
}
