//! The backends a SecurityPolicy calls itself (the external authorization service, a remote JWKS, the OIDC
//! token endpoint): its `backendRefs` (or the deprecated `backendRef`) resolved to one destination named
//! after the policy and the feature (`securitypolicy/<ns>/<name>/extauth/0`), one weighted setting per
//! reference, with the TLS settings of the backend's Backend and BackendTLSPolicy.

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::EgBackendRef;
use gwapi_model::gateway_api::{BackendObjectReference, BackendRef};

pub(crate) use crate::translator::backend::policy_backends::as_backend_ref;
use crate::translator::backend::policy_backends::{
    self, backend_metadata, check_grant, find_backend, missing_port,
};

use crate::ir::{
    AddressType, DestinationEndpoint, DestinationSetting, Protocol, ResourceMetadata,
    RouteDestination,
};
use crate::translator::backend::{eg_backend, service_import};
use crate::translator::backend_tls;
use crate::translator::context::Context;
use crate::translator::index::ns_name;

/// The references of a backend cluster: `backendRefs`, else the deprecated `backendRef`.
pub(crate) fn refs_of(
    backend_ref: Option<&BackendObjectReference>,
    backend_refs: &[EgBackendRef],
) -> Vec<EgBackendRef> {
    if !backend_refs.is_empty() {
        return backend_refs.to_vec();
    }
    backend_ref
        .map(|r| EgBackendRef {
            group: r.group.clone(),
            kind: r.kind.clone(),
            name: r.name.clone(),
            namespace: r.namespace.clone(),
            port: r.port,
            ..EgBackendRef::default()
        })
        .into_iter()
        .collect()
}

/// The destination `securitypolicy/<ns>/<name>/<feature>/<index>` of the references `refs` of the policy
/// with `meta`, called with `protocol`. References of weight 0 are left out.
pub(crate) fn destination(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    feature: &str,
    index: usize,
    refs: &[EgBackendRef],
    protocol: Protocol,
) -> Result<RouteDestination, String> {
    let (namespace, name) = ns_name(meta);
    let dest_name = format!("securitypolicy/{namespace}/{name}/{feature}/{index}");
    let mut settings = Vec::new();
    for (i, r) in refs.iter().enumerate() {
        let mut setting = setting(ctx, &namespace, r, protocol)?;
        let weight = u32::try_from(r.weight.unwrap_or(1)).unwrap_or_default();
        if weight == 0 {
            continue;
        }
        setting.name = format!("{dest_name}/backend/{i}");
        setting.weight = Some(weight);
        settings.push(setting);
    }
    Ok(RouteDestination {
        name: dest_name,
        settings,
        metadata: Some(ResourceMetadata {
            kind: "SecurityPolicy".to_owned(),
            name,
            namespace,
            ..ResourceMetadata::default()
        }),
        ..RouteDestination::default()
    })
}

/// The `:authority` the first of `refs` is called by: a Backend's first FQDN with the reference's port,
/// else `name.namespace` (with the port when the reference gives one).
pub(crate) fn authority(ctx: &Context<'_>, from_namespace: &str, refs: &[EgBackendRef]) -> String {
    let Some(first) = refs.first() else {
        return String::new();
    };
    let namespace = first.namespace.as_deref().unwrap_or(from_namespace);
    let port = first.port.map(|p| format!(":{p}")).unwrap_or_default();
    if first.kind.as_deref() == Some("Backend") {
        let fqdn = find_backend(ctx, namespace, &first.name)
            .and_then(|b| b.spec.endpoints.iter().find_map(|e| e.fqdn.as_ref()));
        if let Some(fqdn) = fqdn {
            return format!("{}{port}", fqdn.hostname);
        }
    }
    format!("{}.{namespace}{port}", first.name)
}

