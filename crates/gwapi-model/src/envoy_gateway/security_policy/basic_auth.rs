//! HTTP Basic authentication (`BasicAuth`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::gateway_api::SecretObjectReference;

/// HTTP Basic authentication (`BasicAuth`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BasicAuth {
    /// The Secret whose `.htpasswd` key holds the users and their (SHA) password hashes.
    pub users: SecretObjectReference,
    /// The header that carries the authenticated username to the backend; not forwarded when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_username_header: Option<String>,
}
