//! The IR of each fleet built from its Gateways: listeners (`http`, `tcp`, `udp`), the infrastructure IR,
//! and the fleet-wide settings (access log, ready listener, the proxy Service cluster).

use std::collections::BTreeMap;

use gwapi_model::gateway_api::ProtocolType;

use gwapi_model::envoy_gateway::{EnvoyProxyStatus, RoutingType};

use super::envoy_proxy::ProxyOrigin;
use super::{GatewayCtx, ListenerCtx};
use crate::ir::{
    DestinationSetting, EscapedSlashesAction, GlobalResources, HttpListener, Infra, InfraMetadata,
    InfraOwnerReference, IpFamily, ListenerPort, PathSettings, Protocol, ProxyInfra, ProxyListener,
    ReadyListener, ResourceMetadata, RouteDestination, TcpListener, TlsConfig, UdpListener, Xds,
};
use crate::names;
use crate::translator::backend::service;
use crate::translator::context::Context;
use crate::translator::index::NsName;

/// The address every listener binds.
const ANY_ADDRESS: &str = "0.0.0.0";

/// The xDS and infrastructure IR of every fleet, keyed by IR key.
pub(crate) type Fleets = (BTreeMap<String, Xds>, BTreeMap<String, Infra>);

/// Builds the fleets of `gateways` (their listeners; routes come later).
pub(crate) fn build_fleets(ctx: &Context<'_>, gateways: &[GatewayCtx<'_>]) -> Fleets {
    let mut xds: BTreeMap<String, Xds> = BTreeMap::new();
    let mut infra: BTreeMap<String, Infra> = BTreeMap::new();
    let proxy_statuses = super::envoy_proxy_status::statuses_by_proxy(ctx, gateways);
    for gateway in gateways {
        let fleet = xds
            .entry(gateway.ir_key.clone())
            .or_insert_with(|| new_xds(ctx, gateway));
        let proxy = infra
            .entry(gateway.ir_key.clone())
            .or_insert_with(|| new_infra(ctx, gateway, &proxy_statuses))
            .proxy
            .get_or_insert_with(ProxyInfra::default);
        for listener in gateway.listeners.iter().filter(|l| l.is_valid()) {
            add_listener(
                gateway,
                listener,
                fleet,
                proxy,
                ctx.config.enable_running_on_host,
            );
        }
        let preserve = gateway
            .envoy_proxy
            .as_ref()
            .is_some_and(|p| p.spec.preserve_route_order == Some(true));
        for l in &mut fleet.http {
            l.preserve_route_order = preserve;
        }
    }
    (xds, infra)
}

fn new_xds(ctx: &Context<'_>, gateway: &GatewayCtx<'_>) -> Xds {
    if gateway.proxy_check.is_invalid() {
        return Xds::default();
    }
    Xds {
        ready_listener: Some(ReadyListener {
            address: ANY_ADDRESS.to_owned(),
            port: 19003,
            path: "/ready".to_owned(),
            ip_family: Some(IpFamily::Ipv4),
        }),
        global_resources: proxy_service_cluster(ctx, gateway).map(|c| GlobalResources {
            proxy_service_cluster: Some(c),
            ..GlobalResources::default()
        }),
        ..Xds::default()
    }
}

/// The cluster of the fleet's own Service (found by its owner labels).
fn proxy_service_cluster(ctx: &Context<'_>, gateway: &GatewayCtx<'_>) -> Option<RouteDestination> {
    let labels = owner_labels(ctx, gateway);
    let svc = ctx.idx.services.values().find(|s| {
        let have = s.metadata.labels.clone().unwrap_or_default();
        labels.iter().all(|(k, v)| have.get(k) == Some(v))
    })?;
    let port = svc.spec.as_ref()?.ports.as_ref()?.first()?;
    // The proxy's own Service is reached through its cluster IP when the GatewayClass's EnvoyProxy
    // routes to Services; a Gateway's own EnvoyProxy does not change it.
    let route_to_service = !ctx.config.enable_endpoint_routing
        || (gateway.proxy_check.origin == ProxyOrigin::Class
            && gateway
                .envoy_proxy
                .as_ref()
                .is_some_and(|p| p.spec.routing_type == Some(RoutingType::Service)));
    let resolved = service::endpoints(&ctx.idx, svc, port, route_to_service);
    let metadata = ResourceMetadata {
        kind: "Service".to_owned(),
        name: svc.metadata.name.clone().unwrap_or_default(),
        namespace: svc.metadata.namespace.clone().unwrap_or_default(),
        section_name: port.port.to_string(),
        ..ResourceMetadata::default()
    };
    Some(RouteDestination {
        name: gateway.ir_key.clone(),
        settings: vec![DestinationSetting {
            name: gateway.ir_key.clone(),
            protocol: Some(Protocol::Tcp),
            endpoints: resolved.endpoints,
            address_type: resolved.address_type,
            metadata: Some(metadata.clone()),
            ..DestinationSetting::default()
        }],
        metadata: Some(metadata),
        ..RouteDestination::default()
    })
}

/// The labels of the fleet's generated objects.
fn owner_labels(ctx: &Context<'_>, gateway: &GatewayCtx<'_>) -> BTreeMap<String, String> {
    if gateway.merged {
        BTreeMap::from([(
            "gateway.envoyproxy.io/owning-gatewayclass".to_owned(),
            ctx.config.gateway_class_name.clone(),
        )])
    } else {
        BTreeMap::from([
            (
                "gateway.envoyproxy.io/owning-gateway-name".to_owned(),
                gateway.name.clone(),
            ),
            (
                "gateway.envoyproxy.io/owning-gateway-namespace".to_owned(),
                gateway.namespace.clone(),
            ),
        ])
    }
}

