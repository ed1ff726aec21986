//! The IR of one proxy fleet's xDS (`ir.Xds`): its listeners, shared clusters and fleet-wide settings.

use std::fmt;

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::ir::HealthCheckLog;
use crate::ir::{
    AccessLog, BackendCluster, EnvoyPatchPolicy, GlobalResources, HttpListener, Metrics,
    ReadyListener, TcpListener, Tracing, UdpListener, UnstructuredRef,
};

/// Everything one proxy fleet needs, keyed by EG as `<namespace>/<gateway>` (or the GatewayClass when
/// gateways are merged). An empty document (`null`) reads as the empty IR.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct Xds {
    /// The HTTP and HTTPS listeners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub http: Vec<HttpListener>,
    /// The TCP and TLS listeners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tcp: Vec<TcpListener>,
    /// The UDP listeners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub udp: Vec<UdpListener>,
    /// Clusters shared by several routes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_clusters: Vec<BackendCluster>,
    /// Resources shared by all listeners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_resources: Option<GlobalResources>,
    /// The readiness listener.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_listener: Option<ReadyListener>,
    /// Access logging (also read as `accesslog`, as Go matches field names case-insensitively).
    #[serde(default, alias = "accesslog", skip_serializing_if = "Option::is_none")]
    pub access_log: Option<AccessLog>,
    /// Tracing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing: Option<Tracing>,
    /// Metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Metrics>,
    /// Logging of health check results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_log: Option<HealthCheckLog>,
    /// Patches applied to the generated xDS resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub envoy_patch_policies: Vec<EnvoyPatchPolicy>,
    /// The order of HTTP filters, from the EnvoyProxy's `filterOrder`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filter_order: Vec<FilterPosition>,
    /// Extension server policies that apply to the whole fleet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension_server_policies: Vec<UnstructuredRef>,
}

impl Serialize for Xds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Xds::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for Xds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(XdsVisitor)
    }
}

/// Reads an [`Xds`], `null` being the empty one.
struct XdsVisitor;

impl<'de> Visitor<'de> for XdsVisitor {
    type Value = Xds;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an xDS IR document")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Xds, E> {
        Ok(Xds::default())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Xds, E> {
        Ok(Xds::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Xds, D::Error> {
        Xds::deserialize(deserializer)
    }
}

/// Where one HTTP filter goes in the filter chain (EnvoyProxy `filterOrder`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterPosition {
    /// The filter moved (`envoy.filters.http.<name>`).
    #[serde(default)]
    pub name: String,
    /// The filter it goes before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The filter it goes after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}
