//! EnvoyPatchPolicy: the IR's JSON patches applied to the translated resources, last, and the status each
//! policy gets (`Programmed`, or why not).
//!
//! Each patch addresses one resource by type and name. An `add` at the empty path adds a whole new resource;
//! any other operation renders the resource as JSON with its `.proto` field names, applies the RFC 6902
//! operation (at `path`, or at every node `jsonPath` selects, with `path` appended), parses the result back
//! and checks Envoy's validation rules. A patch that fails changes nothing; the policy's status says why.
//! The Secret of the system trust store (`system_ca_certificates`) can neither be patched nor replaced.

pub(crate) mod go_json;
mod json_path;
mod pointer;
mod resource;

use gwapi_ir::ir::{
    EnvoyPatchPolicy, JsonPatchConfig, JsonPatchOp, JsonPatchOperation, PatchedResourceType,
};
use gwapi_ir::model::{Condition, ConditionStatus};
use serde_json::Value;

use crate::XdsResources;
use resource::{Patchable, from_patch_json, to_patch_json};

/// The name of the Secret holding the system trust store.
const SYSTEM_CA_SECRET: &str = "system_ca_certificates";

/// What applying one policy's patches gave.
#[derive(Default)]
struct Outcome {
    errors: Vec<String>,
    not_found: Vec<String>,
}

/// Applies every policy's patches to `resources`, in order, and returns the policies with their statuses.
pub(crate) fn apply(
    resources: &mut XdsResources,
    policies: &[EnvoyPatchPolicy],
) -> Vec<EnvoyPatchPolicy> {
    policies
        .iter()
        .map(|policy| {
            let mut outcome = Outcome::default();
            for patch in &policy.json_patches {
                apply_patch(resources, patch, &mut outcome);
            }
            with_status(policy, &outcome)
        })
        .collect()
}

fn apply_patch(resources: &mut XdsResources, patch: &JsonPatchConfig, outcome: &mut Outcome) {
    if let Err(e) = check_operation(&patch.operation) {
        outcome.errors.push(e);
        return;
    }
    let result = match patch.resource_type {
        PatchedResourceType::Listener => patch_list(&mut resources.listeners, patch, outcome),
        PatchedResourceType::RouteConfiguration => {
            patch_list(&mut resources.routes, patch, outcome)
        }
        PatchedResourceType::Cluster => patch_list(&mut resources.clusters, patch, outcome),
        PatchedResourceType::ClusterLoadAssignment => {
            patch_list(&mut resources.endpoints, patch, outcome)
        }
        PatchedResourceType::Secret => patch_list(&mut resources.secrets, patch, outcome),
    };
    if let Err(e) = result {
        outcome.errors.push(e);
    }
}

/// The rules on the fields of each operation.
fn check_operation(operation: &JsonPatchOperation) -> Result<(), String> {
    let op = op_name(operation.op);
    match operation.op {
        JsonPatchOp::Add | JsonPatchOp::Replace | JsonPatchOp::Test
            if operation.value.is_none() =>
        {
            return Err(format!("the {op} operation requires a value"));
        }
        JsonPatchOp::Remove if operation.value.is_some() || operation.from.is_some() => {
            return Err("value and from can't be specified with the remove operation".to_owned());
        }
        JsonPatchOp::Move | JsonPatchOp::Copy if operation.from.is_none() => {
            return Err(format!(
                "the {op} operation requires a valid from attribute"
            ));
        }
        JsonPatchOp::Move | JsonPatchOp::Copy if operation.value.is_some() => {
            return Err(format!("value can't be specified with the {op} operation"));
        }
        _ => {}
    }
    if operation.path.is_none() && operation.json_path.is_none() {
        return Err(format!("the {op} operation requires a path or a jsonPath"));
    }
    Ok(())
}

fn op_name(op: JsonPatchOp) -> &'static str {
    match op {
        JsonPatchOp::Add => "add",
        JsonPatchOp::Remove => "remove",
        JsonPatchOp::Replace => "replace",
        JsonPatchOp::Move => "move",
        JsonPatchOp::Copy => "copy",
        JsonPatchOp::Test => "test",
    }
}

fn type_url(ty: PatchedResourceType) -> &'static str {
    match ty {
        PatchedResourceType::Listener => "type.googleapis.com/envoy.config.listener.v3.Listener",
        PatchedResourceType::RouteConfiguration => {
            "type.googleapis.com/envoy.config.route.v3.RouteConfiguration"
        }
        PatchedResourceType::Cluster => "type.googleapis.com/envoy.config.cluster.v3.Cluster",
        PatchedResourceType::ClusterLoadAssignment => {
            "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment"
        }
        PatchedResourceType::Secret => {
            "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret"
        }
    }
}

/// Whether a resource of this type and name is the system trust store's Secret.
fn is_system_ca<R: Patchable>(name: &str) -> bool {
    R::KIND == "Secret" && name == SYSTEM_CA_SECRET
}

