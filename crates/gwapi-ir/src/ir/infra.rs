//! The IR of one proxy fleet's infrastructure (`ir.Infra`): what the Kubernetes provider deploys.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ir::{Http3Settings, Protocol, RouteDestination};

/// The infrastructure of one proxy fleet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Infra {
    /// The proxy deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<ProxyInfra>,
}

/// The proxy deployment of a fleet (EG's `ir.ProxyInfra`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyInfra {
    /// The fleet name (`<ns>/<gateway>` or the GatewayClass).
    #[serde(default)]
    pub name: String,
    /// The namespace the proxy runs in.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// Labels, annotations and owner of the generated resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<InfraMetadata>,
    /// The EnvoyProxy configuration of the fleet (the merged one: defaults, class, Gateway).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<Box<gwapi_model::envoy_gateway::EnvoyProxy>>,
    /// The listeners (Service ports).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listeners: Vec<ProxyListener>,
    /// The addresses requested for the Service (Gateway `spec.addresses`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
    /// OpenTelemetry metric sinks with their resolved destinations (for the bootstrap).
    // Note: a telemetry type (IR helper 3's area); defined here because the infra IR needs it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolved_metric_sinks: Vec<ResolvedMetricSink>,
}

/// Labels, annotations and owner of the generated resources.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfraMetadata {
    /// Labels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Annotations.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// The owner of the generated resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_reference: Option<InfraOwnerReference>,
}

/// The owner of the generated resources.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfraOwnerReference {
    /// The owner kind (`GatewayClass`, `Gateway`).
    #[serde(default)]
    pub kind: String,
    /// The owner name.
    #[serde(default)]
    pub name: String,
}

/// A listener of the proxy as the Service sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyListener {
    /// The listener name.
    #[serde(default)]
    pub name: String,
    /// The address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The ports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ListenerPort>,
    /// HTTP/3 is served (a UDP port next to the TCP one) when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http3: Option<Http3Settings>,
}

/// A port of a listener.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListenerPort {
    /// The port name (`http-80`).
    #[serde(default)]
    pub name: String,
    /// The protocol.
    pub protocol: Protocol,
    /// The Service port.
    #[serde(default)]
    pub service_port: u32,
    /// The container port.
    #[serde(default)]
    pub container_port: u32,
}

/// An OpenTelemetry metric sink with its resolved destination.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedMetricSink {
    /// The authority (`:authority` of the gRPC stream).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub authority: String,
    /// The collector.
    #[serde(default)]
    pub destination: RouteDestination,
}
