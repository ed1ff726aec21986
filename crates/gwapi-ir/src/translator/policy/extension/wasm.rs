//! `wasm`: Wasm filters (`ir.Wasm`). Envoy fetches the code from Envoy Gateway's Wasm cache, which serves
//! each module (an HTTP URL or an OCI image) under the SHA-256 of its original URL; the translator does
//! not download anything, so the module's checksum is the one the policy gives, checked against the one
//! the caller fetched (`TranslatorConfig::wasm_checksums`) when the caller provides it.

use std::fmt::Write as _;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{Wasm, WasmCodeSourceType};
use gwapi_model::gateway_api::SecretObjectReference;
use sha2::{Digest, Sha256};

use super::Built;
use crate::ir::{HttpWasmCode, Wasm as IrWasm};
use crate::translator::context::Context;
use crate::translator::reference_grant::RefSide;

/// The port of Envoy Gateway's Wasm cache.
const WASM_CACHE_PORT: u16 = 18002;

/// The IR Wasm filters of a policy's `wasm` list, named `envoyextensionpolicy/<ns>/<name>/wasm/<index>`;
/// one that fails and has `failOpen` is left out without failing the routes.
pub(super) fn convert(ctx: &Context<'_>, meta: &ObjectMeta, list: &[Wasm]) -> Built<IrWasm> {
    let namespace = meta.namespace.as_deref().unwrap_or_default();
    let mut built = Built::default();
    for (i, wasm) in list.iter().enumerate() {
        let name = format!(
            "envoyextensionpolicy/{namespace}/{}/wasm/{i}",
            meta.name.as_deref().unwrap_or_default()
        );
        built.push(
            one(ctx, namespace, name, wasm),
            wasm.fail_open == Some(true),
        );
    }
    built
}

fn one(ctx: &Context<'_>, namespace: &str, name: String, wasm: &Wasm) -> Result<IrWasm, String> {
    let (url, sha256) = match &wasm.code.type_ {
        WasmCodeSourceType::Http => {
            let http = wasm
                .code
                .http
                .as_ref()
                .ok_or_else(|| "missing HTTP field in Wasm code source".to_owned())?;
            (http.url.clone(), http.sha256.clone())
        }
        WasmCodeSourceType::Image => {
            let image = wasm
                .code
                .image
                .as_ref()
                .ok_or_else(|| "missing Image field in Wasm code source".to_owned())?;
            if let Some(secret) = &image.pull_secret_ref {
                pull_secret(ctx, namespace, secret)?;
            }
            (image_url(&image.url), image.sha256.clone())
        }
        other => return Err(format!("unsupported Wasm code source type {other}")),
    };
    let sha256 = checksum(ctx, &url, sha256)?;
    Ok(IrWasm {
        wasm_name: wasm.name.clone().unwrap_or_else(|| name.clone()),
        name,
        root_id: wasm.root_id.clone(),
        config: wasm.config.clone().filter(|c| !c.is_null()),
        fail_open: wasm.fail_open == Some(true),
        http_wasm_code: Some(HttpWasmCode {
            serving_url: serving_url(ctx, &url),
            original_downloading_url: url,
            sha256,
        }),
        host_keys: wasm
            .env
            .as_ref()
            .map(|e| e.host_keys.clone())
            .unwrap_or_default(),
    })
}

/// An image reference as the cache pulls it: with the `oci://` scheme and a tag (`latest` by default).
fn image_url(url: &str) -> String {
    let bare = url.strip_prefix("oci://").unwrap_or(url);
    let last = bare.rsplit('/').next().unwrap_or(bare);
    let tagged = last.contains(':') || last.contains('@');
    if tagged {
        format!("oci://{bare}")
    } else {
        format!("oci://{bare}:latest")
    }
}

/// Where the cache serves the module of `url`: named after the SHA-256 of the URL.
fn serving_url(ctx: &Context<'_>, url: &str) -> String {
    let digest = Sha256::digest(url.as_bytes());
    let hex = digest.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    });
    format!(
        "https://envoy-gateway.{}.svc.{}:{WASM_CACHE_PORT}/{hex}.wasm",
        ctx.config.controller_namespace, ctx.config.dns_domain
    )
}

/// The checksum of the module of `url`: the policy's, which must match the fetched module's when the
/// caller fetched it; else the fetched one; empty when neither is known (the cache computes it when it
/// downloads the module).
fn checksum(ctx: &Context<'_>, url: &str, given: Option<String>) -> Result<String, String> {
    let fetched = ctx.config.wasm_checksums.get(url);
    match (given, fetched) {
        (Some(given), Some(fetched)) if !given.eq_ignore_ascii_case(fetched) => Err(format!(
            "module downloaded from {url} has checksum {fetched}, which does not match: {given}"
        )),
        (Some(given), _) => Ok(given),
        (None, fetched) => Ok(fetched.cloned().unwrap_or_default()),
    }
}

/// Checks that the image pull Secret exists and may be referenced.
fn pull_secret(
    ctx: &Context<'_>,
    namespace: &str,
    secret: &SecretObjectReference,
) -> Result<(), String> {
    let secret_namespace = secret.namespace.as_deref().unwrap_or(namespace);
    let from = RefSide {
        group: "gateway.envoyproxy.io",
        kind: "EnvoyExtensionPolicy",
        namespace,
    };
    let to = RefSide {
        group: "",
        kind: "Secret",
        namespace: secret_namespace,
    };
    if !ctx.permitted(from, to, &secret.name) {
        return Err(format!(
            "ref to Secret {secret_namespace}/{} not permitted by any ReferenceGrant",
            secret.name
        ));
    }
    if ctx
        .idx
        .secrets
        .contains_key(&(secret_namespace.to_owned(), secret.name.clone()))
    {
        Ok(())
    } else {
        Err(format!(
            "secret {secret_namespace}/{} does not exist",
            secret.name
        ))
    }
}
