//! Cross-origin resource sharing (from SecurityPolicy `cors` or an HTTPRouteFilter / Gateway API CORS
//! filter); becomes Envoy's `envoy.filters.http.cors` with a per-route `CorsPolicy`.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;
use crate::ir::StringMatch;

/// The CORS policy of a route (`ir.CORS`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cors {
    /// The origins allowed to make requests (`allow_origin_string_match`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_origins: Vec<StringMatch>,
    /// The allowed request methods (`allow_methods`); `*` allows any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_methods: Vec<String>,
    /// The allowed request headers (`allow_headers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_headers: Vec<String>,
    /// The response headers exposed to the caller (`expose_headers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expose_headers: Vec<String>,
    /// How long the preflight result may be cached (`max_age`, in seconds in Envoy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<GoDuration>,
    /// Whether credentials may be sent (`allow_credentials`).
    #[serde(default)]
    pub allow_credentials: bool,
}
