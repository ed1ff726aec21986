//! Load balancing between the endpoints of a backend.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;

/// How requests are spread over endpoints (EG's `ir.LoadBalancer`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawLoadBalancer", into = "RawLoadBalancer")]
pub struct LoadBalancer {
    /// The balancing algorithm (Envoy's default, least request, when absent).
    pub policy: Option<LoadBalancingPolicy>,
    /// Request headers naming the endpoint to use, overriding the algorithm.
    pub endpoint_override: Option<EndpointOverride>,
    /// Weights of locality zones.
    pub weighted_zones: Vec<WeightedZone>,
}

/// A load balancing algorithm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadBalancingPolicy {
    /// Round robin (`roundRobin`).
    RoundRobin(SlowStartPolicy),
    /// The endpoint with the fewest active requests of two random picks (`leastRequest`).
    LeastRequest(SlowStartPolicy),
    /// A random endpoint (`random`).
    Random(RandomPolicy),
    /// A hash of a request property picks the endpoint (`consistentHash`).
    ConsistentHash(ConsistentHash),
    /// Weighted round robin by utilization reported by the endpoints (`backendUtilization`).
    BackendUtilization(BackendUtilization),
}

/// Settings of round robin and least request balancing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlowStartPolicy {
    /// New endpoints get traffic gradually.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slow_start: Option<SlowStart>,
}

/// Settings of random balancing (none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RandomPolicy {}

/// Gradual ramp-up of traffic to new endpoints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlowStart {
    /// How long the ramp-up lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<GoDuration>,
}

/// Consistent hashing (Maglev) on a request property.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawConsistentHash", into = "RawConsistentHash")]
pub struct ConsistentHash {
    /// What is hashed.
    pub key: Option<HashKey>,
    /// The size of the Maglev table (a prime).
    pub table_size: Option<u64>,
}

/// The request property a consistent hash uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HashKey {
    /// The client address (`sourceIP: true`).
    SourceIp,
    /// Request headers (`headers`).
    Headers(Vec<HashHeader>),
    /// A cookie, generated when absent (`cookie`).
    Cookie(HashCookie),
    /// Query parameters (`queryParams`).
    QueryParams(Vec<HashQueryParam>),
}

/// A header hashed by consistent hashing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HashHeader {
    /// The header name.
    pub name: String,
}

/// A query parameter hashed by consistent hashing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HashQueryParam {
    /// The parameter name.
    pub name: String,
}

/// A cookie hashed by consistent hashing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HashCookie {
    /// The cookie name.
    pub name: String,
    /// The lifetime of a generated cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<GoDuration>,
    /// Attributes of a generated cookie.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// Weighted round robin by utilization the endpoints report (ORCA).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackendUtilization {
    /// How long a new weight is ignored after an endpoint starts reporting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blackout_period: Option<GoDuration>,
    /// How long a weight stays valid without new reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_expiration_period: Option<GoDuration>,
    /// How often weights are recomputed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_update_period: Option<GoDuration>,
    /// The penalty (percent) for error responses when computing weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_utilization_penalty_percent: Option<u32>,
    /// Named metrics used as utilization.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metric_names_for_computing_utilization: Vec<String>,
    /// Whether the reporting response headers are passed on to clients.
    #[serde(default)]
    pub keep_response_headers: bool,
    /// Reports are polled out of band instead of read from responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_band: Option<OutOfBandReporting>,
    /// New endpoints get traffic gradually.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slow_start: Option<SlowStart>,
}

/// Out-of-band utilization reports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutOfBandReporting {
    /// The authority of the reporting stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// The port of the reporting stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// How often endpoints report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting_period: Option<GoDuration>,
}

/// Request properties that name the endpoint to use.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointOverride {
    /// Where the endpoint address is read from, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extract_from: Vec<EndpointOverrideSource>,
}

/// A source of an endpoint address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointOverrideSource {
    /// A request header holding `host:port`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
}

/// The weight of a locality zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeightedZone {
    /// The zone name.
    pub zone: String,
    /// The relative weight.
    #[serde(default)]
    pub weight: u32,
}

