//! What a policy targets: `targetRefs`, the deprecated `targetRef`, and `targetSelectors` (by kind, labels
//! and namespaces; another namespace's objects only with a ReferenceGrant). One implementation for every
//! policy kind.

use std::collections::BTreeMap;

use gwapi_model::Snapshot;
use gwapi_model::core::{LabelSelector, ObjectMeta};
use gwapi_model::envoy_gateway::{PolicyTargets, TargetNamespaceFrom, TargetSelector};
use gwapi_model::resource::{Resource, ResourceKind};

use super::ancestors::GATEWAY_API_GROUP;
use crate::translator::context::Context;
use crate::translator::gateway::listener_selector_matches;
use crate::translator::reference_grant::RefSide;

/// One target of a policy.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Target {
    /// The target's kind (`Gateway`, `ListenerSet`, `HTTPRoute`, ...).
    pub kind: String,
    /// The target's namespace (always the policy's for `targetRefs`).
    pub namespace: String,
    /// The target's name.
    pub name: String,
    /// A listener (Gateway, ListenerSet) or a rule (route) of the target.
    pub section: Option<String>,
}

/// The kinds a target selector may select, with their resource kinds.
const SELECTABLE: &[(&str, ResourceKind)] = &[
    ("Gateway", ResourceKind::Gateway),
    ("ListenerSet", ResourceKind::ListenerSet),
    ("HTTPRoute", ResourceKind::HttpRoute),
    ("GRPCRoute", ResourceKind::GrpcRoute),
    ("TLSRoute", ResourceKind::TlsRoute),
    ("TCPRoute", ResourceKind::TcpRoute),
    ("UDPRoute", ResourceKind::UdpRoute),
];

/// The targets of a policy of kind `policy_kind`: its `targetRefs`, then its `targetRef`, then what its
/// selectors select (in input order), without repeats.
pub(crate) fn resolve<S: PolicyTargets>(
    ctx: &Context<'_>,
    policy_kind: &str,
    meta: &ObjectMeta,
    spec: &S,
) -> Vec<Target> {
    let namespace = meta.namespace.clone().unwrap_or_default();
    let mut targets: Vec<Target> = Vec::new();
    let mut push = |t: Target| {
        if !targets.contains(&t) {
            targets.push(t);
        }
    };
    for r in spec.target_refs().iter().chain(spec.target_ref()) {
        if !r.group.is_empty() && r.group != GATEWAY_API_GROUP {
            continue;
        }
        push(Target {
            kind: r.kind.clone(),
            namespace: namespace.clone(),
            name: r.name.clone(),
            section: r.section_name.clone().filter(|s| !s.is_empty()),
        });
    }
    for selector in spec.target_selectors() {
        for t in select(ctx, policy_kind, &namespace, selector) {
            push(t);
        }
    }
    targets
}

/// Whether the policy uses the deprecated `targetRef`.
pub(crate) fn uses_target_ref<S: PolicyTargets>(spec: &S) -> bool {
    spec.target_ref().is_some()
}

fn select(
    ctx: &Context<'_>,
    policy_kind: &str,
    policy_namespace: &str,
    selector: &TargetSelector,
) -> Vec<Target> {
    let group = selector.group.as_deref().unwrap_or(GATEWAY_API_GROUP);
    if group != GATEWAY_API_GROUP {
        return Vec::new();
    }
    let Some((kind, resource_kind)) = SELECTABLE.iter().find(|(k, _)| *k == selector.kind) else {
        return Vec::new();
    };
    let labels = LabelSelector {
        match_labels: Some(selector.match_labels.clone()),
        match_expressions: Some(selector.match_expressions.clone()),
    };
    objects(ctx.snapshot, *resource_kind)
        .filter(|meta| {
            let ns = meta.namespace.as_deref().unwrap_or_default();
            let name = meta.name.as_deref().unwrap_or_default();
            namespace_selected(ctx, policy_namespace, ns, selector)
                && listener_selector_matches(&labels, &object_labels(meta))
                && ctx.permitted(
                    RefSide {
                        group: "gateway.envoyproxy.io",
                        kind: policy_kind,
                        namespace: policy_namespace,
                    },
                    RefSide {
                        group: GATEWAY_API_GROUP,
                        kind,
                        namespace: ns,
                    },
                    name,
                )
        })
        .map(|meta| Target {
            kind: (*kind).to_owned(),
            namespace: meta.namespace.clone().unwrap_or_default(),
            name: meta.name.clone().unwrap_or_default(),
            section: None,
        })
        .collect()
}

fn objects(snapshot: &Snapshot, kind: ResourceKind) -> impl Iterator<Item = &ObjectMeta> {
    snapshot.of_kind(kind).map(Resource::metadata)
}

fn object_labels(meta: &ObjectMeta) -> BTreeMap<String, String> {
    meta.labels.clone().unwrap_or_default()
}

fn namespace_selected(
    ctx: &Context<'_>,
    policy_namespace: &str,
    namespace: &str,
    selector: &TargetSelector,
) -> bool {
    let namespaces = selector.namespaces.as_ref();
    match namespaces.and_then(|n| n.from.as_ref()) {
        Some(TargetNamespaceFrom::All) => true,
        Some(TargetNamespaceFrom::Selector) => namespaces
            .and_then(|n| n.selector.as_ref())
            .is_some_and(|s| listener_selector_matches(s, &ctx.idx.labels_of_namespace(namespace))),
        _ => namespace == policy_namespace,
    }
}
