//! HTTP basic authentication (SecurityPolicy `basicAuth`); becomes Envoy's `envoy.filters.http.basic_auth`.

use serde::{Deserialize, Serialize};

use crate::ir::PrivateBytes;

/// Basic authentication of a route (`ir.BasicAuth`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BasicAuth {
    /// A unique name, from the policy (`securitypolicy/<namespace>/<name>`).
    #[serde(default)]
    pub name: String,
    /// The users, as an htpasswd file with SHA hashes (`users.inline_bytes`).
    #[serde(default)]
    pub users: PrivateBytes,
    /// The header the authenticated user name is forwarded upstream in (`forward_username_header`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_username_header: Option<String>,
}