/// The wire shape of [`LoadBalancer`]: at most one algorithm is set.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawLoadBalancer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    round_robin: Option<SlowStartPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    least_request: Option<SlowStartPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    random: Option<RandomPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    consistent_hash: Option<ConsistentHash>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    backend_utilization: Option<BackendUtilization>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    endpoint_override: Option<EndpointOverride>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    weighted_zones: Vec<WeightedZone>,
}

impl TryFrom<RawLoadBalancer> for LoadBalancer {
    type Error = String;

    fn try_from(raw: RawLoadBalancer) -> Result<Self, Self::Error> {
        let candidates = [
            raw.round_robin.map(LoadBalancingPolicy::RoundRobin),
            raw.least_request.map(LoadBalancingPolicy::LeastRequest),
            raw.random.map(LoadBalancingPolicy::Random),
            raw.consistent_hash.map(LoadBalancingPolicy::ConsistentHash),
            raw.backend_utilization
                .map(LoadBalancingPolicy::BackendUtilization),
        ];
        let mut set = candidates.into_iter().flatten();
        let policy = set.next();
        if set.next().is_some() {
            return Err(
                "a load balancer has at most one of roundRobin, leastRequest, random, \
                        consistentHash, backendUtilization"
                    .into(),
            );
        }
        Ok(Self {
            policy,
            endpoint_override: raw.endpoint_override,
            weighted_zones: raw.weighted_zones,
        })
    }
}

impl From<LoadBalancer> for RawLoadBalancer {
    fn from(lb: LoadBalancer) -> Self {
        let mut raw = Self {
            endpoint_override: lb.endpoint_override,
            weighted_zones: lb.weighted_zones,
            ..Self::default()
        };
        match lb.policy {
            Some(LoadBalancingPolicy::RoundRobin(p)) => raw.round_robin = Some(p),
            Some(LoadBalancingPolicy::LeastRequest(p)) => raw.least_request = Some(p),
            Some(LoadBalancingPolicy::Random(p)) => raw.random = Some(p),
            Some(LoadBalancingPolicy::ConsistentHash(p)) => raw.consistent_hash = Some(p),
            Some(LoadBalancingPolicy::BackendUtilization(p)) => raw.backend_utilization = Some(p),
            None => {}
        }
        raw
    }
}

/// The wire shape of [`ConsistentHash`]: at most one hashed property.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawConsistentHash {
    #[serde(default, rename = "sourceIP", skip_serializing_if = "Option::is_none")]
    source_ip: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    headers: Vec<HashHeader>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cookie: Option<HashCookie>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    query_params: Vec<HashQueryParam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    table_size: Option<u64>,
}

impl TryFrom<RawConsistentHash> for ConsistentHash {
    type Error = String;

    fn try_from(raw: RawConsistentHash) -> Result<Self, Self::Error> {
        let candidates = [
            (raw.source_ip == Some(true)).then_some(HashKey::SourceIp),
            (!raw.headers.is_empty()).then_some(HashKey::Headers(raw.headers)),
            raw.cookie.map(HashKey::Cookie),
            (!raw.query_params.is_empty()).then_some(HashKey::QueryParams(raw.query_params)),
        ];
        let mut set = candidates.into_iter().flatten();
        let key = set.next();
        if set.next().is_some() {
            return Err(
                "a consistent hash uses one of sourceIP, headers, cookie, queryParams".into(),
            );
        }
        Ok(Self {
            key,
            table_size: raw.table_size,
        })
    }
}

impl From<ConsistentHash> for RawConsistentHash {
    fn from(hash: ConsistentHash) -> Self {
        let mut raw = Self {
            table_size: hash.table_size,
            ..Self::default()
        };
        match hash.key {
            Some(HashKey::SourceIp) => raw.source_ip = Some(true),
            Some(HashKey::Headers(headers)) => raw.headers = headers,
            Some(HashKey::Cookie(cookie)) => raw.cookie = Some(cookie),
            Some(HashKey::QueryParams(params)) => raw.query_params = params,
            None => {}
        }
        raw
    }
}
