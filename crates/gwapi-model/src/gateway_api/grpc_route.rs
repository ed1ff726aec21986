//! `GRPCRoute`: routes gRPC requests from listeners to backends.

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    GatewayDefaultScope, HttpHeaderFilter, HttpRequestMirrorFilter, LocalObjectReference,
    ParentReference, RouteStatus, SessionPersistence,
};

/// How a `GRPCRoute` routes requests (`GRPCRouteSpec`). The kind is [`GrpcRoute`].
#[derive(
    CustomResource, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema,
)]
#[kube(
    group = "gateway.networking.k8s.io",
    version = "v1",
    kind = "GRPCRoute",
    root = "GrpcRoute",
    plural = "grpcroutes",
    namespaced,
    status = "RouteStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct GrpcRouteSpec {
    /// The Gateways (or listeners, or `ListenerSets`) the route attaches to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parent_refs: Vec<ParentReference>,
    /// Whether the route attaches to the default Gateways.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_default_gateways: Option<GatewayDefaultScope>,
    /// The hostnames (`:authority` values, wildcards allowed) the route matches; all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hostnames: Vec<String>,
    /// The rules: matchers, filters and backends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<GrpcRouteRule>,
}

/// One rule of a `GRPCRoute` (`GRPCRouteRule`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcRouteRule {
    /// The rule's name, unique within the route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The matchers (any may match); every request when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<GrpcRouteMatch>,
    /// The filters applied to matching requests, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<GrpcRouteFilter>,
    /// The backends matching requests are sent to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<GrpcBackendRef>,
    /// Session persistence for the rule's backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_persistence: Option<SessionPersistence>,
}

/// The conditions a gRPC request must all meet to match a rule (`GRPCRouteMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcRouteMatch {
    /// The service/method matcher; every method when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<GrpcMethodMatch>,
    /// Header matchers; all must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<GrpcHeaderMatch>,
}

crate::string_enum! {
    /// How a [`GrpcMethodMatch`] compares the service and method (`GRPCMethodMatchType`).
    pub enum GrpcMethodMatchType {
        /// The values are equal.
        Exact = "Exact",
        /// The values match regular expressions (implementation-specific dialect).
        RegularExpression = "RegularExpression",
    }
}

/// A gRPC service/method matcher (`GRPCMethodMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcMethodMatch {
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<GrpcMethodMatchType>,
    /// The service to match (e.g. `foo.bar.Baz`); every service when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The method to match; every method when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

crate::string_enum! {
    /// How a [`GrpcHeaderMatch`] compares the header value (`GRPCHeaderMatchType`).
    pub enum GrpcHeaderMatchType {
        /// The value is equal.
        Exact = "Exact",
        /// The value matches a regular expression (implementation-specific dialect).
        RegularExpression = "RegularExpression",
    }
}

/// A gRPC request header (metadata) matcher (`GRPCHeaderMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcHeaderMatch {
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<GrpcHeaderMatchType>,
    /// The header name, matched case-insensitively.
    pub name: String,
    /// The value to match against.
    pub value: String,
}

crate::string_enum! {
    /// The kind of a [`GrpcRouteFilter`] (`GRPCRouteFilterType`).
    pub enum GrpcRouteFilterType {
        /// Modifies response headers.
        ResponseHeaderModifier = "ResponseHeaderModifier",
        /// Modifies request headers.
        RequestHeaderModifier = "RequestHeaderModifier",
        /// Mirrors requests to another backend.
        RequestMirror = "RequestMirror",
        /// An implementation-specific filter named by `extensionRef`.
        ExtensionRef = "ExtensionRef",
    }
}

/// A processing step applied to requests (or responses) of a `GRPCRoute` rule or backend (`GRPCRouteFilter`).
/// Exactly the field named by `type` is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcRouteFilter {
    /// The kind of filter.
    #[serde(rename = "type")]
    pub type_: GrpcRouteFilterType,
    /// Request header changes, for `RequestHeaderModifier`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_header_modifier: Option<HttpHeaderFilter>,
    /// Response header changes, for `ResponseHeaderModifier`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_header_modifier: Option<HttpHeaderFilter>,
    /// Where to mirror requests, for `RequestMirror`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_mirror: Option<HttpRequestMirrorFilter>,
    /// The implementation-specific filter object, for `ExtensionRef`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_ref: Option<LocalObjectReference>,
}

/// A weighted backend of a `GRPCRoute` rule, with filters applied only when it is chosen (`GRPCBackendRef`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcBackendRef {
    /// The referent's API group; `""` (the default) is the core group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The referent's kind; defaults to `Service`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The referent's name.
    pub name: String,
    /// The referent's namespace; defaults to the route's namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The destination port; required for Services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The share of requests this backend gets, relative to its siblings; defaults to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i32>,
    /// Filters applied to requests sent to this backend.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<GrpcRouteFilter>,
}

impl GrpcBackendRef {
    /// The reference without its filters.
    #[must_use]
    pub fn backend_ref(&self) -> super::BackendRef {
        super::BackendRef {
            group: self.group.clone(),
            kind: self.kind.clone(),
            name: self.name.clone(),
            namespace: self.namespace.clone(),
            port: self.port,
            weight: self.weight,
        }
    }
}
