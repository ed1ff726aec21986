//! Dynamic modules that a proxy fleet allows (`DynamicModuleEntry`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A dynamic module registered under a logical name (`DynamicModuleEntry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DynamicModuleEntry {
    /// The logical name policies use.
    pub name: String,
    /// Where the shared library comes from.
    pub source: DynamicModuleSource,
    /// Whether the module stays loaded when no longer referenced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub do_not_close: Option<bool>,
    /// Whether the module is loaded with `RTLD_GLOBAL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_globally: Option<bool>,
}

crate::string_enum! {
    /// Where a dynamic module comes from (`DynamicModuleSourceType`).
    pub enum DynamicModuleSourceType {
        /// The proxy's filesystem (the default).
        Local = "Local",
        /// Downloaded over HTTP(S).
        Remote = "Remote",
    }
}

/// Where a dynamic module's shared library comes from (`DynamicModuleSource`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DynamicModuleSource {
    /// The kind of source; `Local` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<DynamicModuleSourceType>,
    /// A library on the proxy's filesystem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalDynamicModuleSource>,
    /// A library downloaded over HTTP(S).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<RemoteDynamicModuleSource>,
}

/// A dynamic module on the proxy's filesystem (`LocalDynamicModuleSource`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LocalDynamicModuleSource {
    /// The absolute path of the `.so` file.
    pub path: String,
}

/// A dynamic module downloaded over HTTP(S) (`RemoteDynamicModuleSource`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RemoteDynamicModuleSource {
    /// The URL of the `.so` file.
    pub url: String,
    /// The SHA-256 checksum of the file.
    pub sha256: String,
}
