//! A rule's backendRefs as a destination: each reference resolved to a Service port and its endpoints
//! (one setting each, weighted), invalid ones kept as invalid settings so their share of traffic gets a 500.

use gwapi_model::gateway_api::BackendRef;

use super::NotAccepted;
use crate::ir::{
    DestinationFilters, DestinationSetting, ForceLocalZone, MetadataAnnotation, PreferLocal,
    Protocol, ResourceMetadata, RouteDestination,
};
use crate::names;
use crate::translator::backend::service;
use crate::translator::context::Context;
use crate::translator::gateway::listener::GATEWAY_API_GROUP;
use crate::translator::reference_grant::RefSide;

/// The route a backendRef belongs to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RouteRef<'r> {
    /// The route kind (`HTTPRoute`).
    pub kind: &'static str,
    /// The route's namespace.
    pub namespace: &'r str,
    /// The route's name.
    pub name: &'r str,
    /// The route's `gateway.envoyproxy.io/` annotations, as metadata.
    pub annotations: &'r [MetadataAnnotation],
}

/// One backendRef of a rule, with the filters it carries.
#[derive(Clone, Debug)]
pub(crate) struct RuleBackend {
    /// The reference.
    pub backend: BackendRef,
    /// Filters applied to requests sent to it.
    pub filters: Option<DestinationFilters>,
    /// Whether its filters already made it invalid.
    pub invalid: bool,
}

/// What resolving a rule's backendRefs produced.
#[derive(Debug, Default)]
pub(crate) struct RuleBackends {
    /// The destination, `None` when no backend is valid.
    pub destination: Option<RouteDestination>,
    /// Why references are unresolved (one per reference).
    pub errors: Vec<NotAccepted>,
    /// Why valid backends have no endpoints.
    pub unavailable: Vec<NotAccepted>,
}

/// Resolves the backendRefs of rule `rule` of `route`.
pub(crate) fn resolve_rule(
    ctx: &Context<'_>,
    route: RouteRef<'_>,
    rule: usize,
    rule_section: Option<&str>,
    backends: &[RuleBackend],
    protocol: Protocol,
) -> RuleBackends {
    let name = names::route_rule_name(route.kind, route.namespace, route.name, rule);
    let mut out = RuleBackends::default();
    let mut settings = Vec::new();
    for (k, b) in backends.iter().enumerate() {
        let setting_name = names::backend_setting_name(&name, k);
        let weight = u32::try_from(b.backend.weight.unwrap_or(1)).unwrap_or_default();
        let resolved = if b.invalid {
            Err(None)
        } else {
            resolve(ctx, route, &b.backend, protocol).map_err(Some)
        };
        match resolved {
            Ok(_) if weight == 0 => {}
            Ok(mut setting) => {
                if setting.endpoints.is_empty() && !setting.is_dynamic_resolver {
                    out.unavailable.push(no_endpoints(&setting));
                }
                setting.name = setting_name;
                setting.weight = Some(weight);
                setting.filters.clone_from(&b.filters);
                settings.push(setting);
            }
            Err(e) => {
                if let Some(e) = e {
                    out.errors.push(NotAccepted {
                        reason: e.reason,
                        message: sentence(format!(
                            "Failed to process route rule {rule} backendRef {k}: {}",
                            e.message
                        )),
                    });
                }
                settings.push(DestinationSetting {
                    name: setting_name,
                    weight: Some(weight),
                    // Envoy Gateway flags invalid backends of HTTP routes only.
                    invalid: protocol != Protocol::Grpc,
                    ..DestinationSetting::default()
                });
            }
        }
    }
    let valid = settings
        .iter()
        .filter(|s| s.metadata.is_some() || s.is_dynamic_resolver);
    let available = valid
        .clone()
        .any(|s| !s.endpoints.is_empty() || s.is_dynamic_resolver);
    if available || (out.unavailable.is_empty() && valid.count() > 0) {
        out.destination = Some(RouteDestination {
            name,
            settings,
            metadata: Some(ResourceMetadata {
                kind: route.kind.to_owned(),
                name: route.name.to_owned(),
                namespace: route.namespace.to_owned(),
                section_name: rule_section.unwrap_or_default().to_owned(),
                annotations: route.annotations.to_vec(),
                ..ResourceMetadata::default()
            }),
            ..RouteDestination::default()
        });
    }
    out
}

/// The problem of a valid backend without endpoints.
pub(crate) fn no_endpoints(setting: &DestinationSetting) -> NotAccepted {
    let (namespace, name) = setting
        .metadata
        .as_ref()
        .map(|m| (m.namespace.as_str(), m.name.as_str()))
        .unwrap_or_default();
    NotAccepted {
        reason: "EndpointsNotFound",
        message: format!("no ready endpoints for the related Service {namespace}/{name}."),
    }
}

