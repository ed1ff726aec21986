//! Routes of every kind through one generic path: the [`RouteKind`] trait, one parent-ref binder
//! ([`parent::bind`]), and the per-kind translation of rules into IR routes.

pub(crate) mod backend_refs;
mod filters;
mod grpc;
pub(crate) mod hostname;
mod http;
mod http_match;
mod parent;
pub(crate) mod re2;
mod rule;
mod rules_overlap;
mod session_persistence;
mod sort;
mod tcp;
mod timeouts;
mod tls;
mod udp;

use std::collections::BTreeMap;

use gwapi_model::core::ObjectMeta;
use gwapi_model::gateway_api::{ParentReference, RouteParentStatus, RouteStatus};
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::conditions::{failed, ok, route as msg, types};
use super::context::Context;
use super::gateway::GatewayCtx;
use super::graph::{Edge, Node};
use super::index::ns_name;
use super::{ObjectStatus, Statuses};
use crate::ir::Xds;
pub(crate) use parent::NotAccepted;
pub(crate) use rules_overlap::mark_rules_overlap;

/// What translating a route's rules produced: the IR (attached to each listener later) and the problems
/// that become the route's conditions.
#[derive(Debug, Default)]
pub(crate) struct RuleOutcome<T> {
    /// The IR of the rules, before it is given hostnames.
    pub ir: T,
    /// Why the route is not accepted (invalid rules), in rule order.
    pub not_accepted: Vec<NotAccepted>,
    /// Why references are unresolved, in rule order.
    pub unresolved: Vec<NotAccepted>,
    /// Why backends have no endpoints, in rule order.
    pub unavailable: Vec<NotAccepted>,
    /// The rules dropped (by index), why, and the condition reason.
    pub dropped: Vec<(usize, Vec<String>, &'static str)>,
    /// Why the route is rejected as a whole: it attaches to no listener and is not accepted.
    pub rejected: Vec<NotAccepted>,
    /// The backends the rules name: kind, namespace, name.
    pub backends: Vec<(String, String, String)>,
    /// Whether problems are reported as they are (L4 routes): no period added to the `Accepted`
    /// message, and no `ResolvedRefs` when the rules are not accepted.
    pub verbatim: bool,
}

/// Where a route's IR goes: one listener of one fleet, with the hostnames the route serves there.
#[derive(Debug)]
pub(crate) struct EmitTarget<'t> {
    /// The IR name of the listener.
    pub listener: &'t str,
    /// The hostnames.
    pub hosts: &'t [String],
    /// The listener's port (the Service port).
    pub port: u32,
}

/// One route kind (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute): how to read it and translate its
/// rules.
pub(crate) trait RouteKind {
    /// The upstream kind (`HTTPRoute`).
    const KIND: &'static str;
    /// The kind in status keys.
    const RESOURCE: ResourceKind;
    /// The IR of the route's rules.
    type Ir: Default;
    /// Whether the kind has hostnames (those without attach to listeners whatever their hostnames).
    const HAS_HOSTNAMES: bool = true;

