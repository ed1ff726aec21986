//! HTTP filters: one module per Envoy filter, each implementing `HttpFilterBuilder`, listed in
//! [`FilterKind`] whose declaration order is the order of the filter chain.

mod grpc;
mod local_ratelimit;
pub(crate) mod ratelimit;
mod router;

use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use gwapi_ir::ir::HttpListener;

use crate::Result;

/// Every HTTP filter gwapi can emit; the declaration order is the chain order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FilterKind {
    /// `envoy.filters.http.local_ratelimit`: per-proxy rate limits.
    LocalRateLimit,
    /// `envoy.filters.http.ratelimit`: global rate limits.
    RateLimit,
    /// `envoy.filters.http.grpc_web`: gRPC-Web to gRPC.
    GrpcWeb,
    /// `envoy.filters.http.grpc_stats`: per-method gRPC statistics.
    GrpcStats,
    /// `envoy.filters.http.router`, always last.
    Router,
}

impl FilterKind {
    /// Every kind, in chain order.
    pub const ALL: [Self; 5] = [
        Self::LocalRateLimit,
        Self::RateLimit,
        Self::GrpcWeb,
        Self::GrpcStats,
        Self::Router,
    ];

    fn builder(self) -> &'static dyn HttpFilterBuilder {
        match self {
            Self::GrpcWeb => &grpc::GrpcWebFilter,
            Self::GrpcStats => &grpc::GrpcStatsFilter,
            Self::LocalRateLimit => &local_ratelimit::LocalRateLimitFilter,
            Self::RateLimit => &ratelimit::RateLimitFilter,
            Self::Router => &router::RouterFilter,
        }
    }
}

/// One HTTP filter: whether a listener needs it, and its configuration.
pub(crate) trait HttpFilterBuilder: Sync {
    /// The filter for `listener`, or `None` when the listener does not need it.
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>>;
}

/// The HTTP filter chain of `listener`, in [`FilterKind`] order.
pub(crate) fn chain(listener: &HttpListener) -> Result<Vec<HttpFilter>> {
    let mut filters = Vec::new();
    for kind in FilterKind::ALL {
        if let Some(filter) = kind.builder().build(listener)? {
            filters.push(filter);
        }
    }
    Ok(filters)
}

/// The per-filter configuration of `route` (filter name -> config), for the filters that configure
/// routes.
pub(crate) fn per_route(
    route: &gwapi_ir::ir::HttpRoute,
    listener: &HttpListener,
) -> std::collections::HashMap<String, envoy_types::pb::google::protobuf::Any> {
    let mut configs = std::collections::HashMap::new();
    if let Some(config) = local_ratelimit::per_route(route) {
        configs.insert(local_ratelimit::NAME.to_owned(), config);
    }
    if let Some(config) = ratelimit::per_route(route, listener) {
        configs.insert(ratelimit::NAME.to_owned(), config);
    }
    configs
}
