//! EnvoyProxy `telemetry.metrics` as the fleet's metrics IR (statistics options) and the resolved
//! OpenTelemetry sinks of the infrastructure IR (the bootstrap's stats sinks).

use gwapi_model::envoy_gateway::{MetricSinkType, ProxyMetrics};

use super::destination::{self, SinkOwner};
use crate::ir::{Metrics, ResolvedMetricSink};
use crate::translator::context::Context;

/// The statistics options.
pub(super) fn options(metrics: &ProxyMetrics) -> Metrics {
    Metrics {
        enable_per_endpoint_stats: metrics.enable_per_endpoint_stats == Some(true),
        enable_request_response_sizes_stats: metrics.enable_request_response_sizes_stats
            == Some(true),
        enable_virtual_host_stats: metrics.enable_virtual_host_stats == Some(true),
    }
}

/// The OpenTelemetry sinks with their collectors resolved (`metrics_otel_<i>`).
pub(super) fn sinks(
    ctx: &Context<'_>,
    owner: SinkOwner<'_>,
    metrics: &ProxyMetrics,
) -> Result<Vec<ResolvedMetricSink>, String> {
    let mut out = Vec::new();
    for (i, sink) in metrics.sinks.iter().enumerate() {
        if !matches!(sink.type_, None | Some(MetricSinkType::OpenTelemetry)) {
            continue;
        }
        let Some(otel) = &sink.open_telemetry else {
            continue;
        };
        let name = format!("metrics_otel_{i}");
        let (destination, authority) =
            destination::collector(ctx, owner, &name, otel, otel.host.as_deref(), otel.port)?;
        out.push(ResolvedMetricSink {
            authority,
            destination,
        });
    }
    Ok(out)
}
