//! The routes that can carry TLS to backends (HTTP, gRPC, TLS, TCP), read uniformly: parentRefs and the
//! backendRefs of each rule.

use gwapi_model::gateway_api::{BackendRef, GrpcBackendRef, HttpBackendRef, ParentReference};
use gwapi_model::resource::ResourceKind;

use crate::ir::Protocol;
use crate::translator::context::Context;
use crate::translator::index::ns_name;

/// One route as the TLS passes read it.
pub(crate) struct RouteUse<'r> {
    /// The upstream kind (`HTTPRoute`).
    pub kind: &'static str,
    /// The kind in status keys.
    pub resource: ResourceKind,
    /// The route's namespace.
    pub namespace: String,
    /// The route's name.
    pub name: String,
    /// The parentRefs.
    pub parents: &'r [ParentReference],
    /// The backendRefs of each rule.
    pub rules: Vec<Vec<BackendRef>>,
    /// The protocol its backends are resolved for.
    pub protocol: Protocol,
}

/// Every HTTP, gRPC, TLS and TCP route of the snapshot, in that order (each kind oldest first).
pub(crate) fn routes<'r>(ctx: &Context<'r>) -> Vec<RouteUse<'r>> {
    let s = ctx.snapshot;
    let mut out = Vec::new();
    for r in s.http_routes() {
        let (namespace, name) = ns_name(&r.metadata);
        out.push(RouteUse {
            kind: "HTTPRoute",
            resource: ResourceKind::HttpRoute,
            namespace,
            name,
            parents: &r.spec.parent_refs,
            rules: r
                .spec
                .rules
                .iter()
                .map(|rule| {
                    rule.backend_refs
                        .iter()
                        .map(HttpBackendRef::backend_ref)
                        .collect()
                })
                .collect(),
            protocol: Protocol::Http,
        });
    }
    for r in s.grpc_routes() {
        let (namespace, name) = ns_name(&r.metadata);
        out.push(RouteUse {
            kind: "GRPCRoute",
            resource: ResourceKind::GrpcRoute,
            namespace,
            name,
            parents: &r.spec.parent_refs,
            rules: r
                .spec
                .rules
                .iter()
                .map(|rule| {
                    rule.backend_refs
                        .iter()
                        .map(GrpcBackendRef::backend_ref)
                        .collect()
                })
                .collect(),
            protocol: Protocol::Grpc,
        });
    }
    for r in s.tls_routes() {
        let (namespace, name) = ns_name(&r.metadata);
        out.push(RouteUse {
            kind: "TLSRoute",
            resource: ResourceKind::TlsRoute,
            namespace,
            name,
            parents: &r.spec.parent_refs,
            rules: r
                .spec
                .rules
                .iter()
                .map(|rule| rule.backend_refs.clone())
                .collect(),
            protocol: Protocol::Tcp,
        });
    }
    for r in s.tcp_routes() {
        let (namespace, name) = ns_name(&r.metadata);
        out.push(RouteUse {
            kind: "TCPRoute",
            resource: ResourceKind::TcpRoute,
            namespace,
            name,
            parents: &r.spec.parent_refs,
            rules: r
                .spec
                .rules
                .iter()
                .map(|rule| rule.backend_refs.clone())
                .collect(),
            protocol: Protocol::Tcp,
        });
    }
    out
}

impl RouteUse<'_> {
    /// Whether `parent` (one of the route's parentRefs) names Gateway `namespace/name`.
    pub fn names_gateway(&self, parent: &ParentReference, namespace: &str, name: &str) -> bool {
        parent.kind.as_deref().is_none_or(|k| k == "Gateway")
            && parent.namespace.as_deref().unwrap_or(&self.namespace) == namespace
            && parent.name == name
    }
}
