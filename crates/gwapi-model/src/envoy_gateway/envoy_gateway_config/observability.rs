//! Logging, the admin server and telemetry of the Envoy Gateway controller (`EnvoyGatewayLogging`,
//! `EnvoyGatewayAdmin`, `EnvoyGatewayTelemetry`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;
use crate::envoy_gateway::{LogLevel, MetricSinkType};
use crate::gateway_api::Fraction;

crate::string_enum! {
    /// A logging component of the controller (`EnvoyGatewayLogComponent`).
    pub enum EnvoyGatewayLogComponent {
        /// Every component without its own level.
        Default = "default",
        /// The provider runner.
        Provider = "provider",
        /// The Gateway API runner.
        GatewayApi = "gateway-api",
        /// The xDS translator runner.
        XdsTranslator = "xds-translator",
        /// The xDS server runner.
        XdsServer = "xds-server",
        /// The xDS runner.
        Xds = "xds",
        /// The infrastructure runner.
        Infrastructure = "infrastructure",
        /// The global rate limit runner.
        GlobalRatelimit = "global-ratelimit",
    }
}

crate::string_enum! {
    /// The log encoding of the controller (`EnvoyGatewayLogEncoder`).
    pub enum EnvoyGatewayLogEncoder {
        /// Text.
        Text = "Text",
        /// JSON.
        Json = "JSON",
    }
}

/// Log levels of the controller (`EnvoyGatewayLogging`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayLogging {
    /// The level of each component; `default: info` when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub level: BTreeMap<EnvoyGatewayLogComponent, LogLevel>,
    /// The log encoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoder: Option<EnvoyGatewayLogEncoder>,
}

/// The admin server of the controller (`EnvoyGatewayAdmin`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayAdmin {
    /// Where the admin server listens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<EnvoyGatewayAdminAddress>,
    /// Whether the configuration is dumped to the logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_dump_config: Option<bool>,
    /// Whether pprof is served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_pprof: Option<bool>,
}

/// Where the admin server listens (`EnvoyGatewayAdminAddress`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayAdminAddress {
    /// The port; 19000 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The host; `127.0.0.1` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

/// Telemetry of the controller (`EnvoyGatewayTelemetry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayTelemetry {
    /// Metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<EnvoyGatewayMetrics>,
    /// Traces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traces: Option<EnvoyGatewayTraces>,
}

/// Metrics of the controller (`EnvoyGatewayMetrics`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayMetrics {
    /// Where metrics are pushed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sinks: Vec<EnvoyGatewayMetricSink>,
    /// The Prometheus endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prometheus: Option<EnvoyGatewayPrometheusProvider>,
}

/// A metric sink of the controller (`EnvoyGatewayMetricSink`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayMetricSink {
    /// The kind of sink; `OpenTelemetry` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<MetricSinkType>,
    /// The OpenTelemetry sink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_telemetry: Option<EnvoyGatewayOpenTelemetrySink>,
}

/// The Prometheus endpoint of the controller (`EnvoyGatewayPrometheusProvider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayPrometheusProvider {
    /// Whether the endpoint is disabled.
    #[serde(default)]
    pub disable: bool,
}

crate::string_enum! {
    /// The kind of trace sink of the controller (`TraceSinkType`).
    pub enum TraceSinkType {
        /// An OpenTelemetry collector.
        OpenTelemetry = "OpenTelemetry",
    }
}

/// Traces of the controller (`EnvoyGatewayTraces`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayTraces {
    /// Where traces are sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sink: Option<EnvoyGatewayTraceSink>,
    /// The fraction of traces sampled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_rate: Option<Fraction>,
}

/// A trace sink of the controller (`EnvoyGatewayTraceSink`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayTraceSink {
    /// The kind of sink; `OpenTelemetry` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<TraceSinkType>,
    /// The OpenTelemetry sink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_telemetry: Option<EnvoyGatewayOpenTelemetrySink>,
}

/// An OpenTelemetry collector that the controller pushes to (`EnvoyGatewayOpenTelemetrySink`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGatewayOpenTelemetrySink {
    /// The collector's host name.
    pub host: String,
    /// The protocol: `grpc` or `http`.
    pub protocol: String,
    /// The collector's port; 4317 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The time between exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_interval: Option<Duration>,
    /// How long an export may take before it is cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_timeout: Option<Duration>,
}
