//! The backends of an extension service (an external processor, ...): the policy's `backendRefs` resolved
//! to one destination, each reference a setting (Service, ServiceImport or Envoy Gateway Backend, with
//! the TLS of its BackendTLSPolicy), and the `:authority` of the calls to it.

use gwapi_model::envoy_gateway::{Backend, EgBackendRef};
use gwapi_model::gateway_api::BackendRef;

use crate::ir::{AddressType, DestinationSetting, Protocol, ResourceMetadata, RouteDestination};
use crate::translator::backend::policy_backends::{
    self, backend_endpoints, backend_metadata, check_grant, find_backend,
};
use crate::translator::backend::{eg_backend, service_import};
use crate::translator::backend_tls;
use crate::translator::context::Context;
use crate::translator::index::ns_name;

/// The policy whose extension calls the backends.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Owner<'a> {
    /// The policy kind (`EnvoyExtensionPolicy`).
    pub kind: &'static str,
    /// The policy's namespace (the default namespace of its references).
    pub namespace: &'a str,
    /// The policy's name.
    pub name: &'a str,
}

/// A policy's reference as a Gateway API backendRef (namespace filled in).
pub(crate) fn as_backend_ref(owner: Owner<'_>, r: &EgBackendRef) -> BackendRef {
    policy_backends::as_backend_ref(r, owner.namespace)
}

/// The destination `name` of `refs`, called with `protocol`; the first problem otherwise.
pub(crate) fn resolve(
    ctx: &Context<'_>,
    owner: Owner<'_>,
    name: &str,
    refs: &[EgBackendRef],
    protocol: Protocol,
) -> Result<RouteDestination, String> {
    if refs.is_empty() {
        return Err("no backendRefs found for external service".to_owned());
    }
    let mut settings = Vec::new();
    for (i, r) in refs.iter().enumerate() {
        let backend = as_backend_ref(owner, r);
        validate(ctx, owner, &backend)?;
        let setting = setting(ctx, &backend, protocol)?;
        let mut setting = backend_tls::apply(ctx, &backend, owner.namespace, protocol, setting)
            .map_err(|e| e.message.trim_end_matches('.').to_owned())?;
        setting.name = format!("{name}/backend/{i}");
        setting.weight = Some(u32::try_from(r.weight.unwrap_or(1)).unwrap_or_default());
        if r.fallback == Some(true) {
            setting.priority = Some(1);
        }
        settings.push(setting);
    }
    if mixed_endpoint_types(&settings) {
        return Err(
            "external service destinations having multiple endpoint types are not supported"
                .to_owned(),
        );
    }
    Ok(RouteDestination {
        name: name.to_owned(),
        settings,
        metadata: Some(ResourceMetadata {
            kind: owner.kind.to_owned(),
            name: owner.name.to_owned(),
            namespace: owner.namespace.to_owned(),
            ..ResourceMetadata::default()
        }),
        ..RouteDestination::default()
    })
}

/// Whether the settings mix endpoint address types (IP, FQDN, Unix sockets).
fn mixed_endpoint_types(settings: &[DestinationSetting]) -> bool {
    let mut seen: Option<AddressType> = None;
    for t in settings.iter().filter_map(|s| s.address_type) {
        if t == AddressType::Mixed || seen.is_some_and(|s| s != t) {
            return true;
        }
        seen = Some(t);
    }
    false
}

/// The `:authority` of the calls to the backends: the first reference's cluster-local name, with its
/// port when it has one (a Service always does).
pub(crate) fn authority(owner: Owner<'_>, refs: &[EgBackendRef]) -> String {
    let Some(first) = refs.first() else {
        return String::new();
    };
    let namespace = first.namespace.as_deref().unwrap_or(owner.namespace);
    let host = format!("{}.{namespace}", first.name);
    let is_service = first.kind.as_deref().unwrap_or("Service") == "Service";
    match first.port {
        Some(port) => format!("{host}:{port}"),
        None if is_service => format!("{host}:0"),
        None => host,
    }
}

