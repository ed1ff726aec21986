//! Where a policy target reaches: its level in the precedence order, the ancestors its status is
//! reported for, and the IR listeners or routes it covers.

use gwapi_model::gateway_api::ParentReference;
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::ancestors::{GATEWAY_API_GROUP, gateway_ancestor, route_parent_ancestor};
use super::targets::Target;
use crate::translator::context::Context;
use crate::translator::gateway::{GatewayCtx, ListenerCtx};

/// How specific a target is; lower is more specific and wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// A rule of a route.
    RouteRule,
    /// A route.
    Route,
    /// A listener of a ListenerSet.
    ListenerSetListener,
    /// A ListenerSet.
    ListenerSet,
    /// A listener of a Gateway.
    GatewayListener,
    /// A Gateway.
    Gateway,
}

/// One IR listener a target covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListenerRef {
    /// The IR key of its fleet.
    pub fleet: String,
    /// Its IR name.
    pub listener: String,
    /// The listener as a policy ancestor (its Gateway or ListenerSet, with the listener's name).
    pub ancestor: ParentReference,
}

impl ListenerRef {
    /// The fleet and listener name, as a map key.
    pub fn key(&self) -> (String, String) {
        (self.fleet.clone(), self.listener.clone())
    }
}

/// What a target covers in the IR.
#[derive(Clone, Debug)]
pub(crate) enum Reach {
    /// Every route of these IR listeners.
    Listeners(Vec<ListenerRef>),
    /// The IR routes of one route (and rule).
    Route {
        /// The route kind.
        kind: String,
        /// The route namespace.
        namespace: String,
        /// The route name.
        name: String,
        /// The rule name.
        rule: Option<String>,
    },
}

/// A resolved target: where it sits and what it reaches.
#[derive(Clone, Debug)]
pub(crate) struct Scope {
    /// The precedence level.
    pub level: Level,
    /// The ancestors the policy reports about this target.
    pub ancestors: Vec<ParentReference>,
    /// What the target covers.
    pub reach: Reach,
    /// How overridden lists name this target (`ns/name`, a rule name, `ns/gw/listener`).
    pub label: String,
}

/// Why a target does not resolve to a scope.
#[derive(Clone, Debug)]
pub(crate) enum Unresolved {
    /// The target object is unknown (or not ours): nothing to report.
    Ignored,
    /// The target exists but not its section: `TargetNotFound` for these ancestors.
    SectionNotFound(Vec<ParentReference>, String),
}

const ROUTE_KINDS: &[(&str, ResourceKind)] = &[
    ("HTTPRoute", ResourceKind::HttpRoute),
    ("GRPCRoute", ResourceKind::GrpcRoute),
    ("TLSRoute", ResourceKind::TlsRoute),
    ("TCPRoute", ResourceKind::TcpRoute),
    ("UDPRoute", ResourceKind::UdpRoute),
];

/// Resolves `target` against the translated Gateways and routes.
pub(crate) fn resolve(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    target: &Target,
) -> Result<Scope, Unresolved> {
    match target.kind.as_str() {
        "Gateway" => gateway_scope(gateways, target),
        "ListenerSet" => listener_set_scope(gateways, target),
        kind => {
            let resource = ROUTE_KINDS
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, r)| *r)
                .ok_or(Unresolved::Ignored)?;
            route_scope(ctx, gateways, target, resource)
        }
    }
}

