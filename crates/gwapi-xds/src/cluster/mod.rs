//! Clusters: one per route destination, EDS for IP endpoints, DNS for hostnames.

mod admission_control;
mod backend_utilization;
mod circuit_breaker;
mod credential_injection;
pub(crate) mod dynamic_forward_proxy;
mod health;
pub(crate) mod load_balancer;
mod protocol;
mod proxy_protocol;
pub(crate) use protocol::http2 as http2_options;
pub(crate) mod tls;
mod traffic;
pub(crate) mod uri;

use crate::wkt::{seconds, uint32};
use envoy_types::pb::envoy::config::cluster::v3::{
    CircuitBreakers, Cluster, LoadBalancingPolicy,
    circuit_breakers::Thresholds,
    cluster::{
        ClusterDiscoveryType, CommonLbConfig, CustomClusterType, DiscoveryType, DnsLookupFamily,
        EdsClusterConfig,
    },
    load_balancing_policy::Policy,
};
use envoy_types::pb::envoy::config::core::v3::{Http1ProtocolOptions, TypedExtensionConfig};
use envoy_types::pb::envoy::config::endpoint::v3::ClusterLoadAssignment;
use envoy_types::pb::envoy::extensions::clusters::common::dns::v3::DnsLookupFamily as DnsFamily;
use envoy_types::pb::envoy::extensions::clusters::dns::v3::DnsCluster;
use envoy_types::pb::envoy::extensions::load_balancing_policies::common::v3::{
    LocalityLbConfig, locality_lb_config::LocalityConfigSpecifier,
    locality_lb_config::LocalityWeightedLbConfig, locality_lb_config::ZoneAwareLbConfig,
    locality_lb_config::zone_aware_lb_config::ForceLocalZone,
};
use envoy_types::pb::envoy::extensions::load_balancing_policies::least_request::v3::LeastRequest;
use envoy_types::pb::google::protobuf::UInt64Value;
use gwapi_ir::ir::{
    AddressType, DestinationSetting, HealthChecker, PreferLocal, RouteDestination, TrafficFeatures,
};

use crate::any::pack;
use crate::config_source::ads;
use crate::context::Context;
use crate::endpoint::{EndpointHealth, load_assignment};
use crate::listener::DEFAULT_BUFFER_LIMIT;
use crate::names;

/// What a cluster takes from the listener and route it serves.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClusterArgs<'a> {
    /// The HTTP/1 options of the listener, passed on to upstream connections.
    pub http1: Option<Http1ProtocolOptions>,
    /// The route's traffic settings.
    pub traffic: Option<&'a TrafficFeatures>,
    /// The hostname of the route the cluster serves: the host of HTTP health checks that name none.
    pub hostname: Option<&'a str>,
    /// What the cluster serves.
    pub role: ClusterRole,
    /// Whether upstream connections use the downstream connection's protocol (`useClientProtocol`).
    pub use_client_protocol: bool,
}

/// What a cluster serves; the reference builds clusters slightly differently for each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum ClusterRole {
    /// An HTTP route (or mirror, tracing, access log destination).
    #[default]
    HttpRoute,
    /// A TCP route: the CA secret of a TLS backend comes before its client certificates, and endpoints
    /// without a TLS match get no failing socket.
    TcpRoute,
    /// An auxiliary service (authorization, identity provider, ...): no route carries its hash policy,
    /// so the cluster's protocol options do; CA secrets come first.
    Service,
}

/// Adds the cluster of `destination` (and its endpoints) unless it exists.
pub(crate) fn add_destination(
    ctx: &mut Context<'_>,
    destination: &RouteDestination,
    args: &ClusterArgs<'_>,
) {
    if !destination.backend_cluster_refs.is_empty() && destination.settings.is_empty() {
        // The destination only refers to shared backend clusters, added on their own.
        return;
    }
    if crate::route::needs_cluster_per_setting(destination) {
        for setting in &destination.settings {
            let settings = std::slice::from_ref(setting);
            add_cluster(ctx, &setting.name, settings, destination, args);
        }
    } else {
        let name = names::cluster(&destination.name);
        add_cluster(ctx, &name, &destination.settings, destination, args);
    }
}

/// Adds one cluster over every setting of `destination` (the way auxiliary services such as
/// authorization or processing backends are built: never split per setting), unless it exists.
pub(crate) fn add_service(
    ctx: &mut Context<'_>,
    destination: &RouteDestination,
    args: &ClusterArgs<'_>,
) {
    let name = names::cluster(&destination.name);
    let args = ClusterArgs {
        role: ClusterRole::Service,
        ..args.clone()
    };
    add_cluster(ctx, &name, &destination.settings, destination, &args);
}

