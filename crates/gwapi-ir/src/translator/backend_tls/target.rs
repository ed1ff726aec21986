//! Which BackendTLSPolicies apply to a backendRef: the reference seen as a policy target (`sectionName` is the
//! Service port's name, or the port number for other kinds), and the matching policies, oldest first.
//!
//! Policies only conflict when they select the same target and the same `sectionName` (Gateway API): a
//! policy naming the referenced section is more specific than one targeting the whole backend, so it
//! applies to that section, while the whole-backend policy still applies to the other sections.

use gwapi_model::gateway_api::{BackendRef, BackendTlsPolicy};

use crate::translator::context::Context;

/// A backendRef as a BackendTLSPolicy target sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BackendTarget {
    /// The API group (`""` for Services).
    pub group: String,
    /// The kind (`Service`, `ServiceImport`, `Backend`).
    pub kind: String,
    /// The namespace of the backend.
    pub namespace: String,
    /// The name of the backend.
    pub name: String,
    /// The section the reference selects: the Service (or ServiceImport) port's name, or the port number
    /// of a Backend; `None` without a port.
    pub section: Option<String>,
}

impl BackendTarget {
    /// The target of `backend`, a reference from an object in `from_namespace`.
    pub fn of(ctx: &Context<'_>, backend: &BackendRef, from_namespace: &str) -> Self {
        let kind = backend.kind.clone().unwrap_or_else(|| "Service".to_owned());
        let namespace = backend
            .namespace
            .clone()
            .unwrap_or_else(|| from_namespace.to_owned());
        let section = backend
            .port
            .and_then(|port| section_of(ctx, &kind, &namespace, &backend.name, port));
        Self {
            group: backend.group.clone().unwrap_or_default(),
            kind,
            namespace,
            name: backend.name.clone(),
            section,
        }
    }

    /// Whether `policy` targets this backend (the whole of it, or the selected section).
    pub fn matched_by(&self, policy: &BackendTlsPolicy) -> bool {
        policy.metadata.namespace.as_deref() == Some(self.namespace.as_str())
            && policy.spec.target_refs.iter().any(|t| {
                t.group == self.group
                    && t.kind == self.kind
                    && t.name == self.name
                    && t.section_name
                        .as_ref()
                        .is_none_or(|s| self.section.as_ref() == Some(s))
            })
    }

    /// The policies competing for this backend, in precedence order (the first one wins, the others
    /// are conflicted): those naming its section when there are any, else those targeting all of it.
    pub fn policies<'a>(&self, ctx: &Context<'a>) -> Vec<&'a BackendTlsPolicy> {
        let (by_section, whole): (Vec<_>, Vec<_>) = ctx
            .snapshot
            .backend_tls_policies()
            .filter(|p| self.matched_by(p))
            .partition(|p| self.named_by(p));
        if by_section.is_empty() {
            whole
        } else {
            by_section
        }
    }

    /// Whether `policy` names this backend's section (rather than the whole backend).
    fn named_by(&self, policy: &BackendTlsPolicy) -> bool {
        self.section.is_some()
            && policy.spec.target_refs.iter().any(|t| {
                t.group == self.group
                    && t.kind == self.kind
                    && t.name == self.name
                    && t.section_name == self.section
            })
    }
}

/// The section a reference to `port` of backend `namespace/name` selects.
fn section_of(
    ctx: &Context<'_>,
    kind: &str,
    namespace: &str,
    name: &str,
    port: i32,
) -> Option<String> {
    let named = |port_name: Option<&String>| port_name.filter(|n| !n.is_empty()).cloned();
    match kind {
        "Service" => {
            let service = ctx
                .idx
                .services
                .get(&(namespace.to_owned(), name.to_owned()))?;
            let ports = service.spec.as_ref()?.ports.as_ref()?;
            named(ports.iter().find(|p| p.port == port)?.name.as_ref())
        }
        "ServiceImport" => {
            let import = ctx.snapshot.service_imports().find(|s| {
                s.metadata.namespace.as_deref() == Some(namespace)
                    && s.metadata.name.as_deref() == Some(name)
            })?;
            named(
                import
                    .spec
                    .ports
                    .iter()
                    .find(|p| p.port == port)?
                    .name
                    .as_ref(),
            )
        }
        _ => Some(port.to_string()),
    }
}
