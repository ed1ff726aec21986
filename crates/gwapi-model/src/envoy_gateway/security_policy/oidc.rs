//! OIDC authentication: the provider, the client, cookies and tokens.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;
use crate::envoy_gateway::{ClusterSettings, EgBackendRef, StringMatchType};
use crate::gateway_api::{BackendObjectReference, SecretObjectReference};

/// OIDC authentication (`OIDC`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Oidc {
    /// The OIDC provider.
    pub provider: OidcProvider,
    /// The client ID; exactly one of `clientID` and `clientIDRef` is set.
    #[serde(default, rename = "clientID", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// A Secret holding the client ID under `client-id`.
    #[serde(
        default,
        rename = "clientIDRef",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_id_ref: Option<SecretObjectReference>,
    /// A Secret holding the client secret under `client-secret`.
    pub client_secret: SecretObjectReference,
    /// Names of the access token and ID token cookies; random suffixes when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_names: Option<OidcCookieNames>,
    /// Attributes of the `OAuth2` cookies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_config: Option<OidcCookieConfig>,
    /// The domain the token cookies are set on (and its subdomains); the request host when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_domain: Option<String>,
    /// The scopes requested; `openid` is always added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// The resources requested.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    /// The redirect URL; defaults to `%REQ(x-forwarded-proto)%://%REQ(:authority)%/oauth2/callback`.
    #[serde(
        default,
        rename = "redirectURL",
        skip_serializing_if = "Option::is_none"
    )]
    pub redirect_url: Option<String>,
    /// Requests that are never redirected to the provider (AJAX or machine clients).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deny_redirect: Option<OidcDenyRedirect>,
    /// The path that logs a user out; defaults to `/logout`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logout_path: Option<String>,
    /// Whether the access token is forwarded upstream as `Authorization: Bearer`; defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_access_token: Option<bool>,
    /// Forwards the ID token upstream in a header; not forwarded when unset.
    #[serde(
        default,
        rename = "forwardIDToken",
        skip_serializing_if = "Option::is_none"
    )]
    pub forward_id_token: Option<OidcTokenForwarding>,
    /// The lifetime of tokens whose response carries no expiry; defaults to 0.
    #[serde(
        default,
        rename = "defaultTokenTTL",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_token_ttl: Option<Duration>,
    /// Whether tokens are refreshed with the refresh token when they expire; defaults to true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<bool>,
    /// The lifetime of a refresh token without `exp`; defaults to one week.
    #[serde(
        default,
        rename = "defaultRefreshTokenTTL",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_refresh_token_ttl: Option<Duration>,
    /// The lifetime of the CSRF token of the authorization flow; defaults to 10 minutes.
    #[serde(
        default,
        rename = "csrfTokenTTL",
        skip_serializing_if = "Option::is_none"
    )]
    pub csrf_token_ttl: Option<Duration>,
    /// Whether tokens are stored unencrypted in cookies; defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_token_encryption: Option<bool>,
    /// Whether requests carrying a token the JWT filter extracts skip OIDC; defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_through_auth_header: Option<bool>,
}

/// The OIDC provider (`OIDCProvider`), reached through `backendRefs` when set and otherwise through the
/// host of its token endpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OidcProvider {
    /// The backend (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The backends of the provider.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
    /// The issuer identifier (an `https` URI).
    pub issuer: String,
    /// The authorization endpoint; discovered from the issuer when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_endpoint: Option<String>,
    /// The token endpoint; discovered from the issuer when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_endpoint: Option<String>,
    /// The end session endpoint used on logout; discovered when possible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_session_endpoint: Option<String>,
}

/// Names of the cookies of the `OAuth2` filter (`OIDCCookieNames`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OidcCookieNames {
    /// The access token cookie; defaults to `AccessToken-<random>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// The ID token cookie; defaults to `IdToken-<random>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

crate::string_enum! {
    /// The `SameSite` attribute of the `OAuth2` cookies.
    pub enum OidcCookieSameSite {
        /// `SameSite=Lax`.
        Lax = "Lax",
        /// `SameSite=Strict`.
        Strict = "Strict",
        /// `SameSite=None`.
        None = "None",
    }
}

/// Attributes of the `OAuth2` cookies (`OIDCCookieConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OidcCookieConfig {
    /// The `SameSite` attribute; unset by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_site: Option<OidcCookieSameSite>,
}

/// Requests that are not redirected to the provider (`OIDCDenyRedirect`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OidcDenyRedirect {
    /// Header matches; a request matching any of them is not redirected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<OidcDenyRedirectHeader>,
}

/// A header match (`OIDCDenyRedirectHeader`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OidcDenyRedirectHeader {
    /// The header name.
    pub name: String,
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<StringMatchType>,
    /// The value to compare with.
    pub value: String,
}

/// How the ID token is forwarded upstream (`OIDCTokenForwarding`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OidcTokenForwarding {
    /// The request header that carries the token (`Bearer`-prefixed when it is `Authorization`).
    pub header: String,
}
