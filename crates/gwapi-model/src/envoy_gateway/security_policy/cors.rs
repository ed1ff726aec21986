//! Cross-Origin Resource Sharing (`CORS`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;

/// Cross-Origin Resource Sharing settings (`CORS`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Cors {
    /// The origins allowed to make requests (`Access-Control-Allow-Origin`); `*` allows any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_origins: Vec<String>,
    /// The methods allowed (`Access-Control-Allow-Methods`); `*` allows any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_methods: Vec<String>,
    /// The request headers allowed (`Access-Control-Allow-Headers`); `*` allows any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_headers: Vec<String>,
    /// The response headers scripts may read (`Access-Control-Expose-Headers`); `*` exposes all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expose_headers: Vec<String>,
    /// How long a preflight result may be cached (`Access-Control-Max-Age`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<Duration>,
    /// Whether requests may include credentials (`Access-Control-Allow-Credentials`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_credentials: Option<bool>,
}
