//! Per-route telemetry overrides: tracing sampling and tags, route stat names.

use serde::{Deserialize, Serialize};

/// Telemetry settings of a route's backend traffic (EG's `ir.BackendTelemetry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackendTelemetry {
    /// Tracing of the route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing: Option<RouteTracing>,
    /// Metrics of the route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<RouteMetrics>,
}

/// Tracing settings of a route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteTracing {
    /// The share of requests traced (random sampling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_fraction: Option<SamplingFraction>,
    /// The share of requests traced when the client forces tracing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_sampling_fraction: Option<SamplingFraction>,
    /// The share of requests traced after all other decisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_sampling_fraction: Option<SamplingFraction>,
    /// Tags added to spans, from typed sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_tags: Vec<TracingCustomTag>,
    /// Tags added to spans, as command operator formats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TracingTag>,
    /// Span names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span_name: Option<SpanName>,
}

/// A fraction `numerator / denominator`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SamplingFraction {
    /// The numerator.
    #[serde(default)]
    pub numerator: u32,
    /// The denominator (100 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u32>,
}

/// A span tag with a typed source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TracingCustomTag {
    /// The tag name.
    pub key: String,
    /// Where the value comes from.
    pub value: CustomTagSource,
}

/// Where a custom tag value comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCustomTagSource", into = "RawCustomTagSource")]
pub enum CustomTagSource {
    /// A fixed value (`type: Literal`).
    Literal(LiteralTag),
    /// An environment variable (`type: Environment`).
    Environment(NamedTagSource),
    /// A request header (`type: RequestHeader`).
    RequestHeader(NamedTagSource),
}

/// A fixed tag value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiteralTag {
    /// The value.
    pub value: String,
}

/// A tag value read from a named environment variable or request header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedTagSource {
    /// The variable or header name.
    pub name: String,
    /// The value when it is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
}

/// A span tag as a command operator format (`%REQ(x-id)%`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TracingTag {
    /// The tag name.
    pub key: String,
    /// The value format.
    #[serde(default)]
    pub value: String,
}

/// Span names of the route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpanName {
    /// The name of server spans (format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// The name of client (upstream) spans (format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
}

/// Metrics settings of a route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteMetrics {
    /// The stat prefix of the route (a format with `%ROUTE_NAME%`-style operators).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_stat_name: Option<String>,
}

/// The wire shape of [`CustomTagSource`]: `type` names which of the sibling objects is set.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCustomTagSource {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    literal: Option<LiteralTag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    environment: Option<NamedTagSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    request_header: Option<NamedTagSource>,
}

impl TryFrom<RawCustomTagSource> for CustomTagSource {
    type Error = String;

    fn try_from(raw: RawCustomTagSource) -> Result<Self, Self::Error> {
        match (
            raw.kind.as_str(),
            raw.literal,
            raw.environment,
            raw.request_header,
        ) {
            ("Literal", Some(literal), None, None) => Ok(Self::Literal(literal)),
            ("Environment", None, Some(env), None) => Ok(Self::Environment(env)),
            ("RequestHeader", None, None, Some(header)) => Ok(Self::RequestHeader(header)),
            (kind, ..) => Err(format!(
                "a custom tag of type {kind:?} needs exactly its matching field"
            )),
        }
    }
}

impl From<CustomTagSource> for RawCustomTagSource {
    fn from(source: CustomTagSource) -> Self {
        match source {
            CustomTagSource::Literal(literal) => Self {
                kind: "Literal".into(),
                literal: Some(literal),
                ..Self::default()
            },
            CustomTagSource::Environment(env) => Self {
                kind: "Environment".into(),
                environment: Some(env),
                ..Self::default()
            },
            CustomTagSource::RequestHeader(header) => Self {
                kind: "RequestHeader".into(),
                request_header: Some(header),
                ..Self::default()
            },
        }
    }
}
