//! Each globally rate-limited route's Envoy rate limits by domain: the actions its requests send to the
//! rate limit service, the counterpart of the service's descriptors.

use envoy_types::pb::envoy::config::route::v3::RateLimit;
use gwapi_ir::ir::Xds;

use crate::filters::ratelimit_actions::{global, rate_limits_by_domain};

/// The rate limits of one route, by domain.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RouteRateLimits {
    /// The route's name.
    pub route_name: String,
    /// The route's rate limits by domain: the listener's domain first, then the shared domains.
    pub rate_limits_by_domain: Vec<(String, Vec<RateLimit>)>,
}

/// The rate limits of every globally rate-limited route of `xds`, listener by listener, in route order
/// (the same actions the routes' `envoy.filters.http.ratelimit` configurations carry).
///
/// ```
/// use gwapi_xds::ratelimit_config::route_rate_limits;
/// let ir: gwapi_xds::ir::ir::Xds = serde_json::from_value(serde_json::json!({
///     "http": [{"name": "l", "address": "0.0.0.0", "port": 10080, "hostnames": ["*"],
///               "routes": [{"name": "r", "hostname": "*", "traffic": {"rateLimit": {"global": {
///                   "rules": [{"name": "ns/p/rule/0", "limit": {"requests": 5, "unit": "Second"},
///                              "shared": true}]}}}}]}]
/// })).unwrap();
/// let routes = route_rate_limits(&ir);
/// assert_eq!(routes[0].route_name, "r");
/// assert_eq!(routes[0].rate_limits_by_domain[0].0, "ns/p");
/// ```
#[must_use]
pub fn route_rate_limits(xds: &Xds) -> Vec<RouteRateLimits> {
    xds.http
        .iter()
        .flat_map(|listener| {
            listener
                .routes
                .iter()
                .filter(|route| global(route).is_some())
                .map(|route| RouteRateLimits {
                    route_name: route.name.clone(),
                    rate_limits_by_domain: rate_limits_by_domain(route, &listener.name),
                })
        })
        .collect()
}
