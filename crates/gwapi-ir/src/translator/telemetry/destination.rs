//! The backends of a telemetry sink (an access log service, a collector, a tracing provider): the
//! `backendRefs` of its inlined `BackendCluster` resolved to one destination, or the deprecated
//! `host`/`port` pair as a single FQDN (or IP) endpoint.

use std::net::IpAddr;

use gwapi_model::envoy_gateway::{EgBackendRef, EnvoyProxy, HasBackendCluster};

use crate::ir::{
    AddressType, DestinationEndpoint, DestinationSetting, Protocol, ResourceMetadata,
    RouteDestination,
};
use crate::translator::backend::policy_backends::{
    self, as_backend_ref, backend_endpoints, backend_metadata, find_backend,
};
use crate::translator::backend_tls;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::index::ns_name;

/// The port of a collector given by host when none is.
const DEFAULT_COLLECTOR_PORT: i32 = 4317;

/// Who resolves: the fleet's EnvoyProxy (and how it routes to Services).
#[derive(Clone, Copy)]
pub(super) struct SinkOwner<'a> {
    /// The EnvoyProxy naming the sink.
    pub proxy: &'a EnvoyProxy,
    /// The Gateway whose fleet the sink serves.
    pub gateway: &'a GatewayCtx<'a>,
    /// Whether Services are reached through their cluster IP (`routingType: Service`).
    pub route_to_service: bool,
}

impl SinkOwner<'_> {
    /// The EnvoyProxy's namespace (the default namespace of its references).
    fn namespace(&self) -> String {
        ns_name(&self.proxy.metadata).0
    }

    /// The metadata of a destination owned by the EnvoyProxy.
    fn metadata(&self) -> ResourceMetadata {
        let (namespace, name) = ns_name(&self.proxy.metadata);
        ResourceMetadata {
            kind: "EnvoyProxy".to_owned(),
            name,
            namespace,
            ..ResourceMetadata::default()
        }
    }
}

/// The traffic features of the connections to the backends of `cluster` (its `backendSettings`).
pub(super) fn traffic(
    cluster: &impl HasBackendCluster,
) -> Result<Option<crate::ir::TrafficFeatures>, String> {
    crate::translator::policy::convert_backend_settings(cluster.backend_settings())
}

/// The destination named `name` of the backends of `cluster`; `Ok(None)` when it names none.
pub(super) fn resolve(
    ctx: &Context<'_>,
    owner: SinkOwner<'_>,
    name: &str,
    cluster: &impl HasBackendCluster,
) -> Result<Option<RouteDestination>, String> {
    let mut settings = Vec::new();
    for r in cluster.backend_refs() {
        let mut setting = resolve_ref(ctx, owner, r)?;
        setting.name = format!("{name}/backend/-1");
        setting.protocol = Some(Protocol::Grpc);
        settings.push(setting);
    }
    if settings.is_empty() {
        return Ok(None);
    }
    Ok(Some(RouteDestination {
        name: name.to_owned(),
        settings,
        metadata: Some(owner.metadata()),
        ..RouteDestination::default()
    }))
}

/// The destination named `name` of a collector and the `:authority` of the calls to it: its
/// `backendRefs`, else the deprecated `host` and `port`.
pub(super) fn collector(
    ctx: &Context<'_>,
    owner: SinkOwner<'_>,
    name: &str,
    cluster: &impl HasBackendCluster,
    host: Option<&str>,
    port: Option<i32>,
) -> Result<(RouteDestination, String), String> {
    if let Some(d) = resolve(ctx, owner, name, cluster)? {
        return Ok((d, authority(ctx, owner, cluster)));
    }
    let host = host.unwrap_or_default();
    Ok((from_host(owner, name, host, port), host.to_owned()))
}

