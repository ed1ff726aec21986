//! How Lua scripts of `EnvoyExtensionPolicies` are validated (`LuaValidation`, `LuaValidationConfig`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// How strictly Lua scripts are validated (`LuaValidation`).
    pub enum LuaValidation {
        /// Runs the script in a sandbox to find errors (the default).
        Strict = "Strict",
        /// Checks the syntax only.
        InsecureSyntax = "InsecureSyntax",
        /// No validation.
        Disabled = "Disabled",
    }
}

/// How Lua scripts are validated (`LuaValidationConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LuaValidationConfig {
    /// The validation mode; `Strict` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_type: Option<LuaValidation>,
    /// The sandbox of the `Strict` mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict_validation: Option<StrictValidation>,
}

/// What scripts may access while `Strict` validation runs them (`StrictValidation`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StrictValidation {
    /// Filesystem path prefixes scripts may access.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_paths: Vec<String>,
    /// Environment variables scripts may read or set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_env_vars: Vec<String>,
}
