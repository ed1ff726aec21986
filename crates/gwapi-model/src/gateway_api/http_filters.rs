//! Gateway API's `HTTPRoute` filters (`HTTPRouteFilter`): header modifiers, redirects, rewrites, mirrors, CORS,
//! external authorization and extension references. `GRPCRoute` reuses the header modifier and mirror parts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{BackendObjectReference, LocalObjectReference};

crate::string_enum! {
    /// The kind of an [`HttpRouteFilter`] (`HTTPRouteFilterType`).
    pub enum HttpRouteFilterType {
        /// Modifies request headers.
        RequestHeaderModifier = "RequestHeaderModifier",
        /// Modifies response headers.
        ResponseHeaderModifier = "ResponseHeaderModifier",
        /// Mirrors requests to another backend.
        RequestMirror = "RequestMirror",
        /// Responds with a redirect.
        RequestRedirect = "RequestRedirect",
        /// Rewrites the host or path while forwarding.
        UrlRewrite = "URLRewrite",
        /// An implementation-specific filter named by `extensionRef`.
        ExtensionRef = "ExtensionRef",
        /// Handles CORS.
        Cors = "CORS",
        /// Asks an external authorization server.
        ExternalAuth = "ExternalAuth",
    }
}

crate::string_enum! {
    /// How an [`HttpPathModifier`] changes the path (`HTTPPathModifierType`).
    pub enum HttpPathModifierType {
        /// Replace the whole path.
        ReplaceFullPath = "ReplaceFullPath",
        /// Replace the part of the path matched by a `PathPrefix` match.
        ReplacePrefixMatch = "ReplacePrefixMatch",
    }
}

crate::string_enum! {
    /// The scheme of a redirect's `Location` header.
    pub enum RedirectScheme {
        /// `http`.
        Http = "http",
        /// `https`.
        Https = "https",
    }
}

crate::string_enum! {
    /// An HTTP method, or `*` for every method (`HTTPMethodWithWildcard`).
    pub enum HttpMethodWithWildcard {
        /// `GET`.
        Get = "GET",
        /// `HEAD`.
        Head = "HEAD",
        /// `POST`.
        Post = "POST",
        /// `PUT`.
        Put = "PUT",
        /// `DELETE`.
        Delete = "DELETE",
        /// `CONNECT`.
        Connect = "CONNECT",
        /// `OPTIONS`.
        Options = "OPTIONS",
        /// `TRACE`.
        Trace = "TRACE",
        /// `PATCH`.
        Patch = "PATCH",
        /// Every method.
        Wildcard = "*",
    }
}

crate::string_enum! {
    /// The protocol used to talk to an external authorization server (`HTTPRouteExternalAuthProtocol`).
    pub enum HttpRouteExternalAuthProtocol {
        /// Envoy's HTTP `ext_authz` protocol.
        Http = "HTTP",
        /// Envoy's gRPC `ext_authz` protocol.
        Grpc = "GRPC",
    }
}

/// A processing step applied to requests (or responses) of an `HTTPRoute` rule or backend (`HTTPRouteFilter`).
/// Exactly the field named by `type` is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpRouteFilter {
    /// The kind of filter.
    #[serde(rename = "type")]
    pub type_: HttpRouteFilterType,
    /// Request header changes, for `RequestHeaderModifier`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_header_modifier: Option<HttpHeaderFilter>,
    /// Response header changes, for `ResponseHeaderModifier`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_header_modifier: Option<HttpHeaderFilter>,
    /// Where to mirror requests, for `RequestMirror`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_mirror: Option<HttpRequestMirrorFilter>,
    /// The redirect to respond with, for `RequestRedirect`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_redirect: Option<HttpRequestRedirectFilter>,
    /// The rewrite to apply, for `URLRewrite`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_rewrite: Option<HttpUrlRewriteFilter>,
    /// The CORS policy, for `CORS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cors: Option<HttpCorsFilter>,
    /// The external authorization settings, for `ExternalAuth`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_auth: Option<HttpExternalAuthFilter>,
    /// The implementation-specific filter object, for `ExtensionRef`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_ref: Option<LocalObjectReference>,
}

