//! Tracing of the proxy fleet (from EnvoyProxy `telemetry.tracing`); becomes the `tracing` of every HTTP
//! connection manager, with a provider cluster for the collector.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::ir::RouteDestination;
use crate::ir::{TelemetryAttribute, TelemetryHeader};

/// The tracing configuration (`ir.Tracing`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tracing {
    /// The service name reported (`<gateway>.<namespace>` or the EnvoyProxy's `serviceName`).
    #[serde(default)]
    pub service_name: String,
    /// The `:authority` of the gRPC export calls.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub authority: String,
    /// The percentage of requests traced (`random_sampling`).
    #[serde(default, serialize_with = "serialize_percent")]
    pub sampling_rate: f64,
    /// The percentage of requests with `x-client-trace-id` traced (`client_sampling`).
    #[serde(
        default,
        serialize_with = "serialize_optional_percent",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_sampling_rate: Option<f64>,
    /// The percentage of all requests traced, applied after the others (`overall_sampling`).
    #[serde(
        default,
        serialize_with = "serialize_optional_percent",
        skip_serializing_if = "Option::is_none"
    )]
    pub overall_sampling_rate: Option<f64>,
    /// Tags added to every span (`custom_tags`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_tags: Vec<CustomTag>,
    /// The backend of the collector; `None` when it could not be resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<RouteDestination>,
    /// Traffic settings of the connection to the collector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<crate::ir::TrafficFeatures>,
    /// The provider, as configured on the EnvoyProxy.
    #[serde(default)]
    pub provider: TracingProvider,
    /// Headers sent with every export (OpenTelemetry `grpc_service.initial_metadata`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<TelemetryHeader>,
    /// Attributes of the resource (OpenTelemetry `resource_detectors` static config).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_attributes: Vec<TelemetryAttribute>,
    /// Span names replacing Envoy's defaults (`operation` / `upstream_operation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span_name: Option<TracingSpanName>,
}

/// Writes a percentage as an integer when it is whole (`100`, not `100.0`), as Go does.
#[allow(clippy::trivially_copy_pass_by_ref, clippy::cast_possible_truncation)]
fn serialize_percent<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

/// [`serialize_percent`] of a present value.
#[allow(clippy::ref_option)]
fn serialize_optional_percent<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serialize_percent(value, s),
        None => s.serialize_none(),
    }
}

/// A tag added to every span.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomTag {
    /// The tag name.
    #[serde(default)]
    pub key: String,
    /// Where the value comes from.
    #[serde(default)]
    pub value: CustomTagValue,
}

/// Where the value of a [`CustomTag`] comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCustomTagValue", into = "RawCustomTagValue")]
pub enum CustomTagValue {
    /// A fixed value (`literal`).
    Literal {
        /// The value.
        value: String,
    },
    /// An environment variable of the proxy (`environment`).
    Environment {
        /// The variable name.
        name: String,
        /// The value when the variable is not set.
        default_value: Option<String>,
    },
    /// A request header (`request_header`).
    RequestHeader {
        /// The header name.
        name: String,
        /// The value when the header is absent.
        default_value: Option<String>,
    },
}

impl Default for CustomTagValue {
    /// An empty literal.
    fn default() -> Self {
        Self::Literal {
            value: String::new(),
        }
    }
}

/// The kind of a [`CustomTagValue`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum CustomTagType {
    Literal,
    Environment,
    RequestHeader,
}

/// The wire form of [`CustomTagValue`]: a type and one sibling per type.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCustomTagValue {
    #[serde(rename = "type")]
    tag_type: CustomTagType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    literal: Option<RawLiteralTag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    environment: Option<RawNamedTag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    request_header: Option<RawNamedTag>,
}

/// The wire form of a literal tag.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct RawLiteralTag {
    #[serde(default)]
    value: String,
}

/// The wire form of an environment or request header tag.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawNamedTag {
    #[serde(default)]
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_value: Option<String>,
}

impl TryFrom<RawCustomTagValue> for CustomTagValue {
    type Error = String;

    fn try_from(raw: RawCustomTagValue) -> Result<Self, Self::Error> {
        match raw.tag_type {
            CustomTagType::Literal => raw
                .literal
                .map(|l| Self::Literal { value: l.value })
                .ok_or_else(|| "custom tag of type Literal without literal".to_owned()),
            CustomTagType::Environment => raw
                .environment
                .map(|e| Self::Environment {
                    name: e.name,
                    default_value: e.default_value,
                })
                .ok_or_else(|| "custom tag of type Environment without environment".to_owned()),
            CustomTagType::RequestHeader => raw
                .request_header
                .map(|h| Self::RequestHeader {
                    name: h.name,
                    default_value: h.default_value,
                })
                .ok_or_else(|| "custom tag of type RequestHeader without requestHeader".to_owned()),
        }
    }
}

