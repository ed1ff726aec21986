//! Load balancing policies of clusters (least request by default, round robin, random, Maglev for
//! consistent hashing) and the hash policies routes hash requests with.

use envoy_types::pb::envoy::config::cluster::v3::{
    LoadBalancingPolicy, load_balancing_policy::Policy,
};
use envoy_types::pb::envoy::config::core::v3::TypedExtensionConfig;
use envoy_types::pb::envoy::config::route::v3::route_action::{
    HashPolicy,
    hash_policy::{
        ConnectionProperties, Cookie, CookieAttribute, Header, PolicySpecifier, QueryParameter,
    },
};
use envoy_types::pb::envoy::extensions::load_balancing_policies::common::v3::{
    LocalityLbConfig, SlowStartConfig, locality_lb_config::LocalityConfigSpecifier,
    locality_lb_config::LocalityWeightedLbConfig,
};
use envoy_types::pb::envoy::extensions::load_balancing_policies::least_request::v3::LeastRequest;
use envoy_types::pb::envoy::extensions::load_balancing_policies::maglev::v3::Maglev;
use envoy_types::pb::envoy::extensions::load_balancing_policies::random::v3::Random;
use envoy_types::pb::envoy::extensions::load_balancing_policies::round_robin::v3::RoundRobin;
use envoy_types::pb::google::protobuf::UInt64Value;
use gwapi_ir::ir::{HashKey, LoadBalancer, LoadBalancingPolicy as Policy_, SlowStartPolicy};

use crate::any::pack;
use crate::wkt::duration;

fn weighted_localities() -> LocalityLbConfig {
    LocalityLbConfig {
        locality_config_specifier: Some(LocalityConfigSpecifier::LocalityWeightedLbConfig(
            LocalityWeightedLbConfig {},
        )),
    }
}

fn slow_start(policy: &SlowStartPolicy) -> Option<SlowStartConfig> {
    let window = policy.slow_start.as_ref()?.window.as_ref()?;
    Some(SlowStartConfig {
        slow_start_window: Some(duration(window)),
        ..SlowStartConfig::default()
    })
}

fn policy(name: &str, config: envoy_types::pb::google::protobuf::Any) -> LoadBalancingPolicy {
    LoadBalancingPolicy {
        policies: vec![Policy {
            typed_extension_config: Some(TypedExtensionConfig {
                name: name.to_owned(),
                typed_config: Some(config),
            }),
        }],
    }
}

/// The load balancing policy of a cluster with `lb`, `None` when the default (least request) applies.
pub(crate) fn policy_of(lb: &LoadBalancer) -> Option<LoadBalancingPolicy> {
    let Some(sources) = &lb.endpoint_override else {
        return algorithm(lb, true);
    };
    let fallback = algorithm(lb, false).unwrap_or_else(|| {
        policy(
            "envoy.load_balancing_policies.least_request",
            pack(&LeastRequest::default()),
        )
    });
    Some(policy(
        "envoy.load_balancing_policies.override_host",
        super::backend_utilization::override_host(sources, fallback),
    ))
}

/// The policy of the algorithm of `lb`; `localities` weighs localities (not done in a fallback policy).
fn algorithm(lb: &LoadBalancer, localities: bool) -> Option<LoadBalancingPolicy> {
    let locality_lb_config = localities.then(weighted_localities);
    Some(match lb.policy.as_ref()? {
        Policy_::RoundRobin(p) => policy(
            "envoy.load_balancing_policies.round_robin",
            pack(&RoundRobin {
                slow_start_config: slow_start(p),
                locality_lb_config,
            }),
        ),
        Policy_::LeastRequest(p) => policy(
            "envoy.load_balancing_policies.least_request",
            pack(&LeastRequest {
                slow_start_config: slow_start(p),
                locality_lb_config,
                ..LeastRequest::default()
            }),
        ),
        Policy_::Random(_) => policy(
            "envoy.load_balancing_policies.random",
            pack(&Random { locality_lb_config }),
        ),
        Policy_::BackendUtilization(settings) => policy(
            "envoy.load_balancing_policies.client_side_weighted_round_robin",
            super::backend_utilization::weighted_round_robin(settings),
        ),
        Policy_::ConsistentHash(hash) => policy(
            "envoy.load_balancing_policies.maglev",
            pack(&Maglev {
                table_size: hash.table_size.map(|value| UInt64Value { value }),
                ..Maglev::default()
            }),
        ),
    })
}

/// The hash policies of a route balanced by consistent hashing.
pub(crate) fn hash_policies(lb: Option<&LoadBalancer>) -> Vec<HashPolicy> {
    let Some(Policy_::ConsistentHash(hash)) = lb.and_then(|l| l.policy.as_ref()) else {
        return Vec::new();
    };
    let specifiers: Vec<PolicySpecifier> = match &hash.key {
        Some(HashKey::SourceIp) => vec![PolicySpecifier::ConnectionProperties(
            ConnectionProperties { source_ip: true },
        )],
        Some(HashKey::Headers(headers)) => headers
            .iter()
            .map(|h| {
                PolicySpecifier::Header(Header {
                    header_name: h.name.clone(),
                    ..Header::default()
                })
            })
            .collect(),
        Some(HashKey::Cookie(cookie)) => vec![PolicySpecifier::Cookie(Cookie {
            name: cookie.name.clone(),
            ttl: cookie.ttl.as_ref().map(duration),
            attributes: cookie
                .attributes
                .iter()
                .map(|(name, value)| CookieAttribute {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
            ..Cookie::default()
        })],
        Some(HashKey::QueryParams(params)) => params
            .iter()
            .map(|p| {
                PolicySpecifier::QueryParameter(QueryParameter {
                    name: p.name.clone(),
                })
            })
            .collect(),
        None => Vec::new(),
    };
    specifiers
        .into_iter()
        .map(|s| HashPolicy {
            policy_specifier: Some(s),
            ..HashPolicy::default()
        })
        .collect()
}
