//! Clusters of dynamic resolver backends: `envoy.clusters.dynamic_forward_proxy`, which connects to
//! whatever host the request (or the TLS server name) names, resolved through a DNS cache shared by
//! every cluster with the same DNS settings.

use envoy_types::pb::envoy::config::cluster::v3::{
    Cluster, LoadBalancingPolicy,
    cluster::{ClusterDiscoveryType, CustomClusterType},
    load_balancing_policy::Policy,
};
use envoy_types::pb::envoy::config::core::v3::{TypedExtensionConfig, UpstreamHttpProtocolOptions};
use envoy_types::pb::envoy::extensions::clusters::dynamic_forward_proxy::v3::{
    ClusterConfig, cluster_config::ClusterImplementationSpecifier,
};
use envoy_types::pb::envoy::extensions::common::dynamic_forward_proxy::v3::DnsCacheConfig;
use envoy_types::pb::envoy::extensions::load_balancing_policies::cluster_provided::v3::ClusterProvided;
use envoy_types::pb::envoy::extensions::upstreams::http::v3::HttpProtocolOptions;
use gwapi_ir::ir::{DestinationSetting, Dns};
use prost::Message;

use crate::any::pack;
use crate::wkt::{duration, seconds};

/// The type URL key of the upstream HTTP protocol options.
const HTTP_PROTOCOL_OPTIONS: &str = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

/// How often cached hosts are resolved again when the backend settings do not say.
const DEFAULT_REFRESH_SECONDS: i64 = 30;

/// Whether `settings` are those of a dynamic resolver backend.
pub(crate) fn is_dynamic(settings: &[DestinationSetting]) -> bool {
    settings.iter().any(|s| s.is_dynamic_resolver)
}

/// The DNS cache of dynamic resolver backends with the DNS settings `dns`; its name identifies the
/// settings (`envoy-gateway-dfp-cache-<family>-<refresh>ms-<policy>`), so that backends with the same
/// settings share one cache.
pub(crate) fn dns_cache(dns: Option<&Dns>) -> DnsCacheConfig {
    let (_, family) = super::dns_family(dns.and_then(|d| d.lookup_family));
    let refresh = dns
        .and_then(|d| d.dns_refresh_rate.as_ref())
        .map_or_else(|| seconds(DEFAULT_REFRESH_SECONDS), duration);
    let millis = refresh.seconds * 1000 + i64::from(refresh.nanos / 1_000_000);
    let source = dns
        .map(|d| d.name.as_str())
        .filter(|n| !n.is_empty())
        .unwrap_or("default");
    DnsCacheConfig {
        name: format!(
            "envoy-gateway-dfp-cache-{}-{millis}ms-{source}",
            family.as_str_name().to_ascii_lowercase()
        ),
        dns_lookup_family: family.into(),
        dns_refresh_rate: Some(refresh),
        ..DnsCacheConfig::default()
    }
}

/// Turns `cluster` (built for `settings`) into a dynamic forward proxy cluster: no endpoints, the
/// cluster picks the host, and TLS (when the backend uses it) verifies the host it connects to.
pub(crate) fn convert(cluster: &mut Cluster, settings: &[DestinationSetting], dns: Option<&Dns>) {
    let (_, family) = super::dns_family(dns.and_then(|d| d.lookup_family));
    let config = ClusterConfig {
        cluster_implementation_specifier: Some(ClusterImplementationSpecifier::DnsCacheConfig(
            dns_cache(dns),
        )),
        ..ClusterConfig::default()
    };
    cluster.cluster_discovery_type = Some(ClusterDiscoveryType::ClusterType(CustomClusterType {
        name: "envoy.clusters.dynamic_forward_proxy".to_owned(),
        typed_config: Some(pack(&config)),
    }));
    cluster.dns_lookup_family = family.into();
    cluster.load_assignment = None;
    cluster.eds_cluster_config = None;
    cluster.load_balancing_policy = Some(LoadBalancingPolicy {
        policies: vec![Policy {
            typed_extension_config: Some(TypedExtensionConfig {
                name: "envoy.load_balancing_policies.cluster_provided".to_owned(),
                typed_config: Some(pack(&ClusterProvided::default())),
            }),
        }],
    });
    cluster.transport_socket_matches.clear();
    cluster.transport_socket = settings
        .iter()
        .find_map(|s| s.tls.as_ref())
        .map(|tls| super::tls::upstream(tls, false));
    if cluster.transport_socket.is_some() {
        verify_requested_host(cluster);
    }
}

/// Sets SNI and certificate verification from the host each request names.
fn verify_requested_host(cluster: &mut Cluster) {
    let mut options = cluster
        .typed_extension_protocol_options
        .get(HTTP_PROTOCOL_OPTIONS)
        .and_then(|any| HttpProtocolOptions::decode(any.value.as_slice()).ok())
        .unwrap_or_default();
    options.upstream_http_protocol_options = Some(UpstreamHttpProtocolOptions {
        auto_sni: true,
        auto_san_validation: true,
        ..UpstreamHttpProtocolOptions::default()
    });
    cluster
        .typed_extension_protocol_options
        .insert(HTTP_PROTOCOL_OPTIONS.to_owned(), pack(&options));
}
