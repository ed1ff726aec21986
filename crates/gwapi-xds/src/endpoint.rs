//! Cluster load assignments: one locality per destination setting, weighted and prioritized.

use envoy_types::pb::envoy::config::core::v3::socket_address::Protocol;
use envoy_types::pb::envoy::config::core::v3::{HealthStatus, Locality, Metadata};
use envoy_types::pb::envoy::config::endpoint::v3::{
    ClusterLoadAssignment, Endpoint, LbEndpoint, LocalityLbEndpoints, endpoint::HealthCheckConfig,
    lb_endpoint::HostIdentifier,
};
use envoy_types::pb::google::protobuf::{Struct, Value, value::Kind};
use gwapi_ir::ir::{DestinationEndpoint, DestinationSetting};

use crate::address::{pipe, socket};
use crate::wkt::uint32;

/// How active health checks reach each endpoint.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct EndpointHealth {
    /// Whether the cluster is actively health checked (endpoints then send their hostname).
    pub active: bool,
    /// The port probes go to instead of the serving port.
    pub port: Option<u32>,
}

/// The load assignment of cluster `name` over `settings`.
pub(crate) fn load_assignment(
    name: &str,
    settings: &[DestinationSetting],
    health: EndpointHealth,
) -> ClusterLoadAssignment {
    ClusterLoadAssignment {
        cluster_name: name.to_owned(),
        endpoints: settings
            .iter()
            .flat_map(|s| {
                if s.prefer_local.is_some() {
                    zones(s, health)
                } else {
                    vec![locality(s, health)]
                }
            })
            .collect(),
        ..ClusterLoadAssignment::default()
    }
}

/// One locality per zone (in order of first appearance), for zone-aware routing.
fn zones(setting: &DestinationSetting, health: EndpointHealth) -> Vec<LocalityLbEndpoints> {
    let mut out: Vec<LocalityLbEndpoints> = Vec::new();
    for endpoint in &setting.endpoints {
        let zone = endpoint.zone.clone().unwrap_or_default();
        let lb = lb_endpoint(endpoint, health);
        match out
            .iter_mut()
            .find(|l| l.locality.as_ref().is_some_and(|loc| loc.zone == zone))
        {
            Some(locality) => locality.lb_endpoints.push(lb),
            None => out.push(LocalityLbEndpoints {
                locality: Some(Locality {
                    zone,
                    ..Locality::default()
                }),
                lb_endpoints: vec![lb],
                priority: setting.priority.unwrap_or(0),
                ..LocalityLbEndpoints::default()
            }),
        }
    }
    out
}

fn locality(setting: &DestinationSetting, health: EndpointHealth) -> LocalityLbEndpoints {
    LocalityLbEndpoints {
        locality: Some(Locality {
            region: setting.name.clone(),
            ..Locality::default()
        }),
        lb_endpoints: setting
            .endpoints
            .iter()
            .map(|e| lb_endpoint(e, health))
            .collect(),
        load_balancing_weight: Some(uint32(setting.weight.unwrap_or(1))),
        priority: setting.priority.unwrap_or(0),
        metadata: crate::metadata::resource(setting.metadata.as_ref()),
        ..LocalityLbEndpoints::default()
    }
}

fn lb_endpoint(endpoint: &DestinationEndpoint, health: EndpointHealth) -> LbEndpoint {
    let hostname = endpoint.hostname.clone().filter(|_| health.active);
    let check = (hostname.is_some() || health.port.is_some()).then(|| HealthCheckConfig {
        port_value: health.port.unwrap_or(0),
        hostname: hostname.unwrap_or_default(),
        ..HealthCheckConfig::default()
    });
    LbEndpoint {
        host_identifier: Some(HostIdentifier::Endpoint(Endpoint {
            health_check_config: check,
            hostname: endpoint.hostname.clone().unwrap_or_default(),
            address: Some(match &endpoint.path {
                Some(path) => pipe(path),
                None => socket(&endpoint.host, endpoint.port, Protocol::Tcp),
            }),
            ..Endpoint::default()
        })),
        load_balancing_weight: Some(uint32(1)),
        health_status: if endpoint.draining {
            HealthStatus::Draining.into()
        } else {
            HealthStatus::Unknown.into()
        },
        ..LbEndpoint::default()
    }
}

/// Labels the endpoints of locality `index` with the transport socket match `name`.
pub(crate) fn label_socket_match(assignment: &mut ClusterLoadAssignment, index: usize, name: &str) {
    let Some(locality) = assignment.endpoints.get_mut(index) else {
        return;
    };
    for endpoint in &mut locality.lb_endpoints {
        let metadata = endpoint.metadata.get_or_insert_with(Metadata::default);
        metadata.filter_metadata.insert(
            crate::cluster::tls::SOCKET_MATCH_NAMESPACE.to_owned(),
            Struct {
                fields: [(
                    "name".to_owned(),
                    Value {
                        kind: Some(Kind::StringValue(name.to_owned())),
                    },
                )]
                .into_iter()
                .collect(),
            },
        );
    }
}
