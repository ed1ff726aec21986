//! `HTTPRouteFilter` (`gateway.envoyproxy.io`): Envoy Gateway's own route filter, referenced from `HTTPRoute`
//! and `GRPCRoute` rules with `extensionRef` (URL rewrite with regexes, direct responses, credential
//! injection, cookie matches).

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::CustomResponseBody;
use crate::gateway_api::{HttpHeaderFilter, SecretObjectReference};

/// The desired state of an `HTTPRouteFilter` (`HTTPRouteFilterSpec`). The kind is [`HttpRouteFilter`].
#[derive(
    CustomResource, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema,
)]
#[kube(
    group = "gateway.envoyproxy.io",
    version = "v1alpha1",
    kind = "HTTPRouteFilter",
    root = "HttpRouteFilter",
    plural = "httproutefilters",
    namespaced,
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct HttpRouteFilterSpec {
    /// Rewrites of the URL (host and path).
    #[serde(
        default,
        rename = "urlRewrite",
        skip_serializing_if = "Option::is_none"
    )]
    pub url_rewrite: Option<EgHttpUrlRewriteFilter>,
    /// A fixed response for matching requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_response: Option<HttpDirectResponseFilter>,
    /// Credentials injected into the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_injection: Option<HttpCredentialInjectionFilter>,
    /// Additional matches of the route rule (any one must match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<HttpRouteMatchFilter>,
}

/// Rewrites of the URL: host and path (Envoy Gateway's `HTTPURLRewriteFilter`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EgHttpUrlRewriteFilter {
    /// How the `Host` header is rewritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<HttpHostnameModifier>,
    /// How the path is rewritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<EgHttpPathModifier>,
    /// Whether the original host is appended to `X-Forwarded-Host` on host rewrites; defaults to true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub append_x_forwarded_host: Option<bool>,
}

crate::string_enum! {
    /// Where the rewritten `Host` header comes from (`HTTPHostnameModifierType`).
    pub enum HttpHostnameModifierType {
        /// The value of the header named by `header`.
        Header = "Header",
        /// The DNS name of the backend.
        Backend = "Backend",
        /// A regex substitution applied to the request path.
        PathRegex = "PathRegex",
    }
}

/// How the `Host` header is rewritten (`HTTPHostnameModifier`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpHostnameModifier {
    /// Where the new host comes from.
    #[serde(rename = "type")]
    pub type_: HttpHostnameModifierType,
    /// The header whose value becomes the host (type `Header`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// The regex substitution of the path that computes the host (type `PathRegex`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_regex: Option<HostnamePathRegexRewrite>,
}

/// A host computed from the request path with a regex substitution (`HostnamePathRegexRewrite`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HostnamePathRegexRewrite {
    /// An RE2 regular expression matched against the path.
    pub pattern: String,
    /// The replacement, which may use numbered capture groups.
    pub substitution: String,
}

crate::string_enum! {
    /// How the path is rewritten (Envoy Gateway's `HTTPPathModifierType`).
    pub enum EgHttpPathModifierType {
        /// Replace the portions matching a regex.
        ReplaceRegexMatch = "ReplaceRegexMatch",
    }
}

/// How the path is rewritten (Envoy Gateway's `HTTPPathModifier`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EgHttpPathModifier {
    /// The kind of rewrite.
    #[serde(rename = "type")]
    pub type_: EgHttpPathModifierType,
    /// The regex and its substitution (type `ReplaceRegexMatch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace_regex_match: Option<ReplaceRegexMatch>,
}

/// A regex path rewrite: the matched portions are replaced (`ReplaceRegexMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReplaceRegexMatch {
    /// An RE2 regular expression matched against the path (required; empty when missing).
    #[serde(default)]
    pub pattern: String,
    /// The replacement, which may use numbered capture groups (required; empty when missing).
    #[serde(default)]
    pub substitution: String,
}

/// A fixed response (`HTTPDirectResponseFilter`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpDirectResponseFilter {
    /// The `Content-Type` of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The body (may use Envoy command operators).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<CustomResponseBody>,
    /// The status code; defaults to 200.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i32>,
    /// Headers of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<HttpHeaderFilter>,
}

/// Credentials injected into the request (`HTTPCredentialInjectionFilter`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpCredentialInjectionFilter {
    /// The header the credential goes into; defaults to `Authorization`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Whether an existing header is overwritten; defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
    /// The credential.
    pub credential: InjectedCredential,
}

/// The credential to inject (`InjectedCredential`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InjectedCredential {
    /// The Opaque Secret holding the credential in its `credential` key.
    pub value_ref: SecretObjectReference,
}

/// Additional matches of a route rule (`HTTPRouteMatchFilter`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpRouteMatchFilter {
    /// Cookie matchers; all must match.
    #[serde(default)]
    pub cookies: Vec<HttpCookieMatch>,
}

crate::string_enum! {
    /// How a cookie value is compared (`CookieMatchType`).
    pub enum CookieMatchType {
        /// The whole value is equal (the default).
        Exact = "Exact",
        /// The value matches an RE2 regular expression.
        RegularExpression = "RegularExpression",
    }
}

/// A matcher of one cookie (`HTTPCookieMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpCookieMatch {
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<CookieMatchType>,
    /// The cookie name.
    pub name: String,
    /// The value to match.
    pub value: String,
}
