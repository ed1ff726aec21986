//! `loadBalancer`: round robin, least request, random, consistent hashing (source IP, headers,
//! cookie, query parameters) and backend utilization (ORCA), with slow start, endpoint override and
//! weighted zones.

use gwapi_model::envoy_gateway::{
    BackendUtilization as ApiUtilization, ConsistentHash as ApiHash, ConsistentHashType,
    LoadBalancer, LoadBalancerType,
};

use crate::ir::{
    BackendUtilization, ConsistentHash, EndpointOverride, EndpointOverrideSource, GoDuration,
    HashCookie, HashHeader, HashKey, HashQueryParam, HttpRoute, LoadBalancer as IrLoadBalancer,
    LoadBalancingPolicy, OutOfBandReporting, RandomPolicy, SlowStart, SlowStartPolicy,
    WeightedZone,
};
use crate::translator::policy::duration::parse;

/// The response headers carrying ORCA load reports, removed before responses reach clients.
const LOAD_REPORT_HEADERS: [&str; 2] = ["endpoint-load-metrics", "endpoint-load-metrics-bin"];

/// The largest consistent hash table (a prime, as Maglev needs).
const MAX_TABLE_SIZE: i64 = 5_000_011;

/// Whether `n` is prime.
fn is_prime(n: i64) -> bool {
    if n < 2 {
        return false;
    }
    let mut d = 2;
    while d * d <= n {
        if n % d == 0 {
            return false;
        }
        d += 1;
    }
    true
}

/// The IR load balancer of a policy's `loadBalancer`.
pub(crate) fn convert(lb: Option<&LoadBalancer>) -> Result<Option<IrLoadBalancer>, String> {
    let Some(lb) = lb else {
        return Ok(None);
    };
    let slow_start = || SlowStartPolicy {
        slow_start: lb.slow_start.as_ref().map(|s| SlowStart {
            window: s.window.parse().map(GoDuration),
        }),
    };
    let policy = match &lb.type_ {
        LoadBalancerType::RoundRobin => Some(LoadBalancingPolicy::RoundRobin(slow_start())),
        LoadBalancerType::LeastRequest => Some(LoadBalancingPolicy::LeastRequest(slow_start())),
        LoadBalancerType::Random => Some(LoadBalancingPolicy::Random(RandomPolicy {})),
        LoadBalancerType::ConsistentHash => {
            let ch = lb.consistent_hash.clone().unwrap_or_default();
            if let Some(size) = ch.table_size
                && (size > MAX_TABLE_SIZE || !is_prime(size))
            {
                return Err(format!("ConsistentHash: invalid TableSize value {size}"));
            }
            Some(LoadBalancingPolicy::ConsistentHash(ConsistentHash {
                key: hash_key(&ch)?,
                table_size: ch.table_size.and_then(|s| u64::try_from(s).ok()),
            }))
        }
        LoadBalancerType::BackendUtilization => {
            let bu = lb.backend_utilization.clone().unwrap_or_default();
            let mut ir = utilization(&bu)?;
            ir.slow_start = slow_start().slow_start;
            Some(LoadBalancingPolicy::BackendUtilization(ir))
        }
        _ => None,
    };
    Ok(Some(IrLoadBalancer {
        policy,
        endpoint_override: lb.endpoint_override.as_ref().map(|e| EndpointOverride {
            extract_from: e
                .extract_from
                .iter()
                .map(|x| EndpointOverrideSource {
                    header: x.header.clone(),
                })
                .collect(),
        }),
        weighted_zones: lb
            .zone_aware
            .iter()
            .flat_map(|z| &z.weighted_zones)
            .map(|z| WeightedZone {
                zone: z.zone.clone(),
                weight: u32::try_from(z.weight).unwrap_or_default(),
            })
            .collect(),
    }))
}

