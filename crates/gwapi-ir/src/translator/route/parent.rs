//! The one parent-ref binder of every route kind: which listeners of which Gateway a parentRef selects
//! (sectionName, port), which of them admit the route (kind, namespaces), and the hostnames it gets on each.

use gwapi_model::gateway_api::{FromNamespaces, ParentReference};

use super::hostname::{compute_hosts, isolate};
use crate::translator::context::Context;
use crate::translator::gateway::listener_selector_matches;
use crate::translator::gateway::{GatewayCtx, ListenerCtx};

/// Why a parentRef does not accept a route (`Accepted: False`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NotAccepted {
    /// The condition reason.
    pub reason: &'static str,
    /// The condition message.
    pub message: String,
}

/// One listener a route attaches to, with the hostnames it serves there.
#[derive(Clone, Debug)]
pub(crate) struct Attachment {
    /// The index of the listener in its Gateway.
    pub listener: usize,
    /// The intersected hostnames.
    pub hosts: Vec<String>,
}

/// What binding one parentRef decided.
#[derive(Debug)]
pub(crate) struct Binding<'g, 'a> {
    /// The Gateway the parentRef names.
    pub gateway: &'g GatewayCtx<'a>,
    /// The listeners the route attaches to (empty when not accepted).
    pub attachments: Vec<Attachment>,
    /// Why the parent does not accept the route, if it does not.
    pub not_accepted: Option<NotAccepted>,
}

/// What the binder needs to know about a route.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RouteIdentity<'r> {
    /// The route kind (`HTTPRoute`).
    pub kind: &'static str,
    /// The route's namespace.
    pub namespace: &'r str,
    /// The route's hostnames.
    pub hostnames: &'r [String],
    /// Whether the kind has hostnames (without, listener hostnames do not matter).
    pub has_hostnames: bool,
}

/// Binds `parent` of a route; `None` when it names no Gateway of the translated class.
pub(crate) fn bind<'g, 'a>(
    ctx: &Context<'_>,
    gateways: &'g [GatewayCtx<'a>],
    route: RouteIdentity<'_>,
    parent: &ParentReference,
) -> Option<Binding<'g, 'a>> {
    let (gateway, set) = find_parent(gateways, route, parent)?;
    let selected: Vec<(usize, &ListenerCtx<'_>)> = gateway
        .listeners
        .iter()
        .enumerate()
        .filter(|(_, l)| l.owner.set == set)
        .filter(|(_, l)| {
            parent
                .section_name
                .as_deref()
                .is_none_or(|s| s == l.listener.name)
                && parent.port.is_none_or(|p| p == l.listener.port)
        })
        .collect();
    let fail = |reason, message: String| Binding {
        gateway,
        attachments: Vec::new(),
        not_accepted: Some(NotAccepted { reason, message }),
    };
    if selected.is_empty() {
        return Some(fail(
            "NoMatchingParent",
            "No listeners match this parent ref".to_owned(),
        ));
    }
    let allowed: Vec<(usize, &ListenerCtx<'_>)> = selected
        .into_iter()
        .filter(|(_, l)| l.allows_kind(route.kind) && allows_namespace(ctx, l, route.namespace))
        .collect();
    if allowed.is_empty() {
        return Some(fail(
            "NotAllowedByListeners",
            crate::translator::conditions::route::NOT_ALLOWED.to_owned(),
        ));
    }
    let attachments: Vec<Attachment> = allowed
        .into_iter()
        .filter_map(|(i, l)| {
            let mut hosts = compute_hosts(route.hostnames, l.listener.hostname.as_deref());
            if !route.has_hostnames {
                return Some(Attachment { listener: i, hosts });
            }
            let others: Vec<&str> = gateway
                .listeners
                .iter()
                .filter(|o| {
                    o.qualified_name() != l.qualified_name() && o.listener.port == l.listener.port
                })
                .filter_map(|o| o.listener.hostname.as_deref())
                .collect();
            isolate(&mut hosts, l.listener.hostname.as_deref(), &others);
            (!hosts.is_empty()).then_some(Attachment { listener: i, hosts })
        })
        .collect();
    if attachments.is_empty() {
        return Some(fail(
            "NoMatchingListenerHostname",
            format!(
                "There were no hostname intersections between the {} and this parent ref's Listener(s).",
                route.kind
            ),
        ));
    }
    Some(Binding {
        gateway,
        attachments,
        not_accepted: None,
    })
}

/// The Gateway a parentRef names (directly, or through one of its admitted ListenerSets, whose index
/// comes along).
fn find_parent<'g, 'a>(
    gateways: &'g [GatewayCtx<'a>],
    route: RouteIdentity<'_>,
    parent: &ParentReference,
) -> Option<(&'g GatewayCtx<'a>, Option<usize>)> {
    let namespace = parent.namespace.as_deref().unwrap_or(route.namespace);
    match parent.kind.as_deref() {
        None | Some("Gateway") => gateways
            .iter()
            .find(|g| g.namespace == namespace && g.name == parent.name)
            .map(|g| (g, None)),
        Some("ListenerSet") => gateways.iter().find_map(|g| {
            g.listener_sets
                .iter()
                .position(|s| {
                    s.namespace == namespace && s.name == parent.name && s.not_allowed.is_none()
                })
                .map(|i| (g, Some(i)))
        }),
        Some(_) => None,
    }
}

/// Whether `listener` admits routes from `namespace` (which must exist).
fn allows_namespace(ctx: &Context<'_>, listener: &ListenerCtx<'_>, namespace: &str) -> bool {
    // A route in a namespace the snapshot does not know is admitted nowhere.
    if !ctx.idx.namespace_labels.contains_key(namespace) {
        return false;
    }
    let namespaces = listener
        .listener
        .allowed_routes
        .as_ref()
        .and_then(|a| a.namespaces.as_ref());
    match namespaces.and_then(|n| n.from.clone()) {
        Some(FromNamespaces::All) => true,
        Some(FromNamespaces::Selector) => namespaces
            .and_then(|n| n.selector.as_ref())
            .is_some_and(|s| listener_selector_matches(s, &ctx.idx.labels_of_namespace(namespace))),
        Some(FromNamespaces::None | FromNamespaces::Unknown(_)) => false,
        Some(FromNamespaces::Same) | None => listener.owner.namespace == namespace,
    }
}
