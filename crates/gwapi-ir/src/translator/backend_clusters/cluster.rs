//! The shared clusters of one fleet, built once per backend (Service, ServiceImport or Backend, port
//! and protocol) from the first route setting that uses it; later settings of the same backend join
//! it when they describe the same endpoints.

use crate::ir::{BackendCluster, BackendClusterRef, DestinationSetting, Protocol, TrafficFeatures};
use crate::names;

/// What a route brings to the cluster of one of its backends.
#[derive(Clone, Copy, Debug)]
pub(super) struct ClusterSettings<'a> {
    /// The route's backend traffic features.
    pub traffic: Option<&'a TrafficFeatures>,
    /// Whether the route speaks the client's protocol to its backends.
    pub use_client_protocol: bool,
}

/// The shared clusters of a fleet, in the order routes first used them.
#[derive(Debug, Default)]
pub(super) struct Clusters {
    clusters: Vec<BackendCluster>,
}

impl Clusters {
    /// The name of the shared cluster `setting` may join: `None` when the backend's cluster exists and
    /// describes other endpoints (or TLS, protocol, ...).
    pub fn joinable(&self, setting: &DestinationSetting) -> Option<String> {
        let name = cluster_name(setting)?;
        let fits = self
            .clusters
            .iter()
            .find(|c| c.name == name)
            .is_none_or(|c| c.setting.as_ref() == Some(&shared_setting(setting, &name)));
        fits.then_some(name)
    }

    /// Moves `setting` to its shared cluster (created when it is the first), returning the reference
    /// the route keeps; `None` (and nothing changes) when it cannot join.
    pub fn join(
        &mut self,
        setting: &DestinationSetting,
        settings: ClusterSettings<'_>,
    ) -> Option<BackendClusterRef> {
        let name = self.joinable(setting)?;
        if !self.clusters.iter().any(|c| c.name == name) {
            self.clusters.push(BackendCluster {
                name: name.clone(),
                setting: Some(shared_setting(setting, &name)),
                traffic: settings.traffic.cloned(),
                use_client_protocol: settings.use_client_protocol,
                metadata: setting.metadata.clone(),
            });
        }
        Some(BackendClusterRef {
            name,
            weight: setting.weight,
        })
    }

    /// The clusters.
    pub fn into_vec(self) -> Vec<BackendCluster> {
        self.clusters
    }
}

/// The name of the shared cluster of a setting's backend.
fn cluster_name(setting: &DestinationSetting) -> Option<String> {
    let meta = setting.metadata.as_ref()?;
    let protocol = protocol_word(setting.protocol?);
    Some(names::backend_cluster_name(
        &meta.kind,
        &meta.namespace,
        &meta.name,
        &meta.section_name,
        protocol,
    ))
}

/// A route's setting as the shared cluster's: named after the cluster, without the route's weight.
fn shared_setting(setting: &DestinationSetting, name: &str) -> DestinationSetting {
    DestinationSetting {
        name: name.to_owned(),
        weight: None,
        ..setting.clone()
    }
}

/// The protocol as cluster names spell it.
fn protocol_word(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Http => "http",
        Protocol::Http2 => "http2",
        Protocol::Https => "https",
        Protocol::Grpc => "grpc",
        Protocol::Tls => "tls",
        Protocol::Tcp => "tcp",
        Protocol::Udp => "udp",
    }
}