/// The destination named `name` of a collector given by `host` and `port` (deprecated fields).
fn from_host(owner: SinkOwner<'_>, name: &str, host: &str, port: Option<i32>) -> RouteDestination {
    let address_type = if host.parse::<IpAddr>().is_ok() {
        AddressType::Ip
    } else {
        AddressType::Fqdn
    };
    RouteDestination {
        name: name.to_owned(),
        settings: vec![DestinationSetting {
            name: format!("{name}/backend/-1"),
            weight: Some(1),
            protocol: Some(Protocol::Grpc),
            address_type: Some(address_type),
            endpoints: vec![DestinationEndpoint {
                host: host.to_owned(),
                port: u32::try_from(port.unwrap_or(DEFAULT_COLLECTOR_PORT)).unwrap_or_default(),
                ..DestinationEndpoint::default()
            }],
            ..DestinationSetting::default()
        }],
        metadata: Some(owner.metadata()),
        ..RouteDestination::default()
    }
}

/// The `:authority` of the calls to the first backend of `cluster`: a Backend's FQDN, a Service's
/// cluster-local name, nothing for a Unix socket.
fn authority(ctx: &Context<'_>, owner: SinkOwner<'_>, cluster: &impl HasBackendCluster) -> String {
    let Some(first) = cluster.backend_refs().first() else {
        return String::new();
    };
    let namespace = first.namespace.clone().unwrap_or_else(|| owner.namespace());
    if first.kind.as_deref() == Some("Backend") {
        return find_backend(ctx, &namespace, &first.name)
            .and_then(|b| b.spec.endpoints.iter().find_map(|e| e.fqdn.as_ref()))
            .map(|f| f.hostname.clone())
            .unwrap_or_default();
    }
    format!("{}.{namespace}.svc", first.name)
}

/// One reference as a setting (name and protocol left to the caller).
fn resolve_ref(
    ctx: &Context<'_>,
    owner: SinkOwner<'_>,
    r: &EgBackendRef,
) -> Result<DestinationSetting, String> {
    let namespace = r.namespace.clone().unwrap_or_else(|| owner.namespace());
    let setting = match r.kind.as_deref().unwrap_or("Service") {
        "Service" => service_setting(ctx, owner, &namespace, r)?,
        "Backend" => backend_setting(ctx, &namespace, &r.name)?,
        _ => return Err("unsupported kind".to_owned()),
    };
    // TLS towards the backend: its Backend's own settings and the BackendTLSPolicy that targets it.
    let reference = as_backend_ref(r, &namespace);
    let mut setting = backend_tls::apply(ctx, &reference, &namespace, Protocol::Grpc, setting)
        .map_err(|e| e.message)?;
    if let Some(tls) = setting.tls.as_mut() {
        // The collector is called by its host name.
        if tls.sni.is_none() {
            tls.sni = setting
                .endpoints
                .iter()
                .find(|e| !e.host.is_empty() && e.host.parse::<IpAddr>().is_err())
                .map(|e| e.host.clone());
        }
        backend_tls::fill_for_gateway(ctx, owner.gateway, tls);
    }
    Ok(setting)
}

fn service_setting(
    ctx: &Context<'_>,
    owner: SinkOwner<'_>,
    namespace: &str,
    r: &EgBackendRef,
) -> Result<DestinationSetting, String> {
    policy_backends::service_setting(ctx, namespace, &r.name, r.port, owner.route_to_service)
        .map(|resolved| resolved.setting)
}

fn backend_setting(
    ctx: &Context<'_>,
    namespace: &str,
    name: &str,
) -> Result<DestinationSetting, String> {
    if !ctx.config.enable_backend {
        return Err("Backend is disabled in Envoy Gateway configuration".to_owned());
    }
    let Some(backend) = find_backend(ctx, namespace, name) else {
        return Err(format!("backend {namespace}/{name} not found"));
    };
    let (endpoints, kinds) = backend_endpoints(backend);
    let address_type = match kinds.as_slice() {
        [one] => Some(*one),
        [] => None,
        _ => Some(AddressType::Mixed),
    };
    Ok(DestinationSetting {
        endpoints,
        address_type,
        metadata: Some(backend_metadata(namespace, name)),
        ..DestinationSetting::default()
    })
}
