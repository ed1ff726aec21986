//! Gateways and their listeners: class selection, listener validation (protocol, allowed routes, TLS),
//! conflicts, listener statuses, and the listener, infrastructure and fleet-wide IR.

mod addresses;
mod backend_client_cert;
mod conflicts;
mod envoy_proxy;
mod envoy_proxy_bootstrap;
mod envoy_proxy_deprecations;
mod envoy_proxy_status;
pub(crate) mod filter_order;
mod frontend_validation;
mod infra;
pub(crate) mod listener;
mod listener_set;
mod overlap;
mod parameters;
pub(crate) mod pem;
mod status;
mod tls;
pub(crate) mod x509;

use gwapi_model::Condition;
use gwapi_model::envoy_gateway::EnvoyProxy;
use gwapi_model::gateway_api::{Gateway, Listener, RouteGroupKind};

use super::context::Context;
use super::graph::{Edge, Node};
use super::index::ns_name;
use crate::ir::TlsCertificate;
use crate::names;

pub(crate) use envoy_proxy::ProxyCheck;
pub(crate) use envoy_proxy_status::envoy_proxy_statuses;
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
    /// The EnvoyProxy of its fleet, merged (defaults, class, Gateway); `None` when invalid.
    pub envoy_proxy: Option<EnvoyProxy>,
    /// Where that EnvoyProxy comes from and what makes it invalid.
    pub proxy_check: ProxyCheck,
    /// Its listeners, in spec order, then those of its ListenerSets (oldest set first).
    pub listeners: Vec<ListenerCtx<'a>>,
    /// The ListenerSets that name it as their parent.
    pub listener_sets: Vec<listener_set::ListenerSetCtx>,
    /// Its own conditions (beside the listeners').
    pub conditions: Vec<Condition>,
}

/// Where a listener is declared: the Gateway itself or one of its ListenerSets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListenerOwner {
    /// `Gateway` or `ListenerSet`.
    pub kind: &'static str,
    /// The owner's namespace.
    pub namespace: String,
    /// The owner's name.
    pub name: String,
    /// The index of the ListenerSet in its Gateway's, `None` for the Gateway's own listeners.
    pub set: Option<usize>,
}

/// One listener and what the listener pass decided about it.
#[derive(Debug)]
pub(crate) struct ListenerCtx<'a> {
    /// The listener.
    pub listener: &'a Listener,
    /// Where it is declared.
    pub owner: ListenerOwner,
    /// The conditions set so far (empty = valid).
    pub conditions: Vec<Condition>,
    /// The route kinds it admits.
    pub supported_kinds: Vec<RouteGroupKind>,
    /// The certificates of an HTTPS or TLS-terminating listener.
    pub certificates: Vec<TlsCertificate>,
    /// Conditions that do not make the listener invalid (`OverlappingTLSConfig`).
    pub notes: Vec<Condition>,
    /// Whether its certificates overlap another HTTPS listener's on the same port.
    pub tls_overlaps: bool,
    /// The client certificate validation of an HTTPS listener (the Gateway's `spec.tls.frontend`).
    pub client_validation: Option<frontend_validation::FrontendValidation>,
}

impl ListenerCtx<'_> {
    /// The listener's name within its Gateway: its own name, or `<ns>/<set>/<name>` for a ListenerSet's.
    pub fn qualified_name(&self) -> String {
        match self.owner.set {
            None => self.listener.name.clone(),
            Some(_) => format!(
                "{}/{}/{}",
                self.owner.namespace, self.owner.name, self.listener.name
            ),
        }
    }

    /// The listener as conflict messages name it: `<owner ns>/<owner name>/<listener>`.
    pub fn display_name(&self) -> String {
        names::listener_name(&self.owner.namespace, &self.owner.name, &self.listener.name)
    }

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
    /// The IR name of a listener (`<ns>/<gateway>/<listener>`, `<ns>/<gateway>/<set ns>/<set>/<listener>`).
    pub fn listener_ir_name(&self, listener: &ListenerCtx<'_>) -> String {
        names::listener_name(&self.namespace, &self.name, &listener.qualified_name())
    }

    /// The graph node of a listener.
    pub fn listener_node(&self, listener: &ListenerCtx<'_>) -> Node {
        let mut name = listener.qualified_name();
        // Listeners without a name (invalid, but still translated) stay apart by port and protocol.
        if listener.listener.name.is_empty() {
            name = format!(
                "{name}#{}/{:?}",
                listener.listener.port, listener.listener.protocol
            );
        }
        Node::Listener(self.namespace.clone(), self.name.clone(), name)
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
        let owner = ListenerOwner {
            kind: "Gateway",
            namespace: namespace.clone(),
            name: name.clone(),
            set: None,
        };
        let mut listeners: Vec<ListenerCtx<'a>> = gateway
            .spec
            .listeners
            .iter()
            .map(|l| listener::validate(ctx, owner.clone(), l))
            .collect();
        for l in &mut listeners {
            frontend_validation::validate(ctx, gateway, l);
        }
        let listener_sets = listener_set::attach(ctx, gateway, &mut listeners);
        let mut envoy_proxy = envoy_proxy::of_gateway(ctx, gateway, class_proxy.as_ref());
        let proxy_check = envoy_proxy::check(ctx, gateway, envoy_proxy.as_ref());
        let mut conditions: Vec<Condition> = parameters::condition(gateway)
            .into_iter()
            .chain(addresses::condition(gateway))
            .chain(backend_client_cert::condition(ctx, gateway))
            .chain(frontend_validation::insecure_mode_condition(gateway))
            .collect();
        if proxy_check.is_invalid() {
            // An invalid EnvoyProxy leaves the Gateway unaccepted and without listeners.
            conditions.push(super::conditions::failed(
                super::conditions::types::ACCEPTED,
                "InvalidParameters",
                proxy_check.gateway_message(),
            ));
            listeners.clear();
            envoy_proxy = None;
        }
        gateways.push(GatewayCtx {
            gateway,
            namespace,
            name,
            ir_key,
            merged,
            envoy_proxy,
            proxy_check,
            listeners,
            listener_sets,
            conditions,
        });
    }
    for g in &gateways {
        for l in &g.listeners {
            ctx.graph.edge(
                Node::Gateway(g.namespace.clone(), g.name.clone()),
                g.listener_node(l),
                Edge::Owns,
            );
        }
    }
    conflicts::check(&mut gateways);
    overlap::check(&mut gateways);
    gateways
}
