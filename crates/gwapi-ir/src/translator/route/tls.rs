//! TLSRoute as a [`RouteKind`]: connections matched by SNI (the route's hostnames on each listener),
//! passed through, or terminated when the listener has certificates.

use gwapi_model::core::ObjectMeta;
use gwapi_model::gateway_api::{ParentReference, TlsRoute};
use gwapi_model::resource::ResourceKind;

use super::tcp::{L4Ir, L4Rule, tcp_route, translate_l4};
use super::{EmitTarget, NotAccepted, RouteKind, RuleOutcome};
use crate::ir::{Protocol, TcpRouteTls, TlsInspectorConfig, Xds};
use crate::translator::context::Context;

impl RouteKind for TlsRoute {
    const KIND: &'static str = "TLSRoute";
    const RESOURCE: ResourceKind = ResourceKind::TlsRoute;
    type Ir = L4Ir;

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn parent_refs(&self) -> &[ParentReference] {
        &self.spec.parent_refs
    }

    fn hostnames(&self) -> &[String] {
        &self.spec.hostnames
    }

    fn translate_rules(&self, ctx: &Context<'_>) -> RuleOutcome<Self::Ir> {
        let rules: Vec<L4Rule<'_>> = self
            .spec
            .rules
            .iter()
            .map(|r| (r.name.as_deref(), r.backend_refs.as_slice()))
            .collect();
        translate_l4(ctx, Self::KIND, &self.metadata, &rules, Protocol::Tcp)
    }

    fn emit(ir: &Self::Ir, target: &EmitTarget<'_>, xds: &mut Xds) -> Option<NotAccepted> {
        let listener = xds.tcp.iter_mut().find(|l| l.name == target.listener)?;
        if ir.dynamic_resolver && listener.tls.is_some() {
            return Some(NotAccepted {
                reason: "UnsupportedValue",
                message:
                    "Dynamic resolver backend is only supported with TLS passthrough listeners"
                        .to_owned(),
            });
        }
        let mut snis = target.hosts.to_vec();
        snis.sort();
        let tls = TcpRouteTls {
            inspector: Some(TlsInspectorConfig { snis }),
            terminate: listener.tls.clone(),
        };
        if let Some(route) = tcp_route(ir, Some(tls)) {
            listener.routes.push(route);
        }
        None
    }
}