fn reserved(action: &str) -> String {
    format!(
        "secret name {SYSTEM_CA_SECRET:?} is reserved for the system trust store and cannot be {action}"
    )
}

/// Applies one patch to the resources of one kind.
fn patch_list<R: Patchable>(
    list: &mut Vec<R>,
    patch: &JsonPatchConfig,
    outcome: &mut Outcome,
) -> Result<(), String> {
    let operation = &patch.operation;
    if operation.op == JsonPatchOp::Add && operation.path.as_deref() == Some("") {
        let value = sorted(operation.value.clone().unwrap_or_default());
        let added: R = from_patch_json(&value)?;
        if is_system_ca::<R>(added.resource_name()) {
            return Err(reserved("used by other resources"));
        }
        list.push(added);
        return Ok(());
    }
    let Some(slot) = list.iter_mut().find(|r| r.resource_name() == patch.name) else {
        outcome
            .not_found
            .push(format!("{}/{}", type_url(patch.resource_type), patch.name));
        return Ok(());
    };
    if is_system_ca::<R>(&patch.name) {
        return Err(reserved("modified by patches"));
    }
    let mut doc = to_patch_json(slot)?;
    let before = doc.clone();
    for pointer in targets(&doc, operation)? {
        run(&mut doc, operation, &pointer).map_err(|e| {
            format!(
                "unable to apply patch:\n{} on resource:\n{}, err: {e}",
                go_json::compact(&serde_json::to_value(operation).unwrap_or_default()),
                go_json::compact(&before)
            )
        })?;
    }
    let patched: R = from_patch_json(&doc)?;
    if is_system_ca::<R>(patched.resource_name()) {
        return Err(reserved("used by other resources"));
    }
    *slot = patched;
    Ok(())
}

/// The JSON pointers the operation applies at.
fn targets(doc: &Value, operation: &JsonPatchOperation) -> Result<Vec<String>, String> {
    let path = operation.path.clone().unwrap_or_default();
    let Some(expression) = &operation.json_path else {
        return Ok(vec![path]);
    };
    let found = json_path::pointers(doc, expression)?;
    if found.is_empty() {
        return Err(format!(
            "no jsonPointers were found while evaluating the jsonPath: '{expression}'. Ensure the \
             elements you are trying to select with the jsonPath exist in the document. If you need to \
             add a non-existing property, use the 'path' attribute"
        ));
    }
    Ok(found
        .into_iter()
        .map(|pointer| match path.as_str() {
            "" => pointer,
            p if p.starts_with('/') => format!("{pointer}{p}"),
            p => format!("{pointer}/{p}"),
        })
        .collect())
}

fn run(doc: &mut Value, operation: &JsonPatchOperation, at: &str) -> Result<(), String> {
    let value = || sorted(operation.value.clone().unwrap_or_default());
    let from = operation.from.as_deref().unwrap_or_default();
    match operation.op {
        JsonPatchOp::Add => pointer::add(doc, at, value()),
        JsonPatchOp::Remove => pointer::remove(doc, at).map(drop),
        JsonPatchOp::Replace => pointer::replace(doc, at, value()),
        JsonPatchOp::Move => pointer::move_value(doc, from, at),
        JsonPatchOp::Copy => pointer::copy(doc, from, at),
        JsonPatchOp::Test => pointer::test(doc, at, &value()),
    }
}

/// A patch value with its keys sorted, as Envoy Gateway's YAML -> JSON conversion leaves them.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.cmp(b));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The policy with a `Programmed` condition on every ancestor of its status.
fn with_status(policy: &EnvoyPatchPolicy, outcome: &Outcome) -> EnvoyPatchPolicy {
    let condition = if !outcome.errors.is_empty() {
        Condition::new(
            "Programmed",
            ConditionStatus::False,
            "Invalid",
            condition_message(&outcome.errors.join("\n")),
        )
    } else if !outcome.not_found.is_empty() {
        Condition::new(
            "Programmed",
            ConditionStatus::False,
            "ResourceNotFound",
            format!(
                "Unable to find xds resources: {}",
                outcome.not_found.join(", ")
            ),
        )
    } else {
        Condition::new(
            "Programmed",
            ConditionStatus::True,
            "Programmed",
            "Patches have been successfully applied.",
        )
    };
    let condition = Condition {
        observed_generation: policy.generation,
        ..condition
    };
    let mut policy = policy.clone();
    if let Some(status) = &mut policy.status {
        for ancestor in &mut status.ancestors {
            ancestor.conditions = vec![condition.clone()];
        }
    }
    policy
}

/// An error as a condition message: first letter upper case, ending with a period.
fn condition_message(error: &str) -> String {
    let mut chars = error.chars();
    let mut message: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !message.ends_with('.') {
        message.push('.');
    }
    message
}

#[cfg(test)]
mod tests;