fn gateway_scope(gateways: &[GatewayCtx<'_>], target: &Target) -> Result<Scope, Unresolved> {
    let gateway = gateways
        .iter()
        .find(|g| g.namespace == target.namespace && g.name == target.name)
        .ok_or(Unresolved::Ignored)?;
    let section = target.section.as_deref();
    let listeners: Vec<ListenerRef> = gateway
        .listeners
        .iter()
        .filter(|l| section.is_none_or(|s| l.owner.set.is_none() && l.listener.name == s))
        .map(|l| listener_ref(gateway, l))
        .collect();
    let ancestors = vec![gateway_ancestor(&gateway.namespace, &gateway.name, section)];
    if let Some(s) = section {
        if listeners.is_empty() {
            let message = format!(
                "No section name {s} found for Gateway {}/{}",
                gateway.namespace, gateway.name
            );
            return Err(Unresolved::SectionNotFound(ancestors, message));
        }
        return Ok(Scope {
            level: Level::GatewayListener,
            ancestors,
            reach: Reach::Listeners(listeners),
            label: format!("{}/{}/{s}", gateway.namespace, gateway.name),
        });
    }
    Ok(Scope {
        level: Level::Gateway,
        ancestors,
        reach: Reach::Listeners(listeners),
        label: format!("{}/{}", gateway.namespace, gateway.name),
    })
}

/// The IR listener of `l` and its ancestor reference.
fn listener_ref(gateway: &GatewayCtx<'_>, l: &ListenerCtx<'_>) -> ListenerRef {
    let name = Some(l.listener.name.as_str());
    let ancestor = if l.owner.set.is_some() {
        listener_set_ancestor(&l.owner.namespace, &l.owner.name, name)
    } else {
        gateway_ancestor(&gateway.namespace, &gateway.name, name)
    };
    ListenerRef {
        fleet: gateway.ir_key.clone(),
        listener: gateway.listener_ir_name(l),
        ancestor,
    }
}

fn listener_set_ancestor(namespace: &str, name: &str, section: Option<&str>) -> ParentReference {
    ParentReference {
        group: Some(GATEWAY_API_GROUP.to_owned()),
        kind: Some("ListenerSet".to_owned()),
        namespace: Some(namespace.to_owned()),
        name: name.to_owned(),
        section_name: section.map(str::to_owned),
        port: None,
    }
}

fn listener_set_scope(gateways: &[GatewayCtx<'_>], target: &Target) -> Result<Scope, Unresolved> {
    let section = target.section.as_deref();
    let mut found = false;
    let mut listeners = Vec::new();
    for g in gateways {
        for l in &g.listeners {
            if l.owner.kind == "ListenerSet"
                && l.owner.namespace == target.namespace
                && l.owner.name == target.name
            {
                found = true;
                if section.is_none_or(|s| l.listener.name == s) {
                    listeners.push(listener_ref(g, l));
                }
            }
        }
    }
    if !found {
        return Err(Unresolved::Ignored);
    }
    let ancestors = vec![listener_set_ancestor(
        &target.namespace,
        &target.name,
        section,
    )];
    if let Some(s) = section {
        if listeners.is_empty() {
            let message = format!(
                "No section name {s} found for ListenerSet {}/{}",
                target.namespace, target.name
            );
            return Err(Unresolved::SectionNotFound(ancestors, message));
        }
        return Ok(Scope {
            level: Level::ListenerSetListener,
            ancestors,
            reach: Reach::Listeners(listeners),
            label: format!("{}/{}/{s}", target.namespace, target.name),
        });
    }
    Ok(Scope {
        level: Level::ListenerSet,
        ancestors,
        reach: Reach::Listeners(listeners),
        label: format!("{}/{}", target.namespace, target.name),
    })
}

fn route_scope(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    target: &Target,
    resource: ResourceKind,
) -> Result<Scope, Unresolved> {
    let key = ObjectKey {
        kind: resource,
        namespace: target.namespace.clone(),
        name: target.name.clone(),
    };
    let spec = ctx
        .snapshot
        .get(&key)
        .and_then(|r| r.to_json().ok())
        .and_then(|j| j.get("spec").cloned())
        .ok_or(Unresolved::Ignored)?;
    let parents: Vec<ParentReference> = spec
        .get("parentRefs")
        .cloned()
        .and_then(|p| serde_json::from_value(p).ok())
        .unwrap_or_default();
    let ancestors: Vec<ParentReference> = parents
        .iter()
        .map(|p| route_parent_ancestor(&target.namespace, p))
        .filter(|a| is_ours(gateways, a))
        .fold(Vec::new(), |mut all, a| {
            if !all.contains(&a) {
                all.push(a);
            }
            all
        });
    if ancestors.is_empty() {
        return Err(Unresolved::Ignored);
    }
    let reach = |rule: Option<String>| Reach::Route {
        kind: target.kind.clone(),
        namespace: target.namespace.clone(),
        name: target.name.clone(),
        rule,
    };
    let Some(section) = target.section.clone() else {
        return Ok(Scope {
            level: Level::Route,
            ancestors,
            reach: reach(None),
            label: format!("{}/{}", target.namespace, target.name),
        });
    };
    let has_rule = spec
        .get("rules")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|rules| {
            rules
                .iter()
                .any(|r| r.get("name").and_then(serde_json::Value::as_str) == Some(&section))
        });
    if !has_rule {
        let message = format!(
            "No section name {section} found for {} {}/{}",
            target.kind, target.namespace, target.name
        );
        return Err(Unresolved::SectionNotFound(ancestors, message));
    }
    Ok(Scope {
        level: Level::RouteRule,
        ancestors,
        label: section.clone(),
        reach: reach(Some(section)),
    })
}

/// Whether an ancestor names a Gateway (or a ListenerSet) of the translated class.
fn is_ours(gateways: &[GatewayCtx<'_>], ancestor: &ParentReference) -> bool {
    let namespace = ancestor.namespace.as_deref().unwrap_or_default();
    match ancestor.kind.as_deref() {
        Some("ListenerSet") => gateways.iter().any(|g| {
            g.listeners.iter().any(|l| {
                l.owner.kind == "ListenerSet"
                    && l.owner.namespace == namespace
                    && l.owner.name == ancestor.name
            })
        }),
        _ => gateways
            .iter()
            .any(|g| g.namespace == namespace && g.name == ancestor.name),
    }
}
