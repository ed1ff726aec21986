//! The `/config_dump` envelope: `envoy.admin.v3.ConfigDump` holding one `*ConfigDump` per resource type.

use envoy_types::pb::envoy::admin::v3::{
    ClustersConfigDump, ConfigDump, EndpointsConfigDump, ListenersConfigDump, RoutesConfigDump,
    SecretsConfigDump, clusters_config_dump, endpoints_config_dump, listeners_config_dump,
    routes_config_dump, secrets_config_dump,
};

use crate::XdsResources;
use crate::any::pack;

/// Wraps resources in the envelope Envoy's admin `/config_dump` prints, every resource dynamic and active,
/// all at `version`.
///
/// ```
/// use gwapi_xds::render::{config_dump, to_json};
/// let dump = config_dump(&gwapi_xds::XdsResources::default(), "1");
/// let json = to_json(&dump).unwrap();
/// assert_eq!(json["configs"][0]["@type"], "type.googleapis.com/envoy.admin.v3.ListenersConfigDump");
/// ```
pub fn config_dump(resources: &XdsResources, version: &str) -> ConfigDump {
    let listeners = ListenersConfigDump {
        version_info: version.to_owned(),
        dynamic_listeners: resources
            .listeners
            .iter()
            .map(|l| listeners_config_dump::DynamicListener {
                name: l.name.clone(),
                active_state: Some(listeners_config_dump::DynamicListenerState {
                    version_info: version.to_owned(),
                    listener: Some(pack(l)),
                    last_updated: None,
                }),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    let clusters = ClustersConfigDump {
        version_info: version.to_owned(),
        dynamic_active_clusters: resources
            .clusters
            .iter()
            .map(|c| clusters_config_dump::DynamicCluster {
                version_info: version.to_owned(),
                cluster: Some(pack(c)),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    let routes = RoutesConfigDump {
        dynamic_route_configs: resources
            .routes
            .iter()
            .map(|r| routes_config_dump::DynamicRouteConfig {
                version_info: version.to_owned(),
                route_config: Some(pack(r)),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    let secrets = SecretsConfigDump {
        dynamic_active_secrets: resources
            .secrets
            .iter()
            .map(|s| secrets_config_dump::DynamicSecret {
                name: s.name.clone(),
                version_info: version.to_owned(),
                secret: Some(pack(s)),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    let endpoints = EndpointsConfigDump {
        dynamic_endpoint_configs: resources
            .endpoints
            .iter()
            .map(|e| endpoints_config_dump::DynamicEndpointConfig {
                version_info: version.to_owned(),
                endpoint_config: Some(pack(e)),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    ConfigDump {
        configs: vec![
            pack(&listeners),
            pack(&clusters),
            pack(&routes),
            pack(&secrets),
            pack(&endpoints),
        ],
    }
}
