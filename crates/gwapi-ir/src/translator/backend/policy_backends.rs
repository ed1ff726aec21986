//! The backends a policy or an EnvoyProxy makes the proxy call itself (an external processor, an
//! authorization service, a remote JWKS, a telemetry sink), named by Envoy Gateway `backendRefs`: the
//! pieces every such resolver shares. A reference becomes a Gateway API backendRef with its namespace
//! filled in, a ReferenceGrant allows it across namespaces, a Service reference resolves to the
//! endpoints of its TCP port, and a Backend's endpoints (Unix sockets included, which routes may not
//! use) are taken as they are.

use gwapi_model::envoy_gateway::{Backend, EgBackendRef};
use gwapi_model::gateway_api::BackendRef;

use super::service;
use crate::ir::{AddressType, DestinationEndpoint, DestinationSetting, ResourceMetadata};
use crate::translator::context::Context;
use crate::translator::reference_grant::RefSide;

/// The API group of Envoy Gateway's kinds (the `from` side of ReferenceGrants).
const EG_GROUP: &str = "gateway.envoyproxy.io";

/// `r`, named by an object in `from_namespace`, as a Gateway API backendRef with its namespace
/// filled in.
pub(crate) fn as_backend_ref(r: &EgBackendRef, from_namespace: &str) -> BackendRef {
    BackendRef {
        group: r.group.clone(),
        kind: r.kind.clone(),
        name: r.name.clone(),
        namespace: Some(
            r.namespace
                .clone()
                .unwrap_or_else(|| from_namespace.to_owned()),
        ),
        port: r.port,
        weight: r.weight,
    }
}

/// The Envoy Gateway Backend `namespace/name`.
pub(crate) fn find_backend<'a>(
    ctx: &Context<'a>,
    namespace: &str,
    name: &str,
) -> Option<&'a Backend> {
    ctx.snapshot.backends().find(|b| {
        b.metadata.namespace.as_deref() == Some(namespace)
            && b.metadata.name.as_deref() == Some(name)
    })
}

/// Checks that an Envoy Gateway object of `from_kind` in `from_namespace` may refer to `kind`
/// `namespace/name` (of `group`): always in its own namespace, through a ReferenceGrant elsewhere.
pub(crate) fn check_grant(
    ctx: &Context<'_>,
    (from_kind, from_namespace): (&str, &str),
    (group, kind): (&str, &str),
    namespace: &str,
    name: &str,
) -> Result<(), String> {
    let from = RefSide {
        group: EG_GROUP,
        kind: from_kind,
        namespace: from_namespace,
    };
    let to = RefSide {
        group,
        kind,
        namespace,
    };
    if ctx.permitted(from, to, name) {
        Ok(())
    } else {
        Err(format!(
            "backend ref to {kind} {namespace}/{name} not permitted by any ReferenceGrant"
        ))
    }
}

/// Why a Service reference has no port.
pub(crate) fn missing_port() -> String {
    "a valid port number corresponding to a port on the Service must be specified".to_owned()
}

/// A Service port resolved: the setting of its endpoints (metadata, endpoints and address type; the
/// rest left to the caller) and the port's application protocol.
pub(crate) struct ServiceSetting<'a> {
    /// The setting.
    pub setting: DestinationSetting,
    /// The `appProtocol` of the Service port.
    pub app_protocol: Option<&'a str>,
}

/// The endpoints of TCP port `port` of Service `namespace/name` (its cluster IP when
/// `route_to_service`); the first problem otherwise: the Service is missing, the reference has no
/// port, or the Service has no such port.
pub(crate) fn service_setting<'a>(
    ctx: &Context<'a>,
    namespace: &str,
    name: &str,
    port: Option<i32>,
    route_to_service: bool,
) -> Result<ServiceSetting<'a>, String> {
    let Some(svc) = ctx
        .idx
        .services
        .get(&(namespace.to_owned(), name.to_owned()))
    else {
        return Err(format!("service {namespace}/{name} not found"));
    };
    let Some(port_number) = port else {
        return Err(missing_port());
    };
    let Some(port) = service::find_port(svc, port_number, "TCP") else {
        return Err(format!(
            "TCP Port {port_number} not found on service {namespace}/{name}"
        ));
    };
    let resolved = service::endpoints(&ctx.idx, svc, port, route_to_service);
    Ok(ServiceSetting {
        setting: DestinationSetting {
            endpoints: resolved.endpoints,
            address_type: resolved.address_type,
            metadata: Some(ResourceMetadata {
                kind: "Service".to_owned(),
                name: name.to_owned(),
                namespace: namespace.to_owned(),
                section_name: port_number.to_string(),
                ..ResourceMetadata::default()
            }),
            ..DestinationSetting::default()
        },
        app_protocol: port.app_protocol.as_deref(),
    })
}

/// Every endpoint of `backend` as it is (IP, FQDN or Unix socket), and the address types found, in
/// the order first seen.
pub(crate) fn backend_endpoints(backend: &Backend) -> (Vec<DestinationEndpoint>, Vec<AddressType>) {
    let mut endpoints = Vec::new();
    let mut kinds = Vec::new();
    for e in &backend.spec.endpoints {
        let (endpoint, kind) = if let Some(ip) = &e.ip {
            (endpoint(&ip.address, ip.port, None), AddressType::Ip)
        } else if let Some(fqdn) = &e.fqdn {
            (endpoint(&fqdn.hostname, fqdn.port, None), AddressType::Fqdn)
        } else if let Some(unix) = &e.unix {
            (endpoint("", 0, Some(unix.path.clone())), AddressType::Uds)
        } else {
            continue;
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
        endpoints.push(DestinationEndpoint {
            hostname: e.hostname.clone(),
            zone: e.zone.clone(),
            ..endpoint
        });
    }
    (endpoints, kinds)
}

/// The metadata of a setting of Backend `namespace/name`.
pub(crate) fn backend_metadata(namespace: &str, name: &str) -> ResourceMetadata {
    ResourceMetadata {
        kind: "Backend".to_owned(),
        name: name.to_owned(),
        namespace: namespace.to_owned(),
        ..ResourceMetadata::default()
    }
}

fn endpoint(host: &str, port: i32, path: Option<String>) -> DestinationEndpoint {
    DestinationEndpoint {
        host: host.to_owned(),
        port: u32::try_from(port).unwrap_or_default(),
        path,
        ..DestinationEndpoint::default()
    }
}
