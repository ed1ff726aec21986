//! The global rate limit service's configuration: domains, shared rules, descriptor chains.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_xds::ratelimit_config::{RateLimitUnit, rate_limit_configs};

fn ir(yaml: &str) -> gwapi_xds::ir::ir::Xds {
    let value: serde_json::Value = serde_norway::from_str(yaml).unwrap();
    serde_json::from_value(value).unwrap()
}

const SHARED_AND_OWN: &str = "
http:
- name: b-listener
  address: 0.0.0.0
  port: 10080
  routes:
  - name: r1
    traffic:
      rateLimit:
        global:
          rules:
          - name: ns/p/rule/0
            shared: true
            limit: {requests: 1, unit: Minute}
          - name: ns/p/rule/1
            headerMatches: [{name: x-a, exact: one}, {name: x-b, distinct: true}]
            limit: {requests: 2, unit: hour}
  - name: r2
    traffic:
      rateLimit:
        global:
          rules:
          - name: ns/p/rule/0
            shared: true
            limit: {requests: 1, unit: Minute}
";

#[test]
fn shared_rules_get_one_domain_per_policy_counted_once() {
    let configs = rate_limit_configs(&ir(SHARED_AND_OWN));
    let domains: Vec<_> = configs.iter().map(|c| c.domain.as_str()).collect();
    assert_eq!(domains, ["b-listener", "ns/p"]);
    let shared = &configs[1];
    assert_eq!(shared.descriptors.len(), 1, "r2 repeats r1's shared rule");
    assert_eq!(shared.descriptors[0].key, "ns/p/rule/0");
    let leaf = &shared.descriptors[0].descriptors[0];
    assert_eq!(leaf.key, "rule-0-match--1");
    assert_eq!(
        leaf.rate_limit.as_ref().unwrap().unit,
        RateLimitUnit::Minute
    );
}

#[test]
fn unshared_rules_chain_their_matches_under_the_route() {
    let configs = rate_limit_configs(&ir(SHARED_AND_OWN));
    let own = &configs[0];
    assert_eq!(own.descriptors.len(), 1);
    assert_eq!(own.descriptors[0].key, "r1");
    // the first unshared rule of the route is rule 0 of the listener's domain
    let first = &own.descriptors[0].descriptors[0];
    assert_eq!(
        (first.key.as_str(), first.value.as_str()),
        ("rule-0-match-0", "rule-0-match-0")
    );
    assert!(first.rate_limit.is_none());
    let distinct = &first.descriptors[0];
    assert_eq!(
        (distinct.key.as_str(), distinct.value.as_str()),
        ("rule-0-match-1", "")
    );
    let policy = distinct.rate_limit.as_ref().unwrap();
    assert_eq!(
        (policy.requests_per_unit, policy.unit),
        (2, RateLimitUnit::Hour)
    );
}

#[test]
fn renders_the_rate_limit_service_field_names() {
    let configs = rate_limit_configs(&ir(SHARED_AND_OWN));
    let json = serde_json::to_value(&configs[1]).unwrap();
    let leaf = &json["descriptors"][0]["descriptors"][0];
    assert_eq!(leaf["rate_limit"]["requests_per_unit"], 1);
    assert_eq!(leaf["rate_limit"]["unit"], "MINUTE");
    assert_eq!(leaf["shadow_mode"], false);
    assert!(json["descriptors"][0]["rate_limit"].is_null());
}

#[test]
fn no_global_rate_limit_no_configuration() {
    let configs = rate_limit_configs(&ir(
        "http:\n- name: l\n  address: 0.0.0.0\n  port: 1\n  routes:\n  - name: r\n",
    ));
    assert!(configs.is_empty());
}
