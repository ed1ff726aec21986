//! ReferenceGrant checks: may an object of one namespace refer to an object of another?

use gwapi_model::gateway_api::ReferenceGrant;

/// One side of a cross-namespace reference.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RefSide<'s> {
    /// The API group (empty for the core group).
    pub group: &'s str,
    /// The kind.
    pub kind: &'s str,
    /// The namespace.
    pub namespace: &'s str,
}

/// Whether a reference from `from` to the object `to_name` of `to` is allowed: always within a namespace,
/// otherwise when a ReferenceGrant in the target namespace permits it.
pub(crate) fn is_permitted<'g>(
    grants: impl IntoIterator<Item = &'g ReferenceGrant>,
    from: RefSide<'_>,
    to: RefSide<'_>,
    to_name: &str,
) -> bool {
    if from.namespace == to.namespace {
        return true;
    }
    grants.into_iter().any(|grant| {
        grant.metadata.namespace.as_deref() == Some(to.namespace)
            && grant.spec.from.iter().any(|f| {
                f.group == from.group && f.kind == from.kind && f.namespace == from.namespace
            })
            && grant.spec.to.iter().any(|t| {
                t.group == to.group
                    && t.kind == to.kind
                    && t.name
                        .as_deref()
                        .is_none_or(|n| n.is_empty() || n == to_name)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::{RefSide, is_permitted};
    use gwapi_model::builders::ReferenceGrantBuilder;

    const ROUTE: RefSide<'static> = RefSide {
        group: "gateway.networking.k8s.io",
        kind: "HTTPRoute",
        namespace: "default",
    };
    const SERVICE: RefSide<'static> = RefSide {
        group: "",
        kind: "Service",
        namespace: "backends",
    };

    #[test]
    fn same_namespace_needs_no_grant() {
        let same = RefSide {
            namespace: "default",
            ..SERVICE
        };
        assert!(is_permitted([], ROUTE, same, "svc"));
    }

    #[test]
    fn grant_in_target_namespace_permits() {
        let grant = ReferenceGrantBuilder::new("backends", "g")
            .from("gateway.networking.k8s.io", "HTTPRoute", "default")
            .to("", "Service", None)
            .build();
        assert!(is_permitted([&grant], ROUTE, SERVICE, "svc"));
        assert!(!is_permitted([], ROUTE, SERVICE, "svc"));
    }

    #[test]
    fn grant_names_restrict_targets() {
        let grant = ReferenceGrantBuilder::new("backends", "g")
            .from("gateway.networking.k8s.io", "HTTPRoute", "default")
            .to("", "Service", Some("other"))
            .build();
        assert!(!is_permitted([&grant], ROUTE, SERVICE, "svc"));
        assert!(is_permitted([&grant], ROUTE, SERVICE, "other"));
    }

    #[test]
    fn grant_elsewhere_does_not_permit() {
        let grant = ReferenceGrantBuilder::new("default", "g")
            .from("gateway.networking.k8s.io", "HTTPRoute", "default")
            .to("", "Service", None)
            .build();
        assert!(!is_permitted([&grant], ROUTE, SERVICE, "svc"));
    }
}
