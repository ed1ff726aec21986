//! Small types that several Envoy Gateway kinds share. Append-only while the kinds are being written.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// How a [`StringMatch`] compares (`StringMatchType`).
    pub enum StringMatchType {
        /// The whole value is equal.
        Exact = "Exact",
        /// The value starts with the pattern.
        Prefix = "Prefix",
        /// The value ends with the pattern.
        Suffix = "Suffix",
        /// The value matches an RE2 regular expression.
        RegularExpression = "RegularExpression",
    }
}

/// A string matcher (`StringMatch`); `type` defaults to `Exact`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StringMatch {
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<StringMatchType>,
    /// The pattern.
    pub value: String,
}

crate::string_enum! {
    /// A TLS protocol version (`TLSVersion`).
    pub enum TlsVersion {
        /// Envoy chooses the optimal version.
        Auto = "Auto",
        /// TLS 1.0.
        V1_0 = "1.0",
        /// TLS 1.1.
        V1_1 = "1.1",
        /// TLS 1.2.
        V1_2 = "1.2",
        /// TLS 1.3.
        V1_3 = "1.3",
    }
}

crate::string_enum! {
    /// A protocol negotiated with ALPN (`ALPNProtocol`).
    pub enum AlpnProtocol {
        /// HTTP/1.0.
        Http10 = "http/1.0",
        /// HTTP/1.1.
        Http11 = "http/1.1",
        /// HTTP/2.
        H2 = "h2",
    }
}

crate::string_enum! {
    /// A TLS client fingerprinting mode (`TLSFingerprintType`).
    pub enum TlsFingerprintType {
        /// JA3 fingerprinting (`%TLS_JA3_FINGERPRINT%`).
        Ja3 = "JA3",
        /// JA4 fingerprinting (`%TLS_JA4_FINGERPRINT%`).
        Ja4 = "JA4",
    }
}

crate::string_enum! {
    /// Where the value of a response body comes from (`ResponseValueType`).
    pub enum ResponseValueType {
        /// The `inline` string.
        Inline = "Inline",
        /// The `response.body` key of the `ConfigMap` named by `valueRef`.
        ValueRef = "ValueRef",
    }
}

/// The body of a custom or direct response (`CustomResponseBody`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomResponseBody {
    /// Where the body comes from; defaults to `Inline`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<ResponseValueType>,
    /// The body, inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline: Option<String>,
    /// A `ConfigMap` whose `response.body` key holds the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_ref: Option<crate::gateway_api::LocalObjectReference>,
}

crate::string_enum! {
    /// How a policy attached to a route is merged with the policy of its parent (`MergeType`).
    pub enum MergeType {
        /// A strategic merge patch.
        StrategicMerge = "StrategicMerge",
        /// A JSON merge patch (RFC 7386).
        JsonMerge = "JSONMerge",
        /// No merging: the route's policy replaces the parent's.
        Replace = "Replace",
    }
}

/// The schema of a free-form JSON field (`apiextensionsv1.JSON`): any value, kept as written. Use with
/// `#[schemars(schema_with = "crate::envoy_gateway::free_form_json_schema")]` on a `serde_json::Value`.
pub(crate) fn free_form_json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "x-kubernetes-preserve-unknown-fields": true
    })
}

crate::string_enum! {
    /// How Envoy routes to a Service (`RoutingType`).
    pub enum RoutingType {
        /// To the Service's cluster IP.
        Service = "Service",
        /// To the Service's endpoints.
        Endpoint = "Endpoint",
    }
}

/// A request path condition (`PathMatch`), used by rate limit selectors and authorization rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PathMatch {
    /// How to compare; defaults to `PathPrefix`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<crate::gateway_api::PathMatchType>,
    /// The path, or the pattern; defaults to `/`.
    pub value: String,
    /// Whether the result is inverted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invert: Option<bool>,
}

/// Tracing settings (`Tracing`), of a route or backend (`BackendTrafficPolicy`) or of the proxy (`EnvoyProxy`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Tracing {
    /// The fraction of requests traced when no sampling decision was made before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_fraction: Option<crate::gateway_api::Fraction>,
    /// The fraction of requests traced when the client asks for it; disabled when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_sampling_fraction: Option<crate::gateway_api::Fraction>,
    /// The fraction of requests traced after all other sampling decisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_sampling_fraction: Option<crate::gateway_api::Fraction>,
    /// Custom span tags by name (deprecated: use `tags`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_tags: BTreeMap<String, CustomTag>,
    /// Span tags by name; values may use Envoy command operators.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// The span names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span_name: Option<TracingSpanName>,
}

crate::string_enum! {
    /// Where a custom tag's value comes from (`CustomTagType`).
    pub enum CustomTagType {
        /// A fixed value.
        Literal = "Literal",
        /// An environment variable.
        Environment = "Environment",
        /// A request header.
        RequestHeader = "RequestHeader",
    }
}

/// A custom span tag (`CustomTag`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomTag {
    /// Where the value comes from; defaults to `Literal`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<CustomTagType>,
    /// The fixed value, for `Literal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<LiteralCustomTag>,
    /// The environment variable, for `Environment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<EnvironmentCustomTag>,
    /// The request header, for `RequestHeader`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_header: Option<RequestHeaderCustomTag>,
}

/// A fixed span tag value (`LiteralCustomTag`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LiteralCustomTag {
    /// The value.
    pub value: String,
}

/// A span tag taken from an environment variable (`EnvironmentCustomTag`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentCustomTag {
    /// The variable name.
    pub name: String,
    /// The value when the variable is not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
}

/// A span tag taken from a request header (`RequestHeaderCustomTag`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestHeaderCustomTag {
    /// The header name.
    pub name: String,
    /// The value when the header is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
}

/// The names of tracing spans (`TracingSpanName`); Envoy command operators may be used.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TracingSpanName {
    /// The name of the downstream (client) span.
    pub client: String,
    /// The name of the upstream (server) span.
    pub server: String,
}
