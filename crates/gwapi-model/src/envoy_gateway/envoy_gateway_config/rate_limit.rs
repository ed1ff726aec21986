//! The global rate limit service deployed by Envoy Gateway (`RateLimit`).

use k8s_openapi::api::core::v1::SecretKeySelector;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;
use crate::gateway_api::SecretObjectReference;

/// The global rate limit service (`RateLimit`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimit {
    /// The database that stores the rate limit state.
    pub backend: RateLimitDatabaseBackend,
    /// How long the proxy waits for the service; 20ms when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
    /// Whether requests are rejected when the service cannot be reached.
    #[serde(default)]
    pub fail_closed: bool,
    /// Telemetry of the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telemetry: Option<RateLimitTelemetry>,
}

crate::string_enum! {
    /// The kind of rate limit database (`RateLimitDatabaseBackendType`).
    pub enum RateLimitDatabaseBackendType {
        /// Redis.
        Redis = "Redis",
    }
}

/// The database of the rate limit service (`RateLimitDatabaseBackend`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitDatabaseBackend {
    /// The kind of database.
    #[serde(rename = "type")]
    pub type_: RateLimitDatabaseBackendType,
    /// Redis settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redis: Option<RateLimitRedisSettings>,
}

/// How to connect to Redis (`RateLimitRedisSettings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitRedisSettings {
    /// The Redis URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A Secret key holding the Redis URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_ref: Option<RedisUrlSource>,
    /// TLS towards Redis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<RedisTlsSettings>,
}

/// Where the Redis URL comes from (`RedisURLSource`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RedisUrlSource {
    /// The Secret and key holding the URL.
    pub secret_key_ref: SecretKeySelector,
}

/// TLS towards Redis (`RedisTLSSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RedisTlsSettings {
    /// A Secret with the client certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_ref: Option<SecretObjectReference>,
}

/// Telemetry of the rate limit service (`RateLimitTelemetry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitTelemetry {
    /// Metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<RateLimitMetrics>,
    /// Traces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing: Option<RateLimitTracing>,
}

/// Metrics of the rate limit service (`RateLimitMetrics`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitMetrics {
    /// The Prometheus endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prometheus: Option<RateLimitMetricsPrometheusProvider>,
}

/// The Prometheus endpoint of the rate limit service (`RateLimitMetricsPrometheusProvider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitMetricsPrometheusProvider {
    /// Whether the endpoint is disabled.
    #[serde(default)]
    pub disable: bool,
}

/// Traces of the rate limit service (`RateLimitTracing`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitTracing {
    /// The percentage of requests traced when no earlier decision exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_rate: Option<u32>,
    /// The tracing provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<RateLimitTracingProvider>,
}

crate::string_enum! {
    /// A tracing provider of the rate limit service (`RateLimitTracingProviderType`).
    pub enum RateLimitTracingProviderType {
        /// OpenTelemetry.
        OpenTelemetry = "OpenTelemetry",
    }
}

/// The tracing provider of the rate limit service (`RateLimitTracingProvider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitTracingProvider {
    /// The provider; `OpenTelemetry` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<RateLimitTracingProviderType>,
    /// The OTLP endpoint of the collector.
    pub url: String,
}
