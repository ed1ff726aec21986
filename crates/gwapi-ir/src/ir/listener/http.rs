//! The HTTP listener (EG's `ir.HTTPListener`).

use serde::{Deserialize, Serialize};

use super::{
    ClientConnection, ClientIpDetection, ClientTimeout, GeoIpProvider, GrpcSettings,
    HeaderSettings, HealthCheckSettings, HostSettings, Http1Settings, Http2Settings, Http3Settings,
    PathSettings, ProxyProtocolSettings, RequestIdExtension,
};
use crate::ir::{HttpRoute, IpFamily, ResourceMetadata, TcpKeepalive, TlsConfig, UnstructuredRef};

/// One HTTP or HTTPS listener of the proxy: a Gateway listener (or several merged ones on one port).
#[allow(clippy::struct_excessive_bools)] // EG's wire shape has these flags
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpListener {
    /// The listener name (`<ns>/<gateway>/<listener>`).
    #[serde(default)]
    pub name: String,
    /// The address the proxy listens on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// The port the proxy listens on (the container port).
    #[serde(default)]
    pub port: u32,
    /// The port clients connect to (the Service port).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_port: Option<u32>,
    /// The host names the listener serves (`*` for any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hostnames: Vec<String>,
    /// Whether the listener only serves HTTP/2 (gRPC).
    #[serde(
        default,
        rename = "isHTTP2",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub is_http2: bool,
    /// The address family of the listener.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_family: Option<IpFamily>,
    /// The resource the listener comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ResourceMetadata>,
    /// TLS termination (HTTPS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<TlsConfig>,
    /// Whether the certificates of this listener overlap with another HTTPS listener on the same port
    /// (which forbids connection reuse across host names).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tls_overlaps: bool,
    /// The routes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<HttpRoute>,
    /// Whether routes keep the order of the input instead of EG's precedence order.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preserve_route_order: bool,
    /// Whether the route is picked by the request scheme matching the backend's (HTTP vs HTTPS).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub match_backend_scheme: bool,

    /// Header handling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<HeaderSettings>,
    /// What the request ID (UUID) extension packs into the ID and whether it drives trace sampling.
    #[serde(default, rename = "requestID", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<RequestIdExtension>,
    /// HTTP/1.x settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http1: Option<Http1Settings>,
    /// HTTP/2 settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http2: Option<Http2Settings>,
    /// HTTP/3 (QUIC) is enabled when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http3: Option<Http3Settings>,
    /// Client timeouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<ClientTimeout>,
    /// Connection limits and buffers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<ClientConnection>,
    /// TCP keepalive towards clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_keepalive: Option<TcpKeepalive>,
    /// How the client IP is found.
    #[serde(
        default,
        rename = "clientIPDetection",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_ip_detection: Option<ClientIpDetection>,
    /// Path normalization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathSettings>,
    /// Host header handling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<HostSettings>,
    /// gRPC-Web and gRPC stats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<GrpcSettings>,
    /// A health check endpoint served by the proxy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheckSettings>,
    /// PROXY protocol from clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_protocol: Option<ProxyProtocolSettings>,
    /// The GeoIP database for client locations.
    #[serde(
        default,
        rename = "geoIPProvider",
        skip_serializing_if = "Option::is_none"
    )]
    pub geo_ip_provider: Option<GeoIpProvider>,
    /// Extension resources attached to the listener, for the extension server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension_refs: Vec<UnstructuredRef>,
}
