//! The inspector: the selected component's or connection's settings, faults and
//! warnings, with validation as you type.

use super::i18n::{current, t, Lang};
use super::fields::{field_info, traffic_field, traffic_shapes};
use super::icons::kind_icon;
use super::setting_input::{Edit, SettingInput};
use super::connection_panel::{connection_fields, ConnectionPanel};
use super::live_faults::{faults_editor, live_actions, LiveFaults};
use super::run_details::RunDetails;
use super::playback::Player;
use super::store::{use_editor, Editor};
use crate::editor::{Action, EditorState, Item};
use crate::model::{allowed_kinds, check_component, warnings, Component, ComponentId, ComponentKind, Connection, Diagram, Spec};
use std::rc::Rc;
use crate::text::Message;
use crate::routing::{EventPattern, FilterPolicy, StateMachineDefinition};
use serde_json::Value;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the panels need is worked out once per change of the diagram or selection, and
/// handed down as props: panels read no context, so a drag step re-renders none of them.
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The run, for live faults on the selected component.
    pub player: Player,
    /// Shown when nothing is selected: the open pattern's explanation.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let editor = use_editor();
    let dispatch = editor.dispatcher();
    let selected = editor.single_selection();
    let panel = {
        let diagram = editor.diagram_rc();
        use_memo((editor.revision, selected, current()), move |(_, selected, _)| match *selected {
            Some(Item::Component(id)) => diagram.component(id).cloned().map(|component| {
                let warnings = warnings(&diagram).into_iter().filter(|w| w.component == id).map(|w| w.message).collect();
                Panel::Component { component, warnings: Rc::new(warnings), targets: Rc::new(connect_targets(&diagram, id)) }
            }),
            Some(Item::Connection(id)) => diagram.connection(id).cloned().and_then(|connection| {
                let from = diagram.component(connection.from)?;
                let to = diagram.component(connection.to)?;
                let fields = connection_fields(connection.kind, from, to);
                Some(Panel::Connection { connection, from: (from.kind(), from.name.clone()), to: (to.kind(), to.name.clone()), fields })
            }),
            None => None,
        })
    };
    let body = match (&*panel, selected) {
        (Some(Panel::Component { component, warnings, targets }), _) => Some(html! {
            <ComponentPanel key={format!("c{}", component.id.0)} component={component.clone()} warnings={warnings.clone()}
                            targets={targets.clone()} dispatch={dispatch.clone()} player={props.player.clone()} lang={current()} />
        }),
        (Some(Panel::Connection { connection, from, to, fields }), _) => Some(html! {
            <ConnectionPanel key={format!("e{}", connection.id.0)} connection={connection.clone()} from={from.clone()} to={to.clone()} {fields}
                             dispatch={dispatch.clone()} lang={current()} />
        }),
        (None, None) if editor.selection.len() > 1 => Some(many_selected(&editor)),
        (None, _) => None,
    };
    html! {
        <aside class="inspector" aria-label={t("Inspector")}>
            <h2 class="panel-title">{ t("Inspector") }</h2>
            { body.unwrap_or_else(|| html! { <>{ props.children.clone() }{ overview(&editor) }</> }) }
        </aside>
    }
}

fn overview(editor: &Editor) -> Html {
    let diagram = editor.diagram();
    let found = warnings(diagram);
    html! {
        <div class="inspector-body">
            if diagram.component_count() == 0 {
                <p class="inspector-empty">{ t("Select a component or a connection to see and change its settings.") }</p>
            } else {
                <p class="inspector-summary">
                    { counts(diagram.component_count(), diagram.connection_count()) }
                    { " " }{ t("Select one to see its settings.") }
                </p>
            }
            if !found.is_empty() {
                <section class="inspector-section">
                    <h3>{ t("Warnings") }</h3>
                    <ul class="warning-list">
                        { for found.into_iter().map(|w| {
                            let editor = editor.clone();
                            let id = w.component;
                            let onclick = Callback::from(move |_| editor.dispatch(Action::SelectOnly(Item::Component(id))));
                            html! { <li><button type="button" class="link-button" {onclick}>{ w.message.get(current()).to_string() }</button></li> }
                        }) }
                    </ul>
                </section>
            }
        </div>
    }
}

/// "3 components, 2 connections.", written whole in each language.
fn counts(components: usize, connections: usize) -> String {
    match current() {
        Lang::En => format!("{components} components, {connections} connections."),
        Lang::Vi => format!("{components} thành phần, {connections} kết nối."),
    }
}

/// A button's click that dispatches one action.
pub(super) fn on_click(editor: &Dispatch, action: Action) -> Callback<MouseEvent> {
    let editor = editor.clone();
    Callback::from(move |_| editor.dispatch(action.clone()))
}

