//! `envoy.filters.http.oauth2`: OpenID Connect login (SecurityPolicy `oidc`). The listener gets an empty
//! filter, each protected route its whole configuration; the client and HMAC secrets are SDS secrets,
//! and the token endpoint a cluster (the policy's backend, or one derived from the endpoint URL).

use envoy_types::pb::envoy::config::core::v3::HttpUri;
use envoy_types::pb::envoy::config::core::v3::http_uri::HttpUpstreamType;
use envoy_types::pb::envoy::config::route::v3::{
    HeaderMatcher, header_matcher::HeaderMatchSpecifier,
};
use envoy_types::pb::envoy::extensions::filters::http::oauth2::v3::{
    OAuth2, OAuth2Config, OAuth2Credentials, OAuth2PerRoute, OAuth2TokenForwarding,
    o_auth2_config::AuthType, o_auth2_credentials::CookieNames,
    o_auth2_credentials::TokenFormation,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::{
    GenericSecret, SdsSecretConfig, Secret, secret,
};
use envoy_types::pb::envoy::r#type::matcher::v3::{
    PathMatcher, RegexMatcher, StringMatcher, path_matcher::Rule, string_matcher::MatchPattern,
};
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{Blob, HeaderValueMatchType, HttpListener, HttpRoute, Oidc};

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;
use crate::cluster::uri::UrlTarget;
use crate::config_source::ads;
use crate::context::Context;
use crate::wkt::{boolean, duration, seconds};

/// The filter name, also the key of its per-route configuration.
const NAME: &str = "envoy.filters.http.oauth2";
/// How long a token request may take when the provider's backend sets no request timeout.
const DEFAULT_TIMEOUT_SECONDS: i64 = 10;

fn oidc(route: &HttpRoute) -> Option<&Oidc> {
    route.security.as_ref()?.oidc.as_ref()
}

fn client_secret_name(oidc: &Oidc) -> String {
    format!("oauth2/client_secret/{}", oidc.name)
}

fn hmac_secret_name(oidc: &Oidc) -> String {
    format!("oauth2/hmac_secret/{}", oidc.name)
}

fn sds(name: String) -> SdsSecretConfig {
    SdsSecretConfig {
        name,
        sds_config: Some(ads(true)),
    }
}

fn exact(value: &str) -> StringMatcher {
    StringMatcher {
        match_pattern: Some(MatchPattern::Exact(value.to_owned())),
        ..StringMatcher::default()
    }
}

fn path(value: &str) -> PathMatcher {
    PathMatcher {
        rule: Some(Rule::Path(exact(value))),
    }
}

/// The cluster of the token endpoint: the provider's backend, or the one derived from the URL.
fn token_cluster(oidc: &Oidc) -> String {
    match &oidc.provider.destination {
        Some(destination) => destination.name.clone(),
        None => UrlTarget::parse(&oidc.provider.token_endpoint)
            .map(|t| t.cluster_name())
            .unwrap_or_default(),
    }
}

fn cookie_names(oidc: &Oidc) -> CookieNames {
    let suffix = &oidc.cookie_suffix;
    let overrides = oidc.cookie_name_overrides.clone().unwrap_or_default();
    CookieNames {
        bearer_token: overrides
            .access_token
            .unwrap_or_else(|| format!("AccessToken-{suffix}")),
        id_token: overrides
            .id_token
            .unwrap_or_else(|| format!("IdToken-{suffix}")),
        oauth_hmac: format!("OauthHMAC-{suffix}"),
        oauth_expires: format!("OauthExpires-{suffix}"),
        refresh_token: format!("RefreshToken-{suffix}"),
        oauth_nonce: format!("OauthNonce-{suffix}"),
        ..CookieNames::default()
    }
}

fn deny_redirect(oidc: &Oidc) -> Vec<HeaderMatcher> {
    let Some(deny) = &oidc.deny_redirect else {
        return Vec::new();
    };
    deny.headers
        .iter()
        .map(|h| {
            let value = h.value.clone();
            let pattern = match h.match_type.unwrap_or_default() {
                HeaderValueMatchType::Exact => MatchPattern::Exact(value),
                HeaderValueMatchType::Prefix => MatchPattern::Prefix(value),
                HeaderValueMatchType::Suffix => MatchPattern::Suffix(value),
                HeaderValueMatchType::RegularExpression => MatchPattern::SafeRegex(RegexMatcher {
                    regex: value,
                    ..RegexMatcher::default()
                }),
            };
            HeaderMatcher {
                name: h.name.clone(),
                header_match_specifier: Some(HeaderMatchSpecifier::StringMatch(StringMatcher {
                    match_pattern: Some(pattern),
                    ..StringMatcher::default()
                })),
                ..HeaderMatcher::default()
            }
        })
        .collect()
}

