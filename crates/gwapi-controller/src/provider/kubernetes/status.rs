//! The status documents the controller applies: the translator's statuses with `observedGeneration`,
//! transition times carried over from what is written, and other controllers' route parents and policy
//! ancestors kept. Pure functions: the writer decides with them whether anything needs writing.

use gwapi_ir::ObjectStatus;
use gwapi_model::resource::ObjectKey;
use kube::core::ApiResource;
use serde_json::{Map, Value, json};

use super::subset::is_subset;

/// The lists of a status that several controllers share (`x-kubernetes-list-type: atomic`): a write
/// replaces the whole list, so the entries of other controllers are copied into it.
const SHARED_LISTS: [&str; 2] = ["parents", "ancestors"];

/// The fields that identify an entry of a status list, to find its previous version.
const IDENTITIES: [&[&str]; 3] = [
    &["name"],
    &["parentRef", "controllerName"],
    &["ancestorRef", "controllerName"],
];

/// What a status write needs besides the translator's status.
#[derive(Clone, Copy, Debug)]
pub struct StatusContext<'a> {
    /// The controller name that marks this controller's route parents and policy ancestors.
    pub controller_name: &'a str,
    /// The object's `metadata.generation` the status was computed for.
    pub generation: Option<i64>,
    /// The time to record for conditions that changed (RFC 3339).
    pub now: &'a str,
}

/// The status to write for an object whose written status is `observed` (`null` when none), or `None`
/// when `observed` already says everything `status` says.
pub fn desired_status(
    status: &ObjectStatus,
    observed: &Value,
    context: StatusContext<'_>,
) -> Option<Value> {
    let mut desired = serde_json::to_value(status).ok()?;
    keep_foreign_entries(&mut desired, observed, context.controller_name);
    carry(&mut desired, observed, context);
    (!is_subset(&desired, observed)).then_some(desired)
}

/// For an object that no longer has a status from this controller: its written status without this
/// controller's route parents and policy ancestors, or `None` when it has none of them.
pub fn without_own_entries(observed: &Value, controller_name: &str) -> Option<Value> {
    let mut status = Map::new();
    let mut changed = false;
    for list in SHARED_LISTS {
        let Some(entries) = observed.get(list).and_then(Value::as_array) else {
            continue;
        };
        let foreign = foreign_entries(entries, controller_name);
        changed |= foreign.len() != entries.len();
        status.insert(list.to_owned(), Value::Array(foreign));
    }
    changed.then_some(Value::Object(status))
}

/// The document applied to the status subresource of `key`. With `resource_version`, the write fails with
/// 409 Conflict when the object changed since it was read (the other controllers' entries copied into the
/// shared lists would be stale).
pub fn status_patch(
    api: &ApiResource,
    key: &ObjectKey,
    status: Value,
    resource_version: Option<&str>,
) -> Value {
    let mut metadata = Map::new();
    metadata.insert("name".to_owned(), Value::String(key.name.clone()));
    if !key.namespace.is_empty() {
        metadata.insert("namespace".to_owned(), Value::String(key.namespace.clone()));
    }
    if let Some(version) = resource_version {
        metadata.insert(
            "resourceVersion".to_owned(),
            Value::String(version.to_owned()),
        );
    }
    let mut document = Map::new();
    document.insert(
        "apiVersion".to_owned(),
        Value::String(api.api_version.clone()),
    );
    document.insert("kind".to_owned(), Value::String(api.kind.clone()));
    document.insert("metadata".to_owned(), Value::Object(metadata));
    document.insert("status".to_owned(), status);
    Value::Object(document)
}

fn foreign_entries(entries: &[Value], controller_name: &str) -> Vec<Value> {
    entries
        .iter()
        .filter(|e| e.get("controllerName").and_then(Value::as_str) != Some(controller_name))
        .cloned()
        .collect()
}

/// Puts the other controllers' entries of the shared lists first, in their written order.
fn keep_foreign_entries(desired: &mut Value, observed: &Value, controller_name: &str) {
    for list in SHARED_LISTS {
        let Some(written) = observed.get(list).and_then(Value::as_array) else {
            continue;
        };
        let mut entries = foreign_entries(written, controller_name);
        if entries.is_empty() {
            continue;
        }
        if let Some(Value::Array(own)) = desired.get_mut(list) {
            entries.append(own);
        }
        if let Some(object) = desired.as_object_mut() {
            object.insert(list.to_owned(), Value::Array(entries));
        }
    }
}

