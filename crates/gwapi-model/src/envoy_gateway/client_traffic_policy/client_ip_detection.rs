//! How the original client IP address of a request is determined (`ClientIPDetectionSettings`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How the original client IP address is determined (`ClientIPDetectionSettings`): exactly one of the
/// fields is set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientIpDetectionSettings {
    /// Use the `X-Forwarded-For` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_forwarded_for: Option<XForwardedForSettings>,
    /// Use a trusted custom header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_header: Option<CustomHeaderExtensionSettings>,
    /// Use the source address of the downstream connection.
    #[serde(
        default,
        rename = "directSourceIP",
        skip_serializing_if = "Option::is_none"
    )]
    pub direct_source_ip: Option<DirectSourceIpSettings>,
}

/// Client IP detection from `X-Forwarded-For` (`XForwardedForSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct XForwardedForSettings {
    /// How many trusted hops to count from the right of `X-Forwarded-For`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_trusted_hops: Option<i32>,
    /// CIDR ranges trusted when evaluating the remote address and `X-Forwarded-For`.
    #[serde(
        default,
        rename = "trustedCIDRs",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub trusted_cidrs: Vec<String>,
    /// Whether Envoy stops appending the downstream address to `X-Forwarded-For`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_x_forwarded_for_append: Option<bool>,
}

/// Client IP detection from a trusted custom header (`CustomHeaderExtensionSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomHeaderExtensionSettings {
    /// The header holding the original downstream address.
    pub name: String,
    /// Whether to answer 403 when the client address cannot be determined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_closed: Option<bool>,
}

/// Client IP detection from the downstream connection's source address (`DirectSourceIPSettings`); it has
/// no fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DirectSourceIpSettings {}
