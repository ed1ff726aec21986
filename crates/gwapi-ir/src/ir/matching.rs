//! String matchers: paths, headers, query parameters, cookies, subject alt names.

use serde::{Deserialize, Serialize};

/// How a [`StringMatch`] compares a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MatchPattern {
    /// The whole value equals this (`exact`).
    Exact(String),
    /// The value starts with this (`prefix`).
    Prefix(String),
    /// The value ends with this (`suffix`).
    Suffix(String),
    /// The value matches this RE2 regular expression (`safeRegex`).
    SafeRegex(String),
}

impl Default for MatchPattern {
    fn default() -> Self {
        Self::Exact(String::new())
    }
}

/// A match on a string value (EG's `ir.StringMatch`), optionally naming what is matched (a header, a query
/// parameter, a cookie, a subject alt name type).
///
/// ```
/// use gwapi_ir::ir::{MatchPattern, StringMatch};
/// let m: StringMatch = serde_json::from_value(serde_json::json!({"name": "magic", "prefix": "/a"})).unwrap();
/// assert_eq!(m.pattern, Some(MatchPattern::Prefix("/a".into())));
/// assert_eq!(serde_json::to_value(&m).unwrap(), serde_json::json!({"name": "magic", "distinct": false, "prefix": "/a"}));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawStringMatch", into = "RawStringMatch")]
pub struct StringMatch {
    /// What is matched (header name, parameter name, SAN type); empty for paths.
    pub name: String,
    /// The comparison; `None` matches any value (a rate limit on each distinct value of a header).
    pub pattern: Option<MatchPattern>,
    /// Whether the match is inverted.
    pub invert: bool,
    /// Whether EG marked the match as distinct (rate limiting on each distinct value).
    pub distinct: bool,
}

impl StringMatch {
    /// An unnamed match with this pattern.
    pub fn new(pattern: MatchPattern) -> Self {
        Self {
            pattern: Some(pattern),
            ..Self::default()
        }
    }
}

/// The wire shape of [`StringMatch`]: at most one of `exact` / `prefix` / `suffix` / `safeRegex` is set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawStringMatch {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(default)]
    distinct: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    suffix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    safe_regex: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    invert: bool,
}

impl TryFrom<RawStringMatch> for StringMatch {
    type Error = String;

    fn try_from(raw: RawStringMatch) -> Result<Self, Self::Error> {
        let pattern = match (raw.exact, raw.prefix, raw.suffix, raw.safe_regex) {
            (None, None, None, None) => None,
            (Some(v), None, None, None) => Some(MatchPattern::Exact(v)),
            (None, Some(v), None, None) => Some(MatchPattern::Prefix(v)),
            (None, None, Some(v), None) => Some(MatchPattern::Suffix(v)),
            (None, None, None, Some(v)) => Some(MatchPattern::SafeRegex(v)),
            _ => {
                return Err(
                    "a string match has at most one of exact, prefix, suffix, safeRegex".into(),
                );
            }
        };
        Ok(Self {
            name: raw.name,
            pattern,
            invert: raw.invert,
            distinct: raw.distinct,
        })
    }
}

impl From<StringMatch> for RawStringMatch {
    fn from(m: StringMatch) -> Self {
        let mut raw = Self {
            name: m.name,
            distinct: m.distinct,
            invert: m.invert,
            ..Self::default()
        };
        match m.pattern {
            Some(MatchPattern::Exact(v)) => raw.exact = Some(v),
            Some(MatchPattern::Prefix(v)) => raw.prefix = Some(v),
            Some(MatchPattern::Suffix(v)) => raw.suffix = Some(v),
            Some(MatchPattern::SafeRegex(v)) => raw.safe_regex = Some(v),
            None => {}
        }
        raw
    }
}
