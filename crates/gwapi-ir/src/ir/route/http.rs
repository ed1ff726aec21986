//! The HTTP route (EG's `ir.HTTPRoute`): one Envoy route of a virtual host.

use serde::{Deserialize, Serialize};

use super::{
    AddHeader, CredentialInjection, DirectResponse, MirrorPolicy, Redirect, SessionPersistence,
    UrlRewrite,
};
use crate::ir::{
    Cors, EnvoyExtensionFeatures, GoDuration, ResourceMetadata, Retry, RouteDestination,
    SecurityFeatures, StringMatch, TrafficFeatures, UnstructuredRef,
};

/// One route: what requests it matches, what it changes, and where they go.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpRoute {
    /// The route name (`httproute/<ns>/<name>/rule/<i>/match/<j>/<hostname>`).
    #[serde(default)]
    pub name: String,
    /// The host name (virtual host) the route belongs to.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hostname: String,
    /// Whether the route is for HTTP/2 (gRPC) traffic.
    #[serde(default, rename = "isHTTP2")]
    pub is_http2: bool,
    /// The stat name of the route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stat_name: Option<String>,
    /// The resource the route comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ResourceMetadata>,

    /// The path match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_match: Option<StringMatch>,
    /// Header matches (all must match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_matches: Vec<StringMatch>,
    /// Query parameter matches (all must match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_param_matches: Vec<StringMatch>,
    /// Cookie matches (all must match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cookie_matches: Vec<StringMatch>,

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

    /// A redirect instead of forwarding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<Redirect>,
    /// A URL rewrite before forwarding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_rewrite: Option<UrlRewrite>,
    /// A response sent by the proxy instead of forwarding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_response: Option<DirectResponse>,
    /// Copies of the requests sent elsewhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mirrors: Vec<MirrorPolicy>,
    /// Where requests go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<RouteDestination>,
    /// Whether the backend protocol follows the client's (HTTP/1.1 or HTTP/2).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub use_client_protocol: bool,

    /// The request timeout of the route (from the route rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<GoDuration>,
    /// Retries (from the route rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<Retry>,
    /// CORS (from an HTTPRoute filter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cors: Option<Cors>,
    /// Sticky sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_persistence: Option<SessionPersistence>,
    /// A credential injected into requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_injection: Option<CredentialInjection>,

    /// Traffic features (BackendTrafficPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<TrafficFeatures>,
    /// Security features (SecurityPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<SecurityFeatures>,
    /// Extensions (EnvoyExtensionPolicy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envoy_extensions: Option<EnvoyExtensionFeatures>,
    /// Extension filters of the route rule (`extensionRef` filters), for the extension server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension_refs: Vec<UnstructuredRef>,
    /// Extension server policies that target the route.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension_server_policies: Vec<UnstructuredRef>,
}
