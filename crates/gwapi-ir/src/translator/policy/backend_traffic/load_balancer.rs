//! `loadBalancer`: round robin, least request, random and consistent hashing (source IP, headers,
//! cookie, query parameters), with slow start.

use gwapi_model::envoy_gateway::{ConsistentHashType, LoadBalancer, LoadBalancerType};

use crate::ir::{
    ConsistentHash, GoDuration, HashKey, LoadBalancer as IrLoadBalancer, LoadBalancingPolicy,
    RandomPolicy, SlowStart, SlowStartPolicy,
};

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
            let key = match ch.type_ {
                Some(ConsistentHashType::SourceIp) => Some(HashKey::SourceIp),
                _ => None,
            };
            Some(LoadBalancingPolicy::ConsistentHash(ConsistentHash {
                key,
                table_size: ch.table_size.and_then(|s| u64::try_from(s).ok()),
            }))
        }
        _ => None,
    };
    Ok(Some(IrLoadBalancer {
        policy,
        ..IrLoadBalancer::default()
    }))
}
