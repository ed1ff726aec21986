//! `jwt`: JSON Web Token authentication: the providers, where their keys come from (a remote JWKS, reached
//! through `backendRefs` when given, or a local one inline or in a ConfigMap), claims copied to headers
//! and where tokens are read (`ir.JWT`).

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{Jwt, JwtProvider, LocalJwks, RemoteJwks};

use super::backends;
use crate::ir::{
    ClaimToHeader, Jwks, Jwt as IrJwt, JwtExtractor, JwtHeaderExtractor,
    JwtProvider as IrJwtProvider, Protocol, RemoteJwks as IrRemoteJwks,
};
use crate::translator::context::Context;
use crate::translator::index::ns_name;
use crate::translator::policy::duration;

/// The key of a JWKS in its ConfigMap.
const JWKS_KEY: &str = "jwks";

/// The IR JWT authentication of a SecurityPolicy's `jwt`.
pub(crate) fn convert(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    jwt: Option<&Jwt>,
) -> Result<Option<IrJwt>, String> {
    let Some(j) = jwt else {
        return Ok(None);
    };
    let providers = j
        .providers
        .iter()
        .enumerate()
        .map(|(i, p)| provider(ctx, meta, i, p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(IrJwt {
        allow_missing: j.optional == Some(true),
        allow_missing_or_failed: j.fail_open == Some(true),
        providers,
    }))
}

fn provider(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    index: usize,
    p: &JwtProvider,
) -> Result<IrJwtProvider, String> {
    let jwks = match (&p.remote_jwks, &p.local_jwks) {
        (Some(remote), None) => Jwks::Remote(Box::new(remote_jwks(ctx, meta, index, remote)?)),
        (None, Some(local)) => Jwks::Local(local_jwks(ctx, meta, local)?),
        (Some(_), Some(_)) => {
            return Err(format!(
                "provider {}: only one of remoteJWKS or localJWKS can be specified",
                p.name
            ));
        }
        (None, None) => {
            return Err(format!(
                "provider {}: one of remoteJWKS or localJWKS must be specified",
                p.name
            ));
        }
    };
    Ok(IrJwtProvider {
        name: p.name.clone(),
        issuer: p.issuer.clone().unwrap_or_default(),
        audiences: p.audiences.clone(),
        jwks,
        claim_to_headers: p
            .claim_to_headers
            .iter()
            .map(|c| ClaimToHeader {
                header: c.header.clone(),
                claim: c.claim.clone(),
            })
            .collect(),
        recompute_route: p.recompute_route,
        extract_from: p.extract_from.as_ref().map(|e| JwtExtractor {
            headers: e
                .headers
                .iter()
                .map(|h| JwtHeaderExtractor {
                    name: h.name.clone(),
                    value_prefix: h.value_prefix.clone(),
                })
                .collect(),
            cookies: e.cookies.clone(),
            params: e.params.clone(),
        }),
    })
}

fn remote_jwks(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    index: usize,
    r: &RemoteJwks,
) -> Result<IrRemoteJwks, String> {
    let refs = backends::refs_of(r.backend_ref.as_ref(), &r.backend_refs);
    let (destination, traffic) = if refs.is_empty() {
        (None, None)
    } else {
        let protocol = if r.uri.starts_with("https://") {
            Protocol::Https
        } else {
            Protocol::Http
        };
        let destination = backends::destination(ctx, meta, "jwt", index, &refs, protocol)?;
        let traffic =
            crate::translator::policy::convert_backend_settings(r.backend_settings.as_ref())?;
        (Some(destination), traffic)
    };
    Ok(IrRemoteJwks {
        uri: r.uri.clone(),
        cache_duration: duration::parse("CacheDuration", r.cache_duration.as_ref())?,
        failed_refetch_duration: duration::parse(
            "FailedRefetchDuration",
            r.failed_refetch_duration.as_ref(),
        )?,
        destination,
        traffic,
    })
}

/// The text of a local JWKS: inline, or the `jwks` key (else the only key) of a ConfigMap of the
/// policy's namespace.
fn local_jwks(ctx: &Context<'_>, meta: &ObjectMeta, l: &LocalJwks) -> Result<String, String> {
    if let Some(inline) = &l.inline {
        return Ok(inline.clone());
    }
    let Some(r) = &l.value_ref else {
        return Err("local JWKS has neither inline nor valueRef".to_owned());
    };
    let (namespace, _) = ns_name(meta);
    let map = ctx
        .snapshot
        .config_maps()
        .find(|m| {
            m.metadata.namespace.as_deref() == Some(namespace.as_str())
                && m.metadata.name.as_deref() == Some(r.name.as_str())
        })
        .ok_or_else(|| format!("local JWKS ConfigMap {namespace}/{} not found", r.name))?;
    let data = map.data.as_ref();
    data.and_then(|d| d.get(JWKS_KEY))
        .or_else(|| {
            data.filter(|d| d.len() == 1)
                .and_then(|d| d.values().next())
        })
        .cloned()
        .ok_or_else(|| {
            format!(
                "local JWKS ConfigMap {namespace}/{} has no {JWKS_KEY} key",
                r.name
            )
        })
}
