//! `oidc`: OpenID Connect login through Envoy's OAuth2 filter: the provider's endpoints (reached through
//! `backendRefs` when given), the client and its secret, cookies, redirects and tokens (`ir.OIDC`).
//! The provider's discovery document is not fetched: the endpoints must be given.

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{Oidc, OidcProvider, StringMatchType};
use gwapi_model::gateway_api::SecretObjectReference;

use super::{backends, secret_ref};
use crate::ir::{
    HeaderValueMatchType, Oidc as IrOidc, OidcCookieConfig, OidcCookieNames, OidcDenyRedirect,
    OidcDenyRedirectHeader, OidcProvider as IrOidcProvider, PrivateBytes, Protocol,
};
use crate::translator::context::Context;
use crate::translator::index::ns_name;
use crate::translator::policy::duration;

/// The redirect URL when none is given: the callback path on the requested host.
const DEFAULT_REDIRECT_URL: &str = "%REQ(x-forwarded-proto)%://%REQ(:authority)%/oauth2/callback";
/// The logout path when none is given.
const DEFAULT_LOGOUT_PATH: &str = "/logout";
/// The scope always requested.
const OPENID_SCOPE: &str = "openid";
/// The key of the client secret in its Secret.
const CLIENT_SECRET_KEY: &str = "client-secret";
/// The key of the client ID in its Secret (`clientIDRef`).
const CLIENT_ID_KEY: &str = "client-id";
/// The Secret (in the controller's namespace) holding the key that signs the OAuth cookies.
const HMAC_SECRET_NAME: &str = "envoy-oidc-hmac";
/// The key of the HMAC key in that Secret.
const HMAC_SECRET_KEY: &str = "hmac-secret";

/// The IR OIDC login of a SecurityPolicy's `oidc`.
pub(crate) fn convert(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    oidc: Option<&Oidc>,
) -> Result<Option<IrOidc>, String> {
    let Some(o) = oidc else {
        return Ok(None);
    };
    let (namespace, name) = ns_name(meta);
    let provider = provider(ctx, meta, &o.provider)?;
    let client_id = client_id(ctx, &namespace, o)?;
    let secret = secret_ref::secret(ctx, &namespace, &o.client_secret)?;
    let client_secret = secret_ref::value(secret, CLIENT_SECRET_KEY).ok_or_else(|| {
        format!(
            "client secret not found in secret {}",
            secret_ref::label(secret)
        )
    })?;
    let redirect_url = o
        .redirect_url
        .clone()
        .unwrap_or_else(|| DEFAULT_REDIRECT_URL.to_owned());
    let mut scopes = vec![OPENID_SCOPE.to_owned()];
    scopes.extend(o.scopes.iter().filter(|s| *s != OPENID_SCOPE).cloned());
    Ok(Some(IrOidc {
        name: format!("securitypolicy/{namespace}/{name}"),
        provider,
        client_id,
        client_secret: PrivateBytes::new(client_secret.to_vec()),
        hmac_secret: PrivateBytes::new(hmac_secret(ctx)),
        scopes,
        resources: o.resources.clone(),
        redirect_path: url_path(&redirect_url),
        redirect_url,
        logout_path: o
            .logout_path
            .clone()
            .unwrap_or_else(|| DEFAULT_LOGOUT_PATH.to_owned()),
        forward_access_token: o.forward_access_token == Some(true),
        default_token_ttl: duration::parse("DefaultTokenTTL", o.default_token_ttl.as_ref())?,
        refresh_token: o.refresh_token != Some(false),
        default_refresh_token_ttl: duration::parse(
            "DefaultRefreshTokenTTL",
            o.default_refresh_token_ttl.as_ref(),
        )?,
        cookie_suffix: cookie_suffix(meta.uid.as_deref().unwrap_or_default()),
        cookie_name_overrides: o.cookie_names.as_ref().map(|c| OidcCookieNames {
            access_token: c.access_token.clone(),
            id_token: c.id_token.clone(),
        }),
        cookie_domain: o.cookie_domain.clone(),
        cookie_config: o.cookie_config.as_ref().map(|c| OidcCookieConfig {
            same_site: c.same_site.as_ref().map(|s| {
                use gwapi_model::KnownValues;
                s.as_str().to_owned()
            }),
        }),
        csrf_token_ttl: duration::parse("CSRFTokenTTL", o.csrf_token_ttl.as_ref())?,
        deny_redirect: o.deny_redirect.as_ref().map(|d| OidcDenyRedirect {
            headers: d
                .headers
                .iter()
                .map(|h| OidcDenyRedirectHeader {
                    name: h.name.clone(),
                    match_type: h.type_.as_ref().and_then(match_type),
                    value: h.value.clone(),
                })
                .collect(),
        }),
        disable_token_encryption: o.disable_token_encryption == Some(true),
        pass_through_auth_header: o.pass_through_auth_header == Some(true),
        forward_id_token_header: o.forward_id_token.as_ref().map(|f| f.header.clone()),
    }))
}

