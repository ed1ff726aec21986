//! External authorization (`ExtAuth`): a gRPC or HTTP service that decides on each request.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;
use crate::envoy_gateway::{ClusterSettings, EgBackendRef};
use crate::gateway_api::BackendObjectReference;

/// External authorization (`ExtAuth`); exactly one of `grpc` and `http` is set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtAuth {
    /// A gRPC authorization service (`envoy.service.auth.v3.Authorization`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<GrpcExtAuthService>,
    /// An HTTP authorization service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpExtAuthService>,
    /// The client request headers sent to the service (by default: all for gRPC; Host, Method, Path,
    /// Content-Length and Authorization for HTTP).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers_to_ext_auth: Vec<String>,
    /// Sends the request body to the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_to_ext_auth: Option<BodyToExtAuth>,
    /// The timeout of a call to the service; defaults to 10s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
    /// Whether requests pass when the service cannot answer (or its configuration is invalid); defaults
    /// to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_open: Option<bool>,
    /// Whether to recompute the route after the service changed the headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recompute_route: Option<bool>,
    /// Whether Envoy Gateway's route metadata (`envoy-gateway` namespace) is sent to the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_route_metadata: Option<bool>,
    /// Opaque context sent to the service but not upstream.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context_extensions: Vec<ContextExtension>,
    /// The HTTP status returned when the service fails or cannot be reached (4xx or 5xx); defaults to 403.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_on_error: Option<i32>,
}

/// A gRPC external authorization service (`GRPCExtAuthService`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcExtAuthService {
    /// The backend (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The backends of the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
}

/// An HTTP external authorization service (`HTTPExtAuthService`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpExtAuthService {
    /// The backend (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The backends of the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
    /// A path prefixed to the original request path in the check request; one of `path` and
    /// `pathOverride` may be set. (`Path` is accepted too: Go decodes JSON keys case-insensitively, and
    /// Envoy Gateway's own test inputs use it.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A path that replaces the original request path in the check request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_override: Option<String>,
    /// The service's response headers copied into the request to the backend (overriding existing ones).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers_to_backend: Vec<String>,
}

/// Sending the request body to the authorization service (`BodyToExtAuth`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BodyToExtAuth {
    /// The largest body buffered; larger requests get a 413 (even with `failOpen`).
    pub max_request_bytes: u32,
}

crate::string_enum! {
    /// Where the value of a [`ContextExtension`] comes from (`ContextExtensionValueType`).
    pub enum ContextExtensionValueType {
        /// The `value` field.
        Value = "Value",
        /// A key of a local object named by `valueRef`.
        ValueRef = "ValueRef",
    }
}

/// Opaque context sent to the authorization service but not upstream (`ContextExtension`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContextExtension {
    /// The name of the entry.
    pub name: String,
    /// Where the value comes from; defaults to `Value`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<ContextExtensionValueType>,
    /// The value, inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A key of a local object (`ConfigMap` or Secret) holding the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_ref: Option<LocalObjectKeyReference>,
}

/// A key of an object in the same namespace (`LocalObjectKeyReference`). The capitalised spellings
/// (`Group`, `Kind`, `Name`, `Key`) are accepted too, as Go's case-insensitive decoding does.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LocalObjectKeyReference {
    /// The referent's API group; `""` is the core group.
    #[serde(default)]
    pub group: String,
    /// The referent's kind.
    pub kind: String,
    /// The referent's name.
    pub name: String,
    /// The key to select.
    pub key: String,
}
