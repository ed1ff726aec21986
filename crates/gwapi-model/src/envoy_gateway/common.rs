//! Small types that several Envoy Gateway kinds share. Append-only while the kinds are being written.

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