fn many_selected(editor: &Editor) -> Html {
    let count = editor.selection.len();
    let delete = on_click(&editor.dispatcher(), Action::DeleteSelection);
    let duplicate = on_click(&editor.dispatcher(), Action::Duplicate);
    html! {
        <div class="inspector-body">
            <p class="inspector-summary">{ match current() {
                Lang::En => format!("{count} items selected."),
                Lang::Vi => format!("Đã chọn {count} mục."),
            } }</p>
            <div class="inspector-actions">
                <button type="button" class="button" onclick={duplicate}>{ t("Duplicate") }</button>
                <button type="button" class="button danger" onclick={delete}>{ t("Delete") }</button>
            </div>
        </div>
    }
}

enum Panel {
    Component { component: Component, warnings: Rc<Vec<Message>>, targets: Rc<Vec<(ComponentId, String)>> },
    Connection { connection: Connection, from: (ComponentKind, String), to: (ComponentKind, String), fields: &'static [&'static str] },
}

pub(super) type Dispatch = UseReducerDispatcher<EditorState>;

#[derive(Properties, PartialEq)]
struct ComponentProps {
    component: Component,
    warnings: Rc<Vec<Message>>,
    /// Components this one may connect to, with their labels.
    targets: Rc<Vec<(ComponentId, String)>>,
    dispatch: Dispatch,
    player: Player,
    /// Re-renders the panel when the page's language changes.
    lang: Lang,
}

#[function_component(ComponentPanel)]
fn component_panel(props: &ComponentProps) -> Html {
    let editor = &props.dispatch;
    let c = &props.component;
    let id = c.id;
    let kind = c.kind();

    let props_lang = props.lang;
    let name_commit = {
        let editor = editor.clone();
        Callback::from(move |edit: Edit| {
            let name = edit.value.as_str().unwrap_or_default().trim().to_string();
            if name.is_empty() {
                return Err(crate::model::name_missing().get(props_lang).to_string());
            }
            if name.chars().count() > crate::model::MAX_NAME_CHARS {
                return Err(crate::model::name_too_long().get(props_lang).to_string());
            }
            edit.then_commit(|| editor.dispatch(Action::Rename { id, name }))
        })
    };

    let settings = match serde_json::to_value(&c.spec) {
        Ok(Value::Object(mut map)) => map.remove("settings").unwrap_or(Value::Null),
        _ => Value::Null,
    };
    let fields = match &settings {
        Value::Object(map) => map
            .iter()
            .map(|(key, value)| {
                if key == "traffic" {
                    traffic_editor(editor, c, value)
                } else {
                    let info = field_info(key);
                    html! {
                        <SettingInput name={key.clone()} label={info.label} unit={info.unit} choices={info.choices}
                                      multiline={info.multiline} value={value.clone()} on_commit={commit_setting(editor, c, key)} />
                    }
                }
            })
            .collect::<Html>(),
        _ => Html::default(),
    };

    let delete = on_click(editor, Action::DeleteSelection);
    let duplicate = on_click(editor, Action::Duplicate);

    html! {
        <div class="inspector-body" data-inspecting={kind.key()}>
            <div class="inspector-heading">
                { kind_icon(kind) }
                <div>
                    <div class="inspector-kind">{ kind.name(props.lang) }</div>
                    <div class="inspector-aws">{ c.spec.service(props.lang) }</div>
                </div>
            </div>
            <SettingInput name="name" label={t("Name")} value={Value::String(c.name.clone())} on_commit={name_commit} />
            if !props.warnings.is_empty() {
                <ul class="warning-list">{ for props.warnings.iter().map(|w| html! { <li>{ w.get(props.lang).to_string() }</li> }) }</ul>
            }
            <section class="inspector-section">
                <h3>{ t("Settings") }</h3>
                { fields }
            </section>
            { live_actions(&props.player, c) }
            // Its charts are in the strip under the canvas.
            <LiveFaults player={props.player.clone()} component={c.clone()} />
            <RunDetails player={props.player.clone()} component={c.clone()} />
            { faults_editor(editor, c) }
            { connect_menu(editor, c.id, &props.targets) }
            <div class="inspector-actions">
                <button type="button" class="button" onclick={duplicate}>{ t("Duplicate") }</button>
                <button type="button" class="button danger" onclick={delete}>{ t("Delete") }</button>
            </div>
        </div>
    }
}

/// Tries one settings field: rebuilds the typed settings, checks ranges, commits.
fn commit_setting(editor: &Dispatch, component: &Component, key: &str) -> Callback<Edit, Result<(), String>> {
    let editor = editor.clone();
    let component = component.clone();
    let key = key.to_string();
    Callback::from(move |edit: Edit| {
        if let Some(text) = edit.value.as_str() {
            validate_text(&key, text, None)?;
        }
        let mut json = serde_json::to_value(&component.spec).map_err(|e| e.to_string())?;
        json["settings"][key.as_str()] = edit.value.clone();
        let spec: Spec = serde_json::from_value(json).map_err(|_| t("That value doesn't fit this setting.").to_string())?;
        let mut candidate = component.clone();
        candidate.spec = spec.clone();
        if let Some(error) = check_component(&candidate).into_iter().next() {
            return Err(error.message.get(current()).to_string());
        }
        edit.then_commit(|| editor.dispatch(Action::SetSpec { id: component.id, spec }))
    })
}

