//! [`XdsResources`]: the output of one translation, grouped by xDS resource type.

use envoy_types::pb::envoy::config::cluster::v3::Cluster;
use envoy_types::pb::envoy::config::endpoint::v3::ClusterLoadAssignment;
use envoy_types::pb::envoy::config::listener::v3::Listener;
use envoy_types::pb::envoy::config::route::v3::RouteConfiguration;
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::Secret;
use serde_json::Value;

use crate::Result;
use crate::render::to_json;

/// The Envoy resources of one IR, each kind in the order the reference produces them.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct XdsResources {
    /// Listeners (LDS).
    pub listeners: Vec<Listener>,
    /// Route configurations (RDS).
    pub routes: Vec<RouteConfiguration>,
    /// Clusters (CDS).
    pub clusters: Vec<Cluster>,
    /// Cluster load assignments (EDS).
    pub endpoints: Vec<ClusterLoadAssignment>,
    /// Secrets (SDS).
    pub secrets: Vec<Secret>,
}

/// One xDS resource type, named the way the reference names its golden files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResourceKind {
    /// `envoy.config.listener.v3.Listener`.
    Listener,
    /// `envoy.config.route.v3.RouteConfiguration`.
    Route,
    /// `envoy.config.cluster.v3.Cluster`.
    Cluster,
    /// `envoy.config.endpoint.v3.ClusterLoadAssignment`.
    Endpoint,
    /// `envoy.extensions.transport_sockets.tls.v3.Secret`.
    Secret,
}

impl ResourceKind {
    /// Every kind, in config-dump order.
    pub const ALL: [Self; 5] = [
        Self::Listener,
        Self::Route,
        Self::Cluster,
        Self::Endpoint,
        Self::Secret,
    ];

    /// The plural used in golden file names (`listeners`, `routes`, ...).
    pub fn plural(self) -> &'static str {
        match self {
            Self::Listener => "listeners",
            Self::Route => "routes",
            Self::Cluster => "clusters",
            Self::Endpoint => "endpoints",
            Self::Secret => "secrets",
        }
    }

    /// The fully qualified protobuf message name.
    pub fn message_name(self) -> &'static str {
        match self {
            Self::Listener => "envoy.config.listener.v3.Listener",
            Self::Route => "envoy.config.route.v3.RouteConfiguration",
            Self::Cluster => "envoy.config.cluster.v3.Cluster",
            Self::Endpoint => "envoy.config.endpoint.v3.ClusterLoadAssignment",
            Self::Secret => "envoy.extensions.transport_sockets.tls.v3.Secret",
        }
    }
}

impl XdsResources {
    /// Whether there is no resource at all.
    pub fn is_empty(&self) -> bool {
        self.listeners.is_empty()
            && self.routes.is_empty()
            && self.clusters.is_empty()
            && self.endpoints.is_empty()
            && self.secrets.is_empty()
    }

    /// The resources of one kind as proto3 JSON trees, in order.
    ///
    /// ```
    /// use gwapi_xds::{ResourceKind, XdsResources};
    /// assert!(XdsResources::default().to_json(ResourceKind::Cluster).unwrap().is_empty());
    /// ```
    pub fn to_json(&self, kind: ResourceKind) -> Result<Vec<Value>> {
        match kind {
            ResourceKind::Listener => self.listeners.iter().map(to_json).collect(),
            ResourceKind::Route => self.routes.iter().map(to_json).collect(),
            ResourceKind::Cluster => self.clusters.iter().map(to_json).collect(),
            ResourceKind::Endpoint => self.endpoints.iter().map(to_json).collect(),
            ResourceKind::Secret => self.secrets.iter().map(to_json).collect(),
        }
    }
}
