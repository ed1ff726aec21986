//! Tracing of the proxies (`ProxyTracing`): sampling, tags and the provider (OpenTelemetry, Zipkin, Datadog).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::{ClusterSettings, CustomTag, EgBackendRef, TracingSpanName};
use crate::gateway_api::{BackendObjectReference, Fraction, HttpHeader};

/// Tracing settings (`ProxyTracing`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyTracing {
    /// The fraction of requests traced when no earlier decision exists; takes precedence over
    /// `samplingRate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_fraction: Option<Fraction>,
    /// The fraction of requests traced when the client asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_sampling_fraction: Option<Fraction>,
    /// The fraction of requests traced after all other sampling checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_sampling_fraction: Option<Fraction>,
    /// Tags added to each span, by name (deprecated: use `tags`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_tags: BTreeMap<String, CustomTag>,
    /// Tags added to each span, by name; values may use command operators.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// The names of the spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span_name: Option<TracingSpanName>,
    /// The percentage of requests traced when no earlier decision exists; 100 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_rate: Option<u32>,
    /// The tracing provider.
    pub provider: TracingProvider,
}

crate::string_enum! {
    /// A tracing provider (`TracingProviderType`).
    pub enum TracingProviderType {
        /// OpenTelemetry (the default).
        OpenTelemetry = "OpenTelemetry",
        /// Zipkin.
        Zipkin = "Zipkin",
        /// Datadog.
        Datadog = "Datadog",
    }
}

/// A tracing provider (`TracingProvider`); the first three fields are the inlined `BackendCluster`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TracingProvider {
    /// The collector (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The collector's backends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
    /// The provider; `OpenTelemetry` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<TracingProviderType>,
    /// The collector's host name (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The collector's port; 4317 when unset (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The service name reported in traces; the Gateway's name when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    /// Zipkin settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zipkin: Option<ZipkinTracingProvider>,
    /// OpenTelemetry settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_telemetry: Option<OpenTelemetryTracingProvider>,
}

/// Zipkin settings (`ZipkinTracingProvider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ZipkinTracingProvider {
    /// Whether new traces get 128-bit trace IDs.
    #[serde(
        default,
        rename = "enable128BitTraceId",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_128_bit_trace_id: Option<bool>,
    /// Whether client and server spans stop sharing a span context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_shared_span_context: Option<bool>,
}

/// OpenTelemetry settings (`OpenTelemetryTracingProvider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpenTelemetryTracingProvider {
    /// Extra headers sent with OTLP export requests (gRPC initial metadata).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HttpHeader>,
    /// Resource attributes describing the source of traces.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_attributes: BTreeMap<String, String>,
    /// Which spans are exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampler: Option<OTelSampler>,
}

crate::string_enum! {
    /// An OpenTelemetry sampler (`OTelSamplerType`).
    pub enum OTelSamplerType {
        /// Export every span (the default).
        AlwaysOn = "AlwaysOn",
        /// Drop every span.
        AlwaysOff = "AlwaysOff",
        /// Export a percentage of spans by trace ID.
        TraceIdRatio = "TraceIdRatio",
        /// Follow the parent's decision, else export.
        ParentBasedAlwaysOn = "ParentBasedAlwaysOn",
        /// Follow the parent's decision, else drop.
        ParentBasedAlwaysOff = "ParentBasedAlwaysOff",
        /// Follow the parent's decision, else sample by trace ID.
        ParentBasedTraceIdRatio = "ParentBasedTraceIdRatio",
    }
}

/// The OpenTelemetry sampler (`OTelSampler`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OTelSampler {
    /// The sampler; `AlwaysOn` when unset.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<OTelSamplerType>,
    /// The sampled percentage, for the ratio samplers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_percentage: Option<Fraction>,
}

crate::envoy_gateway::cluster::impl_backend_cluster!(TracingProvider);