/// Checks the kind, the existence and the port of the referenced object, and that a ReferenceGrant
/// allows a reference across namespaces.
pub(super) fn validate(
    ctx: &Context<'_>,
    owner: Owner<'_>,
    backend: &BackendRef,
) -> Result<(), String> {
    let group = backend.group.as_deref().unwrap_or_default();
    let kind = backend.kind.as_deref().unwrap_or("Service");
    let namespace = backend.namespace.as_deref().unwrap_or(owner.namespace);
    let name = backend.name.as_str();
    match kind {
        "Service" => {
            policy_backends::service_setting(ctx, namespace, name, backend.port, false)?;
        }
        "ServiceImport" => {
            let found = ctx.snapshot.service_imports().any(|s| {
                s.metadata.namespace.as_deref() == Some(namespace)
                    && s.metadata.name.as_deref() == Some(name)
            });
            if !found {
                return Err(format!("service import {namespace}/{name} not found"));
            }
        }
        "Backend" => {
            if !ctx.config.enable_backend {
                return Err(format!(
                    "resource {name} of type Backend cannot be used since Backend is disabled in Envoy Gateway configuration"
                ));
            }
            if find_backend(ctx, namespace, name).is_none() {
                return Err(format!("backend {namespace}/{name} not found"));
            }
        }
        other => return Err(format!("unsupported backend kind {other}")),
    }
    check_grant(
        ctx,
        (owner.kind, owner.namespace),
        (group, kind),
        namespace,
        name,
    )
}

/// The setting of a validated reference (name, weight and TLS left to the caller).
fn setting(
    ctx: &Context<'_>,
    backend: &BackendRef,
    protocol: Protocol,
) -> Result<DestinationSetting, String> {
    let namespace = backend.namespace.clone().unwrap_or_default();
    let result = match backend.kind.as_deref().unwrap_or("Service") {
        "Backend" => match find_backend(ctx, &namespace, &backend.name) {
            Some(b) if b.spec.endpoints.iter().any(|e| e.unix.is_some()) => {
                return Ok(static_backend_setting(b, protocol));
            }
            _ => eg_backend::setting(ctx, &namespace, &backend.name, protocol),
        },
        "ServiceImport" => service_import::setting(ctx, &namespace, backend, protocol),
        _ => return Ok(service_setting(ctx, &namespace, backend, protocol)),
    };
    result.map_err(|e| e.message.trim_end_matches('.').to_owned())
}

/// A validated Service reference as a setting.
fn service_setting(
    ctx: &Context<'_>,
    namespace: &str,
    backend: &BackendRef,
    protocol: Protocol,
) -> DestinationSetting {
    let Ok(resolved) =
        policy_backends::service_setting(ctx, namespace, &backend.name, backend.port, false)
    else {
        return DestinationSetting::default();
    };
    let upstream =
        crate::translator::backend::app_protocol::of_port(resolved.app_protocol, protocol);
    DestinationSetting {
        protocol: Some(upstream.protocol),
        force_http1_upstream: upstream.force_http1,
        ..resolved.setting
    }
}

/// A Backend with Unix socket endpoints (which extension services, unlike routes, may call): every
/// endpoint as it is; IP addresses and sockets together are static addresses.
fn static_backend_setting(backend: &Backend, protocol: Protocol) -> DestinationSetting {
    let (endpoints, kinds) = backend_endpoints(backend);
    let address_type = match kinds.as_slice() {
        [] => None,
        [one] => Some(*one),
        many if many.contains(&AddressType::Fqdn) => Some(AddressType::Mixed),
        _ => Some(AddressType::Static),
    };
    let (namespace, name) = ns_name(&backend.metadata);
    DestinationSetting {
        priority: (backend.spec.fallback == Some(true)).then_some(1),
        protocol: Some(protocol),
        endpoints,
        address_type,
        metadata: Some(backend_metadata(&namespace, &name)),
        ..DestinationSetting::default()
    }
}