    /// The route's metadata.
    fn meta(&self) -> &ObjectMeta;
    /// The route's parentRefs.
    fn parent_refs(&self) -> &[ParentReference];
    /// The route's hostnames (empty for kinds without hostnames).
    fn hostnames(&self) -> &[String];
    /// Translates the rules.
    fn translate_rules(&self, ctx: &Context<'_>) -> RuleOutcome<Self::Ir>;
    /// Adds the IR to a listener of a fleet; what keeps it off the listener (the parent's references are
    /// then unresolved), if anything.
    fn emit(ir: &Self::Ir, target: &EmitTarget<'_>, xds: &mut Xds) -> Option<NotAccepted>;
}

/// Translates every route and sets its status.
pub(crate) fn process_routes(
    ctx: &mut Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    let snapshot = ctx.snapshot;
    process_kind(ctx, gateways, snapshot.http_routes(), xds, statuses);
    process_kind(ctx, gateways, snapshot.grpc_routes(), xds, statuses);
    process_kind(ctx, gateways, snapshot.tls_routes(), xds, statuses);
    process_kind(ctx, gateways, snapshot.tcp_routes(), xds, statuses);
    process_kind(ctx, gateways, snapshot.udp_routes(), xds, statuses);
    // Listeners whose EnvoyProxy asks for it keep the routes in input order.
    for listener in xds.values_mut().flat_map(|f| f.http.iter_mut()) {
        if !listener.preserve_route_order {
            sort::sort_routes(&mut listener.routes);
        }
    }
}

/// The `gateway.envoyproxy.io/` annotations of an object, as IR metadata (prefix removed, by key).
pub(crate) fn metadata_annotations(meta: &ObjectMeta) -> Vec<crate::ir::MetadataAnnotation> {
    meta.annotations
        .iter()
        .flatten()
        .filter_map(|(k, v)| {
            k.strip_prefix("gateway.envoyproxy.io/")
                .map(|key| crate::ir::MetadataAnnotation {
                    key: key.to_owned(),
                    value: v.clone(),
                })
        })
        .collect()
}

/// One `False` condition of several problems: their messages one a line, their distinct reasons joined by
/// `,`; `None` without problems.
fn problems(type_: &str, all: &[NotAccepted]) -> Option<gwapi_model::Condition> {
    if all.is_empty() {
        return None;
    }
    let mut reasons: Vec<&str> = all.iter().map(|p| p.reason).collect();
    reasons.sort_unstable();
    reasons.dedup();
    let message = all
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Some(failed(type_, &reasons.join(","), message))
}

/// The conditions of one parent of a route: `Accepted` (the binding's verdict, else the rules'),
/// `ResolvedRefs` (also failed by what kept the IR off the parent's listeners, `refused`), and
/// `BackendsAvailable` when backends have no endpoints.
fn parent_conditions<T>(
    binding: Option<&NotAccepted>,
    rules: &RuleOutcome<T>,
    refused: &[NotAccepted],
) -> Vec<gwapi_model::Condition> {
    let not_accepted = if rules.rejected.is_empty() {
        &rules.not_accepted
    } else {
        &rules.rejected
    };
    let accepted = match binding {
        Some(n) => failed(types::ACCEPTED, n.reason, n.message.clone()),
        None => problems(types::ACCEPTED, not_accepted).map_or_else(
            || ok(types::ACCEPTED, "Accepted", msg::ACCEPTED),
            |mut c| {
                if !rules.verbatim && !c.message.ends_with('.') {
                    c.message.push('.');
                }
                c
            },
        ),
    };
    if rules.verbatim && binding.is_none() && !rules.not_accepted.is_empty() {
        return vec![accepted];
    }
    let unresolved: Vec<NotAccepted> = rules.unresolved.iter().chain(refused).cloned().collect();
    let resolved = problems(types::RESOLVED_REFS, &unresolved)
        .unwrap_or_else(|| ok(types::RESOLVED_REFS, "ResolvedRefs", msg::RESOLVED));
    let mut conditions = vec![accepted, resolved];
    conditions.extend(problems("BackendsAvailable", &rules.unavailable));
    conditions.extend(dropped_rules(rules));
    conditions
}

/// `PartiallyInvalid` when rules were dropped: `Dropped Rule(s) [i j]: <why>` (one reason a line).
fn dropped_rules<T>(rules: &RuleOutcome<T>) -> Option<gwapi_model::Condition> {
    if rules.dropped.is_empty() {
        return None;
    }
    let indexes: Vec<String> = rules
        .dropped
        .iter()
        .map(|(i, _, _)| i.to_string())
        .collect();
    let reasons: Vec<&str> = rules
        .dropped
        .iter()
        .flat_map(|(_, why, _)| why.iter().map(String::as_str))
        .collect();
    let reason = rules
        .dropped
        .iter()
        .map(|(_, _, r)| *r)
        .next()
        .unwrap_or("UnsupportedValue");
    let mut message = format!(
        "Dropped Rule(s) [{}]: {}",
        indexes.join(" "),
        reasons.join(".\n")
    );
    message.push('.');
    Some(ok("PartiallyInvalid", reason, &message))
}

/// Translates the routes of one kind, oldest first.
fn process_kind<'r, R: RouteKind + 'r>(
    ctx: &mut Context<'_>,
    gateways: &[GatewayCtx<'_>],
    routes: impl Iterator<Item = &'r R>,
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    for route in routes {
        let (namespace, name) = ns_name(route.meta());
        let rules = route.translate_rules(ctx);
        let identity = parent::RouteIdentity {
            kind: R::KIND,
            namespace: &namespace,
            hostnames: route.hostnames(),
            has_hostnames: R::HAS_HOSTNAMES,
        };
        let route_node = Node::Route(R::KIND, namespace.clone(), name.clone());
        for (kind, ns, backend) in &rules.backends {
            ctx.graph.edge(
                route_node.clone(),
                Node::Backend(kind.clone(), ns.clone(), backend.clone()),
                Edge::RoutesTo,
            );
        }
        let mut parents = Vec::new();
        // Rules an L4 route cannot have keep it off every listener.
        let attaches =
            rules.rejected.is_empty() && (!rules.verbatim || rules.not_accepted.is_empty());
        for parent_ref in route.parent_refs() {
            let Some(binding) = parent::bind(ctx, gateways, identity, parent_ref) else {
                continue;
            };
            let gateway = binding.gateway;
            let mut refused = Vec::new();
            for attachment in binding.attachments.iter().filter(|_| attaches) {
                let Some(listener) = gateway.listeners.get(attachment.listener) else {
                    continue;
                };
                ctx.graph.edge(
                    route_node.clone(),
                    gateway.listener_node(listener),
                    Edge::AttachedTo,
                );
                if listener.is_valid()
                    && let Some(fleet) = xds.get_mut(&gateway.ir_key)
                {
                    let listener_name = gateway.listener_ir_name(listener);
                    let target = EmitTarget {
                        listener: &listener_name,
                        hosts: &attachment.hosts,
                        port: u32::try_from(listener.listener.port).unwrap_or_default(),
                    };
                    refused.extend(R::emit(&rules.ir, &target, fleet));
                }
            }
            let conditions = parent_conditions(binding.not_accepted.as_ref(), &rules, &refused);
            parents.push(RouteParentStatus {
                parent_ref: parent_ref.clone(),
                controller_name: ctx.config.controller_name.clone(),
                conditions,
            });
        }
        if !parents.is_empty() {
            let key = ObjectKey {
                kind: R::RESOURCE,
                namespace,
                name,
            };
            statuses.set(key, ObjectStatus::Route(RouteStatus { parents }));
        }
    }
}
