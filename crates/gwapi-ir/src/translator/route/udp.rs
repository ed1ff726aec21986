//! UDPRoute as a [`RouteKind`]: the one route of a UDP listener.

use gwapi_model::core::ObjectMeta;
use gwapi_model::gateway_api::{ParentReference, UdpRoute};
use gwapi_model::resource::ResourceKind;

use super::tcp::{L4Ir, L4Rule, translate_l4};
use super::{EmitTarget, NotAccepted, RouteKind, RuleOutcome};
use crate::ir::{self, Protocol, Xds};
use crate::translator::context::Context;

impl RouteKind for UdpRoute {
    const KIND: &'static str = "UDPRoute";
    const HAS_HOSTNAMES: bool = false;
    const RESOURCE: ResourceKind = ResourceKind::UdpRoute;
    type Ir = L4Ir;

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn parent_refs(&self) -> &[ParentReference] {
        &self.spec.parent_refs
    }

    fn hostnames(&self) -> &[String] {
        &[]
    }

    fn translate_rules(&self, ctx: &Context<'_>) -> RuleOutcome<Self::Ir> {
        let rules: Vec<L4Rule<'_>> = self
            .spec
            .rules
            .iter()
            .map(|r| (r.name.as_deref(), r.backend_refs.as_slice()))
            .collect();
        translate_l4(ctx, Self::KIND, &self.metadata, &rules, Protocol::Udp)
    }

    fn emit(ir: &Self::Ir, target: &EmitTarget<'_>, xds: &mut Xds) -> Option<NotAccepted> {
        let listener = xds.udp.iter_mut().find(|l| l.name == target.listener)?;
        // A UDP listener forwards to one route only: the first attached.
        if listener.route.is_some() {
            return None;
        }
        if let Some(destination) = ir.destination.clone() {
            listener.route = Some(ir::UdpRoute {
                name: ir.name.clone(),
                destination: Some(destination),
                ..ir::UdpRoute::default()
            });
        }
        None
    }
}
