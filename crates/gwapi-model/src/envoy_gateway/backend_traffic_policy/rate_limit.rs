//! Rate limiting (`RateLimitSpec`): global (shared rate limit service) and local (per Envoy) limits, the
//! client selectors of a rule, and request costs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::PathMatch;

crate::string_enum! {
    /// The scope of rate limits (`RateLimitType`).
    pub enum RateLimitType {
        /// Across all Envoy instances, through the rate limit service.
        Global = "Global",
        /// In each Envoy instance.
        Local = "Local",
    }
}

/// Rate limits (`RateLimitSpec`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitSpec {
    /// The scope (deprecated: set `global` or `local`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<RateLimitType>,
    /// Global rate limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global: Option<GlobalRateLimit>,
    /// Local rate limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalRateLimit>,
}

/// Global rate limits (`GlobalRateLimit`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GlobalRateLimit {
    /// The rules; each one that matches a request counts it.
    #[serde(default)]
    pub rules: Vec<RateLimitRule>,
}

/// Local rate limits (`LocalRateLimit`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LocalRateLimit {
    /// The rules; a request is limited by the rules it matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RateLimitRule>,
}

/// Which requests a limit applies to, and the limit (`RateLimitRule`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitRule {
    /// The clients the rule applies to (any one matches); all requests when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub client_selectors: Vec<RateLimitSelectCondition>,
    /// The limit.
    pub limit: RateLimitValue,
    /// How much each request and response costs; 1 per request by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<RateLimitCost>,
    /// Whether the rule's counter is shared by all the policy's targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
    /// Whether the rule only records its decisions without enforcing them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shadow_mode: Option<bool>,
    /// Whether `X-RateLimit` response headers are sent for this rule.
    #[serde(
        default,
        rename = "xRateLimitHeaders",
        skip_serializing_if = "Option::is_none"
    )]
    pub x_rate_limit_headers: Option<XRateLimitHeadersOption>,
}

/// Attributes of a request that select a client (`RateLimitSelectCondition`); all set ones must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitSelectCondition {
    /// Request headers (all must match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HeaderMatch>,
    /// Request methods (any one matches).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<MethodMatch>,
    /// The request path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathMatch>,
    /// The client's source address range.
    #[serde(
        default,
        rename = "sourceCIDR",
        skip_serializing_if = "Option::is_none"
    )]
    pub source_cidr: Option<SourceMatch>,
    /// Query parameters (all must match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_params: Vec<QueryParamMatch>,
}

crate::string_enum! {
    /// How a rate limit header match compares (`HeaderMatchType`).
    pub enum HeaderMatchType {
        /// The value is equal.
        Exact = "Exact",
        /// The value matches an RE2 regular expression.
        RegularExpression = "RegularExpression",
        /// Each distinct value is a separate client.
        Distinct = "Distinct",
    }
}

/// A request header condition (`HeaderMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HeaderMatch {
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<HeaderMatchType>,
    /// The header name (case-insensitive).
    pub name: String,
    /// The value to compare with; unset for `Distinct`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Whether the result is inverted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invert: Option<bool>,
}

/// A request method condition (`MethodMatch`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MethodMatch {
    /// The method.
    pub value: crate::gateway_api::HttpMethod,
    /// Whether the result is inverted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invert: Option<bool>,
}

crate::string_enum! {
    /// How a source address condition selects clients (`SourceMatchType`).
    pub enum SourceMatchType {
        /// All addresses in the range are one client.
        Exact = "Exact",
        /// Each address in the range is a separate client.
        Distinct = "Distinct",
    }
}

/// A client source address condition (`SourceMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SourceMatch {
    /// How the range selects clients; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<SourceMatchType>,
    /// The address range, in CIDR notation.
    pub value: String,
    /// Whether the result is inverted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invert: Option<bool>,
}

crate::string_enum! {
    /// How a rate limit query parameter match compares (`QueryParamMatchType`).
    pub enum QueryParamMatchType {
        /// The value is equal.
        Exact = "Exact",
        /// The value matches an RE2 regular expression.
        RegularExpression = "RegularExpression",
        /// Each distinct value is a separate client.
        Distinct = "Distinct",
    }
}

/// A query parameter condition (`QueryParamMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueryParamMatch {
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<QueryParamMatchType>,
    /// The parameter name.
    pub name: String,
    /// The value to compare with; unset for `Distinct`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Whether the result is inverted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invert: Option<bool>,
}

crate::string_enum! {
    /// The interval of a rate limit (`RateLimitUnit`).
    pub enum RateLimitUnit {
        /// One second.
        Second = "Second",
        /// One minute.
        Minute = "Minute",
        /// One hour.
        Hour = "Hour",
        /// One day.
        Day = "Day",
        /// One week.
        Week = "Week",
        /// One month.
        Month = "Month",
        /// One year.
        Year = "Year",
    }
}

/// A rate limit: a number of requests (or cost units) per interval (`RateLimitValue`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitValue {
    /// The number of requests (or cost units) allowed per interval.
    pub requests: i64,
    /// The interval.
    pub unit: RateLimitUnit,
    /// Takes the limit from per-request dynamic metadata instead, when present there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_metadata: Option<RateLimitValueMetadata>,
}

impl Default for RateLimitValue {
    fn default() -> Self {
        Self {
            requests: 0,
            unit: RateLimitUnit::Second,
            from_metadata: None,
        }
    }
}

/// Dynamic metadata that holds a rate limit value (`RateLimitValueMetadata`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitValueMetadata {
    /// The metadata namespace.
    pub namespace: String,
    /// The key within the namespace.
    pub key: String,
}

crate::string_enum! {
    /// Whether `X-RateLimit` headers are sent for a rule (`XRateLimitHeadersOption`).
    pub enum XRateLimitHeadersOption {
        /// No headers.
        Off = "Off",
        /// Headers as in the IETF draft version 03.
        DraftVersion03 = "DraftVersion03",
    }
}

/// What requests and responses cost (`RateLimitCost`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitCost {
    /// The cost charged on the request path (and checked against the limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RateLimitCostSpecifier>,
    /// The cost charged when the response completes (not checked against the limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<RateLimitCostSpecifier>,
}

crate::string_enum! {
    /// Where a rate limit cost comes from (`RateLimitCostFrom`).
    pub enum RateLimitCostFrom {
        /// A fixed number.
        Number = "Number",
        /// Per-request dynamic metadata.
        Metadata = "Metadata",
    }
}

/// A rate limit cost (`RateLimitCostSpecifier`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitCostSpecifier {
    /// Where the cost comes from.
    pub from: RateLimitCostFrom,
    /// The fixed cost, for `Number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
    /// The metadata that holds the cost, for `Metadata`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<RateLimitCostMetadata>,
}

/// Dynamic metadata that holds a rate limit cost (`RateLimitCostMetadata`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitCostMetadata {
    /// The metadata namespace.
    pub namespace: String,
    /// The key within the namespace.
    pub key: String,
}
