//! Load balancing (`LoadBalancer`): the policy type, consistent hashing, backend utilization, endpoint
//! override, slow start and zone awareness.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;

crate::string_enum! {
    /// The load balancing policy (`LoadBalancerType`).
    pub enum LoadBalancerType {
        /// Consistent hashing on a request attribute.
        ConsistentHash = "ConsistentHash",
        /// The endpoint with the fewest active requests (the default).
        LeastRequest = "LeastRequest",
        /// A random endpoint.
        Random = "Random",
        /// Endpoints in turn.
        RoundRobin = "RoundRobin",
        /// Weights from the endpoints' reported utilization (ORCA).
        BackendUtilization = "BackendUtilization",
        /// A load balancer from an Envoy dynamic module.
        DynamicModule = "DynamicModule",
    }
}

/// The load balancing policy for the endpoints of a backend (`LoadBalancer`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancer {
    /// The type of load balancer.
    #[serde(rename = "type")]
    pub type_: LoadBalancerType,
    /// Consistent hash settings, when the type is `ConsistentHash`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consistent_hash: Option<ConsistentHash>,
    /// Backend utilization settings, when the type is `BackendUtilization`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_utilization: Option<BackendUtilization>,
    /// Dynamic module settings, when the type is `DynamicModule`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_module: Option<DynamicModuleLbPolicy>,
    /// Lets a request header pick the endpoint, overriding the load balancer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint_override: Option<EndpointOverride>,
    /// Slow start for newly added endpoints (`RoundRobin` and `LeastRequest` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slow_start: Option<SlowStart>,
    /// Distribution of requests between locality zones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone_aware: Option<ZoneAware>,
}

crate::string_enum! {
    /// The input that consistent hashing hashes on (`ConsistentHashType`).
    pub enum ConsistentHashType {
        /// The client's source IP address.
        SourceIp = "SourceIP",
        /// One request header.
        Header = "Header",
        /// Several request headers.
        Headers = "Headers",
        /// A cookie.
        Cookie = "Cookie",
        /// Query parameters.
        QueryParams = "QueryParams",
    }
}

/// Consistent hash load balancing settings (`ConsistentHash`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsistentHash {
    /// What to hash on (required by the CRD, but omitted by some test inputs).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<ConsistentHashType>,
    /// The header to hash, when the type is `Header` (deprecated: use `headers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Header>,
    /// The headers to hash, when the type is `Headers`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    /// The cookie to hash, when the type is `Cookie`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie: Option<Cookie>,
    /// The query parameters to hash, when the type is `QueryParams`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_params: Vec<QueryParam>,
    /// The Maglev table size, a prime number; defaults to 65537.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_size: Option<i64>,
}

/// A header to hash on (`Header`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Header {
    /// The header name.
    pub name: String,
}

/// A cookie to hash on (`Cookie`); Envoy generates it when the request has none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Cookie {
    /// The cookie name.
    pub name: String,
    /// The lifetime of a generated cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<Duration>,
    /// Extra attributes to set on a generated cookie.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// A query parameter to hash on (`QueryParam`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueryParam {
    /// The query parameter name.
    pub name: String,
}

/// Envoy's client-side weighted round robin, fed by ORCA load reports (`BackendUtilization`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendUtilization {
    /// How long an endpoint must report load before its weight is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blackout_period: Option<Duration>,
    /// How long a reported weight stays valid without new reports; defaults to 3m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_expiration_period: Option<Duration>,
    /// How often endpoint weights are recalculated; defaults to 1s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_update_period: Option<Duration>,
    /// How much the error rate lowers an endpoint's weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_utilization_penalty_percent: Option<i32>,
    /// Metric names used to compute utilization when `application_utilization` is not reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metric_names_for_computing_utilization: Vec<String>,
    /// Whether to keep the ORCA headers and trailers in the response to the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_response_headers: Option<bool>,
    /// Out-of-band ORCA load reporting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_band: Option<OutOfBandReporting>,
}

/// Out-of-band ORCA load reporting over a separate gRPC stream (`OutOfBandReporting`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutOfBandReporting {
    /// How often Envoy asks for load reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting_period: Option<Duration>,
    /// The port of the reporting connection, when it differs from the endpoint's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The `:authority` of the reporting stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
}

/// A load balancer implemented by an Envoy dynamic module (`DynamicModuleLBPolicy`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DynamicModuleLbPolicy {
    /// The name of the dynamic module, as registered in the `EnvoyProxy`.
    pub name: String,
    /// The name of the load balancer policy inside the module.
    pub lb_policy_name: String,
    /// Free-form configuration passed to the module (`apiextensionsv1.JSON`, kept as JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "free_form_json")]
    pub config: Option<serde_json::Value>,
}

/// The schema of free-form JSON: any value, kept as is by the API server.
fn free_form_json(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "x-kubernetes-preserve-unknown-fields": true })
}

/// Lets a request name the endpoint it goes to (`EndpointOverride`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EndpointOverride {
    /// Where to read the endpoint address from, in order.
    #[serde(default)]
    pub extract_from: Vec<EndpointOverrideExtractFrom>,
}

/// A source of an endpoint override (`EndpointOverrideExtractFrom`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EndpointOverrideExtractFrom {
    /// The request header that holds the endpoint address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
}

/// Slow start: new endpoints get gradually more traffic (`SlowStart`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SlowStart {
    /// How long a new endpoint warms up.
    pub window: Duration,
}

/// How requests are spread between locality zones (`ZoneAware`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ZoneAware {
    /// Prefer endpoints in the proxy's own zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefer_local: Option<PreferLocalZone>,
    /// Explicit weights per zone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weighted_zones: Vec<WeightedZoneConfig>,
}

/// Zone-aware routing that prefers the local zone (`PreferLocalZone`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PreferLocalZone {
    /// Keep all traffic in the local zone while it has enough endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force: Option<ForceLocalZone>,
    /// The minimum number of endpoints (all zones) for zone-aware routing to apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_endpoints_threshold: Option<i64>,
    /// The percentage of requests considered for zone-aware routing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage_enabled: Option<i32>,
}

/// Forces traffic to stay in the local zone (`ForceLocalZone`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ForceLocalZone {
    /// The minimum number of local endpoints for forcing to apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_endpoints_in_zone_threshold: Option<i32>,
}

/// The weight of one locality zone (`WeightedZoneConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WeightedZoneConfig {
    /// The topology zone.
    pub zone: String,
    /// Its weight.
    pub weight: i32,
}