fn match_type(t: &StringMatchType) -> Option<HeaderValueMatchType> {
    match t {
        StringMatchType::Exact => Some(HeaderValueMatchType::Exact),
        StringMatchType::Prefix => Some(HeaderValueMatchType::Prefix),
        StringMatchType::Suffix => Some(HeaderValueMatchType::Suffix),
        StringMatchType::RegularExpression => Some(HeaderValueMatchType::RegularExpression),
        StringMatchType::Unknown(_) => None,
    }
}

/// The client ID: given, or the `client-id` key of the `clientIDRef` Secret.
fn client_id(ctx: &Context<'_>, namespace: &str, o: &Oidc) -> Result<String, String> {
    if let Some(id) = &o.client_id {
        return Ok(id.clone());
    }
    let Some(r) = &o.client_id_ref else {
        return Err("one of clientID or clientIDRef must be specified".to_owned());
    };
    let secret = secret_ref::secret(ctx, namespace, r)?;
    secret_ref::value(secret, CLIENT_ID_KEY)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .ok_or_else(|| {
            format!(
                "client ID not found in secret {}",
                secret_ref::label(secret)
            )
        })
}

/// The key signing the OAuth cookies, from the controller's Secret (empty when it is missing).
fn hmac_secret(ctx: &Context<'_>) -> Vec<u8> {
    let reference = SecretObjectReference {
        name: HMAC_SECRET_NAME.to_owned(),
        namespace: Some(ctx.config.controller_namespace.clone()),
        ..SecretObjectReference::default()
    };
    ctx.idx
        .secrets
        .get(&(
            ctx.config.controller_namespace.clone(),
            reference.name.clone(),
        ))
        .and_then(|s| secret_ref::value(s, HMAC_SECRET_KEY))
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

fn provider(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    p: &OidcProvider,
) -> Result<IrOidcProvider, String> {
    let token_endpoint = p.token_endpoint.clone().unwrap_or_default();
    let refs = backends::refs_of(p.backend_ref.as_ref(), &p.backend_refs);
    let (destination, traffic) = if refs.is_empty() {
        (None, None)
    } else {
        let protocol = if token_endpoint.starts_with("https://") {
            Protocol::Https
        } else {
            Protocol::Http
        };
        let destination = backends::destination(ctx, meta, "oidc", 0, &refs, protocol)?;
        let traffic =
            crate::translator::policy::convert_backend_settings(p.backend_settings.as_ref())?;
        (Some(destination), traffic)
    };
    Ok(IrOidcProvider {
        destination,
        traffic,
        authorization_endpoint: p.authorization_endpoint.clone().unwrap_or_default(),
        token_endpoint,
        end_session_endpoint: p.end_session_endpoint.clone(),
    })
}

/// The path of `url` (`/oauth2/callback` of `https://host/oauth2/callback?x=1`).
fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = rest.find('/').map_or("/", |i| rest.get(i..).unwrap_or("/"));
    path.split(['?', '#']).next().unwrap_or("/").to_owned()
}

/// The suffix of the policy's cookie names: the FNV-1a hash (32 bits, hex) of the policy's UID.
fn cookie_suffix(uid: &str) -> String {
    let hash = uid.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{hash:x}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn redirect_paths_are_the_url_paths() {
        assert_eq!(
            url_path("https://www.example.com/bar/oauth2/callback"),
            "/bar/oauth2/callback"
        );
        assert_eq!(url_path(DEFAULT_REDIRECT_URL), "/oauth2/callback");
        assert_eq!(url_path("https://a.com/cb?x=1"), "/cb");
        assert_eq!(url_path("https://a.com"), "/");
    }

    #[test]
    fn cookie_suffixes_hash_the_uid() {
        assert_eq!(cookie_suffix(""), "811c9dc5");
        assert_eq!(cookie_suffix("a"), "e40c292c");
    }
}