fn new_infra(
    ctx: &Context<'_>,
    gateway: &GatewayCtx<'_>,
    proxy_statuses: &BTreeMap<NsName, EnvoyProxyStatus>,
) -> Infra {
    let mut config = gateway.envoy_proxy.clone().map(Box::new);
    if let Some(config) = config.as_mut()
        && gateway.proxy_check.origin != ProxyOrigin::Defaults
    {
        // The EnvoyProxy in use (the Gateway's or the class's) is carried with the status it was given.
        config.status = proxy_statuses.get(&gateway.proxy_check.key).cloned();
    }
    let namespace = if ctx.config.enable_gateway_namespace_mode {
        gateway.namespace.clone()
    } else {
        ctx.config.controller_namespace.clone()
    };
    let mut labels = owner_labels(ctx, gateway);
    let mut annotations = BTreeMap::new();
    if let Some(i) = gateway.gateway.spec.infrastructure.as_ref() {
        labels.extend(i.labels.clone());
        annotations.extend(i.annotations.clone());
    }
    let owner = if ctx.config.enable_gateway_namespace_mode {
        InfraOwnerReference {
            kind: "Gateway".to_owned(),
            name: gateway.name.clone(),
        }
    } else {
        InfraOwnerReference {
            kind: "GatewayClass".to_owned(),
            name: ctx.config.gateway_class_name.clone(),
        }
    };
    Infra {
        proxy: Some(ProxyInfra {
            name: if ctx.config.enable_gateway_namespace_mode {
                gateway.name.clone()
            } else {
                gateway.ir_key.clone()
            },
            namespace,
            metadata: Some(InfraMetadata {
                labels,
                annotations,
                owner_reference: Some(owner),
            }),
            config,
            addresses: gateway
                .gateway
                .spec
                .addresses
                .iter()
                .filter(|a| a.type_.as_deref().is_none_or(|t| t == "IPAddress"))
                .filter_map(|a| a.value.clone())
                .collect(),
            ..ProxyInfra::default()
        }),
    }
}

/// The IR protocol of a Gateway listener protocol.
fn ir_protocol(protocol: &ProtocolType) -> Option<Protocol> {
    match protocol {
        ProtocolType::Http => Some(Protocol::Http),
        ProtocolType::Https => Some(Protocol::Https),
        ProtocolType::Tls => Some(Protocol::Tls),
        ProtocolType::Tcp => Some(Protocol::Tcp),
        ProtocolType::Udp => Some(Protocol::Udp),
        ProtocolType::Unknown(_) => None,
    }
}

fn add_listener(
    gateway: &GatewayCtx<'_>,
    listener: &ListenerCtx<'_>,
    xds: &mut Xds,
    proxy: &mut ProxyInfra,
    running_on_host: bool,
) {
    let l = listener.listener;
    let Some(protocol) = ir_protocol(&l.protocol) else {
        return;
    };
    let Ok(port) = u32::try_from(l.port) else {
        return;
    };
    let name = gateway.listener_ir_name(listener);
    // A proxy running on the host listens on the Gateway's ports themselves.
    let container_port = if running_on_host {
        port
    } else {
        names::container_port(port)
    };
    let metadata = Some(ResourceMetadata {
        kind: "Gateway".to_owned(),
        name: gateway.name.clone(),
        namespace: gateway.namespace.clone(),
        section_name: l.name.clone(),
        ..ResourceMetadata::default()
    });
    match protocol {
        Protocol::Http | Protocol::Https => xds.http.push(HttpListener {
            name: name.clone(),
            address: ANY_ADDRESS.to_owned(),
            port: container_port,
            external_port: Some(port),
            hostnames: vec![listener.hostname()],
            metadata,
            path: Some(PathSettings {
                merge_slashes: true,
                escaped_slashes_action: Some(EscapedSlashesAction::UnescapeAndRedirect),
            }),
            tls: (protocol == Protocol::Https).then(|| {
                let mut tls = TlsConfig {
                    certificates: listener.certificates.clone(),
                    ..TlsConfig::default()
                };
                if let Some(validation) = &listener.client_validation {
                    validation.apply(&mut tls);
                }
                tls
            }),
            tls_overlaps: listener.tls_overlaps,
            ..HttpListener::default()
        }),
        Protocol::Udp => xds.udp.push(UdpListener {
            name: name.clone(),
            address: ANY_ADDRESS.to_owned(),
            port: container_port,
            external_port: Some(port),
            metadata,
            ..UdpListener::default()
        }),
        _ => xds.tcp.push(TcpListener {
            name: name.clone(),
            address: ANY_ADDRESS.to_owned(),
            port: container_port,
            external_port: Some(port),
            metadata,
            tls: (!listener.certificates.is_empty()).then(|| TlsConfig {
                certificates: listener.certificates.clone(),
                ..TlsConfig::default()
            }),
            ..TcpListener::default()
        }),
    }
    add_proxy_port(proxy, name, protocol, &l.protocol, port, container_port);
}

/// Adds the Service port of a listener to the proxy infrastructure (once per port and protocol).
fn add_proxy_port(
    proxy: &mut ProxyInfra,
    name: String,
    protocol: Protocol,
    listener_protocol: &ProtocolType,
    port: u32,
    container_port: u32,
) {
    let port_name =
        names::listener_port_name(super::listener::protocol_name(listener_protocol), port);
    let already = proxy.listeners.iter().any(|pl| {
        pl.ports
            .iter()
            .any(|p| p.service_port == port && p.protocol == protocol)
    });
    if !already {
        proxy.listeners.push(ProxyListener {
            name,
            ports: vec![ListenerPort {
                name: port_name,
                protocol,
                service_port: port,
                container_port,
            }],
            ..ProxyListener::default()
        });
    }
}
