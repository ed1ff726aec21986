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
