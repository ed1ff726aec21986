//! Envoy Gateway types that EnvoyProxy shares with BackendTrafficPolicy, the cluster settings and Backend
//! (`RoutingType`, `CustomTag`, `TracingSpanName`, `Compression`, `ProxyHealthCheckLog`, `FQDNEndpoint`,
//! `IPEndpoint`, `UnixSocket`). Helper B1 writes the same types in its own files; these copies exist only so
//! that this branch builds alone. When model-b1 is merged, delete this file and its `pub use` in
//! `envoy_proxy/mod.rs`, and import `RoutingType` in `envoy_proxy/mod.rs` from `crate::envoy_gateway`
//! (the other users already name them as `crate::envoy_gateway::X`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// How Envoy routes to a Kubernetes Service backend (`RoutingType`).
    pub enum RoutingType {
        /// To the Service's cluster IP.
        Service = "Service",
        /// To the Service's endpoints (the default).
        Endpoint = "Endpoint",
    }
}

crate::string_enum! {
    /// Where the value of a custom span tag comes from (`CustomTagType`).
    pub enum CustomTagType {
        /// A hard-coded value.
        Literal = "Literal",
        /// An environment variable of the proxy.
        Environment = "Environment",
        /// A request header.
        RequestHeader = "RequestHeader",
    }
}

/// A tag added to each span (`CustomTag`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomTag {
    /// Where the value comes from; defaults to `Literal`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<CustomTagType>,
    /// A hard-coded value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<LiteralCustomTag>,
    /// A value read from an environment variable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<EnvironmentCustomTag>,
    /// A value read from a request header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_header: Option<RequestHeaderCustomTag>,
}

/// A hard-coded span tag value (`LiteralCustomTag`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LiteralCustomTag {
    /// The value.
    pub value: String,
}

/// A span tag value read from an environment variable (`EnvironmentCustomTag`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentCustomTag {
    /// The environment variable.
    pub name: String,
    /// The value used when the variable is not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
}

/// A span tag value read from a request header (`RequestHeaderCustomTag`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestHeaderCustomTag {
    /// The request header.
    pub name: String,
    /// The value used when the header is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
}

/// The operation names of the spans (`TracingSpanName`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TracingSpanName {
    /// The operation name of the downstream span (a command operator expression).
    pub client: String,
    /// The operation name of the upstream span (a command operator expression).
    pub server: String,
}

crate::string_enum! {
    /// A compression library (`CompressorType`).
    pub enum CompressorType {
        /// gzip.
        Gzip = "Gzip",
        /// Brotli.
        Brotli = "Brotli",
        /// Zstandard.
        Zstd = "Zstd",
    }
}

/// Settings of the Brotli compressor; none yet (`BrotliCompressor`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BrotliCompressor {}

/// Settings of the gzip compressor; none yet (`GzipCompressor`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GzipCompressor {}

/// Settings of the Zstandard compressor; none yet (`ZstdCompressor`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ZstdCompressor {}

/// Response compression (`Compression`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Compression {
    /// The compressor to use.
    #[serde(rename = "type")]
    pub type_: CompressorType,
    /// Brotli settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brotli: Option<BrotliCompressor>,
    /// gzip settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gzip: Option<GzipCompressor>,
    /// Zstandard settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zstd: Option<ZstdCompressor>,
    /// The smallest response size, in bytes, that is compressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_content_length: Option<k8s_openapi::apimachinery::pkg::api::resource::Quantity>,
}

crate::string_enum! {
    /// Where health check events are written (`ProxyHealthCheckLogSinkType`).
    pub enum ProxyHealthCheckLogSinkType {
        /// As JSON to a local file.
        File = "File",
    }
}

crate::string_enum! {
    /// Which health check probe outcomes are logged (`ProxyHealthCheckLogEventType`).
    pub enum ProxyHealthCheckLogEventType {
        /// Every failed probe.
        Failure = "Failure",
        /// The first failed probe of a series.
        FailureSeriesStart = "FailureSeriesStart",
        /// Every successful probe.
        Success = "Success",
        /// The first successful probe after failures.
        HealthyTransition = "HealthyTransition",
    }
}

/// A file that health check events are written to as JSON (`FileEnvoyProxyHealthCheckLog`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileEnvoyProxyHealthCheckLog {
    /// The file path.
    pub path: String,
}

/// A destination of health check event logs (`ProxyHealthCheckLogSink`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyHealthCheckLogSink {
    /// The kind of sink.
    #[serde(rename = "type")]
    pub type_: ProxyHealthCheckLogSinkType,
    /// The file sink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileEnvoyProxyHealthCheckLog>,
}

/// Health check event logging (`ProxyHealthCheckLog`), for an `EnvoyProxy` or one active health check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyHealthCheckLog {
    /// Where events are written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sinks: Vec<ProxyHealthCheckLogSink>,
    /// Which probe outcomes produce a log entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<ProxyHealthCheckLogEventType>,
}

/// A backend endpoint by DNS name (`FQDNEndpoint`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FqdnEndpoint {
    /// The fully qualified host name.
    pub hostname: String,
    /// The port.
    pub port: i32,
}

/// A backend endpoint by IP address (`IPEndpoint`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IpEndpoint {
    /// The IPv4 or IPv6 address.
    pub address: String,
    /// The port.
    pub port: i32,
}

/// A backend endpoint on a Unix domain socket (`UnixSocket`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnixSocket {
    /// The socket path.
    pub path: String,
}
