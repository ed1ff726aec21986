//! Access logs of the proxies (`ProxyAccessLog`): formats, CEL matches and sinks (file, ALS, OpenTelemetry).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::envoy_gateway::{ClusterSettings, EgBackendRef};
use crate::gateway_api::{BackendObjectReference, HttpHeader};

/// Access log settings (`ProxyAccessLog`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyAccessLog {
    /// Whether access logging is disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable: Option<bool>,
    /// The access logs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<ProxyAccessLogSetting>,
}

crate::string_enum! {
    /// The component that emits an access log (`ProxyAccessLogType`).
    pub enum ProxyAccessLogType {
        /// Listeners (connections without a route, and TCP/UDP).
        Listener = "Listener",
        /// Routes.
        Route = "Route",
        /// Upstream requests.
        Upstream = "Upstream",
    }
}

/// One access log: format, matches and sinks (`ProxyAccessLogSetting`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyAccessLogSetting {
    /// The format; Envoy Gateway's default text format when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ProxyAccessLogFormat>,
    /// CEL expressions; an entry is written when any matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<String>,
    /// Where entries are written (`null` is read as empty).
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sinks: Vec<ProxyAccessLogSink>,
    /// The emitting component; both listeners and routes when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<ProxyAccessLogType>,
}

/// Reads a list that Go may have written as `null`.
fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

crate::string_enum! {
    /// The kind of access log format (`ProxyAccessLogFormatType`).
    pub enum ProxyAccessLogFormatType {
        /// Envoy command operators in a text line.
        Text = "Text",
        /// A JSON object.
        Json = "JSON",
    }
}

/// An access log format (`ProxyAccessLogFormat`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyAccessLogFormat {
    /// The kind of format.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<ProxyAccessLogFormatType>,
    /// The text format (Envoy command operators), for `Text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The attributes of the JSON format, for `JSON`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub json: BTreeMap<String, String>,
}

crate::string_enum! {
    /// The kind of access log sink (`ProxyAccessLogSinkType`).
    pub enum ProxyAccessLogSinkType {
        /// The gRPC Access Log Service.
        Als = "ALS",
        /// A file.
        File = "File",
        /// An OpenTelemetry collector.
        OpenTelemetry = "OpenTelemetry",
    }
}

/// Where access log entries are written (`ProxyAccessLogSink`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyAccessLogSink {
    /// The kind of sink.
    #[serde(rename = "type")]
    pub type_: ProxyAccessLogSinkType,
    /// The gRPC Access Log Service sink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub als: Option<AlsEnvoyProxyAccessLog>,
    /// The file sink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileEnvoyProxyAccessLog>,
    /// The OpenTelemetry sink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_telemetry: Option<OpenTelemetryEnvoyProxyAccessLog>,
}

/// A file access log sink (`FileEnvoyProxyAccessLog`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileEnvoyProxyAccessLog {
    /// The file path, e.g. `/dev/stdout`.
    pub path: String,
}

crate::string_enum! {
    /// The kind of ALS access log (`ALSEnvoyProxyAccessLogType`).
    pub enum AlsEnvoyProxyAccessLogType {
        /// HTTP access logs.
        Http = "HTTP",
        /// TCP access logs.
        Tcp = "TCP",
    }
}

/// A gRPC Access Log Service sink (`ALSEnvoyProxyAccessLog`); the first three fields are the inlined
/// `BackendCluster`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AlsEnvoyProxyAccessLog {
    /// The service (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The service's backends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
    /// The log name sent in `StreamAccessLogsMessage.Identifier`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_name: Option<String>,
    /// The kind of access log.
    #[serde(rename = "type")]
    pub type_: AlsEnvoyProxyAccessLogType,
    /// Settings of HTTP access logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<AlsEnvoyProxyHttpAccessLogConfig>,
}

/// Extra data of HTTP access logs sent to an ALS (`ALSEnvoyProxyHTTPAccessLogConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AlsEnvoyProxyHttpAccessLogConfig {
    /// Request headers included in entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<String>,
    /// Response headers included in entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_headers: Vec<String>,
    /// Response trailers included in entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_trailers: Vec<String>,
}

/// An OpenTelemetry access log sink (`OpenTelemetryEnvoyProxyAccessLog`); the first three fields are the
/// inlined `BackendCluster`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpenTelemetryEnvoyProxyAccessLog {
    /// The collector (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The collector's backends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
    /// The collector's host name (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The collector's port; 4317 when unset (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// Labels describing the source of entries (deprecated: use `resourceAttributes`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resources: BTreeMap<String, String>,
    /// Resource attributes describing the source of entries.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_attributes: BTreeMap<String, String>,
    /// Extra headers sent with OTLP export requests (gRPC initial metadata).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HttpHeader>,
}

crate::envoy_gateway::cluster::impl_backend_cluster!(AlsEnvoyProxyAccessLog);
crate::envoy_gateway::cluster::impl_backend_cluster!(OpenTelemetryEnvoyProxyAccessLog);
