//! How the request path sent by clients is normalized (`PathSettings`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// What to do with `%2F`, `%2f`, `%5C` or `%5c` in a request path (`PathEscapedSlashAction`).
    pub enum PathEscapedSlashAction {
        /// Keep escaped slashes unchanged.
        KeepUnchanged = "KeepUnchanged",
        /// Reject the request with a 400.
        RejectRequest = "RejectRequest",
        /// Unescape and forward the request.
        UnescapeAndForward = "UnescapeAndForward",
        /// Unescape and redirect to the new path (the default).
        UnescapeAndRedirect = "UnescapeAndRedirect",
    }
}

/// How the request path sent by clients is normalized (`PathSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PathSettings {
    /// What to do with escaped slashes; defaults to `UnescapeAndRedirect`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escaped_slashes_action: Option<PathEscapedSlashAction>,
    /// Whether merging adjacent slashes is disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_merge_slashes: Option<bool>,
}
