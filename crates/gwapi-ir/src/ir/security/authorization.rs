//! Authorization rules (SecurityPolicy `authorization`); become Envoy's RBAC filter
//! (`envoy.filters.http.rbac` on HTTP routes, `envoy.filters.network.rbac` on TCP routes) with a matcher
//! tree: the first matching rule decides, else the default action.

use serde::{Deserialize, Deserializer, Serialize};

/// The authorization of a route (`ir.Authorization`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Authorization {
    /// The action when no rule matches.
    #[serde(default)]
    pub default_action: AuthorizationAction,
    /// The rules, in order; the first match decides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<AuthorizationRule>,
}

/// What happens to a request a rule matches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuthorizationAction {
    /// The request goes on.
    Allow,
    /// The request is answered 403 (HTTP) or the connection closed (TCP).
    #[default]
    Deny,
}

/// One authorization rule (`ir.AuthorizationRule`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationRule {
    /// The rule name (given, or `securitypolicy/<namespace>/<name>/authorization/rule/<index>`).
    #[serde(default)]
    pub name: String,
    /// The action when the rule matches.
    #[serde(default)]
    pub action: AuthorizationAction,
    /// The request properties the rule matches (HTTP only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<AuthorizationOperation>,
    /// Who the rule matches.
    #[serde(default)]
    pub principal: Principal,
    /// A CEL expression the request must satisfy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cel: Option<String>,
}

/// The request properties a rule matches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationOperation {
    /// The request methods, any of which matches; empty matches all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<String>,
    /// The request path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<AuthorizationPathMatch>,
}

/// A path match of an [`AuthorizationOperation`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationPathMatch {
    /// How the path is compared; `None` means prefix.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub match_type: Option<PathMatchType>,
    /// The path compared with.
    #[serde(default)]
    pub value: String,
    /// Whether the result is inverted.
    #[serde(default)]
    pub invert: bool,
}

/// How a request path is compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PathMatchType {
    /// Equal to the value.
    Exact,
    /// The value is a prefix of whole path segments.
    #[default]
    PathPrefix,
    /// Matches the value as an RE2 regular expression.
    RegularExpression,
}

/// Who a rule matches; all given criteria must hold (`ir.Principal`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Principal {
    /// Client address ranges, any of which matches.
    #[serde(default, rename = "clientCIDRs", skip_serializing_if = "Vec::is_empty")]
    pub client_cidrs: Vec<CidrMatch>,
    /// Claims and scopes of the request's JWT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt: Option<JwtPrincipal>,
    /// Request headers, all of which must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<AuthorizationHeaderMatch>,
    /// Client locations (from the GeoIP filter), any of which matches.
    #[serde(
        default,
        rename = "clientIPGeoLocations",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub client_ip_geo_locations: Vec<GeoLocationMatch>,
}

/// An address range (`ir.CIDRMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CidrMatch {
    /// The range as written, e.g. `10.0.0.0/24`.
    #[serde(default)]
    pub cidr: String,
    /// The prefix length.
    #[serde(default)]
    pub mask_len: u32,
    /// Whether the range is IPv6.
    #[serde(default, rename = "isIPv6")]
    pub is_ipv6: bool,
    /// Whether each distinct address counts separately (rate limits).
    #[serde(default)]
    pub distinct: bool,
    /// Whether the match result is inverted.
    #[serde(default)]
    pub invert: bool,
}

/// JWT criteria of a principal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JwtPrincipal {
    /// The JWT provider (name or issuer) whose token is checked.
    #[serde(default)]
    pub provider: String,
    /// Claims, all of which must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<JwtClaim>,
    /// Scopes (`scope` claim), all of which must be granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
}

/// A JWT claim match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JwtClaim {
    /// The claim name; nested claims are dot-separated.
    #[serde(default)]
    pub name: String,
    /// The claim's type; `None` means a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_type: Option<JwtClaimValueType>,
    /// The values, any of which matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// The type of a JWT claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JwtClaimValueType {
    /// A string.
    #[default]
    String,
    /// A list of strings; a match on any element matches.
    StringArray,
}

/// A request header match of a principal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationHeaderMatch {
    /// The header name.
    #[serde(default)]
    pub name: String,
    /// The values, any of which matches exactly (numbers and booleans written unquoted are read as text).
    #[serde(
        default,
        deserialize_with = "scalars_as_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub values: Vec<String>,
}

/// Reads a list of scalars as text, as Go's YAML decoder does for a `[]string`.
fn scalars_as_strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    /// A scalar of any type.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Integer(i64),
        Float(f64),
        Bool(bool),
    }
    let items: Option<Vec<Scalar>> = Option::deserialize(d)?;
    Ok(items
        .unwrap_or_default()
        .into_iter()
        .map(|item| match item {
            Scalar::Text(text) => text,
            Scalar::Integer(n) => n.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Bool(b) => b.to_string(),
        })
        .collect())
}

/// A client location match; all given fields must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeoLocationMatch {
    /// The ISO country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The ISO region code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The autonomous system number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn: Option<u32>,
    /// The internet service provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isp: Option<String>,
    /// Anonymous-network signals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous: Option<GeoAnonymousMatch>,
}

/// Anonymous-network signals of a client address; all given flags must hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeoAnonymousMatch {
    /// Any anonymizing network.
    #[serde(
        default,
        rename = "isAnonymous",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_anonymous: Option<bool>,
    /// A VPN.
    #[serde(default, rename = "isVPN", skip_serializing_if = "Option::is_none")]
    pub is_vpn: Option<bool>,
    /// A hosting provider.
    #[serde(default, rename = "isHosting", skip_serializing_if = "Option::is_none")]
    pub is_hosting: Option<bool>,
    /// A Tor exit node.
    #[serde(default, rename = "isTor", skip_serializing_if = "Option::is_none")]
    pub is_tor: Option<bool>,
    /// A public proxy.
    #[serde(default, rename = "isProxy", skip_serializing_if = "Option::is_none")]
    pub is_proxy: Option<bool>,
}
