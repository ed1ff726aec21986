//! Kubernetes Services as backends: the port a reference names and the endpoints of that port, from the
//! Service's EndpointSlices (or its cluster IP when the fleet routes to Services).

use gwapi_model::core::{EndpointSlice, Service};
use k8s_openapi::api::core::v1::ServicePort;

use crate::ir::{AddressType, DestinationEndpoint};
use crate::translator::index::Indexes;

/// The endpoints of one Service port.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ServiceEndpoints {
    /// The endpoints, in slice order.
    pub endpoints: Vec<DestinationEndpoint>,
    /// The kind of their addresses.
    pub address_type: Option<AddressType>,
}

/// The port `port` of `service` for `protocol` (`TCP` or `UDP`; a port without protocol is TCP).
pub(crate) fn find_port<'s>(
    service: &'s Service,
    port: i32,
    protocol: &str,
) -> Option<&'s ServicePort> {
    service
        .spec
        .as_ref()?
        .ports
        .iter()
        .flatten()
        .find(|p| p.port == port && p.protocol.as_deref().unwrap_or("TCP") == protocol)
}

/// The endpoints of `port` of `service` (through its EndpointSlices, or its cluster IP when
/// `route_to_service`).
pub(crate) fn endpoints(
    idx: &Indexes<'_>,
    service: &Service,
    port: &ServicePort,
    route_to_service: bool,
) -> ServiceEndpoints {
    let namespace = service.metadata.namespace.clone().unwrap_or_default();
    let name = service.metadata.name.clone().unwrap_or_default();
    if route_to_service {
        let ip = service
            .spec
            .as_ref()
            .and_then(|s| s.cluster_ip.clone())
            .unwrap_or_default();
        return ServiceEndpoints {
            endpoints: vec![DestinationEndpoint {
                host: ip,
                port: u32::try_from(port.port).unwrap_or_default(),
                ..DestinationEndpoint::default()
            }],
            address_type: None,
        };
    }
    let slices = idx
        .endpoint_slices
        .get(&(namespace, name))
        .map(Vec::as_slice)
        .unwrap_or_default();
    from_slices(slices, port.name.as_deref().unwrap_or_default())
}

/// The endpoints of the port named `port_name` in `slices`.
pub(crate) fn from_slices(slices: &[&EndpointSlice], port_name: &str) -> ServiceEndpoints {
    let mut out = ServiceEndpoints::default();
    for slice in slices {
        let Some(target) = slice_port(slice, port_name) else {
            continue;
        };
        let kind = if slice.address_type == "FQDN" {
            AddressType::Fqdn
        } else {
            AddressType::Ip
        };
        out.address_type = match out.address_type {
            Some(existing) if existing != kind => Some(AddressType::Mixed),
            _ => Some(kind),
        };
        for endpoint in slice.endpoints.iter().flatten() {
            let conditions = endpoint.conditions.clone().unwrap_or_default();
            let ready = conditions.ready != Some(false);
            let draining =
                !ready && conditions.serving == Some(true) && conditions.terminating == Some(true);
            if !ready && !draining {
                continue;
            }
            for address in &endpoint.addresses {
                let candidate = DestinationEndpoint {
                    host: address.clone(),
                    port: target,
                    zone: endpoint.zone.clone(),
                    draining,
                    ..DestinationEndpoint::default()
                };
                if !out.endpoints.contains(&candidate) {
                    out.endpoints.push(candidate);
                }
            }
        }
    }
    out
}

/// The target port named `wanted` in `slice`.
fn slice_port(slice: &EndpointSlice, wanted: &str) -> Option<u32> {
    slice
        .ports
        .iter()
        .flatten()
        .find(|p| p.name.as_deref().unwrap_or_default() == wanted)
        .and_then(|p| p.port)
        .and_then(|p| u32::try_from(p).ok())
}
