//! Route actions: forward to a cluster (or weighted clusters), redirect, or respond directly.

use envoy_types::pb::envoy::config::route::v3::{
    RouteAction, WeightedCluster,
    route::Action,
    route_action::{ClusterNotFoundResponseCode, ClusterSpecifier},
    weighted_cluster::{ClusterWeight, RandomValueSpecifier},
};
use gwapi_ir::ir::{DestinationSetting, HttpListener, HttpRoute, Protocol, RouteDestination};

use crate::names;
use crate::route::{headers, rewrite, timeout};
use crate::wkt::uint32;

/// The action of `route`.
pub(crate) fn action(route: &HttpRoute, listener: &HttpListener) -> Action {
    if let Some(response) = &route.direct_response {
        return Action::DirectResponse(rewrite::direct_response(response));
    }
    if let Some(redirect) = &route.redirect {
        return Action::Redirect(rewrite::redirect(redirect, route.path_match.as_ref()));
    }
    let mut action = RouteAction {
        upgrade_configs: crate::route::upgrade::configs(route),
        ..RouteAction::default()
    };
    match &route.destination {
        Some(d) if needs_cluster_per_setting(d) => weighted(&mut action, d),
        Some(d) => {
            action.cluster_specifier = Some(ClusterSpecifier::Cluster(target_cluster(d)));
        }
        None => {}
    }
    if let Some(rewrite) = &route.url_rewrite {
        rewrite::url_rewrite(&mut action, rewrite, route.path_match.as_ref());
    }
    timeout::apply(&mut action, route, listener);
    action.hash_policy = crate::cluster::load_balancer::hash_policies(
        route
            .traffic
            .as_ref()
            .and_then(|t| t.load_balancer.as_ref()),
    );
    if let Some(ClusterSpecifier::WeightedClusters(weighted)) = &mut action.cluster_specifier
        && !action.hash_policy.is_empty()
    {
        weighted.random_value_specifier = Some(RandomValueSpecifier::UseHashPolicy(
            crate::wkt::boolean(true),
        ));
    }
    Action::Route(action)
}

/// The one cluster a destination that is not split goes to: its own, or the shared backend cluster it
/// refers to.
pub(crate) fn target_cluster(destination: &RouteDestination) -> String {
    match destination.backend_cluster_refs.as_slice() {
        [only] if destination.settings.is_empty() => names::cluster(&only.name),
        _ => names::cluster(&destination.name),
    }
}

/// Whether every setting of `destination` becomes its own cluster, weighted on the route: when settings
/// differ in address type or protocol, carry their own filters, route by zone, or some have no endpoints.
pub(crate) fn needs_cluster_per_setting(destination: &RouteDestination) -> bool {
    let settings = &destination.settings;
    let differ = |f: fn(&DestinationSetting) -> String| {
        settings
            .iter()
            .map(f)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 1
    };
    let refs = destination.backend_cluster_refs.len();
    (refs > 1 || (refs > 0 && !settings.is_empty()))
        || settings.iter().any(|s| s.filters.is_some())
        || (settings.len() > 1 && settings.iter().any(|s| s.prefer_local.is_some()))
        || differ(|s| format!("{:?}", s.address_type))
        // HTTPS is HTTP over the backend's TLS: one cluster holds both (TLS by socket match).
        || differ(|s| format!("{:?}", s.protocol.map(|p| if p == Protocol::Https { Protocol::Http } else { p })))
        || (settings.len() > 1 && settings.iter().any(is_empty))
}

fn is_empty(setting: &DestinationSetting) -> bool {
    setting.endpoints.is_empty() && !setting.is_dynamic_resolver
}

fn weighted(action: &mut RouteAction, destination: &RouteDestination) {
    let settings = &destination.settings;
    let invalid: u32 = settings
        .iter()
        .filter(|s| is_empty(s))
        .map(|s| s.weight.unwrap_or(1))
        .sum();
    let mut clusters = Vec::new();
    if invalid > 0 {
        clusters.push(ClusterWeight {
            name: names::INVALID_BACKEND_CLUSTER.to_owned(),
            weight: Some(uint32(invalid)),
            ..ClusterWeight::default()
        });
    }
    for setting in settings.iter().filter(|s| !is_empty(s)) {
        let filters = setting.filters.clone().unwrap_or_default();
        clusters.push(ClusterWeight {
            name: setting.name.clone(),
            weight: Some(uint32(setting.weight.unwrap_or(1))),
            request_headers_to_add: headers::options(&filters.add_request_headers),
            request_headers_to_remove: filters.remove_request_headers.clone(),
            response_headers_to_add: headers::options(&filters.add_response_headers),
            response_headers_to_remove: filters.remove_response_headers.clone(),
            host_rewrite_specifier: filters
                .url_rewrite
                .as_ref()
                .and_then(|r| r.host.as_ref())
                .map(|h| weighted_host(rewrite::host_rewrite(h))),
            ..ClusterWeight::default()
        });
    }
    for backend in &destination.backend_cluster_refs {
        clusters.push(ClusterWeight {
            name: names::cluster(&backend.name),
            weight: Some(uint32(backend.weight.unwrap_or(1))),
            ..ClusterWeight::default()
        });
    }
    if !settings.iter().any(|s| is_empty(s) && !s.invalid) {
        action.cluster_not_found_response_code =
            ClusterNotFoundResponseCode::InternalServerError.into();
    }
    action.cluster_specifier = Some(ClusterSpecifier::WeightedClusters(WeightedCluster {
        clusters,
        ..WeightedCluster::default()
    }));
}

fn weighted_host(
    host: envoy_types::pb::envoy::config::route::v3::route_action::HostRewriteSpecifier,
) -> envoy_types::pb::envoy::config::route::v3::weighted_cluster::cluster_weight::HostRewriteSpecifier
{
    use envoy_types::pb::envoy::config::route::v3::route_action::HostRewriteSpecifier as Route;
    use envoy_types::pb::envoy::config::route::v3::weighted_cluster::cluster_weight::HostRewriteSpecifier as Weighted;
    match host {
        Route::HostRewriteLiteral(h) => Weighted::HostRewriteLiteral(h),
        _ => Weighted::HostRewriteLiteral(String::new()),
    }
}
