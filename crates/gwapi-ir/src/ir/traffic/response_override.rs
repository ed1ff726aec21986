//! Response overrides: replacing backend responses that match status codes or headers.

use serde::{Deserialize, Serialize};

use crate::ir::{AddHeader, Blob, Redirect, StringMatch};

/// Replacements of backend responses (EG's `ir.ResponseOverride`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseOverride {
    /// The name (`backendtrafficpolicy/<namespace>/<name>`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The rules, first match wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<ResponseOverrideRule>,
}

/// Which responses are replaced, and by what.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawResponseOverrideRule", into = "RawResponseOverrideRule")]
pub struct ResponseOverrideRule {
    /// The rule name (`.../responseoverride/rule/<index>`).
    pub name: String,
    /// Which responses are replaced.
    pub matches: ResponseMatch,
    /// What replaces them.
    pub action: Option<ResponseOverrideAction>,
}

/// What replaces a matched response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseOverrideAction {
    /// A custom response (`response`).
    Response(CustomResponse),
    /// A redirect (`redirect`).
    Redirect(Redirect),
}

/// The responses a rule matches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseMatch {
    /// Status codes, any of which matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<StatusCodeMatch>,
    /// Response headers, all of which must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_headers: Vec<StringMatch>,
}

/// A status code or a range of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawStatusCodeMatch", into = "RawStatusCodeMatch")]
pub enum StatusCodeMatch {
    /// One status code (`value`).
    Value(u32),
    /// An inclusive range (`range`).
    Range(StatusCodeRange),
}

/// An inclusive range of status codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCodeRange {
    /// The first code.
    pub start: u32,
    /// The last code.
    pub end: u32,
}

/// A response sent instead of the backend's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomResponse {
    /// The `Content-Type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Blob>,
    /// The status code (the original one when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u32>,
    /// Headers added to the response.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_response_headers: Vec<AddHeader>,
}

/// The wire shape of [`ResponseOverrideRule`]: at most one of `response` / `redirect`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawResponseOverrideRule {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(default, rename = "match")]
    matches: ResponseMatch,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response: Option<CustomResponse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    redirect: Option<Redirect>,
}

impl TryFrom<RawResponseOverrideRule> for ResponseOverrideRule {
    type Error = String;

    fn try_from(raw: RawResponseOverrideRule) -> Result<Self, Self::Error> {
        let action = match (raw.response, raw.redirect) {
            (Some(response), None) => Some(ResponseOverrideAction::Response(response)),
            (None, Some(redirect)) => Some(ResponseOverrideAction::Redirect(redirect)),
            (None, None) => None,
            (Some(_), Some(_)) => {
                return Err("a response override has either response or redirect".into());
            }
        };
        Ok(Self {
            name: raw.name,
            matches: raw.matches,
            action,
        })
    }
}

impl From<ResponseOverrideRule> for RawResponseOverrideRule {
    fn from(rule: ResponseOverrideRule) -> Self {
        let (response, redirect) = match rule.action {
            Some(ResponseOverrideAction::Response(response)) => (Some(response), None),
            Some(ResponseOverrideAction::Redirect(redirect)) => (None, Some(redirect)),
            None => (None, None),
        };
        Self {
            name: rule.name,
            matches: rule.matches,
            response,
            redirect,
        }
    }
}

/// The wire shape of [`StatusCodeMatch`]: one of `value` / `range`.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawStatusCodeMatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    range: Option<StatusCodeRange>,
}

impl TryFrom<RawStatusCodeMatch> for StatusCodeMatch {
    type Error = String;

    fn try_from(raw: RawStatusCodeMatch) -> Result<Self, Self::Error> {
        match (raw.value, raw.range) {
            (Some(value), None) => Ok(Self::Value(value)),
            (None, Some(range)) => Ok(Self::Range(range)),
            _ => Err("a status code match has one of value, range".into()),
        }
    }
}

impl From<StatusCodeMatch> for RawStatusCodeMatch {
    fn from(m: StatusCodeMatch) -> Self {
        match m {
            StatusCodeMatch::Value(value) => Self {
                value: Some(value),
                range: None,
            },
            StatusCodeMatch::Range(range) => Self {
                value: None,
                range: Some(range),
            },
        }
    }
}
