//! Settings as data: one way to change one setting, by the name files and the inspector
//! use (`visibility_timeout_s`), of a component's spec, of its faults or of a
//! connection. The value must fit the setting's type and pass the model's range checks;
//! otherwise a [`Reason`] says why in both languages. What a text setting means (a
//! pattern, a policy, a definition, a schema, a template) is checked a layer up, where
//! its parser lives (`sim::settings`).

use super::connection::{ConnectionKind, ConnectionSettings};
use super::diagram::{Component, Faults};
use super::kind::ComponentKind;
use super::limits::{check_component, check_connection, SettingError};
use super::spec::Spec;
use crate::text::{Message, Text};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Why a setting was left as it was.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// These settings have no field of that name.
    Unknown(String),
    /// The value is not of the setting's type (text for a number, a choice not offered).
    DoesNotFit,
    /// The value fits but the model refuses it (out of range, a rule between settings).
    Refused(SettingError),
}

/// Said when a value is not of its setting's type.
pub const DOES_NOT_FIT: Text = Text::new("That value doesn't fit this setting.", "Giá trị này không hợp với thiết lập này.");

impl Reason {
    /// The sentence the learner reads.
    pub fn message(&self) -> Message {
        match self {
            Reason::Unknown(key) => msg!("There is no setting named {key}.", "Không có thiết lập nào tên {key}."),
            Reason::DoesNotFit => DOES_NOT_FIT.into(),
            Reason::Refused(error) => error.message.clone(),
        }
    }
}

impl std::fmt::Display for Reason {
    /// The English, as the command line prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

/// `settings` as their file's fields (name to value), for listing them.
pub fn fields_of<T: Serialize>(settings: &T) -> serde_json::Map<String, Value> {
    match serde_json::to_value(settings) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

/// `settings` with the field `key` set to `value`, read back through its type so that
/// a value of the wrong type, or a field that does not exist, changes nothing.
fn with_field<T: Serialize + DeserializeOwned>(settings: &T, key: &str, value: Value) -> Result<T, Reason> {
    let mut map = fields_of(settings);
    match map.get_mut(key) {
        Some(slot) => *slot = value,
        None => return Err(Reason::Unknown(key.to_string())),
    }
    serde_json::from_value(Value::Object(map)).map_err(|_| Reason::DoesNotFit)
}

fn first_refusal(errors: Vec<SettingError>) -> Result<(), Reason> {
    errors.into_iter().next().map_or(Ok(()), |e| Err(Reason::Refused(e)))
}

impl Spec {
    /// The kind's settings as their file's fields (name to value).
    pub fn fields(&self) -> serde_json::Map<String, Value> {
        match fields_of(self).remove("settings") {
            Some(Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        }
    }

    /// These settings with one field changed; the type is checked, ranges are not
    /// (see [`set_setting`]).
    pub fn with_setting(&self, key: &str, value: Value) -> Result<Spec, Reason> {
        let mut whole = fields_of(self);
        let settings = with_field(&Value::Object(self.fields()), key, value)?;
        whole.insert("settings".to_string(), settings);
        serde_json::from_value(Value::Object(whole)).map_err(|_| Reason::DoesNotFit)
    }
}

/// The component's settings with `key` set to `value`, when the type fits and the
/// component still passes the model's checks.
pub fn set_setting(component: &Component, key: &str, value: Value) -> Result<Spec, Reason> {
    let spec = component.spec.with_setting(key, value)?;
    first_refusal(check_component(&Component { spec: spec.clone(), ..component.clone() }))?;
    Ok(spec)
}

/// The component's faults with `key` set to `value`, checked as [`set_setting`].
pub fn set_fault(component: &Component, key: &str, value: Value) -> Result<Faults, Reason> {
    let faults = with_field(&component.faults, key, value)?;
    first_refusal(check_component(&Component { faults: faults.clone(), ..component.clone() }))?;
    Ok(faults)
}

/// A connection's settings with `key` set to `value`, checked for a connection of
/// `kind` leaving a component of kind `from`.
pub fn set_connection_setting(kind: ConnectionKind, from: ComponentKind, settings: &ConnectionSettings, key: &str, value: Value) -> Result<ConnectionSettings, Reason> {
    let changed = with_field(settings, key, value)?;
    first_refusal(check_connection(kind, from, &changed))?;
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagram, Point};
    use serde_json::json;

    fn queue() -> Component {
        let mut d = Diagram::new();
        let id = d.add_component(ComponentKind::Queue, "orders", Point { x: 0.0, y: 0.0 });
        d.component(id).expect("queue").clone()
    }

    #[test]
    fn a_setting_changes_only_when_its_type_and_range_fit() {
        let q = queue();
        let Spec::Queue(changed) = set_setting(&q, "visibility_timeout_s", json!(45)).expect("in range") else { panic!("a queue") };
        assert_eq!(changed.visibility_timeout_s, 45);
        assert_eq!(set_setting(&q, "visibility_timeout_s", json!("soon")), Err(Reason::DoesNotFit));
        assert_eq!(set_setting(&q, "no_such_setting", json!(1)), Err(Reason::Unknown("no_such_setting".into())));
        let Err(Reason::Refused(e)) = set_setting(&q, "visibility_timeout_s", json!(1_000_000)) else { panic!("out of range") };
        assert_eq!(e.field, "visibility_timeout_s");
    }

    #[test]
    fn faults_and_connections_are_set_the_same_way() {
        let q = queue();
        assert_eq!(set_fault(&q, "error_rate", json!(0.5)).expect("a share").error_rate, 0.5);
        assert!(matches!(set_fault(&q, "error_rate", json!(2.0)), Err(Reason::Refused(_))));
        let settings = ConnectionSettings::default();
        let changed = set_connection_setting(ConnectionKind::EventSourceMapping, ComponentKind::Queue, &settings, "batch_size", json!(5)).expect("a batch");
        assert_eq!(changed.batch_size, 5);
        let refused = set_connection_setting(ConnectionKind::EventSourceMapping, ComponentKind::Queue, &settings, "batch_size", json!(20));
        assert_eq!(refused.map_err(|r| r.message().en), Err("A batch size over 10 needs a batch window of at least 1 second.".to_string()));
        assert_eq!(Reason::DoesNotFit.message().vi, "Giá trị này không hợp với thiết lập này.");
    }
}
