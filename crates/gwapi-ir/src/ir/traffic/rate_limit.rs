//! Rate limits: local (per Envoy) and global (through the rate limit service).

use serde::{Deserialize, Serialize};

use crate::ir::CidrMatch;
use crate::ir::StringMatch;

/// The rate limits of a route (EG's `ir.RateLimit`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimit {
    /// Limits counted by each Envoy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalRateLimit>,
    /// Limits counted by the rate limit service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global: Option<GlobalRateLimit>,
}

/// Limits counted by each Envoy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalRateLimit {
    /// The limit of requests that match no rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<RateLimitValue>,
    /// Limits of the requests that match each rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RateLimitRule>,
}

/// Limits counted by the rate limit service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GlobalRateLimit {
    /// Limits of the requests that match each rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RateLimitRule>,
    /// Whether the counters are shared by all routes the policy applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
}

/// Which requests a limit counts, and the limit (EG's `ir.RateLimitRule`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitRule {
    /// The rule name (`namespace/policy/rule/<index>`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Request headers that must match (or, if distinct, whose values are counted apart).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_matches: Vec<StringMatch>,
    /// Request methods that must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub method_matches: Vec<StringMatch>,
    /// The request path that must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_match: Option<StringMatch>,
    /// Query parameters that must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_param_matches: Vec<StringMatch>,
    /// The client address range that must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr_match: Option<CidrMatch>,
    /// The limit.
    #[serde(default)]
    pub limit: RateLimitValue,
    /// What a request costs when it arrives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_cost: Option<RateLimitCost>,
    /// What a request costs when its response is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_cost: Option<RateLimitCost>,
    /// Whether the counter is shared by all routes the rule applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
    /// Whether the limit is only reported, not enforced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shadow_mode: Option<bool>,
    /// Whether `X-RateLimit-*` response headers are sent for this rule.
    #[serde(
        default,
        rename = "xRateLimitOption",
        skip_serializing_if = "Option::is_none"
    )]
    pub x_rate_limit_option: Option<XRateLimitOption>,
}

/// A number of requests per time unit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitValue {
    /// Requests per unit.
    #[serde(default)]
    pub requests: u32,
    /// The unit as written (`Second`, `Minute`, `Hour`, `Day`, `Month`, `Year`; hand-written IR also uses
    /// lower case).
    #[serde(default)]
    pub unit: String,
    /// Dynamic metadata that overrides the limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_metadata: Option<RateLimitFromMetadata>,
}

/// Dynamic metadata holding a rate limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitFromMetadata {
    /// The metadata namespace.
    #[serde(default)]
    pub namespace: String,
    /// The metadata key.
    #[serde(default)]
    pub key: String,
}

/// The cost of a request against a rate limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawRateLimitCost", into = "RawRateLimitCost")]
pub enum RateLimitCost {
    /// A fixed number (`number`).
    Number(u64),
    /// A command operator yielding the number, e.g. `%DYNAMIC_METADATA(ns:key)%` (`format`).
    Format(String),
}

/// Whether `X-RateLimit-*` response headers are sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum XRateLimitOption {
    /// Never for this rule.
    Off,
    /// Headers of the IETF draft version 03.
    DraftVersion03,
}

/// The wire shape of [`RateLimitCost`]: one of `number` / `format`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRateLimitCost {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    format: Option<String>,
}

impl TryFrom<RawRateLimitCost> for RateLimitCost {
    type Error = String;

    fn try_from(raw: RawRateLimitCost) -> Result<Self, Self::Error> {
        match (raw.number, raw.format) {
            (Some(number), None) => Ok(Self::Number(number)),
            (None, Some(format)) => Ok(Self::Format(format)),
            _ => Err("a rate limit cost has one of number, format".into()),
        }
    }
}

impl From<RateLimitCost> for RawRateLimitCost {
    fn from(cost: RateLimitCost) -> Self {
        match cost {
            RateLimitCost::Number(number) => Self {
                number: Some(number),
                format: None,
            },
            RateLimitCost::Format(format) => Self {
                number: None,
                format: Some(format),
            },
        }
    }
}
