//! HTTP filters: one module per Envoy filter, each implementing `HttpFilterBuilder`, listed in
//! [`FilterKind`] whose declaration order is the order of the filter chain.

mod api_key_auth;
mod bandwidth_limit;
mod basic_auth;
mod buffer;
mod cel;
mod compressor;
mod cors;
mod dfp_loopback_deny;
mod ext_authz;
mod ext_proc;
mod fault;
mod grpc;
mod header_mutation;
mod health_check;
mod jwt_authn;
mod local_ratelimit;
mod lua;
pub(crate) mod merge;
mod oauth2;
mod order;
mod per_route;
pub(crate) mod ratelimit;
pub(crate) mod ratelimit_actions;
mod rbac;
pub(crate) mod rbac_matcher;
mod router;
mod service_retry;
mod wasm;

use envoy_types::pb::envoy::config::route::v3::Route;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{FilterPosition, HttpListener, HttpRoute};

use crate::Result;
use crate::context::Context;

/// Every HTTP filter gwapi can emit; the declaration order is the chain order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FilterKind {
    /// `envoy.filters.http.health_check`: the proxy answers health checks itself.
    HealthCheck,
    /// `envoy.filters.http.fault`: injected delays and aborts.
    Fault,
    /// `envoy.filters.http.cors`: cross-origin resource sharing.
    Cors,
    /// `envoy.filters.http.header_mutation`: late header changes.
    HeaderMutation,
    /// `envoy.filters.http.ext_authz`: external authorization, one filter per policy.
    ExtAuthz,
    /// `envoy.filters.http.api_key_auth`: API key authentication.
    ApiKeyAuth,
    /// `envoy.filters.http.basic_auth`: HTTP basic authentication, one filter per policy.
    BasicAuth,
    /// `envoy.filters.http.oauth2`: OpenID Connect login.
    OAuth2,
    /// `envoy.filters.http.jwt_authn`: JWT authentication.
    JwtAuthn,
    /// `envoy.filters.http.buffer`: whole-request buffering.
    Buffer,
    /// `envoy.filters.http.lua`: Lua scripts, one filter per script.
    Lua,
    /// `envoy.filters.http.ext_proc`: external processing, one filter per processor.
    ExtProc,
    /// `envoy.filters.http.wasm`: Wasm plugins, one filter per plugin.
    Wasm,
    /// `envoy.filters.http.rbac`: authorization rules.
    Rbac,
    /// `envoy.filters.http.rbac.dfp_loopback_deny`: dynamic resolver routes deny loopback hosts.
    DfpLoopbackDeny,
    /// `envoy.filters.http.local_ratelimit`: per-proxy rate limits.
    LocalRateLimit,
    /// `envoy.filters.http.ratelimit`: global rate limits.
    RateLimit,
    /// `envoy.filters.http.bandwidth_limit`: request and response bandwidth limits.
    BandwidthLimit,
    /// `envoy.filters.http.grpc_web`: gRPC-Web to gRPC.
    GrpcWeb,
    /// `envoy.filters.http.grpc_stats`: per-method gRPC statistics.
    GrpcStats,
    /// `envoy.filters.http.compressor`: response compression, one filter per algorithm.
    Compressor,
    /// `envoy.filters.http.router`, always last.
    Router,
}

impl FilterKind {
    /// Every kind, in chain order.
    pub const ALL: [Self; 22] = [
        Self::HealthCheck,
        Self::Fault,
        Self::Cors,
        Self::HeaderMutation,
        Self::ExtAuthz,
        Self::ApiKeyAuth,
        Self::BasicAuth,
        Self::OAuth2,
        Self::JwtAuthn,
        Self::Buffer,
        Self::Lua,
        Self::ExtProc,
        Self::Wasm,
        Self::Rbac,
        Self::DfpLoopbackDeny,
        Self::LocalRateLimit,
        Self::RateLimit,
        Self::BandwidthLimit,
        Self::GrpcWeb,
        Self::GrpcStats,
        Self::Compressor,
        Self::Router,
    ];

