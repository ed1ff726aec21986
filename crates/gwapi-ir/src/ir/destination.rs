//! Route destinations, their settings (one per backend) and endpoints, and shared backend clusters.

use serde::{Deserialize, Serialize};

use super::{
    AddHeader, CredentialInjection, ResourceMetadata, TrafficFeatures, UpstreamTlsConfig,
    UrlRewrite,
};

/// Where a route sends traffic: one Envoy cluster (EG's `ir.RouteDestination`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteDestination {
    /// The cluster name.
    #[serde(default)]
    pub name: String,
    /// The stat name of the cluster, when it differs from its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stat_name: Option<String>,
    /// The backends, one setting per backend (a load balancing group each).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<DestinationSetting>,
    /// Shared clusters (`backendClusters`) used instead of settings, by name and weight.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_cluster_refs: Vec<BackendClusterRef>,
    /// The resource the destination comes from (a route rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ResourceMetadata>,
}

/// A reference from a destination to a shared backend cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackendClusterRef {
    /// The name of the backend cluster.
    #[serde(default)]
    pub name: String,
    /// The weight of the cluster among the destination's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
}

/// A cluster shared by several routes (`xdsIR.backendClusters[]`), built once per backend.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackendCluster {
    /// The cluster name.
    #[serde(default)]
    pub name: String,
    /// The backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<DestinationSetting>,
    /// The traffic features of the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<TrafficFeatures>,
    /// Whether the cluster uses the downstream protocol towards the backend.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub use_client_protocol: bool,
    /// The resource the cluster comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ResourceMetadata>,
}

/// One backend of a destination (EG's `ir.DestinationSetting`).
#[allow(clippy::struct_excessive_bools)] // EG's wire shape has these flags
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationSetting {
    /// The setting name (`<destination>/backend/<index>`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The weight of the backend; `Some(0)` keeps a backend that receives no traffic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    /// The priority of the backend (0 is the highest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
    /// The protocol spoken to the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    /// The endpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<DestinationEndpoint>,
    /// What kind of addresses the endpoints have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_type: Option<AddressType>,
    /// TLS towards the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<UpstreamTlsConfig>,
    /// Filters applied to requests sent to this backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<DestinationFilters>,
    /// Zone-aware routing: prefer endpoints in the proxy's zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefer_local: Option<PreferLocal>,
    /// Whether the backend is Envoy's dynamic forward proxy (hosts resolved per request).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_dynamic_resolver: bool,
    /// Whether the backend is a custom backend resource handled by an extension.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_custom_backend: bool,
    /// Whether the backend is invalid (its requests get a 500).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub invalid: bool,
    /// Whether HTTP/1.1 is forced towards the backend even when the client speaks HTTP/2.
    #[serde(
        default,
        rename = "forceHTTP1Upstream",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub force_http1_upstream: bool,
    /// The resource the backend comes from (a Service, a Backend, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ResourceMetadata>,
}

/// One endpoint of a backend.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationEndpoint {
    /// An IP address or a host name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
    /// The port.
    #[serde(default)]
    pub port: u32,
    /// A Unix domain socket path (instead of host and port).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The host name of the endpoint (used for health checks and the `Host` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// The zone of the endpoint (for zone-aware routing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Whether the endpoint is draining.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draining: bool,
}

/// The kind of addresses a backend's endpoints have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AddressType {
    /// IP addresses.
    #[serde(rename = "IP")]
    Ip,
    /// Fully qualified domain names (resolved by Envoy).
    #[serde(rename = "FQDN")]
    Fqdn,
    /// Unix domain sockets.
    #[serde(rename = "UDS")]
    Uds,
    /// A mix of the above.
    #[serde(rename = "MIXED")]
    Mixed,
    /// Static addresses of a custom backend.
    #[serde(rename = "STATIC")]
    Static,
}

/// A protocol of a listener or a backend (EG's `ir.AppProtocol` / `ProtocolType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Protocol {
    /// HTTP/1.1.
    #[serde(rename = "HTTP")]
    Http,
    /// HTTP/2 (cleartext or negotiated).
    #[serde(rename = "HTTP2")]
    Http2,
    /// HTTP over TLS.
    #[serde(rename = "HTTPS")]
    Https,
    /// gRPC (HTTP/2).
    #[serde(rename = "GRPC")]
    Grpc,
    /// TLS (passthrough or terminated).
    #[serde(rename = "TLS")]
    Tls,
    /// Plain TCP.
    #[serde(rename = "TCP")]
    Tcp,
    /// UDP.
    #[serde(rename = "UDP")]
    Udp,
}

/// Filters applied to requests sent to one backend (from a backendRef's filters).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationFilters {
    /// Request headers to add.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_request_headers: Vec<AddHeader>,
    /// Request headers to remove.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_request_headers: Vec<String>,
    /// Response headers to add.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_response_headers: Vec<AddHeader>,
    /// Response headers to remove.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_response_headers: Vec<String>,
    /// A credential to inject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_injection: Option<CredentialInjection>,
    /// A URL rewrite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_rewrite: Option<UrlRewrite>,
}

/// Zone-aware routing settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreferLocal {
    /// Keep all traffic in the local zone while it has enough endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force: Option<ForceLocalZone>,
    /// The minimum number of endpoints for zone-aware routing to apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_endpoints_threshold: Option<u64>,
}

/// Forcing traffic into the local zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForceLocalZone {
    /// The minimum number of endpoints in the local zone for forcing to apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_endpoints_in_zone_threshold: Option<u32>,
}
