//! The statuses of Gateways: one entry per listener with its conditions, supported kinds and the number of
//! routes attached (queried from the attachment graph).

use gwapi_model::ConditionStatus;
use gwapi_model::gateway_api::{
    GatewayClassStatus, GatewayStatus, ListenerSetStatus, ListenerStatus,
};
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::{GatewayCtx, ListenerCtx};
use crate::translator::conditions::{failed, listener as msg, ok, types};
use crate::translator::context::Context;
use crate::translator::graph::{AttachmentGraph, Edge};
use crate::translator::{ObjectStatus, Statuses};

/// Sets the status of every Gateway.
pub(crate) fn gateway_statuses(
    graph: &AttachmentGraph,
    gateways: &[GatewayCtx<'_>],
    statuses: &mut Statuses,
) {
    for gateway in gateways {
        let listeners = gateway
            .listeners
            .iter()
            .filter(|l| l.owner.set.is_none())
            .map(|l| listener_status(graph, gateway, l))
            .collect();
        let mut attached_sets = 0;
        for (i, set) in gateway.listener_sets.iter().enumerate() {
            let own: Vec<&ListenerCtx<'_>> = gateway
                .listeners
                .iter()
                .filter(|l| l.owner.set == Some(i))
                .collect();
            let counts = super::listener_set::SetCounts {
                accepted: own.iter().filter(|l| !refused(l)).count(),
                programmed: own.iter().filter(|l| l.is_valid()).count(),
                total: own.len(),
            };
            if set.not_allowed.is_none() && counts.accepted > 0 {
                attached_sets += 1;
            }
            statuses.set(
                ObjectKey {
                    kind: ResourceKind::ListenerSet,
                    namespace: set.namespace.clone(),
                    name: set.name.clone(),
                },
                ObjectStatus::ListenerSet(ListenerSetStatus {
                    conditions: super::listener_set::set_conditions(set, counts),
                    listeners: own
                        .iter()
                        .map(|l| listener_status(graph, gateway, l))
                        .collect(),
                }),
            );
        }
        let key = ObjectKey {
            kind: ResourceKind::Gateway,
            namespace: gateway.namespace.clone(),
            name: gateway.name.clone(),
        };
        statuses.set(
            key,
            ObjectStatus::Gateway(GatewayStatus {
                listeners,
                attached_listener_sets: (attached_sets > 0).then_some(attached_sets),
                conditions: gateway.conditions.clone(),
                ..GatewayStatus::default()
            }),
        );
    }
}

/// Whether a listener is refused (`Accepted: False`).
fn refused(listener: &ListenerCtx<'_>) -> bool {
    // An invalid listener whose conditions do not say it is accepted is not.
    let accepted = listener
        .conditions
        .iter()
        .find(|c| c.type_ == types::ACCEPTED);
    match accepted {
        Some(c) => c.status == ConditionStatus::False,
        None => !listener.is_valid(),
    }
}

fn listener_status(
    graph: &AttachmentGraph,
    gateway: &GatewayCtx<'_>,
    listener: &ListenerCtx<'_>,
) -> ListenerStatus {
    let mut conditions = listener.conditions.clone();
    if conditions.is_empty() {
        conditions = vec![
            ok(types::PROGRAMMED, "Programmed", msg::PROGRAMMED),
            ok(types::ACCEPTED, "Accepted", msg::ACCEPTED),
            ok(types::RESOLVED_REFS, "ResolvedRefs", msg::RESOLVED),
        ];
    } else {
        if !conditions.iter().any(|c| c.type_ == types::PROGRAMMED) {
            let reason = if listener.owner.set.is_some() {
                "ListenersNotValid"
            } else {
                "Invalid"
            };
            conditions.push(failed(types::PROGRAMMED, reason, msg::INVALID));
        }
        if !conditions.iter().any(|c| c.type_ == types::RESOLVED_REFS) {
            conditions.push(ok(types::RESOLVED_REFS, "ResolvedRefs", msg::RESOLVED));
        }
    }
    conditions.extend(listener.notes.iter().cloned());
    if listener.owner.set.is_some() && listener.is_valid() {
        conditions.push(failed(
            types::CONFLICTED,
            "NoConflicts",
            "No conflicts detected",
        ));
    }
    let node = gateway.listener_node(listener);
    ListenerStatus {
        name: listener.listener.name.clone(),
        supported_kinds: listener.supported_kinds.clone(),
        attached_routes: i32::try_from(graph.incoming(&node, Edge::AttachedTo)).unwrap_or(i32::MAX),
        conditions,
    }
}

/// Sets the status of the translated GatewayClass (when the snapshot has it for this controller).
pub(crate) fn gateway_class_status(ctx: &Context<'_>, statuses: &mut Statuses) {
    let config = ctx.config;
    let managed = ctx.snapshot.gateway_classes().any(|c| {
        c.metadata.name.as_deref() == Some(config.gateway_class_name.as_str())
            && c.spec.controller_name == config.controller_name
    });
    if !managed {
        return;
    }
    let accepted = match super::envoy_proxy_status::class_check(ctx) {
        Some(check) if !check.problems.is_empty() => failed(
            types::ACCEPTED,
            "InvalidParameters",
            format!("Invalid parametersRef: {}", check.message()),
        ),
        _ => ok(types::ACCEPTED, "Accepted", "Valid GatewayClass"),
    };
    statuses.set(
        ObjectKey {
            kind: ResourceKind::GatewayClass,
            namespace: String::new(),
            name: config.gateway_class_name.clone(),
        },
        ObjectStatus::GatewayClass(GatewayClassStatus {
            conditions: vec![accepted],
            ..GatewayClassStatus::default()
        }),
    );
}
