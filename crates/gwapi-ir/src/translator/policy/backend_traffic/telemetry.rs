//! `telemetry`: per-route tracing (sampling, span tags, span names) and the route's stat name.

use gwapi_model::envoy_gateway::BackendTelemetry;
use gwapi_model::gateway_api::Fraction;

use crate::ir::{
    BackendTelemetry as IrTelemetry, CustomTag, HttpRoute, RouteMetrics, RouteTracing,
    SamplingFraction, TracingSpanName, TracingTag,
};
use crate::translator::telemetry::tracing::tag_value;

/// The IR telemetry of a policy's `telemetry`.
pub(crate) fn convert(t: Option<&BackendTelemetry>) -> Option<IrTelemetry> {
    let t = t?;
    Some(IrTelemetry {
        tracing: t.tracing.as_ref().map(|tr| RouteTracing {
            sampling_fraction: tr.sampling_fraction.as_ref().map(fraction),
            client_sampling_fraction: tr.client_sampling_fraction.as_ref().map(fraction),
            overall_sampling_fraction: tr.overall_sampling_fraction.as_ref().map(fraction),
            custom_tags: tr
                .custom_tags
                .iter()
                .map(|(key, tag)| CustomTag {
                    key: key.clone(),
                    value: tag_value(tag),
                })
                .collect(),
            tags: tr
                .tags
                .iter()
                .map(|(key, value)| TracingTag {
                    key: key.clone(),
                    value: value.clone(),
                })
                .collect(),
            span_name: tr.span_name.as_ref().map(|s| TracingSpanName {
                server: s.server.clone(),
                client: s.client.clone(),
            }),
        }),
        metrics: t.metrics.as_ref().map(|m| RouteMetrics {
            route_stat_name: m.route_stat_name.clone(),
        }),
    })
}

fn fraction(f: &Fraction) -> SamplingFraction {
    SamplingFraction {
        numerator: u32::try_from(f.numerator).unwrap_or_default(),
        denominator: f.denominator.and_then(|d| u32::try_from(d).ok()),
    }
}

/// Sets the route's stat name from the telemetry's `routeStatName` template (`%ROUTE_KIND%`,
/// `%ROUTE_NAMESPACE%`, `%ROUTE_NAME%`, `%ROUTE_RULE_NAME%`).
pub(crate) fn apply_stat_name(t: &IrTelemetry, route: &mut HttpRoute) {
    let Some(template) = t
        .metrics
        .as_ref()
        .and_then(|m| m.route_stat_name.as_deref())
    else {
        return;
    };
    let Some(meta) = route.metadata.as_ref() else {
        return;
    };
    route.stat_name = Some(
        template
            .replace("%ROUTE_KIND%", &meta.kind)
            .replace("%ROUTE_NAMESPACE%", &meta.namespace)
            .replace("%ROUTE_NAME%", &meta.name)
            .replace("%ROUTE_RULE_NAME%", &meta.section_name),
    );
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::BackendTelemetry;

    use super::convert;

    #[test]
    fn tags_sorted_by_key() {
        let t: BackendTelemetry = serde_norway::from_str(
            "tracing:\n  samplingFraction: {numerator: 1, denominator: 100}\n  customTags:\n    \
             b: {type: Literal, literal: {value: v}}\n    a: {type: Environment, environment: {name: E}}\n  \
             tags: {z: '%REQ(x)%'}\n",
        )
        .unwrap();
        let v = serde_json::to_value(convert(Some(&t)).unwrap()).unwrap();
        assert_eq!(v["tracing"]["customTags"][0]["key"], "a");
        assert_eq!(
            v["tracing"]["tags"][0],
            serde_json::json!({"key": "z", "value": "%REQ(x)%"})
        );
        assert_eq!(
            v["tracing"]["samplingFraction"],
            serde_json::json!({"numerator": 1, "denominator": 100})
        );
    }
}
