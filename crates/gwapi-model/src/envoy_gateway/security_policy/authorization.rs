//! Authorization (`Authorization`): ordered allow/deny rules on the request's operation and its client.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::PathMatch;

/// Authorization rules (`Authorization`); with neither rules nor a default action, every request is
/// denied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Authorization {
    /// The rules, in order: the first that matches decides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<AuthorizationRule>,
    /// The action when no rule matches; defaults to `Deny`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_action: Option<AuthorizationAction>,
}

crate::string_enum! {
    /// What a matching authorization rule does (`AuthorizationAction`).
    pub enum AuthorizationAction {
        /// Allow the request.
        Allow = "Allow",
        /// Deny the request.
        Deny = "Deny",
    }
}

/// One authorization rule (`AuthorizationRule`): every part that is set must match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationRule {
    /// A name for the rule; generated when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What to do when the rule matches.
    pub action: AuthorizationAction,
    /// The request's method and path; any operation when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    /// The client's identity; all principal kinds that are set must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<Principal>,
    /// A CEL expression that must evaluate to `true` for the rule to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cel: Option<String>,
}

/// The operation of a request (`Operation`); at least one of `methods` and `path` is set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// HTTP methods (upper case, Gateway API `HTTPMethod`); any of them matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<crate::gateway_api::HttpMethod>,
    /// The request path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathMatch>,
}

/// The identity of a request's client (`Principal`); every kind that is set must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Principal {
    /// Client IP ranges (CIDR); any of them matches.
    #[serde(default, rename = "clientCIDRs", skip_serializing_if = "Vec::is_empty")]
    pub client_cidrs: Vec<String>,
    /// Claims and scopes of the request's JWT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt: Option<JwtPrincipal>,
    /// Request headers carrying the identity; all of them must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<AuthorizationHeaderMatch>,
    /// Geolocations of the client IP; any of them matches.
    #[serde(
        default,
        rename = "clientIPGeoLocations",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub client_ip_geo_locations: Vec<ClientIpGeoLocation>,
}

/// A client identified by its JWT (`JWTPrincipal`); claims and scopes are `ANDed`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct JwtPrincipal {
    /// The JWT provider (of the same `SecurityPolicy`) that verified the token.
    pub provider: String,
    /// Claims; all of them must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<JwtClaim>,
    /// Scopes (from the `scope` or `scp` claim); all of them must be present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
}

crate::string_enum! {
    /// The type of a JWT claim's value (`JWTClaimValueType`).
    pub enum JwtClaimValueType {
        /// A string.
        String = "String",
        /// An array of strings.
        StringArray = "StringArray",
    }
}

/// A JWT claim and its accepted values (`JWTClaim`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct JwtClaim {
    /// The claim, possibly nested (`a.b.c`).
    pub name: String,
    /// The type of the claim's value; defaults to `String`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_type: Option<JwtClaimValueType>,
    /// The accepted values; any of them matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// A request header carrying the client identity (`AuthorizationHeaderMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationHeaderMatch {
    /// The header name (case-insensitive).
    pub name: String,
    /// The accepted values; any of them matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// A geolocation of the client IP (`ClientIPGeoLocation`); every field that is set must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientIpGeoLocation {
    /// The country ISO code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The region ISO code.
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
    /// Anonymous network signals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous: Option<GeoIpAnonymousMatch>,
}

/// Anonymous network signals of the client IP (`GeoIPAnonymousMatch`); every field that is set must
/// match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GeoIpAnonymousMatch {
    /// Whether the IP is considered anonymous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_anonymous: Option<bool>,
    /// Whether the IP is a VPN.
    #[serde(default, rename = "isVPN", skip_serializing_if = "Option::is_none")]
    pub is_vpn: Option<bool>,
    /// Whether the IP belongs to a hosting provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_hosting: Option<bool>,
    /// Whether the IP is a Tor exit node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_tor: Option<bool>,
    /// Whether the IP is a public proxy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_proxy: Option<bool>,
}
