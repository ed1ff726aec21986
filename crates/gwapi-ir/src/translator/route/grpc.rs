//! GRPCRoute as a [`RouteKind`]: method matches become path matches, backends speak gRPC, and the listeners
//! it attaches to get gRPC-Web and gRPC stats.

use gwapi_model::core::ObjectMeta;
use gwapi_model::gateway_api::{
    GrpcHeaderMatchType, GrpcMethodMatchType, GrpcRoute, GrpcRouteMatch, ParentReference,
};
use gwapi_model::resource::ResourceKind;

use super::filters::CoreFilter;
use super::rule::{RuleInput, emit_http_routes, translate_rules};
use super::{EmitTarget, NotAccepted, RouteKind, RuleOutcome};
use crate::ir::{self, GrpcSettings, MatchPattern, Protocol, StringMatch, Xds};
use crate::translator::context::Context;

/// Any valid gRPC service name.
const SERVICE_REGEX: &str = r"(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*";
/// Any valid gRPC method name.
const METHOD_REGEX: &str = "[A-Za-z_][A-Za-z_0-9]*";

/// The IR matches of one GRPCRoute match.
fn convert_match(m: &GrpcRouteMatch) -> ir::HttpRoute {
    let mut out = ir::HttpRoute::default();
    if let Some(method) = &m.method {
        let service = method.service.clone();
        let name = method.method.clone();
        if method.type_ == Some(GrpcMethodMatchType::RegularExpression) {
            let s = service.unwrap_or_else(|| SERVICE_REGEX.to_owned());
            let n = name.unwrap_or_else(|| METHOD_REGEX.to_owned());
            out.path_match = Some(StringMatch::new(MatchPattern::SafeRegex(format!(
                "/{s}/{n}"
            ))));
        } else {
            match (service, name) {
                (Some(s), Some(n)) => {
                    out.path_match =
                        Some(StringMatch::new(MatchPattern::Exact(format!("/{s}/{n}"))));
                }
                (Some(s), None) => {
                    out.path_match = Some(StringMatch::new(MatchPattern::Prefix(format!("/{s}"))));
                }
                (None, Some(n)) => out.header_matches.push(StringMatch {
                    name: ":path".to_owned(),
                    ..StringMatch::new(MatchPattern::Suffix(format!("/{n}")))
                }),
                (None, None) => {}
            }
        }
    }
    for h in &m.headers {
        let pattern = match h.type_ {
            Some(GrpcHeaderMatchType::RegularExpression) => {
                MatchPattern::SafeRegex(h.value.clone())
            }
            _ => MatchPattern::Exact(h.value.clone()),
        };
        out.header_matches.push(StringMatch {
            name: h.name.clone(),
            ..StringMatch::new(pattern)
        });
    }
    out
}

impl RouteKind for GrpcRoute {
    const KIND: &'static str = "GRPCRoute";
    const RESOURCE: ResourceKind = ResourceKind::GrpcRoute;
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
                matches: rule.matches.iter().map(convert_match).collect(),
                timeouts: None,
                retry: None,
                session_persistence: rule.session_persistence.as_ref(),
                is_http2: true,
                protocol: Protocol::Grpc,
            });
        translate_rules(ctx, Self::KIND, &self.metadata, rules)
    }

    fn emit(ir: &Self::Ir, target: &EmitTarget<'_>, xds: &mut Xds) -> Option<NotAccepted> {
        if emit_http_routes(ir, target, xds)
            && let Some(listener) = xds.http.iter_mut().find(|l| l.name == target.listener)
        {
            listener.grpc = Some(GrpcSettings {
                enable_grpc_web: true,
                enable_grpc_stats: true,
            });
        }
        None
    }
}
