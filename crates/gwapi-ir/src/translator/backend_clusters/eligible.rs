//! Which backends of a route may move to a shared cluster: plain backends (a Service, ServiceImport
//! or Backend with resolved endpoints) without per-backend filters, that receive traffic, and that
//! the EnvoyProxy's `mergeBackends.selector` selects.

use gwapi_model::envoy_gateway::MergeBackendsConfig;
use gwapi_model::resource::{ObjectKey, ResourceKind};

use crate::ir::{
    DestinationFilters, DestinationSetting, HttpRoute, LoadBalancingPolicy, RouteDestination,
};
use crate::translator::context::Context;
use crate::translator::gateway::listener_selector_matches;

/// The kinds of backends that can share a cluster.
const MERGEABLE_KINDS: &[&str] = &["Service", "ServiceImport", "Backend"];

/// Whether `setting` may use a shared cluster.
pub(super) fn setting_mergeable(
    ctx: &Context<'_>,
    config: &MergeBackendsConfig,
    setting: &DestinationSetting,
) -> bool {
    let Some(meta) = setting.metadata.as_ref() else {
        return false;
    };
    let plain = !setting.invalid
        && !setting.is_dynamic_resolver
        && !setting.is_custom_backend
        && setting.weight != Some(0)
        && setting.protocol.is_some()
        && setting
            .filters
            .as_ref()
            .is_none_or(|f| *f == DestinationFilters::default());
    plain && MERGEABLE_KINDS.contains(&meta.kind.as_str()) && selected(ctx, config, meta)
}

/// Whether the backend object of `meta` matches the selector (every backend when there is none).
fn selected(
    ctx: &Context<'_>,
    config: &MergeBackendsConfig,
    meta: &crate::ir::ResourceMetadata,
) -> bool {
    let Some(selector) = config.selector.as_ref() else {
        return true;
    };
    let Some(kind) = ResourceKind::from_kind(&meta.kind) else {
        return false;
    };
    let key = ObjectKey {
        kind,
        namespace: meta.namespace.clone(),
        name: meta.name.clone(),
    };
    let labels = ctx
        .snapshot
        .get(&key)
        .and_then(|r| r.metadata().labels.clone())
        .unwrap_or_default();
    listener_selector_matches(selector, &labels)
}

/// Whether the backends of an HTTP route may leave its own cluster at all: the route forwards (no
/// direct response), has no fallback backends (priorities only hold within one cluster), and does
/// not pin clients to endpoints across several backends (session persistence or consistent hashing
/// only hold within one cluster either).
pub(super) fn route_mergeable(route: &HttpRoute) -> bool {
    let Some(destination) = route.destination.as_ref() else {
        return false;
    };
    if !destinations_mergeable(destination) {
        return false;
    }
    let pinned = route.session_persistence.is_some()
        || route
            .traffic
            .as_ref()
            .and_then(|t| t.load_balancer.as_ref())
            .is_some_and(|lb| matches!(lb.policy, Some(LoadBalancingPolicy::ConsistentHash(_))));
    route.direct_response.is_none() && !(pinned && destination.settings.len() > 1)
}

/// Whether the backends of a destination may be split over clusters: none is a fallback of another.
pub(super) fn destinations_mergeable(destination: &RouteDestination) -> bool {
    destination
        .settings
        .iter()
        .all(|s| s.priority.unwrap_or_default() == 0)
}