fn config(oidc: &Oidc) -> OAuth2Config {
    let traffic = oidc.provider.traffic.as_ref();
    let timeout = traffic
        .and_then(|t| t.timeout.as_ref())
        .and_then(|t| t.http.as_ref())
        .and_then(|h| h.request_timeout.as_ref())
        .map_or_else(|| seconds(DEFAULT_TIMEOUT_SECONDS), duration);
    let id_token_in_authorization = oidc
        .forward_id_token_header
        .as_deref()
        .is_some_and(|h| h.eq_ignore_ascii_case("authorization"));
    OAuth2Config {
        token_endpoint: Some(HttpUri {
            uri: oidc.provider.token_endpoint.clone(),
            timeout: Some(timeout),
            http_upstream_type: Some(HttpUpstreamType::Cluster(token_cluster(oidc))),
        }),
        retry_policy: super::service_retry::policy(traffic),
        authorization_endpoint: oidc.provider.authorization_endpoint.clone(),
        end_session_endpoint: oidc
            .provider
            .end_session_endpoint
            .clone()
            .unwrap_or_default(),
        credentials: Some(OAuth2Credentials {
            client_id: oidc.client_id.clone(),
            token_secret: Some(sds(client_secret_name(oidc))),
            cookie_names: Some(cookie_names(oidc)),
            cookie_domain: oidc.cookie_domain.clone().unwrap_or_default(),
            token_formation: Some(TokenFormation::HmacSecret(sds(hmac_secret_name(oidc)))),
        }),
        redirect_uri: oidc.redirect_url.clone(),
        redirect_path_matcher: Some(path(&oidc.redirect_path)),
        signout_path: Some(path(&oidc.logout_path)),
        forward_bearer_token: oidc.forward_access_token,
        forward_id_token: oidc.forward_id_token_header.as_ref().map(|header| {
            OAuth2TokenForwarding {
                header: header.clone(),
            }
        }),
        preserve_authorization_header: !oidc.forward_access_token && !id_token_in_authorization,
        pass_through_matcher: if oidc.pass_through_auth_header {
            vec![HeaderMatcher {
                name: "authorization".to_owned(),
                header_match_specifier: Some(HeaderMatchSpecifier::PresentMatch(true)),
                ..HeaderMatcher::default()
            }]
        } else {
            Vec::new()
        },
        auth_scopes: oidc.scopes.clone(),
        resources: oidc.resources.clone(),
        auth_type: AuthType::BasicAuth.into(),
        use_refresh_token: Some(boolean(oidc.refresh_token)),
        default_expires_in: oidc.default_token_ttl.as_ref().map(duration),
        deny_redirect_matcher: deny_redirect(oidc),
        default_refresh_token_expires_in: oidc.default_refresh_token_ttl.as_ref().map(duration),
        stat_prefix: oidc.name.clone(),
        csrf_token_expires_in: oidc.csrf_token_ttl.as_ref().map(duration),
        disable_token_encryption: oidc.disable_token_encryption,
        ..OAuth2Config::default()
    }
}

fn generic_secret(name: String, value: &Blob) -> Secret {
    Secret {
        name,
        r#type: Some(secret::Type::GenericSecret(GenericSecret {
            secret: Some(crate::listener::tls::inline_blob(value)),
            ..GenericSecret::default()
        })),
    }
}

/// The OAuth2 filter.
pub(crate) struct OAuth2Filter;

impl HttpFilterBuilder for OAuth2Filter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        if !listener.routes.iter().any(|r| oidc(r).is_some()) {
            return Ok(None);
        }
        Ok(Some(filter(NAME, pack(&OAuth2::default()), false)))
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        oidc(route).map_or_else(Vec::new, |oidc| {
            let config = OAuth2PerRoute {
                config: Some(config(oidc)),
            };
            vec![(NAME.to_owned(), pack(&config))]
        })
    }

    fn add_clusters(&self, ctx: &mut Context<'_>, listener: &HttpListener) {
        for oidc in listener.routes.iter().filter_map(oidc) {
            match &oidc.provider.destination {
                Some(destination) => {
                    super::add_service_cluster(ctx, destination, oidc.provider.traffic.as_ref());
                }
                None => {
                    if let Some(target) = UrlTarget::parse(&oidc.provider.token_endpoint) {
                        crate::cluster::uri::add(ctx, &target, oidc.provider.traffic.as_ref());
                    }
                }
            }
            ctx.add_shared_secret(generic_secret(
                client_secret_name(oidc),
                &oidc.client_secret,
            ));
            ctx.add_shared_secret(generic_secret(hmac_secret_name(oidc), &oidc.hmac_secret));
        }
    }
}
