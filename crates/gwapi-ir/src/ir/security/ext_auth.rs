//! External authorization (SecurityPolicy `extAuth`); becomes Envoy's `envoy.filters.http.ext_authz` with
//! a gRPC or HTTP service.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;
use crate::ir::{PrivateBytes, RouteDestination};

/// External authorization of a route (`ir.ExtAuth`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawExtAuth", into = "RawExtAuth")]
pub struct ExtAuth {
    /// A unique name, from the policy (`securitypolicy/<namespace>/<name>`); names the filter.
    pub name: String,
    /// The authorization service.
    pub service: ExtAuthService,
    /// The request headers sent to the service (`allowed_headers`); empty sends all.
    pub headers_to_ext_auth: Vec<String>,
    /// Whether (and how much of) the request body is sent (`with_request_body`).
    pub body_to_ext_auth: Option<BodyToExtAuth>,
    /// Whether requests are let through when the service fails (`failure_mode_allow`).
    pub fail_open: bool,
    /// Traffic settings of the connection to the service.
    pub traffic: Option<crate::ir::TrafficFeatures>,
    /// Whether the route is recomputed after the service changed headers (`clear_route_cache`).
    pub recompute_route: bool,
    /// The timeout of a check.
    pub timeout: Option<GoDuration>,
    /// Whether the route's metadata is sent to the service (`route_metadata_context_namespaces`).
    pub include_route_metadata: bool,
    /// The HTTP status returned when the service fails and `fail_open` is off (`status_on_error`).
    pub status_on_error: Option<u32>,
    /// Key-value pairs sent with every check (`context_extensions`).
    pub context_extensions: Vec<ContextExtension>,
}

/// The service [`ExtAuth`] calls.
#[derive(Clone, Debug, PartialEq)]
pub enum ExtAuthService {
    /// An `envoy.service.auth.v3.Authorization` gRPC service (`grpc`).
    Grpc(GrpcExtAuthService),
    /// An HTTP service (`http`).
    Http(HttpExtAuthService),
}

/// A gRPC authorization service (`ir.GRPCExtAuthService`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GrpcExtAuthService {
    /// The backend of the service.
    pub destination: RouteDestination,
    /// The `:authority` of the gRPC calls.
    #[serde(default)]
    pub authority: String,
}

/// An HTTP authorization service (`ir.HTTPExtAuthService`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpExtAuthService {
    /// The backend of the service.
    pub destination: RouteDestination,
    /// The `:authority` of the check requests.
    #[serde(default)]
    pub authority: String,
    /// The path prefix of the check requests (`path_prefix`); the request's path is appended.
    #[serde(default)]
    pub path: String,
    /// A fixed path replacing the request's path in the check requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_override: Option<String>,
    /// The service's response headers copied into the upstream request (`allowed_upstream_headers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers_to_backend: Vec<String>,
}

/// How much of the request body is sent to the service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BodyToExtAuth {
    /// The most bytes buffered and sent (`max_request_bytes`).
    #[serde(default)]
    pub max_request_bytes: u32,
}

/// A key-value pair sent with every check.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextExtension {
    /// The key.
    #[serde(default)]
    pub name: String,
    /// The value (it may come from a Secret).
    #[serde(default)]
    pub value: PrivateBytes,
}

/// The wire form of [`ExtAuth`]: `grpc` and `http` are siblings.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawExtAuth {
    #[serde(default)]
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grpc: Option<GrpcExtAuthService>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    http: Option<HttpExtAuthService>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    headers_to_ext_auth: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body_to_ext_auth: Option<BodyToExtAuth>,
    #[serde(default)]
    fail_open: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    traffic: Option<crate::ir::TrafficFeatures>,
    #[serde(default)]
    recompute_route: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timeout: Option<GoDuration>,
    #[serde(default)]
    include_route_metadata: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status_on_error: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    context_extensions: Vec<ContextExtension>,
}

impl TryFrom<RawExtAuth> for ExtAuth {
    type Error = String;

    fn try_from(raw: RawExtAuth) -> Result<Self, Self::Error> {
        let service = match (raw.grpc, raw.http) {
            (Some(grpc), None) => ExtAuthService::Grpc(grpc),
            (None, Some(http)) => ExtAuthService::Http(http),
            (Some(_), Some(_)) => {
                return Err(format!("extAuth {:?} has both grpc and http", raw.name));
            }
            (None, None) => {
                return Err(format!("extAuth {:?} has neither grpc nor http", raw.name));
            }
        };
        Ok(Self {
            name: raw.name,
            service,
            headers_to_ext_auth: raw.headers_to_ext_auth,
            body_to_ext_auth: raw.body_to_ext_auth,
            fail_open: raw.fail_open,
            traffic: raw.traffic,
            recompute_route: raw.recompute_route,
            timeout: raw.timeout,
            include_route_metadata: raw.include_route_metadata,
            status_on_error: raw.status_on_error,
            context_extensions: raw.context_extensions,
        })
    }
}

impl From<ExtAuth> for RawExtAuth {
    fn from(ext_auth: ExtAuth) -> Self {
        let (grpc, http) = match ext_auth.service {
            ExtAuthService::Grpc(grpc) => (Some(grpc), None),
            ExtAuthService::Http(http) => (None, Some(http)),
        };
        Self {
            name: ext_auth.name,
            grpc,
            http,
            headers_to_ext_auth: ext_auth.headers_to_ext_auth,
            body_to_ext_auth: ext_auth.body_to_ext_auth,
            fail_open: ext_auth.fail_open,
            traffic: ext_auth.traffic,
            recompute_route: ext_auth.recompute_route,
            timeout: ext_auth.timeout,
            include_route_metadata: ext_auth.include_route_metadata,
            status_on_error: ext_auth.status_on_error,
            context_extensions: ext_auth.context_extensions,
        }
    }
}
