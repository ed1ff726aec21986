//! [`XdsResources::to_validation_bootstrap`]: one static Envoy bootstrap holding every resource of a
//! translation, for `envoy --mode validate`.
//!
//! The translator emits resources meant for ADS: listeners name their route configuration (`rds`), EDS
//! clusters fetch their endpoints, TLS contexts fetch their secrets through SDS. A bootstrap cannot fetch
//! anything, so every such reference is resolved against the other resources of the same translation:
//!
//! - each `HttpConnectionManager` (anywhere in a listener) gets its `RouteConfiguration` inline: `rds` is
//!   replaced by `route_config`;
//! - each cluster of type `EDS` becomes `STATIC`, its `eds_cluster_config` replaced by the matching
//!   `ClusterLoadAssignment` as `load_assignment` (an empty one when the translation produced none);
//! - each `SdsSecretConfig` fetched over ADS loses its `sds_config`, so that Envoy looks the name up among
//!   the static secrets (those of SDS servers on Unix sockets keep theirs);
//! - an inlined route configuration keeps the RDS default of `validate_clusters: false` (Envoy defaults it to
//!   true for static route configurations only), so that routes to clusters that do not exist are judged as
//!   they would be when served over ADS;
//! - a resource identical to an earlier one is dropped: an xDS snapshot holds each name once, while the
//!   translator (like the reference) may list the same secret for every listener that uses it. Different
//!   resources under one name are all kept, for Envoy to reject.
//!
//! The result is checked against the `Bootstrap` descriptor and written as YAML in its JSON-compatible flow
//! style (proto3 JSON names), with an admin interface on `127.0.0.1:0`. Flow style quotes every string: Envoy
//! reads YAML 1.1, where a plain `yes` or `on` is a boolean, so block-style YAML from a YAML 1.2 emitter can
//! change a string match `exact: "yes"` into `exact: true`. This is pure: nothing is read or written.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::render::canonical_json;
use crate::{Error, ResourceKind, Result, XdsResources};

/// The `@type` of an `HttpConnectionManager` packed in an `Any`.
const HCM_TYPE: &str = "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";

/// The fully qualified name of Envoy's bootstrap message.
const BOOTSTRAP: &str = "envoy.config.bootstrap.v3.Bootstrap";

impl XdsResources {
    /// One static Envoy bootstrap, as YAML (in JSON-compatible flow style), holding every listener, cluster and secret, with route
    /// configurations inline, EDS clusters made STATIC with their endpoints, and SDS references resolved to the
    /// static secrets.
    ///
    /// ```
    /// let yaml = gwapi_xds::XdsResources::default().to_validation_bootstrap().unwrap();
    /// assert!(yaml.contains("127.0.0.1"));
    /// ```
    ///
    /// # Errors
    /// When a resource cannot be rendered, when a listener names a route configuration that is not among the
    /// resources, or when the assembled bootstrap is not a valid `Bootstrap`.
    pub fn to_validation_bootstrap(&self) -> Result<String> {
        let routes = by_name(self.to_json(ResourceKind::Route)?, "name");
        let endpoints = by_name(self.to_json(ResourceKind::Endpoint)?, "clusterName");
        let listeners = self
            .to_json(ResourceKind::Listener)?
            .into_iter()
            .map(|mut listener| {
                inline_routes(&mut listener, &routes)?;
                strip_sds_config(&mut listener);
                Ok(listener)
            })
            .collect::<Result<Vec<_>>>()?;
        let listeners = distinct(listeners);
        let clusters = self
            .to_json(ResourceKind::Cluster)?
            .into_iter()
            .map(|mut cluster| {
                inline_endpoints(&mut cluster, &endpoints);
                strip_sds_config(&mut cluster);
                cluster
            })
            .collect::<Vec<_>>();
        let clusters = distinct(clusters);
        let bootstrap = json!({
            // SDS subscriptions to servers of their own need a node identity, as a deployed proxy has.
            "node": {"id": VALIDATION_NODE, "cluster": VALIDATION_NODE},
            "admin": {
                "address": {"socketAddress": {"address": "127.0.0.1", "portValue": 0}},
            },
            "staticResources": {
                "listeners": listeners,
                "clusters": clusters,
                "secrets": distinct(self.to_json(ResourceKind::Secret)?),
            },
        });
        let bootstrap = canonical_json(BOOTSTRAP, &bootstrap)?;
        serde_json::to_string_pretty(&bootstrap).map_err(Error::Json)
    }
}

/// The node id and cluster of the validation bootstrap.
const VALIDATION_NODE: &str = "gwapi-validation";

/// Indexes resources by the string at `key`; resources without one are left out.
fn by_name(resources: Vec<Value>, key: &str) -> BTreeMap<String, Value> {
    resources
        .into_iter()
        .filter_map(|r| Some((r.get(key)?.as_str()?.to_owned(), r)))
        .collect()
}

