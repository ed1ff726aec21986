//! `envoy.filters.http.ext_authz`: external authorization over gRPC or HTTP (SecurityPolicy
//! `extAuth`). The listener gets one disabled filter per policy
//! (`envoy.filters.http.ext_authz/<policy>`), each protected route turns its policy's filter on with its
//! context extensions; the authorization service is a cluster of its own.

use envoy_types::pb::envoy::config::core::v3::{
    ApiVersion, GrpcService, HttpUri, grpc_service::EnvoyGrpc, grpc_service::TargetSpecifier,
    http_uri::HttpUpstreamType,
};
use envoy_types::pb::envoy::extensions::filters::http::ext_authz::v3::{
    AuthorizationResponse, BufferSettings, CheckSettings, ExtAuthz, ExtAuthzPerRoute, HttpService,
    ext_authz::Services, ext_authz_per_route::Override,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::envoy::r#type::matcher::v3::{
    ListStringMatcher, StringMatcher, string_matcher::MatchPattern,
};
use envoy_types::pb::envoy::r#type::v3::HttpStatus;
use envoy_types::pb::google::protobuf::{Any, Duration};
use gwapi_ir::ir::{ExtAuth, ExtAuthService, HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::{filter, instances};
use crate::Result;
use crate::any::pack;
use crate::context::Context;
use crate::wkt::{duration, seconds};

/// How long a check may take when the policy sets no timeout.
const DEFAULT_TIMEOUT_SECONDS: i64 = 10;

fn ext_auth(route: &HttpRoute) -> Option<&ExtAuth> {
    route.security.as_ref()?.ext_auth.as_ref()
}

fn name(auth: &ExtAuth) -> String {
    format!("envoy.filters.http.ext_authz/{}", auth.name)
}

/// Case-insensitive exact matches of `headers`, `None` when there are none.
fn header_list(headers: &[String]) -> Option<ListStringMatcher> {
    (!headers.is_empty()).then(|| ListStringMatcher {
        patterns: headers
            .iter()
            .map(|h| StringMatcher {
                match_pattern: Some(MatchPattern::Exact(h.clone())),
                ignore_case: true,
            })
            .collect(),
    })
}

fn timeout(auth: &ExtAuth) -> Duration {
    auth.timeout
        .as_ref()
        .map_or_else(|| seconds(DEFAULT_TIMEOUT_SECONDS), duration)
}

fn services(auth: &ExtAuth) -> Services {
    match &auth.service {
        ExtAuthService::Grpc(grpc) => Services::GrpcService(GrpcService {
            target_specifier: Some(TargetSpecifier::EnvoyGrpc(EnvoyGrpc {
                cluster_name: grpc.destination.name.clone(),
                authority: grpc.authority.clone(),
                ..EnvoyGrpc::default()
            })),
            timeout: Some(timeout(auth)),
            retry_policy: super::service_retry::policy(auth.traffic.as_ref()),
            ..GrpcService::default()
        }),
        ExtAuthService::Http(http) => {
            let tls = http.destination.settings.iter().any(|s| s.tls.is_some());
            let scheme = if tls { "https" } else { "http" };
            Services::HttpService(HttpService {
                server_uri: Some(HttpUri {
                    uri: format!("{scheme}://{}{}", http.authority, http.path),
                    timeout: Some(timeout(auth)),
                    http_upstream_type: Some(HttpUpstreamType::Cluster(
                        http.destination.name.clone(),
                    )),
                }),
                path_prefix: http.path.clone(),
                authorization_response: header_list(&http.headers_to_backend).map(|headers| {
                    AuthorizationResponse {
                        allowed_upstream_headers: Some(headers),
                        ..AuthorizationResponse::default()
                    }
                }),
                retry_policy: super::service_retry::policy(auth.traffic.as_ref()),
                ..HttpService::default()
            })
        }
    }
}

fn config(auth: &ExtAuth) -> ExtAuthz {
    ExtAuthz {
        transport_api_version: ApiVersion::V3.into(),
        failure_mode_allow: auth.fail_open,
        clear_route_cache: auth.recompute_route,
        allowed_headers: header_list(&auth.headers_to_ext_auth),
        with_request_body: auth.body_to_ext_auth.as_ref().map(|b| BufferSettings {
            max_request_bytes: b.max_request_bytes,
            ..BufferSettings::default()
        }),
        route_metadata_context_namespaces: if auth.include_route_metadata {
            vec![crate::metadata::NAMESPACE.to_owned()]
        } else {
            Vec::new()
        },
        status_on_error: auth.status_on_error.map(|code| HttpStatus {
            code: i32::try_from(code).unwrap_or_default(),
        }),
        services: Some(services(auth)),
        ..ExtAuthz::default()
    }
}

/// The external authorization filters.
pub(crate) struct ExtAuthzFilter;

impl HttpFilterBuilder for ExtAuthzFilter {
    fn build(&self, _listener: &HttpListener) -> Result<Option<HttpFilter>> {
        Ok(None)
    }

    fn build_all(&self, listener: &HttpListener) -> Result<Vec<HttpFilter>> {
        let auths = listener
            .routes
            .iter()
            .filter_map(ext_auth)
            .map(|a| (name(a), a));
        Ok(instances(auths)
            .into_iter()
            .map(|(name, auth)| filter(name, pack(&config(auth)), true))
            .collect())
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        ext_auth(route).map_or_else(Vec::new, |auth| {
            let settings = CheckSettings {
                context_extensions: auth
                    .context_extensions
                    .iter()
                    .map(|e| {
                        let value = String::from_utf8_lossy(&e.value.bytes).into_owned();
                        (e.name.clone(), value)
                    })
                    .collect(),
                ..CheckSettings::default()
            };
            let config = ExtAuthzPerRoute {
                r#override: Some(Override::CheckSettings(settings)),
            };
            vec![(name(auth), pack(&config))]
        })
    }

    fn add_clusters(&self, ctx: &mut Context<'_>, listener: &HttpListener) {
        for auth in listener.routes.iter().filter_map(ext_auth) {
            let destination = match &auth.service {
                ExtAuthService::Grpc(grpc) => &grpc.destination,
                ExtAuthService::Http(http) => &http.destination,
            };
            super::add_service_cluster(ctx, destination, auth.traffic.as_ref());
        }
    }
}
