//! `EnvoyProxy` patches of generated objects (`KubernetesPatchSpec`): strategic merge patches (the default)
//! and JSON merge patches, applied to the object's JSON form after it is built; and the RFC 6902 JSON
//! patches of the bootstrap.

mod json_patch;
mod strategic;

pub(crate) use json_patch::apply_json_patch;
pub(crate) use strategic::strategic_merge;

use gwapi_ir::model::envoy_gateway::{KubernetesPatchSpec, MergeType};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Error, Result};

/// The object of type `T` with `metadata`, `spec` and `status`, with `patch` applied.
///
/// Built through its JSON form so that it does not depend on which Kubernetes version k8s-openapi was built
/// for (whether `spec` is optional differs between versions).
pub(crate) fn assemble<T: DeserializeOwned + k8s_openapi::Resource>(
    metadata: &ObjectMeta,
    spec: &impl Serialize,
    status: &impl Serialize,
    patch: Option<&KubernetesPatchSpec>,
) -> Result<T> {
    let json = |source| Error::Json {
        object: T::KIND,
        source,
    };
    let mut value = serde_json::json!({
        "apiVersion": T::API_VERSION,
        "kind": T::KIND,
        "metadata": serde_json::to_value(metadata).map_err(json)?,
        "spec": serde_json::to_value(spec).map_err(json)?,
        "status": serde_json::to_value(status).map_err(json)?,
    });
    if let Some(patch) = patch {
        apply_patch(&mut value, patch, T::KIND)?;
    }
    serde_json::from_value(value).map_err(json)
}

/// Applies `patch` to the JSON form of an object of kind `kind`.
fn apply_patch(value: &mut Value, patch: &KubernetesPatchSpec, kind: &'static str) -> Result<()> {
    match patch.type_.as_ref().unwrap_or(&MergeType::StrategicMerge) {
        MergeType::StrategicMerge => strategic_merge(value, &patch.value),
        MergeType::JsonMerge => json_merge(value, &patch.value),
        other => {
            return Err(Error::Patch {
                object: kind,
                reason: format!("unsupported patch type {other}"),
            });
        }
    }
    Ok(())
}

/// A JSON merge patch (RFC 7386): objects merge, `null` removes, anything else replaces.
pub(crate) fn json_merge(target: &mut Value, patch: &Value) {
    let Value::Object(patch_map) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(target_map) = target {
        for (key, value) in patch_map {
            if value.is_null() {
                target_map.remove(key);
            } else {
                json_merge(target_map.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn json_merge_follows_rfc_7386() {
        let mut target = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        json_merge(&mut target, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}}));
    }
}
