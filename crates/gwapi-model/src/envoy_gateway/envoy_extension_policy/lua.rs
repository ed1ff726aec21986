//! Lua filters (`Lua`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::gateway_api::LocalObjectReference;

crate::string_enum! {
    /// Where the source of a Lua filter comes from (`LuaValueType`).
    pub enum LuaValueType {
        /// The `inline` field.
        Inline = "Inline",
        /// A `ConfigMap` named by `valueRef`.
        ValueRef = "ValueRef",
    }
}

/// A Lua filter (`Lua`); exactly one of `inline` and `valueRef` is set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Lua {
    /// Where the source comes from; defaults to `Inline`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<LuaValueType>,
    /// The source, inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline: Option<String>,
    /// A `ConfigMap` holding the source under `lua` (or its first key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_ref: Option<LocalObjectReference>,
    /// Key/value pairs the script reads with `request_handle:filterContext()` (a free-form JSON object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::envoy_gateway::free_form_json_schema")]
    pub filter_context: Option<serde_json::Value>,
}
