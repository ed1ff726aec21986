//! Secrets that point at an SDS server instead of holding certificates (type `gateway.envoyproxy.io/sds`,
//! keys `url` = `scheme://address` and `secretName`), usable only when SDS secret references are enabled.

use gwapi_model::core::Secret;

use crate::ir::SdsConfig;
use crate::translator::context::Context;

/// The Secret type of SDS references.
const SDS_SECRET_TYPE: &str = "gateway.envoyproxy.io/sds";

/// The SDS reference of `secret`: `None` for an ordinary Secret, an error when SDS references are disabled.
pub(crate) fn reference(ctx: &Context<'_>, secret: &Secret) -> Option<Result<SdsConfig, String>> {
    if secret.type_.as_deref() != Some(SDS_SECRET_TYPE) {
        return None;
    }
    if !ctx.config.enable_sds_secret_refs {
        return Some(Err(
            "SDS Secret reference is not enabled in EnvoyGateway configuration".to_owned(),
        ));
    }
    let value = |key: &str| {
        secret
            .data
            .as_ref()
            .and_then(|d| d.get(key))
            .map(|b| String::from_utf8_lossy(&b.0).trim().to_owned())
            .unwrap_or_default()
    };
    let url = value("url");
    let (scheme, address) = url
        .split_once("://")
        .map_or((String::new(), url.clone()), |(s, a)| {
            (s.to_owned(), a.to_owned())
        });
    Some(Ok(SdsConfig {
        address,
        scheme,
        secret_name: value("secretName"),
    }))
}
