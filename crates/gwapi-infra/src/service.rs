//! The Service in front of the proxies: one port per listener port, the `EnvoyProxy` Service settings and
//! the IP families.

use gwapi_ir::ir::Protocol;
use gwapi_ir::model::envoy_gateway::{IpFamily, ServiceExternalTrafficPolicy, ServiceType};
use k8s_openapi::api::core::v1::{
    LoadBalancerStatus, Service, ServicePort, ServiceSpec, ServiceStatus,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::Result;
use crate::fleet::Fleet;
use crate::labels::{infra_annotations, object_labels, object_meta};
use crate::patch::assemble;

/// The Service.
pub(crate) fn service(fleet: &Fleet<'_>) -> Result<Service> {
    let settings = fleet.kube.envoy_service.clone().unwrap_or_default();
    let mut labels = object_labels(fleet);
    let selector = labels.clone();
    labels.extend(settings.labels.clone());
    let mut annotations = infra_annotations(fleet);
    annotations.extend(settings.annotations.clone());
    let service_type = settings.type_.clone().unwrap_or(ServiceType::LoadBalancer);
    let load_balancer = service_type == ServiceType::LoadBalancer;
    let external = load_balancer || service_type == ServiceType::NodePort;
    let addresses = &fleet.infra.addresses;
    let mut spec = ServiceSpec {
        type_: Some(service_type.to_string()),
        ports: Some(ports(fleet)),
        selector: Some(selector),
        session_affinity: Some("None".to_owned()),
        external_traffic_policy: external.then(|| {
            settings
                .external_traffic_policy
                .clone()
                .unwrap_or(ServiceExternalTrafficPolicy::Local)
                .to_string()
        }),
        load_balancer_class: settings.load_balancer_class.clone(),
        allocate_load_balancer_node_ports: settings
            .allocate_load_balancer_node_ports
            .filter(|_| load_balancer),
        load_balancer_source_ranges: (load_balancer
            && !settings.load_balancer_source_ranges.is_empty())
        .then(|| settings.load_balancer_source_ranges.clone()),
        load_balancer_ip: settings.load_balancer_ip.clone().filter(|_| load_balancer),
        ..ServiceSpec::default()
    };
    if let Some(first) = addresses.first() {
        if service_type == ServiceType::ClusterIp {
            spec.cluster_ip = Some(first.clone());
            spec.cluster_ips = Some(addresses.clone());
        } else {
            spec.external_ips = Some(addresses.clone());
        }
    }
    match fleet.ip_family() {
        IpFamily::Ipv6 => {
            spec.ip_families = Some(vec!["IPv6".to_owned()]);
            spec.ip_family_policy = Some("SingleStack".to_owned());
        }
        IpFamily::DualStack => {
            spec.ip_families = Some(vec!["IPv4".to_owned(), "IPv6".to_owned()]);
            spec.ip_family_policy = Some("RequireDualStack".to_owned());
        }
        IpFamily::Ipv4 | IpFamily::Unknown(_) => {}
    }
    assemble::<Service>(
        &object_meta(fleet, &fleet.names.service, labels, annotations),
        &spec,
        &ServiceStatus {
            load_balancer: Some(LoadBalancerStatus::default()),
            ..ServiceStatus::default()
        },
        settings.patch.as_ref(),
    )
}

/// One Service port per listener port, in listener order; listeners that serve HTTP/3 get a UDP port named
/// `<port>-h3` next to each TCP one.
fn ports(fleet: &Fleet<'_>) -> Vec<ServicePort> {
    let mut ports = Vec::new();
    for listener in &fleet.infra.listeners {
        for port in &listener.ports {
            let udp = port.protocol == Protocol::Udp;
            ports.push(service_port(
                port.name.clone(),
                if udp { "UDP" } else { "TCP" },
                port.service_port,
                port.container_port,
            ));
            if listener.http3.is_some() && !udp {
                ports.push(service_port(
                    format!("{}-h3", port.name),
                    "UDP",
                    port.service_port,
                    port.container_port,
                ));
            }
        }
    }
    ports
}

fn service_port(name: String, protocol: &str, port: u32, target: u32) -> ServicePort {
    ServicePort {
        name: Some(name),
        protocol: Some(protocol.to_owned()),
        port: i32::try_from(port).unwrap_or(i32::MAX),
        target_port: Some(IntOrString::Int(i32::try_from(target).unwrap_or(i32::MAX))),
        ..ServicePort::default()
    }
}
