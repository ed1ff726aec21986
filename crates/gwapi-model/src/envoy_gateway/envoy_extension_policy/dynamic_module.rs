//! Dynamic module filters (`DynamicModule`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A filter from a dynamic module registered in the `EnvoyProxy`'s `dynamicModules` (`DynamicModule`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DynamicModule {
    /// The registered module.
    pub name: String,
    /// The filter implementation within the module; empty by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_name: Option<String>,
    /// The filter's configuration, passed to the module as JSON (free-form JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::envoy_gateway::free_form_json_schema")]
    pub config: Option<serde_json::Value>,
    /// Whether the module answers requests itself, without an upstream; defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_filter: Option<bool>,
}