/// Resolves one reference to a setting (name and weight left for the caller), with its TLS settings.
pub(crate) fn resolve(
    ctx: &Context<'_>,
    route: RouteRef<'_>,
    backend: &BackendRef,
    protocol: Protocol,
) -> Result<DestinationSetting, NotAccepted> {
    resolve_backend(ctx, route, backend, protocol).and_then(|setting| {
        crate::translator::backend_tls::apply(ctx, backend, route.namespace, protocol, setting)
    })
}

/// Resolves one reference to a setting, without TLS.
fn resolve_backend(
    ctx: &Context<'_>,
    route: RouteRef<'_>,
    backend: &BackendRef,
    protocol: Protocol,
) -> Result<DestinationSetting, NotAccepted> {
    let group = backend.group.as_deref().unwrap_or_default();
    let kind = backend.kind.as_deref().unwrap_or("Service");
    if !matches!(
        group,
        "" | "multicluster.x-k8s.io" | "gateway.envoyproxy.io"
    ) {
        return Err(NotAccepted {
            reason: "InvalidKind",
            message: "Group is invalid, only the core API group (specified by omitting the group field or setting it to an empty string), multicluster.x-k8s.io and gateway.envoyproxy.io are supported.".to_owned(),
        });
    }
    if !matches!(kind, "Service" | "ServiceImport" | "Backend") {
        return Err(NotAccepted {
            reason: "InvalidKind",
            message: "Kind is invalid, only Service, MCS ServiceImport and Envoy Gateway Backend are supported.".to_owned(),
        });
    }
    let namespace = backend.namespace.as_deref().unwrap_or(route.namespace);
    let from = RefSide {
        group: GATEWAY_API_GROUP,
        kind: route.kind,
        namespace: route.namespace,
    };
    let to = RefSide {
        group,
        kind,
        namespace,
    };
    if !ctx.permitted(from, to, &backend.name) {
        return Err(NotAccepted {
            reason: "RefNotPermitted",
            message: format!(
                "Backend ref to {kind} {namespace}/{} not permitted by any ReferenceGrant.",
                backend.name
            ),
        });
    }
    if kind == "Backend" {
        return crate::translator::backend::eg_backend::setting(
            ctx,
            namespace,
            &backend.name,
            protocol,
        );
    }
    if kind == "ServiceImport" {
        return crate::translator::backend::service_import::setting(
            ctx, namespace, backend, protocol,
        );
    }
    service_setting(ctx, namespace, backend, protocol)
}

/// A Service reference as a setting.
fn service_setting(
    ctx: &Context<'_>,
    namespace: &str,
    backend: &BackendRef,
    protocol: Protocol,
) -> Result<DestinationSetting, NotAccepted> {
    let Some(port_number) = backend.port else {
        return Err(NotAccepted {
            reason: "PortNotSpecified",
            message:
                "A valid port number corresponding to a port on the Service must be specified."
                    .to_owned(),
        });
    };
    let Some(svc) = ctx
        .idx
        .services
        .get(&(namespace.to_owned(), backend.name.clone()))
    else {
        return Err(NotAccepted {
            reason: "BackendNotFound",
            message: format!("service {namespace}/{} not found", backend.name),
        });
    };
    if svc.spec.as_ref().and_then(|s| s.type_.as_deref()) == Some("ExternalName") {
        return Err(NotAccepted {
            reason: "UnsupportedValue",
            message: format!(
                "Service {namespace}/{} is of type ExternalName, which is not supported as a backend; use an Envoy Gateway Backend resource with an FQDN endpoint instead.",
                backend.name
            ),
        });
    }
    let l4 = if protocol == Protocol::Udp {
        "UDP"
    } else {
        "TCP"
    };
    let Some(port) = service::find_port(svc, port_number, l4) else {
        return Err(NotAccepted {
            reason: "PortNotFound",
            message: format!(
                "{l4} Port {port_number} not found on Service {namespace}/{}",
                backend.name
            ),
        });
    };
    let resolved = service::endpoints(&ctx.idx, svc, port, false);
    let upstream =
        crate::translator::backend::app_protocol::of_port(port.app_protocol.as_deref(), protocol);
    let prefer_close = svc
        .spec
        .as_ref()
        .and_then(|s| s.traffic_distribution.as_deref())
        == Some("PreferClose");
    Ok(DestinationSetting {
        prefer_local: prefer_close.then_some(PreferLocal {
            force: Some(ForceLocalZone {
                min_endpoints_in_zone_threshold: Some(1),
            }),
            min_endpoints_threshold: Some(1),
        }),
        protocol: Some(upstream.protocol),
        force_http1_upstream: upstream.force_http1,
        endpoints: resolved.endpoints,
        address_type: resolved.address_type,
        metadata: Some(ResourceMetadata {
            kind: "Service".to_owned(),
            name: backend.name.clone(),
            namespace: namespace.to_owned(),
            section_name: port_number.to_string(),
            ..ResourceMetadata::default()
        }),
        ..DestinationSetting::default()
    })
}

/// A backend error as one line of an HTTP route's condition message: ending with a period (TCP, TLS
/// and UDP routes show the error as it is).
pub(crate) fn sentence(mut message: String) -> String {
    if !message.ends_with('.') {
        message.push('.');
    }
    message
}