fn add_cluster(
    ctx: &mut Context<'_>,
    name: &str,
    settings: &[DestinationSetting],
    destination: &RouteDestination,
    args: &ClusterArgs<'_>,
) {
    if ctx.has_cluster(name) {
        return;
    }
    let (cluster, assignment) = build(ctx, name, settings, destination, args);
    let mut tls_secrets: Vec<_> = settings
        .iter()
        .filter_map(|s| s.tls.as_ref())
        .flat_map(tls::secrets)
        .collect();
    if args.role != ClusterRole::HttpRoute {
        tls_secrets.sort_by_key(|s| !tls::is_ca(s));
    }
    let added = !ctx.has_cluster(&cluster.name);
    ctx.add_cluster(cluster, assignment);
    if added && ctx.has_cluster(name) {
        for secret in tls_secrets {
            // The reference shares client certificates and the system trust store, but keeps one
            // copy of an inline CA per TLS backend that names it.
            if tls::is_inline_ca(&secret) {
                ctx.add_secret(secret);
            } else {
                ctx.add_shared_secret(secret);
            }
        }
        for injection in credential_injection::of(settings) {
            ctx.add_shared_secret(credential_injection::credential_secret(injection));
        }
    }
}

/// The cluster `name` over `settings`, and its load assignment when it is fetched through EDS.
pub(crate) fn build(
    ctx: &Context<'_>,
    name: &str,
    settings: &[DestinationSetting],
    destination: &RouteDestination,
    args: &ClusterArgs<'_>,
) -> (Cluster, Option<ClusterLoadAssignment>) {
    let name = name.to_owned();
    let dns = settings
        .iter()
        .any(|s| s.address_type == Some(AddressType::Fqdn));
    let mut cluster = base(&name);
    cluster.metadata = crate::metadata::resource(destination.metadata.as_ref());
    cluster.alt_stat_name = destination.stat_name.clone().unwrap_or_default();
    traffic::apply(&mut cluster, ctx, settings, args);
    let active = args
        .traffic
        .and_then(|t| t.health_check.as_ref())
        .and_then(|h| h.active.as_ref());
    // An explicit health check host (not a wildcard) applies to every endpoint; otherwise each endpoint
    // is checked with its own hostname.
    let explicit_host = active
        .and_then(|a| a.checker.as_ref())
        .is_some_and(|c| matches!(c, HealthChecker::Http(http) if !http.host.is_empty() && !http.host.contains('*')));
    let health = EndpointHealth {
        active: active.is_some() && !explicit_host,
        port: active
            .and_then(|a| a.overrides.as_ref())
            .and_then(|o| o.port),
    };
    let mut assignment = load_assignment(&name, settings, health);
    for (index, setting) in settings.iter().enumerate() {
        let Some(tls) = &setting.tls else {
            continue;
        };
        let match_name = names::tls_socket_match(&name, index);
        cluster.transport_socket_matches.push(tls::socket_match(
            &match_name,
            tls,
            tls::auto_sni(settings),
        ));
        crate::endpoint::label_socket_match(&mut assignment, index, &match_name);
    }
    // Endpoints of a setting without TLS match no transport socket and go in plain text; only when
    // every setting uses TLS does an unmatched endpoint get the socket that always fails.
    if args.role != ClusterRole::TcpRoute
        && !cluster.transport_socket_matches.is_empty()
        && settings.iter().all(|s| s.tls.is_some())
    {
        cluster.transport_socket = Some(tls::dummy());
    }
    if let Some(proxy) = args.traffic.and_then(|t| t.proxy_protocol.as_ref()) {
        proxy_protocol::apply(&mut cluster, proxy);
    }
    if dynamic_forward_proxy::is_dynamic(settings) {
        let dns = args.traffic.and_then(|t| t.dns.as_ref());
        dynamic_forward_proxy::convert(&mut cluster, settings, dns);
        return (cluster, None);
    }
    if dns {
        let settings = args.traffic.and_then(|t| t.dns.as_ref());
        let (family, cluster_family) = dns_family(settings.and_then(|d| d.lookup_family));
        cluster.dns_lookup_family = cluster_family.into();
        cluster.cluster_discovery_type =
            Some(ClusterDiscoveryType::ClusterType(CustomClusterType {
                name: "envoy.cluster.dns".to_owned(),
                typed_config: Some(pack(&DnsCluster {
                    dns_lookup_family: family.into(),
                    dns_refresh_rate: Some(
                        settings
                            .and_then(|d| d.dns_refresh_rate.as_ref())
                            .map_or_else(|| seconds(30), crate::wkt::duration),
                    ),
                    respect_dns_ttl: settings.and_then(|d| d.respect_dns_ttl).unwrap_or(true),
                    ..DnsCluster::default()
                })),
            }));
        cluster.load_assignment = Some(assignment);
        (cluster, None)
    } else {
        cluster.cluster_discovery_type =
            Some(ClusterDiscoveryType::Type(DiscoveryType::Eds.into()));
        cluster.eds_cluster_config = Some(EdsClusterConfig {
            eds_config: Some(ads(false)),
            service_name: name,
        });
        (cluster, Some(assignment))
    }
}

