//! Tracing on HTTP connection managers: sampling, custom tags and the provider (OpenTelemetry), whose
//! collector gets its own cluster.

use envoy_types::pb::envoy::config::core::v3::{
    GrpcService, HeaderValue, grpc_service::EnvoyGrpc,
    grpc_service::TargetSpecifier,
};
use envoy_types::pb::envoy::config::trace::v3::{
    DatadogConfig, OpenTelemetryConfig, ZipkinConfig, tracing::Http, tracing::http,
    zipkin_config::CollectorEndpointVersion,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::http_connection_manager::Tracing as HcmTracing;
use envoy_types::pb::envoy::r#type::tracing::v3::{CustomTag, custom_tag};
use envoy_types::pb::envoy::r#type::v3::Percent;
use gwapi_ir::ir::{CustomTagValue, Tracing, TracingProviderType};

use crate::any::pack;
use crate::wkt::boolean;
use crate::{Error, Result};

/// Envoy's name of the OpenTelemetry tracer.
const OPENTELEMETRY: &str = "envoy.tracers.opentelemetry";
/// Envoy Gateway's name of the Zipkin tracer.
const ZIPKIN: &str = "envoy.traces.zipkin";
/// Envoy's name of the Datadog tracer.
const DATADOG: &str = "envoy.tracers.datadog";
/// The Zipkin v2 span collection path.
const ZIPKIN_ENDPOINT: &str = "/api/v2/spans";

/// The tracing configuration of every HTTP connection manager, `Ok(None)` for a provider not translated
/// yet, an error for a provider type that does not exist.
pub(crate) fn hcm_tracing(tracing: &Tracing) -> Result<Option<HcmTracing>> {
    let provider = match &tracing.provider.provider_type {
        None | Some(TracingProviderType::OpenTelemetry) => opentelemetry(tracing),
        Some(TracingProviderType::Other(name)) => {
            return Err(Error::Unsupported(format!(
                "unknown tracing provider type: {name}"
            )));
        }
        Some(TracingProviderType::Zipkin) => zipkin(tracing),
        Some(TracingProviderType::Datadog) => datadog(tracing),
    };
    Ok(Some(HcmTracing {
        client_sampling: Some(percent(tracing.client_sampling_rate.unwrap_or(0.0))),
        random_sampling: Some(percent(tracing.sampling_rate)),
        overall_sampling: Some(percent(tracing.overall_sampling_rate.unwrap_or(100.0))),
        custom_tags: tracing.custom_tags.iter().map(custom_tag).collect(),
        provider: Some(provider),
        spawn_upstream_span: Some(boolean(true)),
        ..HcmTracing::default()
    }))
}

/// The collector cluster of `tracing`.
fn collector(tracing: &Tracing) -> String {
    tracing
        .destination
        .as_ref()
        .map(|d| crate::names::cluster(&d.name))
        .unwrap_or_default()
}

/// The Zipkin tracer: spans posted as JSON to the collector's v2 API.
fn zipkin(tracing: &Tracing) -> Http {
    let options = tracing.provider.zipkin.as_ref();
    let config = ZipkinConfig {
        collector_cluster: collector(tracing),
        collector_endpoint: ZIPKIN_ENDPOINT.to_owned(),
        trace_id_128bit: options
            .and_then(|z| z.enable_128bit_trace_id)
            .unwrap_or(false),
        shared_span_context: Some(boolean(
            !options
                .and_then(|z| z.disable_shared_span_context)
                .unwrap_or(false),
        )),
        collector_endpoint_version: CollectorEndpointVersion::HttpJson.into(),
        ..ZipkinConfig::default()
    };
    Http {
        name: ZIPKIN.to_owned(),
        config_type: Some(http::ConfigType::TypedConfig(pack(&config))),
    }
}

/// The Datadog tracer, reporting to the agent's cluster.
fn datadog(tracing: &Tracing) -> Http {
    let config = DatadogConfig {
        collector_cluster: collector(tracing),
        service_name: tracing.service_name.clone(),
        ..DatadogConfig::default()
    };
    Http {
        name: DATADOG.to_owned(),
        config_type: Some(http::ConfigType::TypedConfig(pack(&config))),
    }
}

fn percent(value: f64) -> Percent {
    Percent { value }
}

fn opentelemetry(tracing: &Tracing) -> Http {
    let cluster = tracing
        .destination
        .as_ref()
        .map(|d| crate::names::cluster(&d.name))
        .unwrap_or_default();
    let otel = tracing.provider.open_telemetry.as_ref();
    let sampler = otel
        .and_then(|o| o.sampler.as_ref())
        .map(crate::telemetry::otel_sampler::sampler);
    let attributes: Vec<_> = if tracing.resource_attributes.is_empty() {
        otel.iter()
            .flat_map(|o| o.resource_attributes.iter())
            .map(|(key, value)| gwapi_ir::ir::TelemetryAttribute {
                key: key.clone(),
                value: value.clone(),
            })
            .collect()
    } else {
        tracing.resource_attributes.clone()
    };
    let config = OpenTelemetryConfig {
        grpc_service: Some(GrpcService {
            target_specifier: Some(TargetSpecifier::EnvoyGrpc(EnvoyGrpc {
                cluster_name: cluster,
                authority: tracing.authority.clone(),
                ..EnvoyGrpc::default()
            })),
            initial_metadata: tracing
                .headers
                .iter()
                .chain(
                    tracing
                        .provider
                        .open_telemetry
                        .iter()
                        .flat_map(|o| o.headers.iter()),
                )
                .map(|h| HeaderValue {
                    key: h.name.clone(),
                    value: h.value.clone(),
                    ..HeaderValue::default()
                })
                .collect(),
            ..GrpcService::default()
        }),
        service_name: tracing.service_name.clone(),
        resource_detectors: crate::telemetry::otel_sampler::resource_detector(&attributes)
            .into_iter()
            .collect(),
        sampler,
        ..OpenTelemetryConfig::default()
    };
    Http {
        name: OPENTELEMETRY.to_owned(),
        config_type: Some(http::ConfigType::TypedConfig(pack(&config))),
    }
}

pub(crate) fn custom_tag(tag: &gwapi_ir::ir::CustomTag) -> CustomTag {
    let kind = match &tag.value {
        CustomTagValue::Literal { value } => custom_tag::Type::Literal(custom_tag::Literal {
            value: value.clone(),
        }),
        CustomTagValue::Environment {
            name,
            default_value,
        } => custom_tag::Type::Environment(custom_tag::Environment {
            name: name.clone(),
            default_value: default_value.clone().unwrap_or_default(),
        }),
        CustomTagValue::RequestHeader {
            name,
            default_value,
        } => custom_tag::Type::RequestHeader(custom_tag::Header {
            name: name.clone(),
            default_value: default_value.clone().unwrap_or_default(),
        }),
    };
    CustomTag {
        tag: tag.key.clone(),
        r#type: Some(kind),
    }
}
