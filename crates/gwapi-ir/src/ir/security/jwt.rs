//! JWT authentication (SecurityPolicy `jwt`); becomes Envoy's `envoy.filters.http.jwt_authn` with one
//! provider per [`JwtProvider`] and a per-route requirement.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;
use crate::ir::RouteDestination;

/// JWT authentication of a route (`ir.JWT`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Jwt {
    /// Requests without a token are let through (`requires_any` with `allow_missing`); invalid tokens are
    /// still rejected.
    #[serde(default)]
    pub allow_missing: bool,
    /// Requests whose token is missing or invalid are let through (`allow_missing_or_failed`).
    #[serde(default)]
    pub allow_missing_or_failed: bool,
    /// The providers; a token from any of them is accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<JwtProvider>,
}

/// Where a provider's keys come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Jwks {
    /// Fetched from an HTTP(S) endpoint (`remoteJWKS`).
    Remote(Box<RemoteJwks>),
    /// Given inline as JWKS JSON text (`localJWKS`).
    Local(String),
}

impl Default for Jwks {
    /// No inline keys.
    fn default() -> Self {
        Self::Local(String::new())
    }
}

/// One JWT issuer (`ir.JWTProvider`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawJwtProvider", into = "RawJwtProvider")]
pub struct JwtProvider {
    /// The provider name, unique within the policy.
    pub name: String,
    /// The expected `iss` claim; empty accepts any issuer.
    pub issuer: String,
    /// The accepted `aud` claims; empty accepts any audience.
    pub audiences: Vec<String>,
    /// The keys that verify tokens.
    pub jwks: Jwks,
    /// Claims copied into request headers.
    pub claim_to_headers: Vec<ClaimToHeader>,
    /// Whether the route is recomputed after the headers are added (`clear_route_cache`).
    pub recompute_route: Option<bool>,
    /// Where the token is read from; `None` uses the `Authorization: Bearer` header.
    pub extract_from: Option<JwtExtractor>,
}

/// A JWKS endpoint (`ir.RemoteJWKS`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteJwks {
    /// The JWKS URI.
    #[serde(default)]
    pub uri: String,
    /// How long fetched keys are cached (`cache_duration`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_duration: Option<GoDuration>,
    /// How long to wait before retrying a failed fetch (`failed_refetch_duration`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_refetch_duration: Option<GoDuration>,
    /// The backend serving the keys when it is given as a backend reference; `None` derives a cluster from
    /// the URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<RouteDestination>,
    /// Traffic settings of the connection to that backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<crate::ir::TrafficFeatures>,
}

/// A claim copied into a request header (`claim_to_headers`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimToHeader {
    /// The header name.
    #[serde(default)]
    pub header: String,
    /// The claim name; nested claims are dot-separated.
    #[serde(default)]
    pub claim: String,
}

/// Where a token is read from (`from_headers`, `from_cookies`, `from_params`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JwtExtractor {
    /// Request headers carrying the token.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<JwtHeaderExtractor>,
    /// Cookies carrying the token.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<String>,
    /// Query parameters carrying the token.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
}

/// A request header carrying a token.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JwtHeaderExtractor {
    /// The header name.
    #[serde(default)]
    pub name: String,
    /// The prefix before the token, e.g. `Bearer `.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_prefix: Option<String>,
}

/// The wire form of [`JwtProvider`]: `remoteJWKS` and `localJWKS` are siblings.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawJwtProvider {
    #[serde(default)]
    name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    issuer: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    audiences: Vec<String>,
    #[serde(
        default,
        rename = "remoteJWKS",
        skip_serializing_if = "Option::is_none"
    )]
    remote_jwks: Option<RemoteJwks>,
    #[serde(default, rename = "localJWKS", skip_serializing_if = "Option::is_none")]
    local_jwks: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    claim_to_headers: Vec<ClaimToHeader>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recompute_route: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extract_from: Option<JwtExtractor>,
}

impl TryFrom<RawJwtProvider> for JwtProvider {
    type Error = String;

    fn try_from(raw: RawJwtProvider) -> Result<Self, Self::Error> {
        let jwks = match (raw.remote_jwks, raw.local_jwks) {
            (Some(_), Some(_)) => {
                return Err(format!(
                    "JWT provider {:?} has both remoteJWKS and localJWKS",
                    raw.name
                ));
            }
            (Some(remote), None) => Jwks::Remote(Box::new(remote)),
            (None, local) => Jwks::Local(local.unwrap_or_default()),
        };
        Ok(Self {
            name: raw.name,
            issuer: raw.issuer,
            audiences: raw.audiences,
            jwks,
            claim_to_headers: raw.claim_to_headers,
            recompute_route: raw.recompute_route,
            extract_from: raw.extract_from,
        })
    }
}

impl From<JwtProvider> for RawJwtProvider {
    fn from(provider: JwtProvider) -> Self {
        let (remote_jwks, local_jwks) = match provider.jwks {
            Jwks::Remote(remote) => (Some(*remote), None),
            Jwks::Local(local) => (None, Some(local).filter(|l| !l.is_empty())),
        };
        Self {
            name: provider.name,
            issuer: provider.issuer,
            audiences: provider.audiences,
            remote_jwks,
            local_jwks,
            claim_to_headers: provider.claim_to_headers,
            recompute_route: provider.recompute_route,
            extract_from: provider.extract_from,
        }
    }
}
