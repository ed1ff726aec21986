//! Route actions: forward to a cluster, redirect, or respond directly.

use envoy_types::pb::envoy::config::route::v3::{
    RouteAction, route::Action, route_action::ClusterSpecifier, route_action::UpgradeConfig,
};
use gwapi_ir::ir::HttpRoute;

use crate::names;

/// The action of `route`.
pub(crate) fn action(route: &HttpRoute) -> Action {
    let cluster = route
        .destination
        .as_ref()
        .map(|d| names::cluster(&d.name))
        .unwrap_or_default();
    Action::Route(RouteAction {
        cluster_specifier: Some(ClusterSpecifier::Cluster(cluster)),
        upgrade_configs: if route.is_http2 {
            Vec::new()
        } else {
            vec![UpgradeConfig {
                upgrade_type: "websocket".to_owned(),
                ..UpgradeConfig::default()
            }]
        },
        ..RouteAction::default()
    })
}