/// A header name and value (`HTTPHeader`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct HttpHeader {
    /// The header name, case-insensitive.
    pub name: String,
    /// The header value.
    pub value: String,
}

/// Changes to the headers of a request or response (`HTTPHeaderFilter`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpHeaderFilter {
    /// Headers to set, replacing any existing value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<HttpHeader>,
    /// Headers to add to any existing values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<HttpHeader>,
    /// Names of headers to remove.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
}

/// A change to the request path, for redirects and rewrites (`HTTPPathModifier`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpPathModifier {
    /// How the path changes.
    #[serde(rename = "type")]
    pub type_: HttpPathModifierType,
    /// The new path, for `ReplaceFullPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace_full_path: Option<String>,
    /// The replacement of the matched prefix, for `ReplacePrefixMatch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace_prefix_match: Option<String>,
}

/// Responds with a redirect (`HTTPRequestRedirectFilter`); unset parts keep the request's values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpRequestRedirectFilter {
    /// The scheme of the `Location` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<RedirectScheme>,
    /// The hostname of the `Location` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// How the path of the `Location` header is derived from the request path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<HttpPathModifier>,
    /// The port of the `Location` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The status code: 301, 302 (the default), 303, 307 or 308.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i32>,
}

/// Rewrites the request while forwarding it (`HTTPURLRewriteFilter`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpUrlRewriteFilter {
    /// The new `Host` header value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// The path rewrite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<HttpPathModifier>,
}

/// Mirrors requests to another backend, ignoring its responses (`HTTPRequestMirrorFilter`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpRequestMirrorFilter {
    /// Where mirrored requests go.
    pub backend_ref: BackendObjectReference,
    /// The percentage (0-100) of requests to mirror; all when neither this nor `fraction` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<i32>,
    /// The fraction of requests to mirror.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction: Option<Fraction>,
}

/// A fraction `numerator / denominator` (`Fraction`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Fraction {
    /// The numerator.
    pub numerator: i32,
    /// The denominator; defaults to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<i32>,
}

/// Answers CORS preflight requests and adds CORS headers to responses (`HTTPCORSFilter`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpCorsFilter {
    /// The origins allowed to make cross-origin requests (`*` and `*.`-prefixed wildcards allowed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_origins: Vec<String>,
    /// Whether credentials are allowed (`Access-Control-Allow-Credentials`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_credentials: Option<bool>,
    /// The methods allowed (`Access-Control-Allow-Methods`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_methods: Vec<HttpMethodWithWildcard>,
    /// The request headers allowed (`Access-Control-Allow-Headers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_headers: Vec<String>,
    /// The response headers exposed to the client (`Access-Control-Expose-Headers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expose_headers: Vec<String>,
    /// How long, in seconds, a preflight response may be cached; defaults to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<i32>,
}

/// Sends request details to an external authorization server before forwarding (`HTTPExternalAuthFilter`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpExternalAuthFilter {
    /// The protocol of the authorization server.
    pub protocol: HttpRouteExternalAuthProtocol,
    /// The authorization server.
    pub backend_ref: BackendObjectReference,
    /// Settings for a gRPC authorization server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<GrpcAuthConfig>,
    /// Settings for an HTTP authorization server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpAuthConfig>,
    /// Whether, and how much of, the request body is sent to the authorization server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_body: Option<ForwardBodyConfig>,
}

/// Settings for a gRPC external authorization server (`GRPCAuthConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrpcAuthConfig {
    /// Client request headers sent to the authorization server, besides the default ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_headers: Vec<String>,
}

/// Settings for an HTTP external authorization server (`HTTPAuthConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpAuthConfig {
    /// A prefix added to the request path sent to the authorization server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Client request headers sent to the authorization server, besides the default ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_headers: Vec<String>,
    /// Authorization response headers copied to the forwarded request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_response_headers: Vec<String>,
}

/// How much of the request body is sent to the authorization server (`ForwardBodyConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ForwardBodyConfig {
    /// The largest body, in bytes, that is buffered and sent; the body is not sent when unset or 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<i32>,
}
