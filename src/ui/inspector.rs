//! The inspector: the selected component's or connection's settings, faults and
//! warnings, with validation as you type.

use crate::lessons::ui_strings as words;
use super::i18n::{Lang, use_lang};
use super::fields::{field_info, traffic_field, traffic_shapes};
use super::icons::kind_icon;
use super::setting_input::{Edit, SettingInput};
use super::connection_panel::{connection_fields, ConnectionPanel};
use super::connect_chooser::ConnectChooser;
use super::live_faults::FaultsGroup;
use super::run_details::RunDetails;
use super::playback::Player;
use super::store::{use_editor, Editor};
use crate::editor::{Action, EditorState, Item};
use crate::model::{allowed_kinds, set_setting, Component, ComponentId, ComponentKind, Connection, Diagram, FilterPolicyScope};
use crate::sim::settings::{check_text, warnings};
use std::rc::Rc;
use crate::text::Message;
use serde_json::Value;
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
    let lang = use_lang();
    let editor = use_editor();
    let dispatch = editor.dispatcher();
    let selected = editor.single_selection();
    let panel = {
        let diagram = editor.diagram_rc();
        use_memo((editor.revision, selected, lang), move |(_, selected, _)| match *selected {
            Some(Item::Component(id)) => diagram.component(id).cloned().map(|component| {
                let warnings = warnings(&diagram).into_iter().filter(|w| w.component == id).map(|w| w.message).collect();
                Panel::Component { component, warnings: Rc::new(warnings), targets: Rc::new(connect_targets(&diagram, id, lang)) }
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
                            targets={targets.clone()} dispatch={dispatch.clone()} player={props.player.clone()} lang={lang} />
        }),
        (Some(Panel::Connection { connection, from, to, fields }), _) => Some(html! {
            <ConnectionPanel key={format!("e{}", connection.id.0)} connection={connection.clone()} from={from.clone()} to={to.clone()} {fields}
                             dispatch={dispatch.clone()} lang={lang} />
        }),
        (None, None) if editor.selection.len() > 1 => Some(many_selected(&editor, lang)),
        (None, _) => None,
    };
    html! {
        <aside class="inspector" aria-label={words::inspector::INSPECTOR.get(lang)}>
            <h2 class="panel-title">{ words::inspector::INSPECTOR.get(lang) }</h2>
            { body.unwrap_or_else(|| html! { <>{ props.children.clone() }{ overview(&editor, lang) }</> }) }
        </aside>
    }
}

fn overview(editor: &Editor, lang: Lang) -> Html {
    let diagram = editor.diagram();
    let found = warnings(diagram);
    html! {
        <div class="inspector-body">
            if diagram.component_count() == 0 {
                <p class="inspector-empty">{ words::inspector::SELECT_A_COMPONENT_OR_A.get(lang) }</p>
            } else {
                <p class="inspector-summary">
                    { counts(diagram.component_count(), diagram.connection_count(), lang) }
                    { " " }{ words::inspector::SELECT_ONE_TO_SEE_ITS.get(lang) }
                </p>
            }
            if !found.is_empty() {
                <section class="inspector-section">
                    <h3>{ words::inspector::WARNINGS.get(lang) }</h3>
                    <ul class="warning-list">
                        { for found.into_iter().map(|w| {
                            let editor = editor.clone();
                            let id = w.component;
                            let onclick = Callback::from(move |_| editor.dispatch(Action::SelectOnly(Item::Component(id))));
                            html! { <li><button type="button" class="link-button" {onclick}>{ w.message.get(lang).to_string() }</button></li> }
                        }) }
                    </ul>
                </section>
            }
        </div>
    }
}

/// "3 components, 2 connections.", written whole in each language.
fn counts(components: usize, connections: usize, lang: Lang) -> String {
    msg!("{components} components, {connections} connections.", "{components} thành phần, {connections} kết nối.").get(lang).to_string()
}

/// A button's click that dispatches one action.
pub(super) fn on_click(editor: &Dispatch, action: Action) -> Callback<MouseEvent> {
    let editor = editor.clone();
    Callback::from(move |_| editor.dispatch(action.clone()))
}

fn many_selected(editor: &Editor, lang: Lang) -> Html {
    let count = editor.selection.len();
    let delete = on_click(&editor.dispatcher(), Action::DeleteSelection);
    let duplicate = on_click(&editor.dispatcher(), Action::Duplicate);
    html! {
        <div class="inspector-body">
            <p class="inspector-summary">{ msg!("{count} items selected.", "Đã chọn {count} mục.").get(lang).to_string() }</p>
            <div class="inspector-actions">
                <button type="button" class="button" onclick={duplicate}>{ words::inspector::DUPLICATE.get(lang) }</button>
                <button type="button" class="button danger" onclick={delete}>{ words::inspector::DELETE.get(lang) }</button>
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
    let lang = props.lang;
    let editor = &props.dispatch;
    let c = &props.component;
    let id = c.id;
    let kind = c.kind();

    let name_commit = {
        let editor = editor.clone();
        Callback::from(move |edit: Edit| {
            let name = edit.value.as_str().unwrap_or_default().trim().to_string();
            if name.is_empty() {
                return Err(crate::model::name_missing().get(lang).to_string());
            }
            if name.chars().count() > crate::model::MAX_NAME_CHARS {
                return Err(crate::model::name_too_long().get(lang).to_string());
            }
            edit.then_commit(|| editor.dispatch(Action::Rename { id, name }))
        })
    };

    let fields = c
        .spec
        .fields()
        .iter()
        // A compute component's error rate is the Faults group's one error rate; its own
        // (from a template or an older link) stays editable here while it is not zero,
        // since it changes the run.
        .filter(|(key, value)| {
            let own_rate_unset = value.as_f64().is_some_and(|rate| rate == 0.0);
            !(key.as_str() == "error_rate" && own_rate_unset && matches!(kind, ComponentKind::Function | ComponentKind::Service | ComponentKind::WorkerGroup))
        })
        .map(|(key, value)| {
            if key == "traffic" {
                traffic_editor(editor, c, value, lang)
            } else {
                let info = field_info(key, lang);
                // A setting that does not change the run says so beside its name.
                let label: AttrValue = match crate::model::is_label_only(&c.spec, key) {
                    true => format!("{} ({})", info.label, crate::model::label_only_note().get(lang)).into(),
                    false => info.label.into(),
                };
                html! {
                    <SettingInput name={key.clone()} {label} unit={info.unit} choices={info.choices}
                                  multiline={info.multiline} value={value.clone()} on_commit={commit_setting(editor, c, key, lang)} />
                }
            }
        })
        .collect::<Html>();

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
            <SettingInput name="name" label={words::inspector::NAME.get(lang)} value={Value::String(c.name.clone())} on_commit={name_commit} />
            if !props.warnings.is_empty() {
                <ul class="warning-list">{ for props.warnings.iter().map(|w| html! { <li>{ w.get(props.lang).to_string() }</li> }) }</ul>
            }
            // Near the top: connecting is what a new box needs first.
            if ComponentKind::ALL.into_iter().any(|to| allowed_kinds(kind, to).is_ok()) {
                <ConnectChooser key={format!("k{}", id.0)} from={id} targets={props.targets.clone()} dispatch={editor.clone()} {lang} />
            }
            <section class="inspector-section">
                <h3>{ words::inspector::SETTINGS.get(lang) }</h3>
                { fields }
            </section>
            // Its charts are in the strip under the canvas.
            <FaultsGroup player={props.player.clone()} component={c.clone()} dispatch={editor.clone()} />
            <RunDetails player={props.player.clone()} component={c.clone()} />
            <div class="inspector-actions">
                <button type="button" class="button" onclick={duplicate}>{ words::inspector::DUPLICATE.get(lang) }</button>
                <button type="button" class="button danger" onclick={delete}>{ words::inspector::DELETE.get(lang) }</button>
            </div>
        </div>
    }
}

/// Tries one settings field: its text parsed as the run will read it, then set through
/// the model (type and ranges), then committed.
fn commit_setting(editor: &Dispatch, component: &Component, key: &str, lang: Lang) -> Callback<Edit, Result<(), String>> {
    let editor = editor.clone();
    let component = component.clone();
    let key = key.to_string();
    Callback::from(move |edit: Edit| {
        if let Some(text) = edit.value.as_str() {
            check_text(&key, text, FilterPolicyScope::default()).map_err(|e| e.get(lang).to_string())?;
        }
        let spec = set_setting(&component, &key, edit.value.clone()).map_err(|r| r.message().get(lang).to_string())?;
        edit.then_commit(|| editor.dispatch(Action::SetSpec { id: component.id, spec }))
    })
}

fn traffic_editor(editor: &Dispatch, component: &Component, traffic: &Value, lang: Lang) -> Html {
    let shape = traffic.get("shape").and_then(Value::as_str).unwrap_or("steady").to_string();
    let owned = component.clone();
    let set_traffic = move |new_traffic: Value| set_setting(&owned, "traffic", new_traffic).map_err(|r| r.message().get(lang).to_string());
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
        let (label, unit) = traffic_field(key, lang);
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
            <SettingInput name="traffic" label={words::inspector::TRAFFIC_SHAPE.get(lang)} choices={traffic_shapes(lang)} value={Value::String(shape)} on_commit={shape_commit} />
            { for params }
        </>
    }
}

/// Components `from` may connect to, by the rule table, and not connected yet.
fn connect_targets(diagram: &Diagram, from: ComponentId, lang: Lang) -> Vec<(ComponentId, String)> {
    let Ok(from_kind) = diagram.kind_of(from) else { return Vec::new() };
    diagram
        .components()
        .filter(|t| t.id != from && allowed_kinds(from_kind, t.kind()).is_ok())
        .filter(|t| !diagram.outgoing(from).any(|c| c.to == t.id))
        .map(|t| (t.id, format!("{} ({})", t.name, t.kind().name(lang))))
        .collect()
}
