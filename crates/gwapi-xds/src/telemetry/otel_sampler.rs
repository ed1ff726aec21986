//! OpenTelemetry tracer samplers and resource detectors.

use envoy_types::pb::envoy::config::core::v3::TypedExtensionConfig;
use envoy_types::pb::envoy::extensions::tracers::opentelemetry::resource_detectors::v3::StaticConfigResourceDetectorConfig;
use envoy_types::pb::envoy::extensions::tracers::opentelemetry::samplers::v3::{
    AlwaysOnSamplerConfig, ParentBasedSamplerConfig, TraceIdRatioBasedSamplerConfig,
};
use envoy_types::pb::envoy::r#type::v3::{FractionalPercent, fractional_percent::DenominatorType};
use gwapi_ir::ir::{OtelSampler, OtelSamplerType, SamplingFraction, TelemetryAttribute};

use crate::any::pack;

/// Envoy's name of the always-on sampler.
const ALWAYS_ON: &str = "envoy.tracers.opentelemetry.samplers.always_on";
/// Envoy's name of the trace-ID ratio sampler.
const TRACE_ID_RATIO: &str = "envoy.tracers.opentelemetry.samplers.trace_id_ratio_based";
/// Envoy's name of the parent-based sampler.
const PARENT_BASED: &str = "envoy.tracers.opentelemetry.samplers.parent_based";
/// Envoy's name of the static resource detector.
const STATIC_DETECTOR: &str = "envoy.tracers.opentelemetry.resource_detectors.static_config";

pub(crate) fn fraction(f: Option<&SamplingFraction>) -> FractionalPercent {
    let numerator = f.map_or(0, |f| f.numerator);
    let (numerator, denominator) = match f.and_then(|f| f.denominator) {
        None | Some(100) => (numerator, DenominatorType::Hundred),
        Some(10_000) => (numerator, DenominatorType::TenThousand),
        Some(1_000_000) => (numerator, DenominatorType::Million),
        Some(0) => (0, DenominatorType::Hundred),
        Some(d) => {
            let scaled = u64::from(numerator) * 1_000_000 / u64::from(d);
            (
                u32::try_from(scaled).unwrap_or(u32::MAX),
                DenominatorType::Million,
            )
        }
    };
    FractionalPercent {
        numerator,
        denominator: denominator.into(),
    }
}

fn always_on() -> TypedExtensionConfig {
    TypedExtensionConfig {
        name: ALWAYS_ON.to_owned(),
        typed_config: Some(pack(&AlwaysOnSamplerConfig {})),
    }
}

fn ratio(percentage: FractionalPercent) -> TypedExtensionConfig {
    TypedExtensionConfig {
        name: TRACE_ID_RATIO.to_owned(),
        typed_config: Some(pack(&TraceIdRatioBasedSamplerConfig {
            sampling_percentage: Some(percentage),
        })),
    }
}

fn parent_based(wrapped: TypedExtensionConfig) -> TypedExtensionConfig {
    TypedExtensionConfig {
        name: PARENT_BASED.to_owned(),
        typed_config: Some(pack(&ParentBasedSamplerConfig {
            wrapped_sampler: Some(wrapped),
        })),
    }
}

/// The sampler of the tracer (always-off samples no trace: a ratio of zero).
pub(crate) fn sampler(sampler: &OtelSampler) -> TypedExtensionConfig {
    let off = || ratio(fraction(None));
    let percentage = || ratio(fraction(sampler.sampling_percentage.as_ref()));
    match sampler.sampler_type {
        OtelSamplerType::AlwaysOn => always_on(),
        OtelSamplerType::AlwaysOff => off(),
        OtelSamplerType::TraceIdRatio => percentage(),
        OtelSamplerType::ParentBasedAlwaysOn => parent_based(always_on()),
        OtelSamplerType::ParentBasedAlwaysOff => parent_based(off()),
        OtelSamplerType::ParentBasedTraceIdRatio => parent_based(percentage()),
    }
}

/// The static resource detector carrying `attributes`, if there are any.
pub(crate) fn resource_detector(attributes: &[TelemetryAttribute]) -> Option<TypedExtensionConfig> {
    (!attributes.is_empty()).then(|| TypedExtensionConfig {
        name: STATIC_DETECTOR.to_owned(),
        typed_config: Some(pack(&StaticConfigResourceDetectorConfig {
            attributes: attributes
                .iter()
                .map(|a| (a.key.clone(), a.value.clone()))
                .collect(),
        })),
    })
}
