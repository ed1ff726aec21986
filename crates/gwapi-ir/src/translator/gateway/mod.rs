//! Gateways and their listeners: class selection, listener validation (protocol, allowed routes, TLS),
//! conflicts, listener statuses, and the listener, infrastructure and fleet-wide IR.

mod backend_client_cert;
mod conflicts;
mod envoy_proxy;
mod infra;
pub(crate) mod listener;
mod overlap;
mod pem;
mod status;
mod tls;

use gwapi_model::Condition;
use gwapi_model::envoy_gateway::EnvoyProxy;
use gwapi_model::gateway_api::{Gateway, Listener, RouteGroupKind};

use super::context::Context;
use super::graph::{Edge, Node};
use super::index::ns_name;
use crate::ir::TlsCertificate;
use crate::names;

pub(crate) use infra::build_fleets;
pub(crate) use listener::selector_matches as listener_selector_matches;
pub(crate) use status::{gateway_class_status, gateway_statuses};

/// One Gateway of the translated class, with what the listener pass decided.
#[derive(Debug)]
pub(crate) struct GatewayCtx<'a> {
    /// The Gateway.
    pub gateway: &'a Gateway,
    /// Its namespace.
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// The IR key of its fleet.
    pub ir_key: String,
    /// Whether its fleet is shared by every Gateway of the class.
    pub merged: bool,
    /// The EnvoyProxy of its fleet, merged (defaults, class, Gateway).
    pub envoy_proxy: Option<EnvoyProxy>,
    /// Its listeners, in spec order.
    pub listeners: Vec<ListenerCtx<'a>>,
    /// Its own conditions (beside the listeners').
    pub conditions: Vec<Condition>,
}

/// One listener and what the listener pass decided about it.
#[derive(Debug)]
pub(crate) struct ListenerCtx<'a> {
    /// The listener.
    pub listener: &'a Listener,
    /// The conditions set so far (empty = valid).
    pub conditions: Vec<Condition>,
    /// The route kinds it admits.
    pub supported_kinds: Vec<RouteGroupKind>,
    /// The certificates of an HTTPS or TLS-terminating listener.
    pub certificates: Vec<TlsCertificate>,
    /// Conditions that do not make the listener invalid (`OverlappingTLSConfig`).
    pub notes: Vec<Condition>,
}

impl ListenerCtx<'_> {
    /// Whether the listener is valid (becomes IR).
    pub fn is_valid(&self) -> bool {
        self.conditions.is_empty()
    }

    /// The listener's hostname, `*` when it has none.
    pub fn hostname(&self) -> String {
        self.listener
            .hostname
            .clone()
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "*".to_owned())
    }

    /// Whether the listener admits routes of `kind`.
    pub fn allows_kind(&self, kind: &str) -> bool {
        self.supported_kinds.iter().any(|k| k.kind == kind)
    }
}

impl GatewayCtx<'_> {
    /// The IR name of a listener (`<ns>/<gateway>/<listener>`).
    pub fn listener_ir_name(&self, listener: &str) -> String {
        names::listener_name(&self.namespace, &self.name, listener)
    }
}

/// Selects the Gateways of the translated class and validates their listeners.
pub(crate) fn process_gateways<'a>(ctx: &mut Context<'a>) -> Vec<GatewayCtx<'a>> {
    let config = ctx.config;
    let Some(class) = ctx.snapshot.gateway_classes().find(|c| {
        c.metadata.name.as_deref() == Some(config.gateway_class_name.as_str())
            && c.spec.controller_name == config.controller_name
    }) else {
        return Vec::new();
    };
    let class_proxy = envoy_proxy::of_class(ctx, class);
    let merged = class_proxy
        .as_ref()
        .is_some_and(|p| p.spec.merge_gateways == Some(true));
    let mut gateways = Vec::new();
    for gateway in ctx.snapshot.gateways() {
        if gateway.spec.gateway_class_name != config.gateway_class_name {
            continue;
        }
        let (namespace, name) = ns_name(&gateway.metadata);
        let ir_key = if merged {
            config.gateway_class_name.clone()
        } else {
            names::gateway_ir_key(&namespace, &name)
        };
        ctx.graph.edge(
            Node::GatewayClass(config.gateway_class_name.clone()),
            Node::Gateway(namespace.clone(), name.clone()),
            Edge::Owns,
        );
        let listeners = gateway
            .spec
            .listeners
            .iter()
            .map(|l| {
                ctx.graph.edge(
                    Node::Gateway(namespace.clone(), name.clone()),
                    Node::Listener(namespace.clone(), name.clone(), l.name.clone()),
                    Edge::Owns,
                );
                listener::validate(ctx, gateway, l)
            })
            .collect();
        let envoy_proxy = envoy_proxy::of_gateway(ctx, gateway, class_proxy.as_ref());
        let conditions = backend_client_cert::condition(ctx, gateway)
            .into_iter()
            .collect();
        gateways.push(GatewayCtx {
            gateway,
            namespace,
            name,
            ir_key,
            merged,
            envoy_proxy,
            listeners,
            conditions,
        });
    }
    conflicts::check(&mut gateways);
    overlap::check(&mut gateways);
    gateways
}
