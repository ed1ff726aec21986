//! Backend (`gateway.envoyproxy.io`): endpoints Envoy Gateway routes to directly (FQDN, IP, unix socket) or
//! through a dynamic forward proxy, with their application protocols and TLS settings.

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Condition;
use crate::envoy_gateway::{AlpnProtocol, TlsFingerprintType, TlsVersion};
use crate::gateway_api::{LocalObjectReference, SecretObjectReference};

crate::string_enum! {
    /// The kind of a Backend (`BackendType`).
    pub enum BackendType {
        /// A fixed list of endpoints (the default).
        Endpoints = "Endpoints",
        /// Envoy resolves the request's host itself (dynamic forward proxy).
        DynamicResolver = "DynamicResolver",
    }
}

crate::string_enum! {
    /// An application protocol of a Backend (`AppProtocolType`).
    pub enum AppProtocolType {
        /// HTTP/2 over cleartext.
        H2c = "gateway.envoyproxy.io/h2c",
        /// WebSocket over HTTP.
        Ws = "gateway.envoyproxy.io/ws",
        /// WebSocket over HTTPS.
        Wss = "gateway.envoyproxy.io/wss",
    }
}

/// What a Backend points to (`BackendSpec`). The kind is [`Backend`].
#[derive(
    CustomResource, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema,
)]
#[kube(
    group = "gateway.envoyproxy.io",
    version = "v1alpha1",
    kind = "Backend",
    plural = "backends",
    namespaced,
    status = "BackendStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct BackendSpec {
    /// The kind of backend; defaults to `Endpoints`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<BackendType>,
    /// The endpoints to connect to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<BackendEndpoint>,
    /// The application protocols the backend supports. Go matches JSON field names case-insensitively,
    /// so `AppProtocols` is accepted too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub app_protocols: Vec<AppProtocolType>,
    /// Whether this backend only takes traffic when the other backends of a rule are unhealthy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<bool>,
    /// TLS towards the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<BackendTlsSettings>,
}

/// One endpoint of a Backend: exactly one of `fqdn`, `ip` and `unix` (`BackendEndpoint`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendEndpoint {
    /// A hostname for the endpoint (used for SNI and the `Host` header), whatever its address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// A fully qualified domain name and port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fqdn: Option<FqdnEndpoint>,
    /// An IPv4 or IPv6 address and port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpEndpoint>,
    /// A unix domain socket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unix: Option<UnixSocket>,
    /// The zone of the endpoint, for zone-aware routing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

/// A hostname and port (`FQDNEndpoint`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FqdnEndpoint {
    /// The fully qualified domain name.
    pub hostname: String,
    /// The port.
    pub port: i32,
}

/// An IP address and port (`IPEndpoint`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IpEndpoint {
    /// The IPv4 or IPv6 address.
    pub address: String,
    /// The port.
    pub port: i32,
}

/// A unix domain socket (`UnixSocket`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnixSocket {
    /// The socket path.
    pub path: String,
}

/// TLS settings of a Backend (`BackendTLSSettings`, with `BackendTLSConfig` inlined).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendTlsSettings {
    /// The `ConfigMap`s or `Secret`s holding the CA certificates that verify the backend's certificate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ca_certificate_refs: Vec<LocalObjectReference>,
    /// Whether the system CA certificates verify the backend (`System`).
    #[serde(
        default,
        rename = "wellKnownCACertificates",
        skip_serializing_if = "Option::is_none"
    )]
    pub well_known_ca_certificates: Option<String>,
    /// Whether verification of the backend's certificate is skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insecure_skip_verify: Option<bool>,
    /// The fixed SNI of upstream TLS connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sni: Option<String>,
    /// Whether the endpoint's hostname is used as the SNI.
    #[serde(
        default,
        rename = "autoSNIFromEndpointHostname",
        skip_serializing_if = "Option::is_none"
    )]
    pub auto_sni_from_endpoint_hostname: Option<bool>,
    /// The Secret with the client certificate and key Envoy presents to the backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_certificate_ref: Option<SecretObjectReference>,
    /// The minimum TLS version; defaults to 1.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_version: Option<TlsVersion>,
    /// The maximum TLS version; defaults to 1.3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_version: Option<TlsVersion>,
    /// The cipher suites for TLS 1.0 to 1.2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ciphers: Vec<String>,
    /// The ECDH curves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ecdh_curves: Vec<String>,
    /// The signature algorithms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signature_algorithms: Vec<String>,
    /// The ALPN protocols offered to the backend (`h2`, `http/1.1`, ...); an empty list disables ALPN,
    /// absent leaves it to the EnvoyProxy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpn_protocols: Option<Vec<AlpnProtocol>>,
    /// TLS fingerprinting modes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprints: Vec<TlsFingerprintType>,
}

/// The observed state of a Backend (`BackendStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendStatus {
    /// The conditions of the Backend (`Accepted`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
}