    /// The Envoy filter type (instances add `/<name>` or `.<variant>`).
    pub fn type_name(self) -> &'static str {
        match self {
            Self::HealthCheck => "envoy.filters.http.health_check",
            Self::Fault => "envoy.filters.http.fault",
            Self::Cors => "envoy.filters.http.cors",
            Self::HeaderMutation => "envoy.filters.http.header_mutation",
            Self::ExtAuthz => "envoy.filters.http.ext_authz",
            Self::ApiKeyAuth => "envoy.filters.http.api_key_auth",
            Self::BasicAuth => "envoy.filters.http.basic_auth",
            Self::OAuth2 => "envoy.filters.http.oauth2",
            Self::JwtAuthn => jwt_authn::NAME,
            Self::Buffer => "envoy.filters.http.buffer",
            Self::Lua => "envoy.filters.http.lua",
            Self::ExtProc => "envoy.filters.http.ext_proc",
            Self::Wasm => "envoy.filters.http.wasm",
            Self::Rbac => rbac::NAME,
            Self::DfpLoopbackDeny => dfp_loopback_deny::NAME,
            Self::LocalRateLimit => "envoy.filters.http.local_ratelimit",
            Self::RateLimit => "envoy.filters.http.ratelimit",
            Self::BandwidthLimit => "envoy.filters.http.bandwidth_limit",
            Self::GrpcWeb => "envoy.filters.http.grpc_web",
            Self::GrpcStats => "envoy.filters.http.grpc_stats",
            Self::Compressor => "envoy.filters.http.compressor",
            Self::Router => "envoy.filters.http.router",
        }
    }

    fn builder(self) -> &'static dyn HttpFilterBuilder {
        match self {
            Self::HealthCheck => &health_check::HealthCheckFilter,
            Self::Fault => &fault::FaultFilter,
            Self::Cors => &cors::CorsFilter,
            Self::HeaderMutation => &header_mutation::HeaderMutationFilter,
            Self::ExtAuthz => &ext_authz::ExtAuthzFilter,
            Self::ApiKeyAuth => &api_key_auth::ApiKeyAuthFilter,
            Self::BasicAuth => &basic_auth::BasicAuthFilter,
            Self::OAuth2 => &oauth2::OAuth2Filter,
            Self::JwtAuthn => &jwt_authn::JwtAuthnFilter,
            Self::Buffer => &buffer::BufferFilter,
            Self::Lua => &lua::LuaFilter,
            Self::ExtProc => &ext_proc::ExtProcFilter,
            Self::Wasm => &wasm::WasmFilter,
            Self::Rbac => &rbac::RbacFilter,
            Self::DfpLoopbackDeny => &dfp_loopback_deny::DfpLoopbackDenyFilter,
            Self::GrpcWeb => &grpc::GrpcWebFilter,
            Self::GrpcStats => &grpc::GrpcStatsFilter,
            Self::LocalRateLimit => &local_ratelimit::LocalRateLimitFilter,
            Self::RateLimit => &ratelimit::RateLimitFilter,
            Self::BandwidthLimit => &bandwidth_limit::BandwidthLimitFilter,
            Self::Compressor => &compressor::CompressorFilter,
            Self::Router => &router::RouterFilter,
        }
    }
}

/// One HTTP filter: whether a listener needs it, and its configuration.
pub(crate) trait HttpFilterBuilder: Sync {
    /// The filter for `listener`, or `None` when the listener does not need it.
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>>;

    /// Every filter of this kind `listener` needs (filters configured per policy have one instance
    /// each), in chain order.
    fn build_all(&self, listener: &HttpListener) -> Result<Vec<HttpFilter>> {
        Ok(self.build(listener)?.into_iter().collect())
    }

    /// The per-route configurations (filter name -> config) of this kind for `route`.
    fn per_route(&self, _route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        Vec::new()
    }

    /// Changes this kind of filter makes to the Envoy route of `route` besides its per-filter
    /// configuration.
    fn patch_route(&self, _route: &HttpRoute, _out: &mut Route) {}

    /// Adds the clusters this kind of filter calls (authorization services, key sets, token
    /// endpoints) for the routes of `listener`.
    fn add_clusters(&self, _ctx: &mut Context<'_>, _listener: &HttpListener) {}
}

/// Adds the clusters the filters of `listener` call, after the clusters of its routes.
pub(crate) fn add_clusters(ctx: &mut Context<'_>, listener: &HttpListener) {
    for kind in FilterKind::ALL {
        kind.builder().add_clusters(ctx, listener);
    }
}

/// Adds the cluster of an auxiliary service's destination (built like a route's), if it is not there.
pub(crate) fn add_service_cluster(
    ctx: &mut Context<'_>,
    destination: &gwapi_ir::ir::RouteDestination,
    traffic: Option<&gwapi_ir::ir::TrafficFeatures>,
) {
    let args = crate::cluster::ClusterArgs {
        traffic,
        ..crate::cluster::ClusterArgs::default()
    };
    crate::cluster::add_service(ctx, destination, &args);
}

/// Applies every filter's changes to the Envoy route `out` of `route`.
pub(crate) fn patch_route(route: &HttpRoute, out: &mut Route) {
    for kind in FilterKind::ALL {
        kind.builder().patch_route(route, out);
    }
}

/// The HTTP filter chain of `listener`, in [`FilterKind`] order, then moved by the fleet's
/// `filter_order`.
pub(crate) fn chain(listener: &HttpListener) -> Result<Vec<HttpFilter>> {
    let mut filters = Vec::new();
    for kind in FilterKind::ALL {
        filters.extend(kind.builder().build_all(listener)?);
    }
    Ok(filters)
}

/// Moves filters of `filters` as the EnvoyProxy `filterOrder` says.
pub(crate) fn reorder(filters: &mut Vec<HttpFilter>, positions: &[FilterPosition]) {
    order::apply(filters, positions);
}

/// The per-filter configuration of `route` (filter name -> config), for the filters that configure
/// routes.
pub(crate) fn per_route(
    route: &HttpRoute,
    listener: &HttpListener,
) -> std::collections::HashMap<String, Any> {
    let mut configs = std::collections::HashMap::new();
    if let Some(config) = local_ratelimit::per_route(route) {
        configs.insert(local_ratelimit::NAME.to_owned(), config);
    }
    for kind in FilterKind::ALL {
        configs.extend(kind.builder().per_route(route, listener));
    }
    configs
}
