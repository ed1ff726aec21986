//! `mergeBackends`: routes that send traffic to the same backend share one cluster
//! (`xdsIR.backendClusters`), referenced by name and weight from their destinations, instead of one
//! cluster per route rule. Runs after the policies, once every route has its final settings.
//!
//! A backend joins the shared cluster only when that is safe: the backend is plain (see
//! [`eligible`]), the route does not pin clients across several backends, and the policies that
//! shape clusters on the route's listener are the Gateway's own (see [`profile`]). Otherwise the
//! route keeps its own cluster for that backend ("demerged"). TCP, TLS and UDP routes, whose
//! destination is one cluster, merge only when all their backends share one cluster.

mod cluster;
mod eligible;
mod profile;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use gwapi_model::envoy_gateway::MergeBackendsConfig;

use self::cluster::{ClusterSettings, Clusters};
use self::profile::{Divergence, ListenerKind, Slot};
use crate::ir::{
    DestinationSetting, HttpListener, ResourceMetadata, RouteDestination, TcpRoute,
    TrafficFeatures, UdpListener, Xds,
};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;

/// Moves the backends of the routes of every fleet whose EnvoyProxy sets `mergeBackends` to shared
/// clusters.
pub(crate) fn apply(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
) {
    let mut divergence: Option<Divergence<'_>> = None;
    for gateway in gateways {
        let Some(config) = gateway
            .envoy_proxy
            .as_ref()
            .and_then(|p| p.spec.merge_backends.as_ref())
        else {
            continue;
        };
        if gateway.merged || gateway.proxy_check.is_invalid() {
            continue;
        }
        let Some(fleet) = xds.get_mut(&gateway.ir_key) else {
            continue;
        };
        let divergence = divergence.get_or_insert_with(|| Divergence::new(ctx, gateways));
        let mut merger = Merger {
            ctx,
            config,
            divergence,
            fleet: &gateway.ir_key,
            clusters: Clusters::default(),
        };
        for listener in &mut fleet.http {
            merger.http_listener(listener);
        }
        for listener in &mut fleet.tcp {
            for route in &mut listener.routes {
                merger.tcp_route(&listener.name, route);
            }
        }
        for listener in &mut fleet.udp {
            merger.udp_listener(listener);
        }
        fleet.backend_clusters.extend(merger.clusters.into_vec());
    }
}

/// The merging of one fleet.
struct Merger<'m, 'c> {
    ctx: &'m Context<'c>,
    config: &'m MergeBackendsConfig,
    divergence: &'m Divergence<'m>,
    fleet: &'m str,
    clusters: Clusters,
}

impl Merger<'_, '_> {
    /// HTTP routes merge backend by backend: those that cannot merge keep their settings.
    fn http_listener(&mut self, listener: &mut HttpListener) {
        for route in &mut listener.routes {
            let Some(meta) = route.metadata.as_ref() else {
                continue;
            };
            let rule = Some(meta.section_name.as_str()).filter(|s| !s.is_empty());
            let slot = slot(self.fleet, &listener.name, meta, rule);
            if !eligible::route_mergeable(route)
                || self.divergence.diverges(&slot, ListenerKind::Http)
            {
                continue;
            }
            let settings = ClusterSettings {
                traffic: route.traffic.as_ref(),
                use_client_protocol: route.use_client_protocol,
            };
            let Some(destination) = route.destination.as_mut() else {
                continue;
            };
            let mut kept = Vec::new();
            for setting in std::mem::take(&mut destination.settings) {
                let joined = eligible::setting_mergeable(self.ctx, self.config, &setting)
                    .then(|| self.clusters.join(&setting, settings))
                    .flatten();
                match joined {
                    Some(r) => destination.backend_cluster_refs.push(r),
                    None => kept.push(setting),
                }
            }
            destination.settings = kept;
        }
    }

    /// A TCP or TLS route merges when all its backends share one cluster.
    fn tcp_route(&mut self, listener: &str, route: &mut TcpRoute) {
        let traffic = tcp_traffic(route);
        let Some(meta) = route.metadata.clone() else {
            return;
        };
        let slot = slot(self.fleet, listener, &meta, None);
        if self.divergence.diverges(&slot, ListenerKind::Stream) {
            return;
        }
        if let Some(destination) = route.destination.as_mut() {
            let settings = ClusterSettings {
                traffic: traffic.as_ref(),
                use_client_protocol: false,
            };
            self.whole_destination(destination, settings);
        }
    }

    /// A UDP route merges when all its backends share one cluster.
    fn udp_listener(&mut self, listener: &mut UdpListener) {
        let Some(route) = listener.route.as_mut() else {
            return;
        };
        let Some(destination) = route.destination.as_mut() else {
            return;
        };
        let Some(meta) = destination.metadata.clone() else {
            return;
        };
        let slot = slot(self.fleet, &listener.name, &meta, None);
        if self.divergence.diverges(&slot, ListenerKind::Stream) {
            return;
        }
        let traffic =
            (route.load_balancer.is_some() || route.timeout.is_some()).then(|| TrafficFeatures {
                load_balancer: route.load_balancer.clone(),
                timeout: route.timeout.clone(),
                ..TrafficFeatures::default()
            });
        let settings = ClusterSettings {
            traffic: traffic.as_ref(),
            use_client_protocol: false,
        };
        self.whole_destination(destination, settings);
    }

    /// Moves every setting of `destination` to one shared cluster, or none of them.
    fn whole_destination(
        &mut self,
        destination: &mut RouteDestination,
        settings: ClusterSettings<'_>,
    ) {
        if !eligible::destinations_mergeable(destination) {
            return;
        }
        let mut names = destination.settings.iter().map(|s| {
            eligible::setting_mergeable(self.ctx, self.config, s)
                .then(|| self.clusters.joinable(s))
                .flatten()
        });
        let Some(Some(first)) = names.next() else {
            return;
        };
        if !names.all(|n| n.as_ref() == Some(&first)) {
            return;
        }
        let anonymous = |s: &DestinationSetting| DestinationSetting {
            name: String::new(),
            weight: None,
            ..s.clone()
        };
        let mut shapes = destination.settings.iter().map(anonymous);
        if let Some(shape) = shapes.next()
            && !shapes.all(|s| s == shape)
        {
            return;
        }
        let refs: Vec<_> = destination
            .settings
            .iter()
            .filter_map(|s| self.clusters.join(s, settings))
            .collect();
        if refs.len() == destination.settings.len() {
            destination.settings.clear();
            destination.backend_cluster_refs.extend(refs);
        }
    }
}

/// The slot of a route's metadata on a listener.
fn slot<'a>(
    fleet: &'a str,
    listener: &'a str,
    meta: &'a ResourceMetadata,
    rule: Option<&'a str>,
) -> Slot<'a> {
    Slot {
        fleet,
        listener,
        kind: &meta.kind,
        namespace: &meta.namespace,
        name: &meta.name,
        rule,
    }
}

/// The backend traffic features a TCP route carries, as a shared cluster's.
fn tcp_traffic(route: &TcpRoute) -> Option<TrafficFeatures> {
    let traffic = TrafficFeatures {
        load_balancer: route.load_balancer.clone(),
        proxy_protocol: route.proxy_protocol.clone(),
        health_check: route.health_check.clone(),
        circuit_breaker: route.circuit_breaker.clone(),
        tcp_keepalive: route.tcp_keepalive.clone(),
        timeout: route.timeout.clone(),
        backend_connection: route.backend_connection.clone(),
        ..TrafficFeatures::default()
    };
    (traffic != TrafficFeatures::default()).then_some(traffic)
}
