//! ListenerSets: listeners declared outside a Gateway, admitted by its `allowedListeners`, and their status.

use gwapi_model::Condition;
use gwapi_model::gateway_api::{FromNamespaces, Gateway};

use super::listener::{selector_matches, validate};
use super::{ListenerCtx, ListenerOwner};
use crate::translator::conditions::{failed, ok, types};
use crate::translator::context::Context;
use crate::translator::index::ns_name;

/// One ListenerSet naming a Gateway as its parent.
#[derive(Debug)]
pub(crate) struct ListenerSetCtx {
    /// Its namespace.
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// Why the Gateway does not admit it, if it does not.
    pub not_allowed: Option<String>,
}

/// Finds the ListenerSets of `gateway`, validates the listeners of those it admits and appends them to
/// `listeners`.
pub(super) fn attach<'a>(
    ctx: &Context<'a>,
    gateway: &'a Gateway,
    listeners: &mut Vec<ListenerCtx<'a>>,
) -> Vec<ListenerSetCtx> {
    let (gw_ns, gw_name) = ns_name(&gateway.metadata);
    let mut sets = Vec::new();
    for set in ctx.snapshot.listener_sets() {
        let (namespace, name) = ns_name(&set.metadata);
        let parent = &set.spec.parent_ref;
        let parent_ns = parent.namespace.as_deref().unwrap_or(&namespace);
        if parent.kind.as_deref().is_some_and(|k| k != "Gateway")
            || parent_ns != gw_ns
            || parent.name != gw_name
        {
            continue;
        }
        let not_allowed = (!allowed(ctx, gateway, &gw_ns, &namespace)).then(|| {
            format!(
                "ListenerSet attachment from namespace {namespace} not allowed by Gateway {gw_ns}/{gw_name}"
            )
        });
        let index = sets.len();
        if not_allowed.is_none() {
            let owner = ListenerOwner {
                kind: "ListenerSet",
                namespace: namespace.clone(),
                name: name.clone(),
                set: Some(index),
            };
            listeners.extend(
                set.spec
                    .listeners
                    .iter()
                    .map(|l| validate(ctx, owner.clone(), l)),
            );
        }
        sets.push(ListenerSetCtx {
            namespace,
            name,
            not_allowed,
        });
    }
    sets
}

/// Whether `gateway` admits ListenerSets from `namespace` (`allowedListeners`, none by default).
fn allowed(ctx: &Context<'_>, gateway: &Gateway, gw_ns: &str, namespace: &str) -> bool {
    let namespaces = gateway
        .spec
        .allowed_listeners
        .as_ref()
        .and_then(|a| a.namespaces.as_ref());
    match namespaces.and_then(|n| n.from.clone()) {
        Some(FromNamespaces::All) => true,
        Some(FromNamespaces::Same) => gw_ns == namespace,
        Some(FromNamespaces::Selector) => namespaces
            .and_then(|n| n.selector.as_ref())
            .is_some_and(|s| selector_matches(s, &ctx.idx.labels_of_namespace(namespace))),
        _ => false,
    }
}

/// How many listeners of a ListenerSet are accepted and programmed, out of how many.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SetCounts {
    /// Listeners not refused (`Accepted` is not `False`).
    pub accepted: usize,
    /// Listeners programmed (valid).
    pub programmed: usize,
    /// All listeners.
    pub total: usize,
}

/// The conditions of a ListenerSet from the state of its listeners.
pub(crate) fn set_conditions(set: &ListenerSetCtx, counts: SetCounts) -> Vec<Condition> {
    if let Some(message) = &set.not_allowed {
        return vec![
            failed(types::ACCEPTED, "NotAllowed", message.clone()),
            failed(types::PROGRAMMED, "NotAllowed", "Not Programmed"),
        ];
    }
    let accepted = if counts.accepted == counts.total {
        ok(types::ACCEPTED, "Accepted", "All listeners are accepted")
    } else if counts.accepted == 0 {
        failed(
            types::ACCEPTED,
            "ListenersNotValid",
            "No listeners are accepted",
        )
    } else {
        ok(
            types::ACCEPTED,
            "ListenersNotValid",
            "Some listeners are invalid",
        )
    };
    let programmed = if counts.programmed == counts.total {
        ok(
            types::PROGRAMMED,
            "Programmed",
            "All listeners are programmed",
        )
    } else if counts.programmed == 0 {
        failed(
            types::PROGRAMMED,
            "ListenersNotValid",
            "No listeners are programmed",
        )
    } else {
        ok(
            types::PROGRAMMED,
            "Programmed",
            "Some listeners are not programmed",
        )
    };
    vec![accepted, programmed]
}
