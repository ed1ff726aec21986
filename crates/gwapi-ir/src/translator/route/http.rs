//! HTTPRoute as a [`RouteKind`].

use gwapi_model::core::ObjectMeta;
use gwapi_model::gateway_api::{HttpRoute, ParentReference};
use gwapi_model::resource::ResourceKind;

use super::filters::CoreFilter;
use super::http_match::convert_match;
use super::rule::{RuleInput, emit_http_routes, translate_rules};
use super::{EmitTarget, NotAccepted, RouteKind, RuleOutcome};
use crate::ir::{self, Protocol, Xds};
use crate::translator::context::Context;

impl RouteKind for HttpRoute {
    const KIND: &'static str = "HTTPRoute";
    const RESOURCE: ResourceKind = ResourceKind::HttpRoute;
    type Ir = Vec<ir::HttpRoute>;

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
        let rules = self
            .spec
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| RuleInput {
                index,
                section: rule.name.as_deref(),
                filters: rule.filters.iter().map(CoreFilter::from).collect(),
                backends: rule
                    .backend_refs
                    .iter()
                    .map(|b| {
                        (
                            b.backend_ref(),
                            b.filters.iter().map(CoreFilter::from).collect(),
                        )
                    })
                    .collect(),
                matches: rule
                    .matches
                    .iter()
                    .map(|m| {
                        let c = convert_match(m);
                        ir::HttpRoute {
                            path_match: c.path,
                            header_matches: c.headers,
                            query_param_matches: c.query_params,
                            ..ir::HttpRoute::default()
                        }
                    })
                    .collect(),
                timeouts: rule.timeouts.as_ref(),
                retry: rule.retry.as_ref(),
                session_persistence: rule.session_persistence.as_ref(),
                is_http2: false,
                protocol: Protocol::Http,
            });
        translate_rules(ctx, Self::KIND, &self.metadata, rules)
    }

    fn emit(ir: &Self::Ir, target: &EmitTarget<'_>, xds: &mut Xds) -> Option<NotAccepted> {
        emit_http_routes(ir, target, xds);
        None
    }
}
