//! OpenID Connect login (SecurityPolicy `oidc`); becomes Envoy's `envoy.filters.http.oauth2`.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;
use crate::ir::{PrivateBytes, RouteDestination};

/// OIDC authentication of a route (`ir.OIDC`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_excessive_bools)] // independent flags of the filter
pub struct Oidc {
    /// A unique name, from the policy (`securitypolicy/<namespace>/<name>`); names the filter and its
    /// secrets.
    #[serde(default)]
    pub name: String,
    /// The identity provider.
    #[serde(default)]
    pub provider: OidcProvider,
    /// The OAuth client ID.
    #[serde(default, rename = "clientID")]
    pub client_id: String,
    /// The OAuth client secret (an SDS secret in Envoy).
    #[serde(default)]
    pub client_secret: PrivateBytes,
    /// The key signing the OAuth cookies (an SDS secret in Envoy).
    #[serde(default)]
    pub hmac_secret: PrivateBytes,
    /// The scopes requested (`auth_scopes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// The resources requested (`resources`, RFC 8707).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    /// The callback URL sent to the provider (`redirect_uri`); may use Envoy format operators.
    #[serde(default, rename = "redirectURL")]
    pub redirect_url: String,
    /// The path of the callback URL (`redirect_path_matcher`).
    #[serde(default)]
    pub redirect_path: String,
    /// The path that logs out (`signout_path`).
    #[serde(default)]
    pub logout_path: String,
    /// Whether the access token is forwarded upstream in `Authorization` (`forward_bearer_token`).
    #[serde(default)]
    pub forward_access_token: bool,
    /// The lifetime of an access token without `expires_in` (`default_expires_in`).
    #[serde(
        default,
        rename = "defaultTokenTTL",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_token_ttl: Option<GoDuration>,
    /// Whether tokens are refreshed with the refresh token (`use_refresh_token`).
    #[serde(default)]
    pub refresh_token: bool,
    /// The lifetime of a refresh token without an expiry (`default_refresh_token_expires_in`).
    #[serde(
        default,
        rename = "defaultRefreshTokenTTL",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_refresh_token_ttl: Option<GoDuration>,
    /// The suffix of the default cookie names, unique per policy.
    #[serde(default)]
    pub cookie_suffix: String,
    /// Cookie names replacing the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_name_overrides: Option<OidcCookieNames>,
    /// The domain of the cookies (`cookie_domain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_domain: Option<String>,
    /// Attributes of the cookies (`cookie_configs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_config: Option<OidcCookieConfig>,
    /// The lifetime of the CSRF token (`csrf_token_expires_in`).
    #[serde(
        default,
        rename = "csrfTokenTTL",
        skip_serializing_if = "Option::is_none"
    )]
    pub csrf_token_ttl: Option<GoDuration>,
    /// Requests answered 401 instead of being redirected to the provider (`deny_redirect_matcher`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deny_redirect: Option<OidcDenyRedirect>,
    /// Whether the token cookies are stored unencrypted (`disable_token_encryption`).
    #[serde(default)]
    pub disable_token_encryption: bool,
    /// Whether requests already carrying an `Authorization` header skip the login (`pass_through_matcher`).
    #[serde(default)]
    pub pass_through_auth_header: bool,
    /// The header the ID token is forwarded upstream in.
    #[serde(
        default,
        rename = "forwardIDTokenHeader",
        skip_serializing_if = "Option::is_none"
    )]
    pub forward_id_token_header: Option<String>,
}

/// The OIDC identity provider (`ir.OIDCProvider`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OidcProvider {
    /// The backend of the token endpoint when it is given as a backend reference; `None` derives a cluster
    /// from the token endpoint URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<RouteDestination>,
    /// Traffic settings of the connection to that backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<crate::ir::TrafficFeatures>,
    /// The authorization endpoint the user is redirected to.
    #[serde(default)]
    pub authorization_endpoint: String,
    /// The token endpoint Envoy exchanges codes at.
    #[serde(default)]
    pub token_endpoint: String,
    /// The end-session endpoint the user is sent to on logout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_session_endpoint: Option<String>,
}

/// Cookie names replacing the OAuth filter's defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OidcCookieNames {
    /// The access token cookie (`bearer_token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// The ID token cookie (`id_token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

/// Attributes of the OAuth cookies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OidcCookieConfig {
    /// The `SameSite` attribute: `Lax`, `Strict` or `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_site: Option<String>,
}

/// Requests that get a 401 instead of a redirect to the provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OidcDenyRedirect {
    /// Header matches; a request matching all of them is not redirected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<OidcDenyRedirectHeader>,
}

/// A header match of [`OidcDenyRedirect`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OidcDenyRedirectHeader {
    /// The header name.
    #[serde(default)]
    pub name: String,
    /// How the value is compared; `None` means exact.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub match_type: Option<HeaderValueMatchType>,
    /// The value compared with.
    #[serde(default)]
    pub value: String,
}

/// How a header value is compared (`StringMatchType` of the API).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HeaderValueMatchType {
    /// Equal to the value.
    #[default]
    Exact,
    /// Starts with the value.
    Prefix,
    /// Ends with the value.
    Suffix,
    /// Matches the value as an RE2 regular expression.
    RegularExpression,
}
