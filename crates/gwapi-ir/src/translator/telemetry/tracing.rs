//! EnvoyProxy `telemetry.tracing` as the fleet's tracing IR: sampling rates (percentages), span tags,
//! the service name, and the provider's collector as a destination.

use gwapi_model::envoy_gateway::{
    CustomTag as ApiCustomTag, CustomTagType, OTelSamplerType, ProxyTracing,
    TracingProviderType as ApiProviderType,
};
use gwapi_model::gateway_api::Fraction;

use super::destination::{self, SinkOwner};
use crate::ir::{
    CustomTag, CustomTagValue, OpenTelemetryTracing, OtelSampler, OtelSamplerType,
    SamplingFraction, TelemetryHeader, Tracing, TracingBackendRef, TracingProvider,
    TracingProviderType, TracingSpanName, ZipkinTracing,
};
use crate::translator::context::Context;

/// The name of the tracing collector's destination.
const DESTINATION: &str = "tracing";

/// The tracing of a fleet; `service_name` is the default service name (the Gateway's
/// `<name>.<namespace>`, or the class when gateways are merged).
pub(super) fn translate(
    ctx: &Context<'_>,
    owner: SinkOwner<'_>,
    tracing: &ProxyTracing,
    service_name: String,
) -> Result<Tracing, String> {
    let provider = &tracing.provider;
    let (destination, authority) = destination::collector(
        ctx,
        owner,
        DESTINATION,
        provider,
        provider.host.as_deref(),
        provider.port,
    )?;
    let sampling_rate = match (&tracing.sampling_fraction, tracing.sampling_rate) {
        (Some(f), _) => percent(f),
        (None, Some(rate)) => f64::from(rate),
        (None, None) => 100.0,
    };
    Ok(Tracing {
        service_name: provider.service_name.clone().unwrap_or(service_name),
        authority,
        sampling_rate,
        client_sampling_rate: tracing.client_sampling_fraction.as_ref().map(percent),
        overall_sampling_rate: tracing.overall_sampling_fraction.as_ref().map(percent),
        custom_tags: custom_tags(tracing),
        destination: Some(destination),
        traffic: destination::traffic(provider)?,
        provider: ir_provider(tracing),
        span_name: tracing.span_name.as_ref().map(|s| TracingSpanName {
            server: s.server.clone(),
            client: s.client.clone(),
        }),
        ..Tracing::default()
    })
}

/// A fraction as a percentage (denominator 100 when absent).
fn percent(f: &Fraction) -> f64 {
    let denominator = f.denominator.unwrap_or(100);
    if denominator == 0 {
        return 0.0;
    }
    f64::from(f.numerator) / f64::from(denominator) * 100.0
}

/// The span tags: `customTags`, overridden by `tags` of the same name.
fn custom_tags(tracing: &ProxyTracing) -> Vec<CustomTag> {
    let mut tags: std::collections::BTreeMap<String, CustomTagValue> = tracing
        .custom_tags
        .iter()
        .map(|(key, tag)| (key.clone(), tag_value(tag)))
        .collect();
    for (key, value) in &tracing.tags {
        tags.insert(
            key.clone(),
            CustomTagValue::Literal {
                value: value.clone(),
            },
        );
    }
    tags.into_iter()
        .map(|(key, value)| CustomTag { key, value })
        .collect()
}

/// Where the value of a span tag comes from (a literal when the type is unset).
pub(crate) fn tag_value(tag: &ApiCustomTag) -> CustomTagValue {
    match tag.type_ {
        Some(CustomTagType::Environment) => CustomTagValue::Environment {
            name: tag
                .environment
                .as_ref()
                .map(|e| e.name.clone())
                .unwrap_or_default(),
            default_value: tag
                .environment
                .as_ref()
                .and_then(|e| e.default_value.clone()),
        },
        Some(CustomTagType::RequestHeader) => CustomTagValue::RequestHeader {
            name: tag
                .request_header
                .as_ref()
                .map(|h| h.name.clone())
                .unwrap_or_default(),
            default_value: tag
                .request_header
                .as_ref()
                .and_then(|h| h.default_value.clone()),
        },
        _ => CustomTagValue::Literal {
            value: tag
                .literal
                .as_ref()
                .map(|l| l.value.clone())
                .unwrap_or_default(),
        },
    }
}

/// The provider as configured, copied into the IR.
fn ir_provider(tracing: &ProxyTracing) -> TracingProvider {
    let p = &tracing.provider;
    TracingProvider {
        provider_type: p.type_.as_ref().map(|t| match t {
            ApiProviderType::OpenTelemetry => TracingProviderType::OpenTelemetry,
            ApiProviderType::Zipkin => TracingProviderType::Zipkin,
            ApiProviderType::Datadog => TracingProviderType::Datadog,
            ApiProviderType::Unknown(other) => TracingProviderType::Other(other.clone()),
        }),
        host: p.host.clone(),
        port: p.port.and_then(|port| u32::try_from(port).ok()),
        backend_refs: p
            .backend_refs
            .iter()
            .map(|r| TracingBackendRef {
                group: r.group.clone(),
                kind: r.kind.clone(),
                name: r.name.clone(),
                namespace: r.namespace.clone(),
                port: r.port.and_then(|port| u32::try_from(port).ok()),
                weight: r.weight.and_then(|w| u32::try_from(w).ok()),
                fallback: r.fallback,
            })
            .collect(),
        backend_settings: p.backend_settings.clone(),
        zipkin: p.zipkin.as_ref().map(|z| ZipkinTracing {
            enable_128bit_trace_id: z.enable_128_bit_trace_id,
            disable_shared_span_context: z.disable_shared_span_context,
        }),
        open_telemetry: p.open_telemetry.as_ref().map(|o| OpenTelemetryTracing {
            headers: o
                .headers
                .iter()
                .map(|h| TelemetryHeader {
                    name: h.name.clone(),
                    value: h.value.clone(),
                })
                .collect(),
            resource_attributes: o.resource_attributes.clone(),
            sampler: o.sampler.as_ref().map(|s| OtelSampler {
                sampler_type: sampler_type(s.type_.as_ref()),
                sampling_percentage: s.sampling_percentage.as_ref().map(|f| SamplingFraction {
                    numerator: u32::try_from(f.numerator).unwrap_or_default(),
                    denominator: f.denominator.and_then(|d| u32::try_from(d).ok()),
                }),
            }),
        }),
    }
}

fn sampler_type(t: Option<&OTelSamplerType>) -> OtelSamplerType {
    match t {
        Some(OTelSamplerType::AlwaysOff) => OtelSamplerType::AlwaysOff,
        Some(OTelSamplerType::TraceIdRatio) => OtelSamplerType::TraceIdRatio,
        Some(OTelSamplerType::ParentBasedAlwaysOn) => OtelSamplerType::ParentBasedAlwaysOn,
        Some(OTelSamplerType::ParentBasedAlwaysOff) => OtelSamplerType::ParentBasedAlwaysOff,
        Some(OTelSamplerType::ParentBasedTraceIdRatio) => OtelSamplerType::ParentBasedTraceIdRatio,
        _ => OtelSamplerType::AlwaysOn,
    }
}