/// The resources without those identical to an earlier one.
fn distinct(resources: Vec<Value>) -> Vec<Value> {
    let mut kept: Vec<Value> = Vec::with_capacity(resources.len());
    for resource in resources {
        if !kept.contains(&resource) {
            kept.push(resource);
        }
    }
    kept
}

/// Replaces `rds` by the named route configuration in every `HttpConnectionManager` under `value`.
fn inline_routes(value: &mut Value, routes: &BTreeMap<String, Value>) -> Result<()> {
    match value {
        Value::Object(map) => {
            if map.get("@type").and_then(Value::as_str) == Some(HCM_TYPE)
                && let Some(rds) = map.get("rds")
            {
                let name = rds
                    .get("routeConfigName")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let route = routes.get(name).ok_or_else(|| {
                    Error::Unsupported(format!(
                        "a listener names route configuration {name:?}, which was not produced"
                    ))
                })?;
                let mut route = route.clone();
                if let Some(route) = route.as_object_mut() {
                    route
                        .entry("validateClusters")
                        .or_insert(Value::Bool(false));
                }
                map.remove("rds");
                map.insert("routeConfig".to_owned(), route);
            }
            map.values_mut()
                .try_for_each(|child| inline_routes(child, routes))
        }
        Value::Array(items) => items
            .iter_mut()
            .try_for_each(|child| inline_routes(child, routes)),
        _ => Ok(()),
    }
}

/// Turns an EDS cluster into a STATIC one holding its load assignment.
fn inline_endpoints(cluster: &mut Value, endpoints: &BTreeMap<String, Value>) {
    let Some(map) = cluster.as_object_mut() else {
        return;
    };
    if map.get("type").and_then(Value::as_str) != Some("EDS") {
        return;
    }
    let cluster_name = map
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let eds = map.remove("edsClusterConfig");
    let service_name = eds
        .as_ref()
        .and_then(|e| e.get("serviceName"))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map_or(cluster_name, str::to_owned);
    let assignment = endpoints.get(&service_name).cloned().unwrap_or_else(|| {
        let mut empty = Map::new();
        empty.insert("clusterName".to_owned(), Value::String(service_name));
        Value::Object(empty)
    });
    map.insert("type".to_owned(), Value::String("STATIC".to_owned()));
    map.insert("loadAssignment".to_owned(), assignment);
}

/// Removes `sdsConfig` from every `SdsSecretConfig` under `value` (the objects holding a `name` and an
/// `sdsConfig`) whose secret comes over ADS, so that it is looked up among the static ones; secrets of
/// SDS servers of their own keep their config source (a static cluster of the bootstrap).
fn strip_sds_config(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let over_ads = map.get("sdsConfig").is_some_and(|c| c.get("ads").is_some());
            if map.contains_key("name") && over_ads {
                map.remove("sdsConfig");
            }
            map.values_mut().for_each(strip_sds_config);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_sds_config),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use envoy_types::pb::envoy::config::cluster::v3::Cluster;
    use envoy_types::pb::envoy::config::cluster::v3::cluster::{
        ClusterDiscoveryType, DiscoveryType, EdsClusterConfig,
    };
    use envoy_types::pb::envoy::config::endpoint::v3::ClusterLoadAssignment;

    use super::*;

    #[test]
    fn eds_clusters_become_static_with_their_endpoints() {
        let resources = XdsResources {
            clusters: vec![Cluster {
                name: "c".into(),
                cluster_discovery_type: Some(ClusterDiscoveryType::Type(DiscoveryType::Eds.into())),
                eds_cluster_config: Some(EdsClusterConfig {
                    service_name: "c".into(),
                    eds_config: Some(crate::config_source::ads(true)),
                }),
                ..Cluster::default()
            }],
            endpoints: vec![ClusterLoadAssignment {
                cluster_name: "c".into(),
                ..ClusterLoadAssignment::default()
            }],
            ..XdsResources::default()
        };
        let yaml = resources.to_validation_bootstrap().unwrap();
        let value: Value = serde_norway::from_str(&yaml).unwrap();
        let cluster = &value["staticResources"]["clusters"][0];
        assert_eq!(cluster["type"], "STATIC");
        assert_eq!(cluster["loadAssignment"]["clusterName"], "c");
        assert!(cluster.get("edsClusterConfig").is_none());
    }

    #[test]
    fn a_missing_route_configuration_is_an_error() {
        let mut listener = json!({"filters": [{"typedConfig": {"@type": HCM_TYPE, "rds": {"routeConfigName": "r"}}}]});
        assert!(inline_routes(&mut listener, &BTreeMap::new()).is_err());
        let routes = BTreeMap::from([("r".to_owned(), json!({"name": "r"}))]);
        inline_routes(&mut listener, &routes).unwrap();
        assert_eq!(
            listener["filters"][0]["typedConfig"]["routeConfig"]["name"],
            "r"
        );
    }
}
