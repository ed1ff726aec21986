//! The configuration of the global rate limit service (envoyproxy/ratelimit): one [`RateLimitConfig`] per
//! domain, whose descriptor trees mirror the actions the routes send (`envoy.filters.http.ratelimit`).
//!
//! Rules that are not shared count per route, in the listener's domain, under a descriptor named after
//! the route. Shared rules count once for every route they apply to, in a domain named after their policy
//! (the rule name without `/rule/<index>`), under a descriptor named after the rule.
//!
//! ```
//! use gwapi_xds::ratelimit_config::rate_limit_configs;
//! let ir: gwapi_xds::ir::ir::Xds = serde_json::from_value(serde_json::json!({
//!     "http": [{"name": "l", "address": "0.0.0.0", "port": 10080, "hostnames": ["*"],
//!               "routes": [{"name": "r", "hostname": "*", "traffic": {"rateLimit": {"global": {
//!                   "rules": [{"name": "ns/p/rule/0", "limit": {"requests": 5, "unit": "Second"}}]}}}}]}]
//! })).unwrap();
//! let configs = rate_limit_configs(&ir);
//! assert_eq!(configs.len(), 1);
//! assert_eq!(configs[0].domain, "l");
//! assert_eq!(configs[0].descriptors[0].key, "r");
//! ```

mod descriptor;
mod routes;

use std::collections::BTreeMap;

use gwapi_ir::ir::{RateLimitRule, Xds};

use crate::filters::ratelimit_actions::{global, is_shared, shared_domain};
use serde::Serialize;

pub use descriptor::{RateLimitDescriptor, RateLimitPolicy, RateLimitUnit};
pub use routes::{RouteRateLimits, route_rate_limits};

/// The configuration of one rate limit domain, as the rate limit service reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RateLimitConfig {
    /// The configuration name (the domain).
    pub name: String,
    /// The domain: the listener's name, or the policy's for shared rules.
    pub domain: String,
    /// The top-level descriptors: one per route, or per shared rule.
    pub descriptors: Vec<RateLimitDescriptor>,
}

/// The configuration of every rate limit domain of `xds`, sorted by domain.
#[must_use]
pub fn rate_limit_configs(xds: &Xds) -> Vec<RateLimitConfig> {
    let mut domains: BTreeMap<String, Vec<RateLimitDescriptor>> = BTreeMap::new();
    for listener in &xds.http {
        for route in &listener.routes {
            let Some(global) = global(route) else {
                continue;
            };
            let (shared, own): (Vec<&RateLimitRule>, Vec<&RateLimitRule>) =
                global.rules.iter().partition(|r| is_shared(r, global));
            if !own.is_empty() {
                let children = own
                    .iter()
                    .enumerate()
                    .map(|(index, rule)| descriptor::chain(rule, index))
                    .collect();
                domains
                    .entry(listener.name.clone())
                    .or_default()
                    .push(RateLimitDescriptor::parent(&route.name, children));
            }
            for (index, rule) in shared.iter().enumerate() {
                let descriptors = domains.entry(shared_domain(rule).to_owned()).or_default();
                if descriptors.iter().any(|d| d.key == rule.name) {
                    continue;
                }
                descriptors.push(RateLimitDescriptor::parent(
                    &rule.name,
                    vec![descriptor::chain(rule, index)],
                ));
            }
        }
    }
    domains
        .into_iter()
        .map(|(domain, descriptors)| RateLimitConfig {
            name: domain.clone(),
            domain,
            descriptors,
        })
        .collect()
}