/// The key of a consistent hash.
fn hash_key(ch: &ApiHash) -> Result<Option<HashKey>, String> {
    Ok(match &ch.type_ {
        Some(ConsistentHashType::SourceIp) => Some(HashKey::SourceIp),
        Some(ConsistentHashType::Header) => {
            let header = ch
                .header
                .as_ref()
                .ok_or("ConsistentHash: header is required for type Header")?;
            Some(HashKey::Headers(vec![HashHeader {
                name: header.name.clone(),
            }]))
        }
        Some(ConsistentHashType::Headers) => Some(HashKey::Headers(
            ch.headers
                .iter()
                .map(|h| HashHeader {
                    name: h.name.clone(),
                })
                .collect(),
        )),
        Some(ConsistentHashType::Cookie) => {
            let cookie = ch
                .cookie
                .as_ref()
                .ok_or("ConsistentHash: cookie is required for type Cookie")?;
            Some(HashKey::Cookie(HashCookie {
                name: cookie.name.clone(),
                ttl: parse("TTL", cookie.ttl.as_ref())?,
                attributes: cookie.attributes.clone(),
            }))
        }
        Some(ConsistentHashType::QueryParams) => Some(HashKey::QueryParams(
            ch.query_params
                .iter()
                .map(|q| HashQueryParam {
                    name: q.name.clone(),
                })
                .collect(),
        )),
        _ => None,
    })
}

/// The IR of backend utilization load balancing.
fn utilization(bu: &ApiUtilization) -> Result<BackendUtilization, String> {
    Ok(BackendUtilization {
        blackout_period: parse("BlackoutPeriod", bu.blackout_period.as_ref())?,
        weight_expiration_period: parse(
            "WeightExpirationPeriod",
            bu.weight_expiration_period.as_ref(),
        )?,
        weight_update_period: parse("WeightUpdatePeriod", bu.weight_update_period.as_ref())?,
        error_utilization_penalty_percent: bu
            .error_utilization_penalty_percent
            .and_then(|p| u32::try_from(p).ok()),
        metric_names_for_computing_utilization: bu.metric_names_for_computing_utilization.clone(),
        keep_response_headers: bu.keep_response_headers == Some(true),
        out_of_band: bu
            .out_of_band
            .as_ref()
            .map(|o| {
                Ok::<_, String>(OutOfBandReporting {
                    authority: o.authority.clone(),
                    port: o.port.and_then(|p| u32::try_from(p).ok()),
                    reporting_period: parse("ReportingPeriod", o.reporting_period.as_ref())?,
                })
            })
            .transpose()?,
        slow_start: None,
    })
}

/// Removes the ORCA load report headers from the route's responses unless the load balancer keeps
/// them.
pub(crate) fn apply(lb: &IrLoadBalancer, route: &mut HttpRoute) {
    let Some(LoadBalancingPolicy::BackendUtilization(bu)) = &lb.policy else {
        return;
    };
    if bu.keep_response_headers {
        return;
    }
    for header in LOAD_REPORT_HEADERS {
        if !route.remove_response_headers.iter().any(|h| h == header) {
            route.remove_response_headers.push(header.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::LoadBalancer;

    use super::convert;

    fn ir(yaml: &str) -> serde_json::Value {
        let lb: LoadBalancer = serde_norway::from_str(yaml).unwrap();
        serde_json::to_value(convert(Some(&lb)).unwrap().unwrap()).unwrap()
    }

    #[test]
    fn cookie_and_query_param_hashing() {
        assert_eq!(
            ir("type: ConsistentHash\nconsistentHash: {type: Cookie, cookie: {name: c}}\n"),
            serde_json::json!({"consistentHash": {"cookie": {"name": "c"}}})
        );
        assert_eq!(
            ir(
                "type: ConsistentHash\nconsistentHash: {type: QueryParams, queryParams: [{name: q}]}\n"
            ),
            serde_json::json!({"consistentHash": {"queryParams": [{"name": "q"}]}})
        );
    }

    #[test]
    fn backend_utilization_with_weighted_zones() {
        assert_eq!(
            ir(
                "type: BackendUtilization\nbackendUtilization: {blackoutPeriod: 10s, weightExpirationPeriod: 60s}\n\
                zoneAware:\n  weightedZones: [{zone: a, weight: 80}]\n"
            ),
            serde_json::json!({"backendUtilization": {"blackoutPeriod": "10s",
                "weightExpirationPeriod": "1m0s", "keepResponseHeaders": false},
                "weightedZones": [{"zone": "a", "weight": 80}]})
        );
    }

    #[test]
    fn endpoint_override_keeps_the_policy() {
        assert_eq!(
            ir("type: RoundRobin\nendpointOverride: {extractFrom: [{header: x-host}]}\n"),
            serde_json::json!({"roundRobin": {}, "endpointOverride": {"extractFrom": [{"header": "x-host"}]}})
        );
    }
}
