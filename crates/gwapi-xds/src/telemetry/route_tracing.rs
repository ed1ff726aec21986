//! Per-route tracing: the sampling fractions and span tags a policy sets on one route.

use envoy_types::pb::envoy::config::route::v3::Tracing;
use envoy_types::pb::envoy::r#type::tracing::v3::{CustomTag, custom_tag};
use gwapi_ir::ir::HttpRoute;

use crate::listener::tracing::custom_tag;
use crate::telemetry::otel_sampler::fraction;

/// The tracing overrides of `route`, if it has any.
pub(crate) fn tracing(route: &HttpRoute) -> Option<Tracing> {
    let tracing = route
        .traffic
        .as_ref()?
        .telemetry
        .as_ref()?
        .tracing
        .as_ref()?;
    let tags = tracing.tags.iter().map(|t| CustomTag {
        tag: t.key.clone(),
        r#type: Some(custom_tag::Type::Value(t.value.clone())),
    });
    Some(Tracing {
        client_sampling: tracing
            .client_sampling_fraction
            .as_ref()
            .map(|f| fraction(Some(f))),
        random_sampling: tracing
            .sampling_fraction
            .as_ref()
            .map(|f| fraction(Some(f))),
        overall_sampling: tracing
            .overall_sampling_fraction
            .as_ref()
            .map(|f| fraction(Some(f))),
        custom_tags: tracing
            .custom_tags
            .iter()
            .map(custom_tag)
            .chain(tags)
            .collect(),
        ..Tracing::default()
    })
}
