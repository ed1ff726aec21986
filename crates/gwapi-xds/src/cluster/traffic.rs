//! What a route's traffic settings (and the fleet's metrics and health check log) change on its cluster.

use envoy_types::pb::envoy::config::cluster::v3::{
    Cluster, TrackClusterStats, cluster::CommonLbConfig,
};
use envoy_types::pb::envoy::config::core::v3::TcpKeepalive;
use envoy_types::pb::envoy::config::core::v3::health_check::HealthChecker;
use envoy_types::pb::envoy::r#type::v3::Percent;
use gwapi_ir::ir::DestinationSetting;

use super::{ClusterArgs, circuit_breaker, health, least_request, protocol};
use crate::context::Context;
use crate::wkt::uint32;

/// Envoy's default healthy panic threshold (percent); the reference leaves it unset.
const DEFAULT_PANIC_THRESHOLD: u32 = 50;

/// Applies the traffic settings of `args` to `cluster`.
pub(super) fn apply(
    cluster: &mut Cluster,
    ctx: &Context<'_>,
    settings: &[DestinationSetting],
    args: &ClusterArgs<'_>,
) {
    if let Some(connect) = args
        .traffic
        .and_then(|t| t.timeout.as_ref())
        .and_then(|t| t.tcp.as_ref())
        .and_then(|t| t.connect_timeout.as_ref())
    {
        cluster.connect_timeout = Some(crate::wkt::duration(connect));
    }
    cluster.circuit_breakers = Some(circuit_breaker::circuit_breakers(
        args.traffic.and_then(|t| t.circuit_breaker.as_ref()),
    ));
    if let Some(prefer_local) = settings.iter().find_map(|s| s.prefer_local.as_ref()) {
        cluster.load_balancing_policy = Some(least_request(Some(prefer_local)));
    }
    if let Some(limit) = args
        .traffic
        .and_then(|t| t.backend_connection.as_ref())
        .and_then(|c| c.buffer_limit)
        .and_then(|b| u32::try_from(b).ok())
    {
        cluster.per_connection_buffer_limit_bytes = Some(uint32(limit));
    }
    if let Some(threshold) = args
        .traffic
        .and_then(|t| t.health_check.as_ref())
        .and_then(|h| h.panic_threshold)
        .filter(|t| *t != DEFAULT_PANIC_THRESHOLD)
    {
        cluster.common_lb_config = Some(CommonLbConfig {
            healthy_panic_threshold: Some(Percent {
                value: f64::from(threshold),
            }),
            ..CommonLbConfig::default()
        });
    }
    if let Some(check) = args.traffic.and_then(|t| t.health_check.as_ref()) {
        cluster.health_checks = check
            .active
            .iter()
            .map(|a| health::active(a, ctx.health_check_log))
            .collect();
        // An HTTP health check with no host uses the route's hostname, when it names one host.
        if let Some(hostname) = args.hostname.filter(|h| !h.is_empty() && !h.contains('*')) {
            for check in &mut cluster.health_checks {
                if let Some(HealthChecker::HttpHealthCheck(http)) = &mut check.health_checker
                    && http.host.is_empty()
                {
                    hostname.clone_into(&mut http.host);
                }
            }
        }
        cluster.outlier_detection = check.passive.as_ref().map(health::outlier_detection);
    }
    if let Some(options) = protocol::options(settings, args) {
        cluster
            .typed_extension_protocol_options
            .insert(protocol::KEY.to_owned(), options);
    }
    if let Some(metrics) = ctx.metrics
        && (metrics.enable_per_endpoint_stats || metrics.enable_request_response_sizes_stats)
    {
        cluster.track_cluster_stats = Some(TrackClusterStats {
            per_endpoint_stats: metrics.enable_per_endpoint_stats,
            request_response_sizes: metrics.enable_request_response_sizes_stats,
            ..TrackClusterStats::default()
        });
    }
    if let Some(policy) = args
        .traffic
        .and_then(|t| t.load_balancer.as_ref())
        .and_then(super::load_balancer::policy_of)
    {
        cluster.load_balancing_policy = Some(policy);
    }
    if let Some(keepalive) = args.traffic.and_then(|t| t.tcp_keepalive.as_ref()) {
        cluster.upstream_connection_options = Some(
            envoy_types::pb::envoy::config::cluster::v3::UpstreamConnectionOptions {
                tcp_keepalive: Some(TcpKeepalive {
                    keepalive_probes: keepalive.probes.map(uint32),
                    keepalive_time: keepalive.idle_time.map(uint32),
                    keepalive_interval: keepalive.interval.map(uint32),
                }),
                ..Default::default()
            },
        );
    }
}
