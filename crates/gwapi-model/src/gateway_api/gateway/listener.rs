//! Listeners of a Gateway or a `ListenerSet`: port, protocol, hostname, TLS and the routes they admit.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::gateway_api::SecretObjectReference;

crate::string_enum! {
    /// The protocol a listener accepts (`ProtocolType`); implementation-specific (domain-prefixed)
    /// protocols are kept as `Unknown`.
    pub enum ProtocolType {
        /// HTTP/1.1 or HTTP/2 cleartext.
        Http = "HTTP",
        /// HTTP over TLS, terminated by the Gateway.
        Https = "HTTPS",
        /// TLS, terminated or passed through, routed by SNI.
        Tls = "TLS",
        /// TCP.
        Tcp = "TCP",
        /// UDP.
        Udp = "UDP",
    }
}

crate::string_enum! {
    /// What a listener does with TLS (`TLSModeType`).
    pub enum TlsModeType {
        /// Terminate TLS at the Gateway (the default).
        Terminate = "Terminate",
        /// Pass the encrypted stream to the backend.
        Passthrough = "Passthrough",
    }
}

crate::string_enum! {
    /// Which namespaces routes (or `ListenerSets`) may attach from (`FromNamespaces`).
    pub enum FromNamespaces {
        /// Every namespace.
        All = "All",
        /// The namespaces matched by a label selector.
        Selector = "Selector",
        /// Only the Gateway's (or `ListenerSet`'s) own namespace.
        Same = "Same",
        /// No namespace (`ListenerSets` only).
        None = "None",
    }
}

/// A logical endpoint where a Gateway accepts connections (`Listener`; also a `ListenerSet`'s
/// `ListenerEntry`, which has the same fields).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Listener {
    /// The listener's name, unique within the Gateway (or `ListenerSet`); required, but omitted by some inputs.
    #[serde(default)]
    pub name: String,
    /// The hostname (wildcards allowed) the listener matches, for HTTP, HTTPS and TLS; all when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// The port.
    pub port: i32,
    /// The protocol.
    pub protocol: ProtocolType,
    /// TLS settings; required for HTTPS and TLS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<ListenerTlsConfig>,
    /// The routes that may attach; routes of the listener's protocol from the same namespace by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_routes: Option<AllowedRoutes>,
}

/// TLS settings of a listener (`ListenerTLSConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListenerTlsConfig {
    /// Whether TLS is terminated (the default) or passed through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<TlsModeType>,
    /// The certificates (with private keys) served, usually Secrets; chosen by SNI.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificate_refs: Vec<SecretObjectReference>,
    /// Implementation-specific TLS settings.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
}

/// The routes that may attach to a listener (`AllowedRoutes`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AllowedRoutes {
    /// The namespaces routes may come from; the listener's own by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespaces: Option<RouteNamespaces>,
    /// The route kinds allowed; those of the listener's protocol when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<RouteGroupKind>,
}

/// The namespaces routes may attach from (`RouteNamespaces`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RouteNamespaces {
    /// Where routes may come from: `All`, `Same` (the default) or `Selector`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<FromNamespaces>,
    /// The namespaces to accept, for `Selector`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
}

/// A route kind, by group and kind (`RouteGroupKind`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct RouteGroupKind {
    /// The route's API group; defaults to `gateway.networking.k8s.io`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The route's kind.
    pub kind: String,
}