/// The DNS lookup family of a DNS cluster (its typed config's, and the cluster's own field), IPv4
/// preferred unless the backend settings say otherwise.
fn dns_family(family: Option<gwapi_ir::ir::DnsLookupFamily>) -> (DnsFamily, DnsLookupFamily) {
    use gwapi_ir::ir::DnsLookupFamily as Ir;
    match family {
        None | Some(Ir::Ipv4Preferred) => (DnsFamily::V4Preferred, DnsLookupFamily::V4Preferred),
        Some(Ir::Ipv4) => (DnsFamily::V4Only, DnsLookupFamily::V4Only),
        Some(Ir::Ipv6) => (DnsFamily::V6Only, DnsLookupFamily::V6Only),
        Some(Ir::Ipv6Preferred) => (DnsFamily::Auto, DnsLookupFamily::Auto),
        Some(Ir::Ipv4AndIpv6) => (DnsFamily::All, DnsLookupFamily::All),
    }
}

/// Adds the cluster of the proxy fleet's own service, routed zone-aware (the fleet prefers its own zone).
pub(crate) fn add_proxy_service(ctx: &mut Context<'_>, service: &RouteDestination) {
    let mut service = service.clone();
    for setting in &mut service.settings {
        setting.prefer_local.get_or_insert(PreferLocal {
            force: None,
            min_endpoints_threshold: Some(1),
        });
    }
    let name = names::cluster(&service.name);
    add_cluster(
        ctx,
        &name,
        &service.settings,
        &service,
        &ClusterArgs::default(),
    );
}

/// Adds the shared backend clusters routes refer to.
pub(crate) fn add_backend_clusters(
    ctx: &mut Context<'_>,
    backends: &[gwapi_ir::ir::BackendCluster],
) {
    for backend in backends {
        let destination = RouteDestination {
            name: backend.name.clone(),
            settings: backend.setting.iter().cloned().collect(),
            metadata: backend.metadata.clone(),
            ..RouteDestination::default()
        };
        let args = ClusterArgs {
            traffic: backend.traffic.as_ref(),
            use_client_protocol: backend.use_client_protocol,
            ..ClusterArgs::default()
        };
        let name = names::cluster(&backend.name);
        add_cluster(ctx, &name, &destination.settings, &destination, &args);
    }
}

/// Adds the static cluster without endpoints that listeners without routes point to.
pub(crate) fn add_empty(ctx: &mut Context<'_>) {
    ctx.add_cluster(
        Cluster {
            name: names::EMPTY_CLUSTER.to_owned(),
            cluster_discovery_type: Some(ClusterDiscoveryType::Type(DiscoveryType::Static.into())),
            ..Cluster::default()
        },
        None,
    );
}

/// The settings every cluster shares.
fn base(name: &str) -> Cluster {
    Cluster {
        name: name.to_owned(),
        connect_timeout: Some(seconds(10)),
        per_connection_buffer_limit_bytes: Some(uint32(DEFAULT_BUFFER_LIMIT)),
        dns_lookup_family: DnsLookupFamily::V4Preferred.into(),
        common_lb_config: Some(CommonLbConfig::default()),
        ignore_health_on_host_removal: true,
        circuit_breakers: Some(CircuitBreakers {
            thresholds: vec![Thresholds {
                max_retries: Some(uint32(1024)),
                ..Thresholds::default()
            }],
            ..CircuitBreakers::default()
        }),
        load_balancing_policy: Some(least_request(None)),
        ..Cluster::default()
    }
}

pub(super) fn least_request(prefer_local: Option<&PreferLocal>) -> LoadBalancingPolicy {
    let locality = match prefer_local {
        Some(p) => LocalityConfigSpecifier::ZoneAwareLbConfig(ZoneAwareLbConfig {
            min_cluster_size: p.min_endpoints_threshold.map(|v| UInt64Value { value: v }),
            force_local_zone: p.force.as_ref().map(|f| ForceLocalZone {
                min_size: f.min_endpoints_in_zone_threshold.map(uint32),
            }),
            ..ZoneAwareLbConfig::default()
        }),
        None => LocalityConfigSpecifier::LocalityWeightedLbConfig(LocalityWeightedLbConfig {}),
    };
    let policy = LeastRequest {
        locality_lb_config: Some(LocalityLbConfig {
            locality_config_specifier: Some(locality),
        }),
        ..LeastRequest::default()
    };
    LoadBalancingPolicy {
        policies: vec![Policy {
            typed_extension_config: Some(TypedExtensionConfig {
                name: "envoy.load_balancing_policies.least_request".to_owned(),
                typed_config: Some(pack(&policy)),
            }),
        }],
    }
}
