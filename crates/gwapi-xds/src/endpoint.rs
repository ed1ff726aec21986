//! Cluster load assignments: one locality per destination setting, weighted and prioritized.

use envoy_types::pb::envoy::config::core::v3::socket_address::Protocol;
use envoy_types::pb::envoy::config::core::v3::{HealthStatus, Locality};
use envoy_types::pb::envoy::config::endpoint::v3::{
    ClusterLoadAssignment, Endpoint, LbEndpoint, LocalityLbEndpoints, lb_endpoint::HostIdentifier,
};
use gwapi_ir::ir::{DestinationEndpoint, DestinationSetting};

use crate::address::{pipe, socket};
use crate::wkt::uint32;

/// The load assignment of cluster `name` over `settings`.
pub(crate) fn load_assignment(
    name: &str,
    settings: &[DestinationSetting],
) -> ClusterLoadAssignment {
    ClusterLoadAssignment {
        cluster_name: name.to_owned(),
        endpoints: settings.iter().map(locality).collect(),
        ..ClusterLoadAssignment::default()
    }
}

fn locality(setting: &DestinationSetting) -> LocalityLbEndpoints {
    LocalityLbEndpoints {
        locality: Some(Locality {
            region: setting.name.clone(),
            ..Locality::default()
        }),
        lb_endpoints: setting.endpoints.iter().map(lb_endpoint).collect(),
        load_balancing_weight: Some(uint32(setting.weight.unwrap_or(1))),
        priority: setting.priority.unwrap_or(0),
        ..LocalityLbEndpoints::default()
    }
}

fn lb_endpoint(endpoint: &DestinationEndpoint) -> LbEndpoint {
    LbEndpoint {
        host_identifier: Some(HostIdentifier::Endpoint(Endpoint {
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
