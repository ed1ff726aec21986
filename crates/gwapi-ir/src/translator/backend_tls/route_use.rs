//! The routes that can carry TLS to backends (HTTP, gRPC, TLS, TCP), read uniformly: parentRefs and the
//! backendRefs of each rule.

use gwapi_model::core::ObjectMeta;
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

/// What a route kind contributes to its uses: its upstream kind, its kind in status keys, and the
/// protocol its backends are resolved for.
type KindOf = (&'static str, ResourceKind, Protocol);

/// Every HTTP, gRPC, TLS and TCP route of the snapshot, in that order (each kind oldest first).
pub(crate) fn routes<'r>(ctx: &Context<'r>) -> Vec<RouteUse<'r>> {
    let s = ctx.snapshot;
    let http = ("HTTPRoute", ResourceKind::HttpRoute, Protocol::Http);
    let grpc = ("GRPCRoute", ResourceKind::GrpcRoute, Protocol::Grpc);
    let tls = ("TLSRoute", ResourceKind::TlsRoute, Protocol::Tcp);
    let tcp = ("TCPRoute", ResourceKind::TcpRoute, Protocol::Tcp);
    let mut out = Vec::new();
    out.extend(s.http_routes().map(|r| {
        let rules = r.spec.rules.iter().map(|rule| {
            let refs = rule.backend_refs.iter();
            refs.map(HttpBackendRef::backend_ref).collect()
        });
        RouteUse::of(http, &r.metadata, &r.spec.parent_refs, rules.collect())
    }));
    out.extend(s.grpc_routes().map(|r| {
        let rules = r.spec.rules.iter().map(|rule| {
            let refs = rule.backend_refs.iter();
            refs.map(GrpcBackendRef::backend_ref).collect()
        });
        RouteUse::of(grpc, &r.metadata, &r.spec.parent_refs, rules.collect())
    }));
    out.extend(s.tls_routes().map(|r| {
        let rules = r.spec.rules.iter().map(|rule| rule.backend_refs.clone());
        RouteUse::of(tls, &r.metadata, &r.spec.parent_refs, rules.collect())
    }));
    out.extend(s.tcp_routes().map(|r| {
        let rules = r.spec.rules.iter().map(|rule| rule.backend_refs.clone());
        RouteUse::of(tcp, &r.metadata, &r.spec.parent_refs, rules.collect())
    }));
    out
}

impl<'r> RouteUse<'r> {
    fn of(
        (kind, resource, protocol): KindOf,
        meta: &ObjectMeta,
        parents: &'r [ParentReference],
        rules: Vec<Vec<BackendRef>>,
    ) -> Self {
        let (namespace, name) = ns_name(meta);
        Self {
            kind,
            resource,
            namespace,
            name,
            parents,
            rules,
            protocol,
        }
    }
}

impl RouteUse<'_> {
    /// Whether `parent` (one of the route's parentRefs) names Gateway `namespace/name`.
    pub fn names_gateway(&self, parent: &ParentReference, namespace: &str, name: &str) -> bool {
        parent.kind.as_deref().is_none_or(|k| k == "Gateway")
            && parent.namespace.as_deref().unwrap_or(&self.namespace) == namespace
            && parent.name == name
    }
}
