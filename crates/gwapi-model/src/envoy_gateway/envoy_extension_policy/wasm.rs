//! Wasm extensions (`Wasm`) and where their code comes from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::gateway_api::SecretObjectReference;

/// A Wasm extension, run in the V8 runtime (`Wasm`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Wasm {
    /// A unique name for the extension; generated when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The root ID the Wasm code registers its root context with.
    #[serde(default, rename = "rootID", skip_serializing_if = "Option::is_none")]
    pub root_id: Option<String>,
    /// The Wasm code.
    pub code: WasmCodeSource,
    /// The extension's configuration, passed to it as a JSON string (free-form JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::envoy_gateway::free_form_json_schema")]
    pub config: Option<serde_json::Value>,
    /// Whether traffic bypasses the extension when it fails (or is misconfigured); defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_open: Option<bool>,
    /// The environment of the extension's VM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<WasmEnv>,
}

crate::string_enum! {
    /// Where Wasm code comes from (`WasmCodeSourceType`).
    pub enum WasmCodeSourceType {
        /// An HTTP URL.
        Http = "HTTP",
        /// An OCI image.
        Image = "Image",
        /// A `ConfigMap` (declared upstream, but not accepted by `WasmCodeSource.type` yet).
        ConfigMap = "ConfigMap",
    }
}

crate::string_enum! {
    /// When Wasm code is fetched again (`ImagePullPolicy`).
    pub enum ImagePullPolicy {
        /// Only when it is not in Envoy Gateway's cache.
        IfNotPresent = "IfNotPresent",
        /// Whenever the `EnvoyExtensionPolicy`'s resource version changes.
        Always = "Always",
    }
}

/// Where the Wasm code comes from (`WasmCodeSource`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WasmCodeSource {
    /// The kind of source; the matching field is set.
    #[serde(rename = "type")]
    pub type_: WasmCodeSourceType,
    /// An HTTP URL serving the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpWasmCodeSource>,
    /// An OCI image containing the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageWasmCodeSource>,
    /// When the code is fetched again (only without `sha256`); defaults to `IfNotPresent`, except for
    /// `latest` images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull_policy: Option<ImagePullPolicy>,
}

/// Wasm code served over HTTP (`HTTPWasmCodeSource`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpWasmCodeSource {
    /// The URL of the code.
    pub url: String,
    /// The SHA-256 checksum of the code (64 hex digits); not verified when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// TLS settings for the connection to the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<WasmCodeSourceTlsConfig>,
}

/// Wasm code in an OCI image (`ImageWasmCodeSource`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImageWasmCodeSource {
    /// The image, as `registry/image:tag` or `registry/image@sha256:digest`.
    pub url: String,
    /// The SHA-256 digest of the image (64 hex digits); not verified when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// A Secret with the credentials to pull the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull_secret_ref: Option<SecretObjectReference>,
    /// TLS settings for the connection to the registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<WasmCodeSourceTlsConfig>,
}

/// TLS settings for fetching Wasm code (`WasmCodeSourceTLSConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WasmCodeSourceTlsConfig {
    /// The CA certificates (`ConfigMap`, Secret or `ClusterTrustBundle`) that validate the server.
    pub ca_certificate_ref: SecretObjectReference,
}

/// The environment of a Wasm VM (`WasmEnv`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WasmEnv {
    /// Environment variables of the Envoy process passed into the VM.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub host_keys: Vec<String>,
}
