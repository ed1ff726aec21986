//! `envoy.filters.http.jwt_authn`: JWT authentication (SecurityPolicy `jwt`). The listener gets one
//! filter holding every provider and every requirement of its routes; each protected route names its
//! requirement. Providers and requirements are keyed by their name plus a digest of their content
//! (`example_0123456789abcdef`), so that identical ones are shared and different ones never collide.
//! Remote key sets are fetched through the provider's backend, or a cluster derived from the URL.

use std::collections::HashMap;

use envoy_types::pb::envoy::config::core::v3::{
    DataSource, HttpUri, data_source::Specifier, http_uri::HttpUpstreamType,
};
use envoy_types::pb::envoy::extensions::filters::http::jwt_authn::v3::{
    JwksAsyncFetch, JwtAuthentication, JwtClaimToHeader, JwtHeader,
    JwtProvider as EnvoyJwtProvider, JwtRequirement, JwtRequirementOrList, PerRouteConfig,
    RemoteJwks as EnvoyRemoteJwks,
    jwt_provider::{JwksSourceSpecifier, NormalizePayload},
    jwt_requirement::RequiresType,
    per_route_config::RequirementSpecifier,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::{Any, Empty};
use gwapi_ir::ir::{HttpListener, HttpRoute, Jwks, Jwt, JwtProvider, RemoteJwks};

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;
use crate::cluster::uri::UrlTarget;
use crate::context::Context;
use crate::message_digest::digest;
use crate::wkt::{duration, seconds};

/// The filter name.
pub(crate) const NAME: &str = "envoy.filters.http.jwt_authn";

/// How long a key set fetch may take when the backend settings set no request timeout.
const DEFAULT_FETCH_TIMEOUT_SECONDS: i64 = 10;

/// The claims holding space-delimited scopes, normalized to lists in the payload metadata (the
/// authorization rules on scopes match list elements).
const SCOPE_CLAIMS: [&str; 2] = ["scope", "scp"];

fn jwt(route: &HttpRoute) -> Option<&Jwt> {
    route
        .security
        .as_ref()?
        .jwt
        .as_ref()
        .filter(|j| !j.providers.is_empty())
}

/// The cluster key sets of `remote` are fetched through.
fn jwks_cluster(remote: &RemoteJwks) -> String {
    match &remote.destination {
        Some(destination) => destination.name.clone(),
        None => UrlTarget::parse(&remote.uri)
            .map(|t| t.cluster_name())
            .unwrap_or_default(),
    }
}

fn remote_jwks(remote: &RemoteJwks) -> EnvoyRemoteJwks {
    let timeout = remote
        .traffic
        .as_ref()
        .and_then(|t| t.timeout.as_ref())
        .and_then(|t| t.http.as_ref())
        .and_then(|h| h.request_timeout.as_ref())
        .map_or_else(|| seconds(DEFAULT_FETCH_TIMEOUT_SECONDS), duration);
    EnvoyRemoteJwks {
        http_uri: Some(HttpUri {
            uri: remote.uri.clone(),
            timeout: Some(timeout),
            http_upstream_type: Some(HttpUpstreamType::Cluster(jwks_cluster(remote))),
        }),
        cache_duration: remote.cache_duration.as_ref().map(duration),
        async_fetch: Some(JwksAsyncFetch {
            failed_refetch_duration: remote.failed_refetch_duration.as_ref().map(duration),
            ..JwksAsyncFetch::default()
        }),
        retry_policy: super::service_retry::policy(remote.traffic.as_ref()),
    }
}

/// The Envoy provider of `provider` (without its key).
fn provider_config(provider: &JwtProvider) -> EnvoyJwtProvider {
    let source = match &provider.jwks {
        Jwks::Remote(remote) => JwksSourceSpecifier::RemoteJwks(remote_jwks(remote)),
        Jwks::Local(keys) => JwksSourceSpecifier::LocalJwks(DataSource {
            specifier: Some(Specifier::InlineString(keys.clone())),
            ..DataSource::default()
        }),
    };
    let extract = provider.extract_from.clone().unwrap_or_default();
    EnvoyJwtProvider {
        issuer: provider.issuer.clone(),
        audiences: provider.audiences.clone(),
        jwks_source_specifier: Some(source),
        forward: true,
        from_headers: extract
            .headers
            .iter()
            .map(|h| JwtHeader {
                name: h.name.clone(),
                value_prefix: h.value_prefix.clone().unwrap_or_default(),
            })
            .collect(),
        from_params: extract.params,
        from_cookies: extract.cookies,
        payload_in_metadata: provider.name.clone(),
        normalize_payload_in_metadata: Some(NormalizePayload {
            space_delimited_claims: SCOPE_CLAIMS.iter().map(|&c| c.to_owned()).collect(),
        }),
        claim_to_headers: provider
            .claim_to_headers
            .iter()
            .map(|c| JwtClaimToHeader {
                header_name: c.header.clone(),
                claim_name: c.claim.clone(),
                ..JwtClaimToHeader::default()
            })
            .collect(),
        clear_route_cache: provider.recompute_route.unwrap_or(false),
        ..EnvoyJwtProvider::default()
    }
}

/// The key of a provider or requirement: its name and the digest of its configuration.
fn key<M: prost::Message + prost::Name>(name: &str, config: &M) -> String {
    format!("{name}_{}", digest(config))
}

/// The providers of `jwt` (key, configuration) and its requirement (key, configuration).
fn route_requirement(jwt: &Jwt) -> (Vec<(String, EnvoyJwtProvider)>, String, JwtRequirement) {
    let providers: Vec<(String, EnvoyJwtProvider)> = jwt
        .providers
        .iter()
        .map(|p| {
            let config = provider_config(p);
            (key(&p.name, &config), config)
        })
        .collect();
    let mut names: Vec<&str> = jwt.providers.iter().map(|p| p.name.as_str()).collect();
    let mut alternatives: Vec<JwtRequirement> = providers
        .iter()
        .map(|(key, _)| JwtRequirement {
            requires_type: Some(RequiresType::ProviderName(key.clone())),
        })
        .collect();
    if jwt.allow_missing_or_failed {
        names.push("missing-or-failed");
        alternatives.push(JwtRequirement {
            requires_type: Some(RequiresType::AllowMissingOrFailed(Empty::default())),
        });
    } else if jwt.allow_missing {
        names.push("missing");
        alternatives.push(JwtRequirement {
            requires_type: Some(RequiresType::AllowMissing(Empty::default())),
        });
    }
    let requirement = if alternatives.len() == 1 {
        alternatives.pop().unwrap_or_default()
    } else {
        JwtRequirement {
            requires_type: Some(RequiresType::RequiresAny(JwtRequirementOrList {
                requirements: alternatives,
            })),
        }
    };
    let name = key(&names.join("-or-"), &requirement);
    (providers, name, requirement)
}

/// The JWT authentication filter.
pub(crate) struct JwtAuthnFilter;

impl HttpFilterBuilder for JwtAuthnFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        let mut providers = HashMap::new();
        let mut requirement_map = HashMap::new();
        for jwt in listener.routes.iter().filter_map(jwt) {
            let (route_providers, name, requirement) = route_requirement(jwt);
            providers.extend(route_providers);
            requirement_map.insert(name, requirement);
        }
        if providers.is_empty() {
            return Ok(None);
        }
        let config = JwtAuthentication {
            providers,
            requirement_map,
            ..JwtAuthentication::default()
        };
        Ok(Some(filter(NAME, pack(&config), false)))
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        jwt(route).map_or_else(Vec::new, |jwt| {
            let (_, name, _) = route_requirement(jwt);
            let config = PerRouteConfig {
                requirement_specifier: Some(RequirementSpecifier::RequirementName(name)),
            };
            vec![(NAME.to_owned(), pack(&config))]
        })
    }

    fn add_clusters(&self, ctx: &mut Context<'_>, listener: &HttpListener) {
        let remotes = listener
            .routes
            .iter()
            .filter_map(jwt)
            .flat_map(|j| &j.providers)
            .filter_map(|p| match &p.jwks {
                Jwks::Remote(remote) => Some(remote.as_ref()),
                Jwks::Local(_) => None,
            });
        for remote in remotes {
            match &remote.destination {
                Some(destination) => {
                    super::add_service_cluster(ctx, destination, remote.traffic.as_ref());
                }
                None => {
                    if let Some(target) = UrlTarget::parse(&remote.uri) {
                        crate::cluster::uri::add(ctx, &target, remote.traffic.as_ref());
                    }
                }
            }
        }
    }
}