/// JSON texts are checked with the same parsers the simulation uses.
pub(super) fn validate_text(key: &str, text: &str, scope: Option<crate::model::FilterPolicyScope>) -> Result<(), String> {
    match key {
        "definition" => StateMachineDefinition::parse(text).map(|_| ()).map_err(|errors| errors.iter().map(|e| e.get(current())).collect::<Vec<_>>().join("; ")),
        "pattern" => EventPattern::parse(text).map(|_| ()).map_err(|e| e.message().get(current()).to_string()),
        "filter_policy" if !text.trim().is_empty() => {
            FilterPolicy::parse(text, scope.unwrap_or_default()).map(|_| ()).map_err(|e| e.message().get(current()).to_string())
        }
        "attributes" => crate::sim::payload::check_attributes(text).map_err(|e| e.get(current()).to_string()),
        "result" => crate::model::placeholders::check_result(text).map_err(|e| e.get(current()).to_string()),
        "schema" if !text.trim().is_empty() => {
            crate::routing::JsonSchema::parse(text).map(|_| ()).map_err(|e| e.message.get(current()).to_string())
        }
        _ => Ok(()),
    }
}

fn traffic_editor(editor: &Dispatch, component: &Component, traffic: &Value) -> Html {
    let shape = traffic.get("shape").and_then(Value::as_str).unwrap_or("steady").to_string();
    let owned = component.clone();
    let set_traffic = move |new_traffic: Value| {
        let component = &owned;
        let mut json = serde_json::to_value(&component.spec).map_err(|e| e.to_string())?;
        json["settings"]["traffic"] = new_traffic;
        let spec: Spec = serde_json::from_value(json).map_err(|_| t("That value doesn't fit this setting.").to_string())?;
        let mut candidate = component.clone();
        candidate.spec = spec.clone();
        if let Some(error) = check_component(&candidate).into_iter().next() {
            return Err(error.message.get(current()).to_string());
        }
        Ok(spec)
    };
    let shape_commit = {
        let editor = editor.clone();
        let id = component.id;
        let set_traffic = set_traffic.clone();
        Callback::from(move |edit: Edit| {
            let traffic = match edit.value.as_str().unwrap_or("steady") {
                "burst" => serde_json::json!({"shape": "burst", "every_s": 10.0, "size": 50}),
                "spike" => serde_json::json!({"shape": "spike", "at_s": 20.0, "for_s": 10.0, "factor": 10.0}),
                "ramp" => serde_json::json!({"shape": "ramp", "to_rate_per_s": 50.0, "over_s": 60.0}),
                other => serde_json::json!({ "shape": other }),
            };
            let spec = set_traffic(traffic)?;
            edit.then_commit(|| editor.dispatch(Action::SetSpec { id, spec }))
        })
    };
    let params = traffic.as_object().into_iter().flatten().filter(|(k, _)| k.as_str() != "shape").map(|(key, value)| {
        let (label, unit) = traffic_field(key);
        let editor = editor.clone();
        let id = component.id;
        let set_traffic = set_traffic.clone();
        let traffic = traffic.clone();
        let field = key.clone();
        let on_commit = Callback::from(move |edit: Edit| {
            let mut t = traffic.clone();
            t[field.as_str()] = edit.value.clone();
            let spec = set_traffic(t)?;
            edit.then_commit(|| editor.dispatch(Action::SetSpec { id, spec }))
        });
        html! { <SettingInput name={key.clone()} {label} {unit} value={value.clone()} {on_commit} /> }
    });
    html! {
        <>
            <SettingInput name="traffic" label={t("Traffic shape")} choices={traffic_shapes()} value={Value::String(shape)} on_commit={shape_commit} />
            { for params }
        </>
    }
}

/// Components `from` may connect to, by the rule table, and not connected yet.
fn connect_targets(diagram: &Diagram, from: ComponentId) -> Vec<(ComponentId, String)> {
    let Ok(from_kind) = diagram.kind_of(from) else { return Vec::new() };
    diagram
        .components()
        .filter(|t| t.id != from && allowed_kinds(from_kind, t.kind()).is_ok())
        .filter(|t| !diagram.outgoing(from).any(|c| c.to == t.id))
        .map(|t| (t.id, format!("{} ({})", t.name, t.kind().name(current()))))
        .collect()
}

/// Connecting without a mouse: pick a target the rule table allows.
fn connect_menu(editor: &Dispatch, from: ComponentId, targets: &[(ComponentId, String)]) -> Html {
    if targets.is_empty() {
        return Html::default();
    }
    let editor = editor.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(select) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
            if let Ok(to) = select.value().parse::<u32>() {
                editor.dispatch(Action::Connect { from, to: ComponentId(to) });
            }
            select.set_value("");
        }
    });
    html! {
        <section class="inspector-section">
            <h3><label for="connect-to">{ t("Connect to") }</label></h3>
            <select id="connect-to" class="setting-select" {onchange}>
                <option value="" selected=true>{ t("Choose a component…") }</option>
                { for targets.iter().map(|(id, label)| html! { <option value={id.0.to_string()}>{ label.clone() }</option> }) }
            </select>
        </section>
    }
}