/// One reference resolved to a setting (name and weight left to the caller), with its TLS settings.
fn setting(
    ctx: &Context<'_>,
    from_namespace: &str,
    r: &EgBackendRef,
    protocol: Protocol,
) -> Result<DestinationSetting, String> {
    let group = r.group.as_deref().unwrap_or_default();
    let kind = r.kind.as_deref().unwrap_or("Service");
    let namespace = r.namespace.as_deref().unwrap_or(from_namespace);
    match kind {
        "Service" | "ServiceImport" | "Backend" => {}
        _ => {
            return Err(format!(
                "{kind} {namespace}/{} is not a supported backend kind, only Service, \
                 ServiceImport and Backend are supported",
                r.name
            ));
        }
    }
    check_grant(
        ctx,
        ("SecurityPolicy", from_namespace),
        (group, kind),
        namespace,
        &r.name,
    )?;
    let reference = as_backend_ref(r, from_namespace);
    let setting = match kind {
        "Backend" => backend_setting(ctx, namespace, &r.name, protocol)?,
        "ServiceImport" => import_setting(ctx, namespace, &reference, protocol)?,
        _ => service_setting(ctx, namespace, r, protocol)?,
    };
    backend_tls::apply(ctx, &reference, from_namespace, protocol, setting)
        .map_err(|e| e.message.trim_end_matches('.').to_owned())
}

fn backend_setting(
    ctx: &Context<'_>,
    namespace: &str,
    name: &str,
    protocol: Protocol,
) -> Result<DestinationSetting, String> {
    if !ctx.config.enable_backend {
        return Err(format!(
            "resource {name} of type Backend cannot be used since Backend is disabled in Envoy \
             Gateway configuration"
        ));
    }
    let mut setting = match eg_backend::setting(ctx, namespace, name, protocol) {
        Ok(setting) => setting,
        // Services the proxy calls itself may listen on a Unix socket.
        Err(e) if e.reason == "UnsupportedAddressType" => unix_setting(ctx, namespace, name),
        Err(e) => return Err(e.message.trim_end_matches('.').to_owned()),
    };
    // The protocol is the caller's: a Backend's application protocols do not change it.
    setting.protocol = Some(protocol);
    setting.force_http1_upstream = false;
    Ok(setting)
}

/// The Unix socket endpoints of Backend `namespace/name`.
fn unix_setting(ctx: &Context<'_>, namespace: &str, name: &str) -> DestinationSetting {
    let endpoints = find_backend(ctx, namespace, name)
        .map(|b| {
            b.spec
                .endpoints
                .iter()
                .filter_map(|e| e.unix.as_ref())
                .map(|u| DestinationEndpoint {
                    path: Some(u.path.clone()),
                    ..DestinationEndpoint::default()
                })
                .collect()
        })
        .unwrap_or_default();
    DestinationSetting {
        endpoints,
        address_type: Some(AddressType::Uds),
        metadata: Some(backend_metadata(namespace, name)),
        ..DestinationSetting::default()
    }
}

fn import_setting(
    ctx: &Context<'_>,
    namespace: &str,
    reference: &BackendRef,
    protocol: Protocol,
) -> Result<DestinationSetting, String> {
    if reference.port.is_none() {
        return Err(missing_port());
    }
    let found = ctx.snapshot.service_imports().any(|s| {
        s.metadata.namespace.as_deref() == Some(namespace)
            && s.metadata.name.as_deref() == Some(reference.name.as_str())
    });
    if !found {
        return Err(format!(
            "serviceimport {namespace}/{} not found",
            reference.name
        ));
    }
    let mut setting =
        service_import::setting(ctx, namespace, reference, protocol).map_err(|e| {
            if e.reason == "PortNotFound" {
                format!(
                    "TCP Port {} not found on service {namespace}/{}",
                    reference.port.unwrap_or_default(),
                    reference.name
                )
            } else {
                e.message.trim_end_matches('.').to_owned()
            }
        })?;
    setting.protocol = Some(protocol);
    setting.force_http1_upstream = false;
    Ok(setting)
}

fn service_setting(
    ctx: &Context<'_>,
    namespace: &str,
    r: &EgBackendRef,
    protocol: Protocol,
) -> Result<DestinationSetting, String> {
    if r.port.is_none() {
        return Err(missing_port());
    }
    let svc = ctx
        .idx
        .services
        .get(&(namespace.to_owned(), r.name.clone()));
    if svc
        .and_then(|s| s.spec.as_ref())
        .and_then(|s| s.type_.as_deref())
        == Some("ExternalName")
    {
        return Err(format!(
            "Service {namespace}/{} is of type ExternalName, which is not supported as a \
             backend; use an Envoy Gateway Backend resource with an FQDN endpoint instead",
            r.name
        ));
    }
    let resolved = policy_backends::service_setting(ctx, namespace, &r.name, r.port, false)?;
    Ok(DestinationSetting {
        protocol: Some(protocol),
        ..resolved.setting
    })
}
