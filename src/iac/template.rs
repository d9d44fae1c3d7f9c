//! A parsed template's resources and the references between them (`Ref`, `Fn::GetAtt`,
//! names inside `Fn::Sub` strings, `DependsOn`), with CloudFormation's refusal of
//! resources that depend on each other in a circle.

use super::error::IacError;
use petgraph::graph::DiGraph;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One resource: its logical id, type and properties (SAM `Globals.Function` merged in
/// for functions).
#[derive(Clone, Debug)]
pub struct Resource {
    pub id: String,
    pub kind: String,
    pub properties: Map<String, Value>,
    pub metadata: Map<String, Value>,
    pub depends_on: Vec<String>,
}

impl Resource {
    pub fn prop(&self, key: &str) -> Option<&Value> {
        self.properties.get(key)
    }

    /// A property path (`["RedrivePolicy", "maxReceiveCount"]`).
    pub fn path(&self, keys: &[&str]) -> Option<&Value> {
        let (first, rest) = keys.split_first()?;
        rest.iter().try_fold(self.properties.get(*first)?, |v, k| v.get(*k))
    }
}

/// The parts of a template the importer reads.
#[derive(Clone, Debug)]
pub struct Template {
    pub resources: Vec<Resource>,
    /// The template's own `Metadata` section.
    pub metadata: Map<String, Value>,
}

impl Template {
    pub fn from_value(value: Value) -> Result<Template, IacError> {
        let Value::Object(mut top) = value else { return Err(IacError::NotATemplate) };
        let Some(Value::Object(resources)) = top.remove("Resources") else { return Err(IacError::NotATemplate) };
        if resources.is_empty() {
            return Err(IacError::NotATemplate);
        }
        let globals = top.get("Globals").and_then(|g| g.get("Function")).and_then(Value::as_object).cloned().unwrap_or_default();
        let metadata = match top.remove("Metadata") {
            Some(Value::Object(m)) => lab_metadata(m),
            _ => Map::new(),
        };
        let mut list = Vec::with_capacity(resources.len());
        for (id, body) in resources {
            let Value::Object(mut body) = body else { return Err(IacError::BadResource { name: id }) };
            let Some(Value::String(kind)) = body.remove("Type") else { return Err(IacError::BadResource { name: id }) };
            let mut properties = match body.remove("Properties") {
                Some(Value::Object(p)) => p,
                _ => Map::new(),
            };
            if kind == "AWS::Serverless::Function" {
                for (key, value) in &globals {
                    properties.entry(key.clone()).or_insert_with(|| value.clone());
                }
            }
            let metadata = match body.remove("Metadata") {
                Some(Value::Object(m)) => lab_metadata(m),
                _ => Map::new(),
            };
            let depends_on = match body.remove("DependsOn") {
                Some(Value::String(s)) => vec![s],
                Some(Value::Array(items)) => items.into_iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            };
            list.push(Resource { id, kind: kind.trim().to_string(), properties, metadata, depends_on });
        }
        let template = Template { resources: list, metadata };
        template.refuse_cycles()?;
        Ok(template)
    }

    /// CloudFormation refuses a template whose resources depend on each other in a circle.
    fn refuse_cycles(&self) -> Result<(), IacError> {
        let list: Vec<(&str, Vec<String>)> = self
            .resources
            .iter()
            .map(|r| {
                let mut targets = references(&Value::Object(r.properties.clone()));
                targets.extend(r.depends_on.iter().cloned());
                (r.id.as_str(), targets)
            })
            .collect();
        match first_cycle(&list) {
            Some(resources) => Err(IacError::Cycle { resources }),
            None => Ok(()),
        }
    }
}

/// The first set of resources (sorted names) that refer to each other in a circle, given
/// each resource's logical id and the ids it refers to.
pub(crate) fn first_cycle(resources: &[(&str, Vec<String>)]) -> Option<Vec<String>> {
    let index: HashMap<&str, usize> = resources.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    let mut graph = DiGraph::<usize, ()>::new();
    let nodes: Vec<_> = (0..resources.len()).map(|i| graph.add_node(i)).collect();
    for (i, (_, targets)) in resources.iter().enumerate() {
        for target in targets {
            if let Some(&j) = index.get(target.as_str()) {
                graph.update_edge(nodes[i], nodes[j], ());
            }
        }
    }
    let mut circles: Vec<Vec<String>> = petgraph::algo::tarjan_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || graph.contains_edge(scc[0], scc[0]))
        .map(|scc| {
            let mut names: Vec<String> = scc.iter().map(|&n| resources[graph[n]].0.to_string()).collect();
            names.sort();
            names
        })
        .collect();
    circles.sort();
    circles.into_iter().next()
}

/// Metadata with the lab's own entry (JSON text, as the exporter writes it) parsed.
fn lab_metadata(mut metadata: Map<String, Value>) -> Map<String, Value> {
    if let Some(Value::String(text)) = metadata.get(super::import::METADATA_KEY) {
        let parsed = serde_json::from_str(text).unwrap_or(Value::Null);
        metadata.insert(super::import::METADATA_KEY.to_string(), parsed);
    }
    metadata
}

/// The logical ids `value` refers to, in order of appearance: `Ref`, `Fn::GetAtt`, and
/// `${Name}` / `${Name.Attr}` inside `Fn::Sub` (pseudo parameters and `${!literal}` left out).
pub fn references(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect(value, &mut out, 0);
    out
}

fn collect(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > super::value::MAX_NESTING {
        return;
    }
    match value {
        Value::Object(map) if map.len() == 1 => {
            let (key, inner) = map.iter().next().map(|(k, v)| (k.as_str(), v)).unwrap_or(("", value));
            match (key, inner) {
                ("Ref", Value::String(name)) => push(out, name),
                ("Fn::GetAtt", Value::Array(parts)) => {
                    if let Some(Value::String(name)) = parts.first() {
                        push(out, name);
                    }
                }
                ("Fn::GetAtt", Value::String(text)) => push(out, text.split('.').next().unwrap_or("")),
                ("Fn::Sub", Value::String(text)) => sub_names(text, &[], out),
                ("Fn::Sub", Value::Array(parts)) => {
                    let vars: Vec<String> = parts.get(1).and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default();
                    if let Some(Value::String(text)) = parts.first() {
                        sub_names(text, &vars, out);
                    }
                    if let Some(v) = parts.get(1) {
                        collect(v, out, depth + 1);
                    }
                }
                _ => collect(inner, out, depth + 1),
            }
        }
        Value::Object(map) => map.values().for_each(|v| collect(v, out, depth + 1)),
        Value::Array(items) => items.iter().for_each(|v| collect(v, out, depth + 1)),
        _ => {}
    }
}

fn push(out: &mut Vec<String>, name: &str) {
    if !name.is_empty() && !name.starts_with("AWS::") && !out.iter().any(|n| n == name) {
        out.push(name.to_string());
    }
}

/// The names inside `${...}` of a `Fn::Sub` string, less its own variables.
pub fn sub_names(text: &str, vars: &[String], out: &mut Vec<String>) {
    for name in placeholders(text) {
        let resource = name.split('.').next().unwrap_or("");
        if !vars.iter().any(|v| v == name || v == resource) {
            push(out, resource);
        }
    }
}

/// The `${...}` placeholders of a string, `${!literal}` left out.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let name = after[..end].trim();
        if !name.starts_with('!') && !name.is_empty() {
            out.push(name);
        }
        rest = &after[end + 1..];
    }
    out
}
