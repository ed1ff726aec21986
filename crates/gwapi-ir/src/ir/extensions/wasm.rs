//! Wasm filters (EnvoyExtensionPolicy `wasm`); become Envoy's `envoy.filters.http.wasm`.

use serde::{Deserialize, Serialize};

/// A Wasm filter of a route (`ir.Wasm`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wasm {
    /// A unique name (`envoyextensionpolicy/<namespace>/<name>/wasm/<index>`); names the filter.
    #[serde(default)]
    pub name: String,
    /// The root ID of the Wasm VM (`root_id`).
    #[serde(default, rename = "rootID", skip_serializing_if = "Option::is_none")]
    pub root_id: Option<String>,
    /// The name of the Wasm module (`vm_config.vm_id` and the plugin name).
    #[serde(default)]
    pub wasm_name: String,
    /// The plugin configuration, free-form JSON (`configuration`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<serde_json::Value>,
    /// Whether requests go on when the plugin fails (`fail_open`).
    #[serde(default)]
    pub fail_open: bool,
    /// Where Envoy fetches the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_wasm_code: Option<HttpWasmCode>,
    /// Environment variables of the proxy passed to the VM (`environment_variables.host_env_keys`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub host_keys: Vec<String>,
}

/// Wasm code served over HTTP by Envoy Gateway's Wasm cache (`ir.HTTPWasmCode`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpWasmCode {
    /// The URL Envoy fetches the code from (`vm_config.code.remote.http_uri`).
    #[serde(default, rename = "servingURL")]
    pub serving_url: String,
    /// The URL (HTTP or OCI image) the code was originally downloaded from.
    #[serde(default, rename = "originalDownloadingURL")]
    pub original_downloading_url: String,
    /// The SHA-256 of the code, hex (`vm_config.code.remote.sha256`).
    #[serde(default)]
    pub sha256: String,
}