/// Sets `observedGeneration` on every condition and carries each unchanged condition's transition time.
fn carry(desired: &mut Value, observed: &Value, context: StatusContext<'_>) {
    match desired {
        Value::Object(fields) => {
            for (name, value) in fields.iter_mut() {
                let previous = observed.get(name).unwrap_or(&Value::Null);
                if name == "conditions" {
                    carry_conditions(value, previous, context);
                } else {
                    carry(value, previous, context);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                let previous = previous_entry(item, observed);
                carry(item, previous, context);
            }
        }
        _ => {}
    }
}

/// The entry of the written list `observed` that `item` is the new version of.
fn previous_entry<'a>(item: &Value, observed: &'a Value) -> &'a Value {
    let Some(identity) = IDENTITIES
        .iter()
        .find(|fields| fields.iter().all(|f| item.get(*f).is_some()))
    else {
        return &Value::Null;
    };
    observed
        .as_array()
        .and_then(|written| {
            written
                .iter()
                .find(|w| identity.iter().all(|f| w.get(*f) == item.get(*f)))
        })
        .unwrap_or(&Value::Null)
}

fn carry_conditions(conditions: &mut Value, observed: &Value, context: StatusContext<'_>) {
    let Value::Array(conditions) = conditions else {
        return;
    };
    for condition in conditions {
        let previous = observed.as_array().and_then(|written| {
            written
                .iter()
                .find(|w| w.get("type").is_some() && w.get("type") == condition.get("type"))
        });
        let Value::Object(fields) = condition else {
            continue;
        };
        if let Some(generation) = context.generation {
            fields.insert("observedGeneration".to_owned(), json!(generation));
        }
        let kept_time = previous
            .filter(|p| p.get("status") == fields.get("status"))
            .and_then(|p| p.get("lastTransitionTime"))
            .filter(|t| t.is_string())
            .cloned();
        fields.insert(
            "lastTransitionTime".to_owned(),
            kept_time.unwrap_or_else(|| Value::String(context.now.to_owned())),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::gateway_api::{RouteParentStatus, RouteStatus};
    use gwapi_model::{Condition, ConditionStatus};

    use super::*;

    const OURS: &str = "gateway.envoyproxy.io/gatewayclass-controller";

    fn route_status(accepted: bool) -> ObjectStatus {
        let parent: RouteParentStatus = serde_json::from_value(json!({
            "parentRef": {"name": "gw"},
            "controllerName": OURS,
        }))
        .unwrap();
        let condition = Condition::new(
            "Accepted",
            ConditionStatus::from_bool(accepted),
            "Accepted",
            "Route is accepted",
        );
        ObjectStatus::Route(RouteStatus {
            parents: vec![RouteParentStatus {
                conditions: vec![condition],
                ..parent
            }],
        })
    }

    fn context(now: &str) -> StatusContext<'_> {
        StatusContext {
            controller_name: OURS,
            generation: Some(3),
            now,
        }
    }

    #[test]
    fn a_new_status_gets_generation_and_time_and_is_then_up_to_date() {
        let desired = desired_status(&route_status(true), &Value::Null, context("T1")).unwrap();
        let condition = &desired["parents"][0]["conditions"][0];
        assert_eq!(condition["observedGeneration"], 3);
        assert_eq!(condition["lastTransitionTime"], "T1");
        assert_eq!(
            desired_status(&route_status(true), &desired, context("T2")),
            None
        );
    }

    #[test]
    fn a_changed_condition_gets_a_new_time_an_unchanged_one_keeps_it() {
        let written = desired_status(&route_status(true), &Value::Null, context("T1")).unwrap();
        let flipped = desired_status(&route_status(false), &written, context("T2")).unwrap();
        assert_eq!(
            flipped["parents"][0]["conditions"][0]["lastTransitionTime"],
            "T2"
        );
        let newer = StatusContext {
            generation: Some(4),
            ..context("T3")
        };
        let bumped = desired_status(&route_status(true), &written, newer).unwrap();
        let condition = &bumped["parents"][0]["conditions"][0];
        assert_eq!(condition["lastTransitionTime"], "T1");
        assert_eq!(condition["observedGeneration"], 4);
    }

    #[test]
    fn other_controllers_parents_are_kept_first() {
        let foreign = json!({"parentRef": {"name": "mesh"}, "controllerName": "istio.io/x"});
        let ours = desired_status(&route_status(true), &Value::Null, context("T1")).unwrap();
        let written = json!({"parents": [foreign.clone(), ours["parents"][0].clone()]});
        assert_eq!(
            desired_status(&route_status(true), &written, context("T2")),
            None
        );
        let flipped = desired_status(&route_status(false), &written, context("T2")).unwrap();
        assert_eq!(flipped["parents"].as_array().unwrap().len(), 2);
        assert_eq!(flipped["parents"][0], foreign);
        let cleared = without_own_entries(&written, OURS).unwrap();
        assert_eq!(cleared, json!({"parents": [foreign]}));
        assert_eq!(without_own_entries(&cleared, OURS), None);
    }
}
