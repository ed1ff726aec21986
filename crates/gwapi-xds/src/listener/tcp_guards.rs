//! The network filters a TCP route's chain runs before its `tcp_proxy`: the route's authorization
//! (`envoy.filters.network.rbac` with the matcher tree of [`crate::filters::rbac_matcher`]) and, for
//! dynamic resolver backends, a guard denying the proxy's own names and the
//! `envoy.filters.network.sni_dynamic_forward_proxy` filter resolving the TLS server name.

use std::collections::HashMap;

use envoy_types::pb::envoy::config::listener::v3::{Filter, FilterChain, filter};
use envoy_types::pb::envoy::config::rbac::v3::{
    Permission, Policy, Principal, Rbac as RbacRules, permission, principal, rbac::Action,
};
use envoy_types::pb::envoy::extensions::filters::network::rbac::v3::Rbac;
use envoy_types::pb::envoy::extensions::filters::network::sni_dynamic_forward_proxy::v3::{
    FilterConfig, filter_config::PortSpecifier,
};
use envoy_types::pb::envoy::r#type::matcher::v3::{
    RegexMatcher, StringMatcher, string_matcher::MatchPattern,
};
use gwapi_ir::ir::{TcpRoute, TrafficFeatures};

use crate::any::pack;

/// The name of the network RBAC filter.
const RBAC: &str = "envoy.filters.network.rbac";

/// The name of the SNI dynamic forward proxy filter.
const SNI_DFP: &str = "envoy.filters.network.sni_dynamic_forward_proxy";

/// The port dynamic resolver TLS backends are reached on.
const TLS_PORT: u32 = 443;

/// The server names that reach the proxy itself (any case, optional trailing dot).
const LOOPBACK_SNI: &str = r"(?i)^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback|127\.0\.0\.1|::1|\[::1\])\.?$";

fn network_filter(name: &str, config: envoy_types::pb::google::protobuf::Any) -> Filter {
    Filter {
        name: name.to_owned(),
        config_type: Some(filter::ConfigType::TypedConfig(config)),
    }
}

fn deny_loopback_sni(stat_prefix: &str) -> Filter {
    let policy = Policy {
        permissions: vec![Permission {
            rule: Some(permission::Rule::RequestedServerName(StringMatcher {
                match_pattern: Some(MatchPattern::SafeRegex(RegexMatcher {
                    regex: LOOPBACK_SNI.to_owned(),
                    ..RegexMatcher::default()
                })),
                ..StringMatcher::default()
            })),
        }],
        principals: vec![Principal {
            identifier: Some(principal::Identifier::Any(true)),
        }],
        ..Policy::default()
    };
    let config = Rbac {
        rules: Some(RbacRules {
            action: Action::Deny.into(),
            policies: HashMap::from([("deny-loopback-sni".to_owned(), policy)]),
            ..RbacRules::default()
        }),
        stat_prefix: stat_prefix.to_owned(),
        ..Rbac::default()
    };
    network_filter(RBAC, pack(&config))
}

/// Puts the guards of `route` (whose traffic settings are `traffic`) before the filters of `chain`.
pub(crate) fn prepend(
    chain: &mut FilterChain,
    route: &TcpRoute,
    traffic: &TrafficFeatures,
    stat_prefix: &str,
) {
    let mut guards = Vec::new();
    if let Some(authorization) = &route.authorization {
        let config = Rbac {
            matcher: Some(crate::filters::rbac_matcher::matcher(authorization)),
            stat_prefix: stat_prefix.to_owned(),
            ..Rbac::default()
        };
        guards.push(network_filter(RBAC, pack(&config)));
    }
    let dynamic = route
        .destination
        .as_ref()
        .is_some_and(|d| crate::cluster::dynamic_forward_proxy::is_dynamic(&d.settings));
    if dynamic {
        guards.push(deny_loopback_sni(stat_prefix));
        let config = FilterConfig {
            dns_cache_config: Some(crate::cluster::dynamic_forward_proxy::dns_cache(
                traffic.dns.as_ref(),
            )),
            port_specifier: Some(PortSpecifier::PortValue(TLS_PORT)),
            ..FilterConfig::default()
        };
        guards.push(network_filter(SNI_DFP, pack(&config)));
    }
    chain.filters.splice(0..0, guards);
}
