//! TCPRoute as a [`RouteKind`], and what every L4 route kind (TCP, TLS, UDP) shares: the backendRefs
//! of its rule (of each of its rules, for TLSRoute) become one destination.

use gwapi_model::core::ObjectMeta;
use gwapi_model::gateway_api::{BackendRef, ParentReference, TcpRoute};
use gwapi_model::resource::ResourceKind;

use super::backend_refs::{self, RouteRef};
use super::{EmitTarget, NotAccepted, RouteKind, RuleOutcome};
use crate::ir::{self, Protocol, ResourceMetadata, RouteDestination, TcpRouteTls, Xds};
use crate::names;
use crate::translator::context::Context;

/// The IR of an L4 route: its name, metadata and destination (`None` when it has not exactly one rule).
#[derive(Debug, Default)]
pub(crate) struct L4Ir {
    /// The IR route name (`tcproute/<ns>/<name>`).
    pub name: String,
    /// The resource the route comes from.
    pub metadata: Option<ResourceMetadata>,
    /// Where connections go.
    pub destination: Option<RouteDestination>,
    /// Whether the one backend is a dynamic resolver (which needs TLS passthrough).
    pub dynamic_resolver: bool,
}

/// The L4 route kinds that may have several rules (the others have exactly one).
const MANY_RULES: &[&str] = &["TLSRoute"];

/// One rule of an L4 route: its name (section name) and backendRefs.
pub(crate) type L4Rule<'r> = (Option<&'r str>, &'r [BackendRef]);

/// Translates the rules of an L4 route of `kind`.
pub(crate) fn translate_l4(
    ctx: &Context<'_>,
    kind: &'static str,
    meta: &ObjectMeta,
    rules: &[L4Rule<'_>],
    protocol: Protocol,
) -> RuleOutcome<L4Ir> {
    let annotations = super::metadata_annotations(meta);
    let namespace = meta.namespace.as_deref().unwrap_or_default();
    let name = meta.name.as_deref().unwrap_or_default();
    let route = RouteRef {
        kind,
        namespace,
        name,
        annotations: &annotations,
    };
    let metadata = Some(ResourceMetadata {
        kind: kind.to_owned(),
        name: name.to_owned(),
        namespace: namespace.to_owned(),
        annotations: annotations.clone(),
        ..ResourceMetadata::default()
    });
    let mut outcome = RuleOutcome {
        ir: L4Ir {
            name: format!("{}/{namespace}/{name}", kind.to_ascii_lowercase()),
            metadata: metadata.clone(),
            destination: None,
            dynamic_resolver: false,
        },
        verbatim: true,
        ..RuleOutcome::default()
    };
    for backend in rules.iter().flat_map(|(_, r)| r.iter()) {
        outcome.backends.push((
            backend.kind.clone().unwrap_or_else(|| "Service".to_owned()),
            backend
                .namespace
                .clone()
                .unwrap_or_else(|| namespace.to_owned()),
            backend.name.clone(),
        ));
    }
    let section = match rules {
        [(section, _)] => *section,
        [_, _, ..] if MANY_RULES.contains(&kind) => None,
        _ => {
            outcome.not_accepted.push(NotAccepted {
                reason: "InvalidRule",
                message: "One and only one rule is supported".to_owned(),
            });
            return outcome;
        }
    };
    let dest_name = format!("{}/{namespace}/{name}/rule/-1", kind.to_ascii_lowercase());
    let mut settings = Vec::new();
    let backend_count: usize = rules.iter().map(|(_, b)| b.len()).sum();
    let dynamic = rules
        .iter()
        .flat_map(|(_, b)| b.iter())
        .any(|b| crate::translator::backend::eg_backend::is_dynamic_resolver(ctx, route, b));
    if backend_count > 1 && dynamic {
        outcome.unresolved.push(NotAccepted {
            reason: "InvalidBackendRef",
            message: "dynamic resolver is not supported for multiple backendRefs".to_owned(),
        });
    } else {
        outcome.ir.dynamic_resolver = dynamic;
        // Every rule's backends join the one destination, numbered within their rule.
        for (_, backends) in rules {
            for (k, b) in backends.iter().enumerate() {
                let weight = u32::try_from(b.weight.unwrap_or(1)).unwrap_or_default();
                match backend_refs::resolve(ctx, route, b, protocol) {
                    Ok(_) if weight == 0 => {}
                    Ok(mut setting) => {
                        setting.name = names::backend_setting_name(&dest_name, k);
                        setting.weight = Some(weight);
                        settings.push(setting);
                    }
                    Err(e) => outcome.unresolved.push(e),
                }
            }
        }
    }
    outcome.ir.destination = Some(RouteDestination {
        name: dest_name,
        settings,
        metadata: metadata.map(|m| ResourceMetadata {
            section_name: section.unwrap_or_default().to_owned(),
            ..m
        }),
        ..RouteDestination::default()
    });
    outcome
}

/// The IR TCP route of an L4 route (`None` without a destination).
pub(crate) fn tcp_route(ir: &L4Ir, tls: Option<TcpRouteTls>) -> Option<ir::TcpRoute> {
    Some(ir::TcpRoute {
        name: ir.name.clone(),
        tls,
        destination: Some(ir.destination.clone()?),
        metadata: ir.metadata.clone(),
        ..ir::TcpRoute::default()
    })
}

impl RouteKind for TcpRoute {
    const KIND: &'static str = "TCPRoute";
    const HAS_HOSTNAMES: bool = false;
    const RESOURCE: ResourceKind = ResourceKind::TcpRoute;
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
        translate_l4(ctx, Self::KIND, &self.metadata, &rules, Protocol::Tcp)
    }

    fn emit(ir: &Self::Ir, target: &EmitTarget<'_>, xds: &mut Xds) -> Option<NotAccepted> {
        let listener = xds.tcp.iter_mut().find(|l| l.name == target.listener)?;
        // A TCP listener forwards to one route only: the first attached.
        if !listener.routes.is_empty() {
            return None;
        }
        let tls = listener.tls.clone().map(|terminate| {
            let snis: Vec<String> = target
                .hosts
                .iter()
                .filter(|h| h.as_str() != "*")
                .cloned()
                .collect();
            TcpRouteTls {
                inspector: (!snis.is_empty()).then_some(ir::TlsInspectorConfig { snis }),
                terminate: Some(terminate),
            }
        });
        if let Some(route) = tcp_route(ir, tls) {
            listener.routes.push(route);
        }
        None
    }
}
