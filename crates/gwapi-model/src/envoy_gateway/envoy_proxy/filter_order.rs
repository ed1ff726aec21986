//! The order of the HTTP filters (`FilterPosition`, `EnvoyFilter`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// An Envoy HTTP filter that Envoy Gateway configures (`EnvoyFilter`).
    pub enum EnvoyFilter {
        /// Custom responses.
        CustomResponse = "envoy.filters.http.custom_response",
        /// Health check.
        HealthCheck = "envoy.filters.http.health_check",
        /// Fault injection.
        Fault = "envoy.filters.http.fault",
        /// CORS.
        Cors = "envoy.filters.http.cors",
        /// CSRF.
        Csrf = "envoy.filters.http.csrf",
        /// Header mutation.
        HeaderMutation = "envoy.filters.http.header_mutation",
        /// External authorization.
        ExtAuthz = "envoy.filters.http.ext_authz",
        /// API key authentication.
        ApiKeyAuth = "envoy.filters.http.api_key_auth",
        /// Basic authentication.
        BasicAuth = "envoy.filters.http.basic_auth",
        /// `OAuth2`.
        OAuth2 = "envoy.filters.http.oauth2",
        /// JWT authentication.
        JwtAuthn = "envoy.filters.http.jwt_authn",
        /// Session persistence.
        StatefulSession = "envoy.filters.http.stateful_session",
        /// Buffering.
        Buffer = "envoy.filters.http.buffer",
        /// Lua.
        Lua = "envoy.filters.http.lua",
        /// External processing.
        ExtProc = "envoy.filters.http.ext_proc",
        /// WebAssembly.
        Wasm = "envoy.filters.http.wasm",
        /// Dynamic modules.
        DynamicModules = "envoy.filters.http.dynamic_modules",
        /// `GeoIP`.
        GeoIp = "envoy.filters.http.geoip",
        /// RBAC.
        Rbac = "envoy.filters.http.rbac",
        /// Local rate limit.
        LocalRatelimit = "envoy.filters.http.local_ratelimit",
        /// Global rate limit.
        Ratelimit = "envoy.filters.http.ratelimit",
        /// Bandwidth limit.
        BandwidthLimit = "envoy.filters.http.bandwidth_limit",
        /// gRPC-Web.
        GrpcWeb = "envoy.filters.http.grpc_web",
        /// gRPC statistics.
        GrpcStats = "envoy.filters.http.grpc_stats",
        /// Credential injector.
        CredentialInjector = "envoy.filters.http.credential_injector",
        /// Compressor.
        Compressor = "envoy.filters.http.compressor",
        /// Dynamic forward proxy.
        DynamicForwardProxy = "envoy.filters.http.dynamic_forward_proxy",
        /// Router (always last; cannot be moved).
        Router = "envoy.filters.http.router",
    }
}

/// Where one filter goes in the HTTP filter chain (`FilterPosition`): set `before` or `after`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FilterPosition {
    /// The filter to move.
    pub name: EnvoyFilter,
    /// The filter that it must come before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<EnvoyFilter>,
    /// The filter that it must come after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<EnvoyFilter>,
}