impl From<CustomTagValue> for RawCustomTagValue {
    fn from(value: CustomTagValue) -> Self {
        let mut raw = Self {
            tag_type: CustomTagType::Literal,
            literal: None,
            environment: None,
            request_header: None,
        };
        match value {
            CustomTagValue::Literal { value } => raw.literal = Some(RawLiteralTag { value }),
            CustomTagValue::Environment {
                name,
                default_value,
            } => {
                raw.tag_type = CustomTagType::Environment;
                raw.environment = Some(RawNamedTag {
                    name,
                    default_value,
                });
            }
            CustomTagValue::RequestHeader {
                name,
                default_value,
            } => {
                raw.tag_type = CustomTagType::RequestHeader;
                raw.request_header = Some(RawNamedTag {
                    name,
                    default_value,
                });
            }
        }
        raw
    }
}

/// Span names replacing Envoy's defaults; may use Envoy format operators.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TracingSpanName {
    /// The name of the downstream (server) span (`operation`).
    #[serde(default)]
    pub server: String,
    /// The name of the upstream (client) span (`upstream_operation`).
    #[serde(default)]
    pub client: String,
}

/// The tracing provider as configured on the EnvoyProxy (`TracingProvider` of the API, copied into the
/// IR); the IR's `destination` and `traffic` carry the translated backend.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TracingProvider {
    /// The provider; `None` when not given (EG then rejects the tracing configuration).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub provider_type: Option<TracingProviderType>,
    /// The collector host (deprecated in favour of `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The collector port (deprecated in favour of `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// The collector backends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<TracingBackendRef>,
    /// The settings of the connection to the collector, as written on the EnvoyProxy; their translation is
    /// in [`Tracing::traffic`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<gwapi_model::envoy_gateway::ClusterSettings>,
    /// Zipkin options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zipkin: Option<ZipkinTracing>,
    /// OpenTelemetry options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_telemetry: Option<OpenTelemetryTracing>,
}

/// A tracing provider (`envoy.tracers.*`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum TracingProviderType {
    /// `envoy.tracers.opentelemetry`.
    #[default]
    OpenTelemetry,
    /// `envoy.tracers.zipkin`.
    Zipkin,
    /// `envoy.tracers.datadog`.
    Datadog,
    /// A provider EG does not know; kept as written.
    Other(String),
}

impl From<String> for TracingProviderType {
    fn from(name: String) -> Self {
        match name.as_str() {
            "OpenTelemetry" => Self::OpenTelemetry,
            "Zipkin" => Self::Zipkin,
            "Datadog" => Self::Datadog,
            _ => Self::Other(name),
        }
    }
}

impl From<TracingProviderType> for String {
    fn from(provider: TracingProviderType) -> Self {
        match provider {
            TracingProviderType::OpenTelemetry => "OpenTelemetry".to_owned(),
            TracingProviderType::Zipkin => "Zipkin".to_owned(),
            TracingProviderType::Datadog => "Datadog".to_owned(),
            TracingProviderType::Other(name) => name,
        }
    }
}

/// A collector backend of a [`TracingProvider`] (`BackendRef` of the API).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TracingBackendRef {
    /// The API group of the referent; empty for the core group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The kind of the referent; `None` means `Service`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The name of the referent.
    #[serde(default)]
    pub name: String,
    /// The namespace of the referent; `None` is the EnvoyProxy's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The port of the referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// The relative weight of the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    /// Whether the backend is used only when the others are unhealthy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<bool>,
}

/// Zipkin options (`ZipkinConfig`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZipkinTracing {
    /// Whether trace IDs are 128-bit (`trace_id_128bit`).
    #[serde(
        default,
        rename = "enable128BitTraceId",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_128bit_trace_id: Option<bool>,
    /// Whether client and server spans get separate contexts (`shared_span_context: false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_shared_span_context: Option<bool>,
}

/// OpenTelemetry options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenTelemetryTracing {
    /// Headers sent with every export.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<TelemetryHeader>,
    /// Attributes of the resource.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_attributes: BTreeMap<String, String>,
    /// The sampler (`OTEL_TRACES_SAMPLER`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampler: Option<OtelSampler>,
}

/// An OpenTelemetry sampler.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtelSampler {
    /// The sampler.
    #[serde(rename = "type")]
    pub sampler_type: OtelSamplerType,
    /// The fraction of traces sampled by the ratio samplers; `None` samples all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_percentage: Option<SamplingFraction>,
}

/// An OpenTelemetry sampler type (`OTEL_TRACES_SAMPLER`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OtelSamplerType {
    /// Every span.
    AlwaysOn,
    /// No span.
    AlwaysOff,
    /// A fraction of traces by trace ID.
    TraceIdRatio,
    /// The parent's decision, else every span.
    ParentBasedAlwaysOn,
    /// The parent's decision, else no span.
    ParentBasedAlwaysOff,
    /// The parent's decision, else a fraction by trace ID.
    ParentBasedTraceIdRatio,
}

/// A fraction `numerator / denominator` (denominator 100 when absent).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SamplingFraction {
    /// The numerator.
    #[serde(default)]
    pub numerator: u32,
    /// The denominator; `None` means 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u32>,
}
