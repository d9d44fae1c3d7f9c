//! One native check of every text setting, with the parsers the run itself uses: event
//! patterns and filter policies (`routing`), state machine definitions (ASL), JSON
//! schemas, and message-attribute templates (rendered by this layer's `payload`, which
//! is why the check lives here and not in `routing`). The inspector checks what the
//! learner types with it, opening a link or a file warns at once about what it finds
//! broken ([`warnings`]), and `dlab` names the component or connection.

use super::payload::check_attributes;
use crate::model::{Diagram, FilterPolicyScope, Warning};
use crate::routing::{EventPattern, FilterPolicy, JsonSchema, StateMachineDefinition};
use crate::text::Message;

/// Whether `text` is valid for the text setting `key` (anything else passes: it is not
/// a text setting). `scope` is a subscription's filter policy scope. Empty filter
/// policies and schemas mean none; an empty pattern or definition is refused as AWS
/// refuses it.
pub fn check_text(key: &str, text: &str, scope: FilterPolicyScope) -> Result<(), Message> {
    match key {
        "definition" => StateMachineDefinition::parse(text).map(|_| ()).map_err(|errors| {
            let en: Vec<&str> = errors.iter().map(|e| e.en.as_str()).collect();
            let vi: Vec<&str> = errors.iter().map(|e| e.vi.as_str()).collect();
            Message::new(en.join("; "), vi.join("; "))
        }),
        "pattern" => EventPattern::parse(text).map(|_| ()).map_err(|e| e.message()),
        "filter_policy" if !text.trim().is_empty() => FilterPolicy::parse(text, scope).map(|_| ()).map_err(|e| e.message()),
        "attributes" => check_attributes(text),
        "result" => crate::model::placeholders::check_result(text),
        "schema" if !text.trim().is_empty() => JsonSchema::parse(text).map(|_| ()).map_err(|e| e.message),
        _ => Ok(()),
    }
}

/// Every text setting in the diagram that does not parse, each on the component it
/// belongs to (a connection's on the component it leaves), naming the component or the
/// connection and the setting.
pub fn broken_settings(diagram: &Diagram) -> Vec<Warning> {
    let mut found = Vec::new();
    for c in diagram.components() {
        for (key, value) in c.spec.fields() {
            let Some(text) = value.as_str() else { continue };
            if let Err(e) = check_text(&key, text, FilterPolicyScope::default()) {
                let (name, en, vi) = (&c.name, &e.en, &e.vi);
                found.push(Warning { component: c.id, message: msg!("{name} ({key}): {en}", "{name} ({key}): {vi}") });
            }
        }
    }
    for c in diagram.connections() {
        // Only the setting its kind reads: a rule's pattern, a subscription's policy.
        let key = match c.kind {
            crate::model::ConnectionKind::Rule if !c.settings.pattern.trim().is_empty() => "pattern",
            crate::model::ConnectionKind::Subscription => "filter_policy",
            _ => continue,
        };
        let text = if key == "pattern" { &c.settings.pattern } else { &c.settings.filter_policy };
        if let Err(e) = check_text(key, text, c.settings.filter_policy_scope) {
            let name = |id| diagram.component(id).map_or("?", |c| c.name.as_str());
            let (from, to, en, vi) = (name(c.from), name(c.to), &e.en, &e.vi);
            found.push(Warning { component: c.from, message: msg!("{from} → {to} ({key}): {en}", "{from} → {to} ({key}): {vi}") });
        }
    }
    found
}

/// Every warning the page shows: the model's ([`crate::model::warnings`]) and each
/// broken text setting.
pub fn warnings(diagram: &Diagram) -> Vec<Warning> {
    let mut found = crate::model::warnings(diagram);
    found.extend(broken_settings(diagram));
    found
}
