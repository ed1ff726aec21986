//! Access logs of the proxy fleet (from EnvoyProxy `telemetry.accessLog`); each sink becomes an
//! `access_log` entry of the listeners, routes or upstream clusters selected by its log type.

use serde::{Deserialize, Serialize};

use crate::ir::RouteDestination;
use crate::ir::TelemetryAttribute;
use crate::ir::TelemetryHeader;

/// The access log sinks (`ir.AccessLog`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessLog {
    /// Text lines written to files (`envoy.access_loggers.file` with `text_format_source`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<TextAccessLog>,
    /// JSON objects written to files (`envoy.access_loggers.file` with `json_format`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub json: Vec<JsonAccessLog>,
    /// gRPC access log services (`envoy.access_loggers.http_grpc` / `tcp_grpc`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub als: Vec<AlsAccessLog>,
    /// OpenTelemetry collectors (`envoy.access_loggers.open_telemetry`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_telemetry: Vec<OpenTelemetryAccessLog>,
}

/// Which entries a sink logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccessLogType {
    /// Listener entries (`Listener.access_log`), including connections that match no route.
    Listener,
    /// Route entries (the HTTP connection manager's, TCP proxy's or UDP proxy's `access_log`).
    Route,
    /// Upstream entries (the router filter's `upstream_log`).
    Upstream,
}

/// A text access log written to a file (`ir.TextAccessLog`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextAccessLog {
    /// CEL expressions, all of which an entry must satisfy to be logged (`envoy.access_loggers.filters.cel`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cel_matches: Vec<String>,
    /// Which entries are logged; `None` logs listener and route entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_type: Option<AccessLogType>,
    /// The line format with Envoy format operators; `None` uses EG's default format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The file, e.g. `/dev/stdout`.
    #[serde(default)]
    pub path: String,
}

/// A JSON access log written to a file (`ir.JSONAccessLog`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonAccessLog {
    /// CEL expressions, all of which an entry must satisfy to be logged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cel_matches: Vec<String>,
    /// Which entries are logged; `None` logs listener and route entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_type: Option<AccessLogType>,
    /// The fields of each object; empty uses EG's default fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub json: Vec<TelemetryAttribute>,
    /// The file, e.g. `/dev/stdout`.
    #[serde(default)]
    pub path: String,
}

/// Which gRPC access log stream an [`AlsAccessLog`] uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AlsAccessLogType {
    /// HTTP entries (`envoy.access_loggers.http_grpc`, `StreamAccessLogsMessage.http_logs`).
    #[serde(rename = "HTTP")]
    Http,
    /// TCP entries (`envoy.access_loggers.tcp_grpc`, `StreamAccessLogsMessage.tcp_logs`).
    #[serde(rename = "TCP")]
    Tcp,
}

/// A gRPC access log service sink (`ir.ALSAccessLog`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlsAccessLog {
    /// CEL expressions, all of which an entry must satisfy to be logged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cel_matches: Vec<String>,
    /// Which entries are logged; `None` logs listener and route entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_type: Option<AccessLogType>,
    /// The log name sent to the service (`common_config.log_name`).
    #[serde(default)]
    pub name: String,
    /// The backend of the service.
    pub destination: RouteDestination,
    /// Traffic settings of the connection to the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<crate::ir::TrafficFeatures>,
    /// The stream used.
    #[serde(rename = "type")]
    pub als_type: AlsAccessLogType,
    /// A text rendering of the entry added as a filter state object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Custom tags of each entry (`common_config.custom_tags`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<TelemetryAttribute>,
    /// Extra HTTP data logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<AlsAccessLogHttp>,
}

/// The headers and trailers an HTTP gRPC access log records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlsAccessLogHttp {
    /// Request headers (`additional_request_headers_to_log`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<String>,
    /// Response headers (`additional_response_headers_to_log`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_headers: Vec<String>,
    /// Response trailers (`additional_response_trailers_to_log`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_trailers: Vec<String>,
}

/// An OpenTelemetry collector sink (`ir.OpenTelemetryAccessLog`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenTelemetryAccessLog {
    /// CEL expressions, all of which an entry must satisfy to be logged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cel_matches: Vec<String>,
    /// Which entries are logged; `None` logs listener and route entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_type: Option<AccessLogType>,
    /// The `:authority` of the gRPC export calls.
    #[serde(default)]
    pub authority: String,
    /// The log body with Envoy format operators (`body.string_value`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Attributes of each entry (`attributes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<TelemetryAttribute>,
    /// Attributes of the resource (`resource_attributes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_attributes: Vec<TelemetryAttribute>,
    /// The backend of the collector.
    pub destination: RouteDestination,
    /// Traffic settings of the connection to the collector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<crate::ir::TrafficFeatures>,
    /// Headers sent with every export (`grpc_service.initial_metadata`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<TelemetryHeader>,
}
