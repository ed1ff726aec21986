//! JSON Web Token authentication (`JWT`): providers, their key sets, and where tokens are found.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;
use crate::envoy_gateway::{ClusterSettings, EgBackendRef};
use crate::gateway_api::{BackendObjectReference, LocalObjectReference};

/// JSON Web Token authentication (`JWT`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Jwt {
    /// Whether a request without a JWT is accepted (an invalid one is still rejected); defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
    /// Whether requests with a missing or invalid JWT pass anyway (claims of valid ones are still used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_open: Option<bool>,
    /// The providers; a JWT is valid when any of them validates it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<JwtProvider>,
}

/// How a JWT is verified (`JWTProvider`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct JwtProvider {
    /// The provider's unique name.
    pub name: String,
    /// The expected issuer (`iss`); not checked when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The accepted audiences (`aud`); not checked when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<String>,
    /// Fetch the key set from an HTTP(S) endpoint.
    #[serde(
        default,
        rename = "remoteJWKS",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_jwks: Option<RemoteJwks>,
    /// Read the key set from a local source.
    #[serde(default, rename = "localJWKS", skip_serializing_if = "Option::is_none")]
    pub local_jwks: Option<LocalJwks>,
    /// Claims copied into request headers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claim_to_headers: Vec<ClaimToHeader>,
    /// Whether to recompute the route after the claim headers are added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recompute_route: Option<bool>,
    /// Where to find the token; defaults to the `Authorization: Bearer` header and the `access_token`
    /// query parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extract_from: Option<JwtExtractor>,
}

/// A JSON Web Key Set fetched from a remote endpoint (`RemoteJWKS`), reached through `backendRefs` when
/// set and otherwise through the host of `uri`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RemoteJwks {
    /// The backend (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The backends serving the key set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
    /// The HTTPS URI of the key set.
    pub uri: String,
    /// How long the key set is cached; defaults to 300s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_duration: Option<Duration>,
    /// How long to wait before fetching again after a failed fetch; Envoy's default is 1s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_refetch_duration: Option<Duration>,
}

crate::string_enum! {
    /// Where a local key set is read from (`LocalJWKSType`).
    pub enum LocalJwksType {
        /// The `inline` field.
        Inline = "Inline",
        /// A `ConfigMap` named by `valueRef`.
        ValueRef = "ValueRef",
    }
}

/// A JSON Web Key Set from a local source (`LocalJWKS`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LocalJwks {
    /// Where the key set is read from; defaults to `Inline`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<LocalJwksType>,
    /// The key set, inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline: Option<String>,
    /// A `ConfigMap` holding the key set under `jwks` (or its first key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_ref: Option<LocalObjectReference>,
}

/// A JWT claim copied into a request header (`ClaimToHeader`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClaimToHeader {
    /// The request header to set.
    pub header: String,
    /// The claim, possibly nested (`a.b.c`).
    pub claim: String,
}

/// Where a JWT is extracted from (`JWTExtractor`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct JwtExtractor {
    /// Request headers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<JwtHeaderExtractor>,
    /// Cookie names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<String>,
    /// Query parameter names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
}

/// A request header that carries a JWT (`JWTHeaderExtractor`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct JwtHeaderExtractor {
    /// The header name.
    pub name: String,
    /// A prefix stripped before the token, e.g. `Bearer ` (with the space).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_prefix: Option<String>,
}
