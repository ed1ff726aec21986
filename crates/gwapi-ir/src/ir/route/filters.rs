//! What a route does besides forwarding: redirects, rewrites, direct responses, mirrors, credential
//! injection, session persistence.

use serde::{Deserialize, Serialize};

use crate::ir::{Blob, GoDuration, PrivateBytes, RouteDestination};

/// A redirect response (EG's `ir.Redirect`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Redirect {
    /// The scheme of the new location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The host name of the new location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// How the path changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathModifier>,
    /// The port of the new location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// The status code (301, 302, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u32>,
}

/// A rewrite of the request URL before forwarding (EG's `ir.URLRewrite`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UrlRewrite {
    /// How the path changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathModifier>,
    /// How the host changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<HostModifier>,
}

/// How a path is replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPathModifier", into = "RawPathModifier")]
pub enum PathModifier {
    /// The whole path becomes this.
    FullReplace(String),
    /// The matched prefix becomes this.
    PrefixMatchReplace(String),
    /// Regex matches are substituted.
    RegexMatchReplace(RegexSubstitution),
}

/// A regular expression substitution.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegexSubstitution {
    /// The RE2 pattern.
    #[serde(default)]
    pub pattern: String,
    /// The substitution (`\1` for capture groups).
    #[serde(default)]
    pub substitution: String,
}

/// The wire shape of [`PathModifier`].
#[allow(clippy::struct_field_names)] // the wire names
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPathModifier {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    full_replace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prefix_match_replace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    regex_match_replace: Option<RegexSubstitution>,
}

impl TryFrom<RawPathModifier> for PathModifier {
    type Error = String;

    fn try_from(raw: RawPathModifier) -> Result<Self, Self::Error> {
        match (raw.full_replace, raw.prefix_match_replace, raw.regex_match_replace) {
            (Some(v), None, None) => Ok(Self::FullReplace(v)),
            (None, Some(v), None) => Ok(Self::PrefixMatchReplace(v)),
            (None, None, Some(v)) => Ok(Self::RegexMatchReplace(v)),
            _ => Err(
                "a path modifier needs exactly one of fullReplace, prefixMatchReplace, regexMatchReplace"
                    .into(),
            ),
        }
    }
}

impl From<PathModifier> for RawPathModifier {
    fn from(m: PathModifier) -> Self {
        let mut raw = Self::default();
        match m {
            PathModifier::FullReplace(v) => raw.full_replace = Some(v),
            PathModifier::PrefixMatchReplace(v) => raw.prefix_match_replace = Some(v),
            PathModifier::RegexMatchReplace(v) => raw.regex_match_replace = Some(v),
        }
        raw
    }
}

/// How the host (`:authority`) is replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawHostModifier", into = "RawHostModifier")]
pub enum HostModifier {
    /// The host becomes this name.
    Name(String),
    /// The host becomes the value of this request header.
    Header(String),
    /// The host becomes the backend's host name.
    Backend,
    /// The host becomes a substitution of the path.
    PathRegex(RegexSubstitution),
}

/// The wire shape of [`HostModifier`].
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawHostModifier {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    header: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    backend: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path_regex: Option<RegexSubstitution>,
}

impl TryFrom<RawHostModifier> for HostModifier {
    type Error = String;

    fn try_from(raw: RawHostModifier) -> Result<Self, Self::Error> {
        match (raw.name, raw.header, raw.backend, raw.path_regex) {
            (Some(v), None, false, None) => Ok(Self::Name(v)),
            (None, Some(v), false, None) => Ok(Self::Header(v)),
            (None, None, true, None) => Ok(Self::Backend),
            (None, None, false, Some(v)) => Ok(Self::PathRegex(v)),
            _ => {
                Err("a host modifier needs exactly one of name, header, backend, pathRegex".into())
            }
        }
    }
}

impl From<HostModifier> for RawHostModifier {
    fn from(m: HostModifier) -> Self {
        let mut raw = Self::default();
        match m {
            HostModifier::Name(v) => raw.name = Some(v),
            HostModifier::Header(v) => raw.header = Some(v),
            HostModifier::Backend => raw.backend = true,
            HostModifier::PathRegex(v) => raw.path_regex = Some(v),
        }
        raw
    }
}

/// A response sent by the proxy itself (EG's `ir.CustomResponse` for routes).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectResponse {
    /// The status code.
    #[serde(default)]
    pub status_code: u32,
    /// The body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Blob>,
}

/// A copy of the requests sent to another destination.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MirrorPolicy {
    /// Where the copies go.
    #[serde(default)]
    pub destination: RouteDestination,
    /// The share of requests mirrored, in percent (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<f32>,
}

/// A credential injected into requests (HTTPRouteFilter `credentialInjection`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialInjection {
    /// The filter name.
    #[serde(default)]
    pub name: String,
    /// The header that receives the credential (`Authorization` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Whether an existing header is overwritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
    /// The credential.
    #[serde(default, skip_serializing_if = "PrivateBytes::is_empty")]
    pub credential: PrivateBytes,
}

/// Sticky sessions (Gateway API session persistence).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionPersistence {
    /// Sessions identified by a cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie: Option<CookieSession>,
    /// Sessions identified by a header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<HeaderSession>,
}

/// A session cookie.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CookieSession {
    /// The cookie name.
    #[serde(default)]
    pub name: String,
    /// The cookie lifetime (a session cookie when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<GoDuration>,
}

/// A session header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeaderSession {
    /// The header name.
    #[serde(default)]
    pub name: String,
}
