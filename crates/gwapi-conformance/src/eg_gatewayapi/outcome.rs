//! Compares a translation with a case's expected output: statuses (every condition's type, status, reason
//! and message; attachedRoutes; supportedKinds) and the IR (structurally, empty == absent).

use gwapi_ir::Translation;
use gwapi_model::load::CorpusMap;
use gwapi_model::resource::ObjectKey;
use serde_json::Value;

use crate::compare::differences;

/// How far one case agrees with the reference.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct CaseOutcome {
    /// The case name.
    pub name: String,
    /// Differences in statuses.
    pub status_differences: Vec<String>,
    /// Differences in the xDS and infra IR.
    pub ir_differences: Vec<String>,
}

impl CaseOutcome {
    /// Whether every status agrees.
    pub fn status_ok(&self) -> bool {
        self.status_differences.is_empty()
    }

    /// Whether statuses and IR agree.
    pub fn full_ok(&self) -> bool {
        self.status_ok() && self.ir_differences.is_empty()
    }
}

/// The most differences kept per case and part.
const LIMIT: usize = 40;

/// Conditions are a set keyed by type (their order means nothing), and `lastTransitionTime` is the writer's
/// business: both are folded away before comparing.
fn fold_status(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| k != "lastTransitionTime" && k != "observedGeneration")
                .map(|(k, v)| {
                    let v = if k == "conditions" {
                        conditions_by_type(v)
                    } else {
                        fold_status(v)
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(fold_status).collect()),
        other => other,
    }
}

fn conditions_by_type(value: Value) -> Value {
    match value {
        Value::Array(items) => {
            let mut by_type = serde_json::Map::new();
            for item in items.into_iter().map(fold_status) {
                let key = item
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                by_type.insert(key, item);
            }
            Value::Object(by_type)
        }
        other => other,
    }
}

/// Private key bytes are not compared (the reference does not either).
fn without_private_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| k != "privateKey")
                .map(|(k, v)| (k, without_private_keys(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_private_keys).collect()),
        other => other,
    }
}

/// Compares `translation` with the expected output of a case.
pub fn compare(name: &str, expected: &CorpusMap, translation: &Translation) -> CaseOutcome {
    let mut outcome = CaseOutcome {
        name: name.to_owned(),
        status_differences: status_differences(expected, translation),
        ..CaseOutcome::default()
    };
    for (section, ours) in [
        (
            "xdsir",
            serde_json::to_value(&translation.xds).unwrap_or(Value::Null),
        ),
        (
            "infrair",
            serde_json::to_value(&translation.infra).unwrap_or(Value::Null),
        ),
    ] {
        let wanted = expected
            .data
            .get(section)
            .and_then(|v| serde_json::to_value(v).ok())
            .unwrap_or(Value::Null);
        outcome
            .ir_differences
            .extend(ir_differences(section, wanted, ours));
    }
    outcome
}

/// The differences between the statuses of the objects `expected` lists and those of `translation`.
pub fn status_differences(expected: &CorpusMap, translation: &Translation) -> Vec<String> {
    let mut found = Vec::new();
    for object in &expected.output.objects {
        let key = ObjectKey::of(&object.resource);
        let wanted = object
            .resource
            .to_json()
            .ok()
            .and_then(|j| j.get("status").cloned())
            .unwrap_or(Value::Null);
        let got = translation
            .statuses
            .get(&key)
            .and_then(|s| serde_json::to_value(s).ok())
            .unwrap_or(Value::Null);
        for d in differences(&fold_status(wanted), &fold_status(got), LIMIT) {
            found.push(format!("{key}: status.{d}"));
        }
    }
    found
}

/// The differences between an expected IR section (`xdsir`, `infrair`) and ours, private keys aside.
pub fn ir_differences(section: &str, wanted: Value, ours: Value) -> Vec<String> {
    differences(
        &without_private_keys(wanted),
        &without_private_keys(ours),
        LIMIT,
    )
    .into_iter()
    .map(|d| format!("{section}.{d}"))
    .collect()
}
