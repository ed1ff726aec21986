//! Envoy Gateway `Backend` objects: their validation (and status), and their endpoints as a destination
//! setting (IP, FQDN or both; Unix sockets cannot be routed to).

use std::net::IpAddr;

use gwapi_model::Condition;
use gwapi_model::ConditionStatus;
use gwapi_model::envoy_gateway::{Backend, BackendStatus, BackendType};
use gwapi_model::resource::{ObjectKey, ResourceKind};

use crate::ir::{AddressType, DestinationEndpoint, DestinationSetting, Protocol, ResourceMetadata};
use crate::translator::backend_tls::backend_invalid_reason;
use crate::translator::context::Context;
use crate::translator::index::ns_name;
use crate::translator::route::NotAccepted;
use crate::translator::{ObjectStatus, Statuses};

/// Why a Backend cannot be used (without the trailing period), if it cannot.
fn invalid_reason(backend: &Backend, running_on_host: bool) -> Option<String> {
    for endpoint in &backend.spec.endpoints {
        if let Some(ip) = &endpoint.ip {
            let Ok(address) = ip.address.parse::<IpAddr>() else {
                return Some(format!("IP address {} is invalid", ip.address));
            };
            if !running_on_host && address.is_loopback() {
                return Some(format!(
                    "IP address {} in the loopback range is only supported when using the Host infrastructure",
                    ip.address
                ));
            }
        }
        if let Some(fqdn) = &endpoint.fqdn
            && !is_dns_name(&fqdn.hostname)
        {
            return Some(format!("hostname {} is not a valid FQDN", fqdn.hostname));
        }
        // A host process may reach services on its own machine by name.
        if let Some(fqdn) = &endpoint.fqdn
            && !fqdn.hostname.contains('.')
            && !(running_on_host && fqdn.hostname == "localhost")
        {
            return Some(format!(
                "hostname {} should be a domain with at least two segments separated by dots",
                fqdn.hostname
            ));
        }
    }
    None
}

/// Whether `name` is a DNS name (RFC 1123 labels, no wildcard).
fn is_dns_name(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// Sets the status of every Backend.
pub(crate) fn backend_statuses(ctx: &Context<'_>, statuses: &mut Statuses) {
    for backend in ctx.snapshot.backends() {
        let (namespace, name) = ns_name(&backend.metadata);
        let condition = if !ctx.config.enable_backend {
            Condition::new(
                "Invalid",
                ConditionStatus::False,
                "Accepted",
                "The Backend was not accepted since Backend is not enabled in Envoy Gateway Config",
            )
        } else if let Some(reason) = invalid_reason(backend, ctx.config.enable_running_on_host)
            .or_else(|| backend_invalid_reason(ctx, backend).map(str::to_owned))
        {
            Condition::new(
                "Invalid",
                ConditionStatus::False,
                "Accepted",
                format!("The Backend was not accepted: {reason}"),
            )
        } else {
            Condition::new(
                "Accepted",
                ConditionStatus::True,
                "Accepted",
                "The Backend was accepted",
            )
        };
        statuses.set(
            ObjectKey {
                kind: ResourceKind::Backend,
                namespace,
                name,
            },
            ObjectStatus::Backend(BackendStatus {
                conditions: vec![condition],
            }),
        );
    }
}

/// Whether `backend` (a reference of `route`) names a dynamic resolver Backend.
pub(crate) fn is_dynamic_resolver(
    ctx: &Context<'_>,
    route: crate::translator::route::backend_refs::RouteRef<'_>,
    backend: &gwapi_model::gateway_api::BackendRef,
) -> bool {
    let namespace = backend.namespace.as_deref().unwrap_or(route.namespace);
    backend.kind.as_deref() == Some("Backend")
        && ctx.snapshot.backends().any(|b| {
            b.metadata.namespace.as_deref() == Some(namespace)
                && b.metadata.name.as_deref() == Some(backend.name.as_str())
                && b.spec.type_ == Some(BackendType::DynamicResolver)
        })
}

/// The destination setting of Backend `namespace/name` (name and weight left to the caller).
pub(crate) fn setting(
    ctx: &Context<'_>,
    namespace: &str,
    name: &str,
    protocol: Protocol,
) -> Result<DestinationSetting, NotAccepted> {
    if !ctx.config.enable_backend {
        return Err(NotAccepted {
            reason: "UnsupportedValue",
            message: "Backend is disabled in Envoy Gateway configuration.".to_owned(),
        });
    }
    let Some(backend) = ctx.snapshot.backends().find(|b| {
        b.metadata.namespace.as_deref() == Some(namespace)
            && b.metadata.name.as_deref() == Some(name)
    }) else {
        return Err(NotAccepted {
            reason: "BackendNotFound",
            message: format!("backend {namespace}/{name} not found."),
        });
    };
    if let Some(reason) = invalid_reason(backend, ctx.config.enable_running_on_host) {
        return Err(NotAccepted {
            reason: "InvalidAddress",
            message: format!("{reason}."),
        });
    }
    if let Some(reason) = backend_invalid_reason(ctx, backend) {
        return Err(NotAccepted {
            reason: "InvalidBackendRef",
            message: format!("{reason}."),
        });
    }
    let upstream = super::app_protocol::of_backend(&backend.spec.app_protocols, protocol);
    if backend.spec.type_ == Some(BackendType::DynamicResolver) {
        return Ok(DestinationSetting {
            protocol: Some(upstream.protocol),
            force_http1_upstream: upstream.force_http1,
            is_dynamic_resolver: true,
            ..DestinationSetting::default()
        });
    }
    let (endpoints, address_type) = endpoints_of(backend)?;
    Ok(DestinationSetting {
        // Fallback Backends take traffic only when the others are unhealthy.
        priority: (backend.spec.fallback == Some(true)).then_some(1),
        protocol: Some(upstream.protocol),
        force_http1_upstream: upstream.force_http1,
        endpoints,
        address_type,
        metadata: Some(ResourceMetadata {
            kind: "Backend".to_owned(),
            name: name.to_owned(),
            namespace: namespace.to_owned(),
            ..ResourceMetadata::default()
        }),
        ..DestinationSetting::default()
    })
}

/// The endpoints of a Backend and the kind of their addresses (Unix sockets cannot be routed to).
fn endpoints_of(
    backend: &Backend,
) -> Result<(Vec<DestinationEndpoint>, Option<AddressType>), NotAccepted> {
    let mut endpoints = Vec::new();
    let mut kinds = Vec::new();
    for e in &backend.spec.endpoints {
        let (host, port, kind) = if let Some(ip) = &e.ip {
            (ip.address.clone(), ip.port, AddressType::Ip)
        } else if let Some(fqdn) = &e.fqdn {
            (fqdn.hostname.clone(), fqdn.port, AddressType::Fqdn)
        } else {
            return Err(NotAccepted {
                reason: "UnsupportedAddressType",
                message: "unix domain sockets are not supported in backend references.".to_owned(),
            });
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
        endpoints.push(DestinationEndpoint {
            host,
            port: u32::try_from(port).unwrap_or_default(),
            hostname: e.hostname.clone(),
            zone: e.zone.clone(),
            ..DestinationEndpoint::default()
        });
    }
    let address_type = match kinds.as_slice() {
        [one] => Some(*one),
        [] => None,
        _ => Some(AddressType::Mixed),
    };
    Ok((endpoints, address_type))
}
