//! Response overrides (`ResponseOverride`): replace responses that match status codes or headers with a
//! custom response or a redirect.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::{CustomResponseBody, StringMatch};

/// Overrides matching responses (`ResponseOverride`); the first matching entry wins.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResponseOverride {
    /// Which responses to override.
    #[serde(rename = "match")]
    pub match_: CustomResponseMatch,
    /// The custom response (exclusive with `redirect`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<CustomResponse>,
    /// The redirect (exclusive with `response`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<CustomRedirect>,
    /// Which responses are considered: local, backend or both; defaults to `All`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ResponseOverrideSource>,
}

crate::string_enum! {
    /// Which responses a response override considers (`ResponseOverrideSource`).
    pub enum ResponseOverrideSource {
        /// Envoy-generated and upstream responses.
        All = "All",
        /// Only Envoy-generated responses (auth failures, rate limits, ...).
        Local = "Local",
        /// Only upstream responses.
        Backend = "Backend",
    }
}

/// The responses to override (`CustomResponseMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomResponseMatch {
    /// Status codes (any one matches).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<StatusCodeMatch>,
    /// Response headers (all must match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_headers: Vec<ResponseOverrideHeaderMatch>,
}

crate::string_enum! {
    /// The kind of a status code match (`StatusCodeValueType`).
    pub enum StatusCodeValueType {
        /// One status code.
        Value = "Value",
        /// A range of status codes.
        Range = "Range",
    }
}

/// A status code condition (`StatusCodeMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusCodeMatch {
    /// The kind of match; defaults to `Value`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<StatusCodeValueType>,
    /// The status code, for `Value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i32>,
    /// The range, for `Range`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<StatusCodeRange>,
}

/// An inclusive range of status codes (`StatusCodeRange`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusCodeRange {
    /// The first status code.
    pub start: i32,
    /// The last status code.
    pub end: i32,
}

/// A response header condition (`ResponseOverrideHeaderMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResponseOverrideHeaderMatch {
    /// The header name.
    pub name: String,
    /// How the header value must match.
    pub value: StringMatch,
}

/// A custom response (`CustomResponse`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomResponse {
    /// The `Content-Type` of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The body; Envoy command operators may be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<CustomResponseBody>,
    /// The status code; the original one when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i32>,
    /// Headers to add or set on the response (removal is not supported here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<crate::gateway_api::HttpHeaderFilter>,
}

/// A custom redirect (`CustomRedirect`); unset parts keep the request's values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomRedirect {
    /// The scheme of the `Location` header: `http` or `https`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The hostname of the `Location` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// How the path of the `Location` header is derived (only `ReplaceFullPath` is supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<crate::gateway_api::HttpPathModifier>,
    /// The port of the `Location` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The status code: 301 or 302 (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i32>,
}
