//! A custom or patched Envoy bootstrap (`ProxyBootstrap`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::JsonPatchOperation;

crate::string_enum! {
    /// How a custom bootstrap is applied (`BootstrapType`).
    pub enum BootstrapType {
        /// Merged into the default bootstrap.
        Merge = "Merge",
        /// Replaces the default bootstrap (the default).
        Replace = "Replace",
        /// JSON patches applied to the default bootstrap.
        JsonPatch = "JSONPatch",
    }
}

/// A custom or patched Envoy bootstrap (`ProxyBootstrap`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyBootstrap {
    /// How the bootstrap is applied; `Replace` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<BootstrapType>,
    /// The bootstrap, as a YAML string (for `Merge` and `Replace`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The patches applied to the default bootstrap (for `JSONPatch`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub json_patches: Vec<JsonPatchOperation>,
}

/// Merges `patch` into `target` the way a `Merge` bootstrap is applied to the default one: maps merge key
/// by key, lists append, anything else replaces.
pub fn merge_bootstrap(target: &mut serde_json::Value, patch: serde_json::Value) {
    use serde_json::Value;
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                match target.get_mut(&key) {
                    Some(slot) => merge_bootstrap(slot, value),
                    None => {
                        target.insert(key, value);
                    }
                }
            }
        }
        (Value::Array(target), Value::Array(patch)) => target.extend(patch),
        (target, patch) => *target = patch,
    }
}
