//! The client CA bundle of `tls.clientValidation.caCertificateRefs`: Secrets, ConfigMaps (the
//! `ca.crt` key, or their only key) and ClusterTrustBundles. Every certificate is checked: expired or
//! unreadable ones are dropped, and a reference with no valid certificate makes the policy invalid.

use gwapi_model::gateway_api::SecretObjectReference;
use gwapi_model::resource::Resource;

use super::der;
use crate::translator::context::Context;
use crate::translator::gateway::{pem, x509};
use crate::translator::reference_grant::RefSide;

/// The key a CA bundle is read from.
pub(crate) const CA_KEY: &str = "ca.crt";
/// The group of ClientTrafficPolicy (the referrer in ReferenceGrants).
const EG_GROUP: &str = "gateway.envoyproxy.io";

/// Where a policy's references are read from.
pub(crate) struct Referrer<'p> {
    /// The policy's namespace (the default namespace of its references).
    pub namespace: &'p str,
}

/// The value of `key` in `entries`, else the only entry; `None` when neither exists.
fn pick<'v>(mut entries: Vec<(&str, &'v [u8])>, key: &str) -> Option<&'v [u8]> {
    if let Some(position) = entries.iter().position(|(k, _)| *k == key) {
        return Some(entries.swap_remove(position).1);
    }
    match entries.as_slice() {
        [(_, only)] => Some(only),
        _ => None,
    }
}

/// The data of the object `r` names (`key` or its only entry), as `failed to get ...` errors.
pub(crate) fn data(
    ctx: &Context<'_>,
    from: &Referrer<'_>,
    r: &SecretObjectReference,
    key: &str,
) -> Result<Vec<u8>, String> {
    let kind = r.kind.as_deref().unwrap_or("Secret");
    let namespace = r.namespace.as_deref().unwrap_or(from.namespace);
    let name = r.name.as_str();
    if matches!(kind, "Secret" | "ConfigMap") && namespace != from.namespace {
        let referrer = RefSide {
            group: EG_GROUP,
            kind: "ClientTrafficPolicy",
            namespace: from.namespace,
        };
        let target = RefSide {
            group: "",
            kind,
            namespace,
        };
        if !ctx.permitted(referrer, target, name) {
            return Err(format!(
                "certificate ref to {} {namespace}/{name} not permitted by any ReferenceGrant",
                kind.to_ascii_lowercase()
            ));
        }
    }
    let missing_key = || {
        format!(
            "failed to get certificate from ref: ref {} [{name}] has none of the expected keys [{key}] and more than one entry",
            kind.to_ascii_lowercase()
        )
    };
    match kind {
        "Secret" => {
            let secret = ctx
                .idx
                .secrets
                .get(&(namespace.to_owned(), name.to_owned()))
                .ok_or_else(|| {
                    format!("failed to get certificate from ref: secret {namespace}/{name} does not exist")
                })?;
            let entries = secret
                .data
                .iter()
                .flatten()
                .map(|(k, v)| (k.as_str(), v.0.as_slice()))
                .collect();
            pick(entries, key)
                .map(<[u8]>::to_vec)
                .ok_or_else(missing_key)
        }
        "ConfigMap" => {
            let map = ctx
                .snapshot
                .config_maps()
                .find(|c| {
                    c.metadata.namespace.as_deref() == Some(namespace)
                        && c.metadata.name.as_deref() == Some(name)
                })
                .ok_or_else(|| {
                    format!(
                        "failed to get certificate from ref: configmap {namespace}/{name} does not exist"
                    )
                })?;
            let entries = map
                .data
                .iter()
                .flatten()
                .map(|(k, v)| (k.as_str(), v.as_bytes()))
                .chain(
                    map.binary_data
                        .iter()
                        .flatten()
                        .map(|(k, v)| (k.as_str(), v.0.as_slice())),
                )
                .collect();
            pick(entries, key)
                .map(<[u8]>::to_vec)
                .ok_or_else(missing_key)
        }
        "ClusterTrustBundle" => trust_bundle(ctx, name).ok_or_else(|| {
            format!("failed to get certificate from ref: ref ClusterTrustBundle [{name}] not found")
        }),
        other => Err(format!(
            "failed to get certificate from ref: unsupported reference kind {other}"
        )),
    }
}

/// The `spec.trustBundle` of ClusterTrustBundle `name`.
fn trust_bundle(ctx: &Context<'_>, name: &str) -> Option<Vec<u8>> {
    ctx.snapshot.iter().find_map(|r| match r {
        Resource::Unstructured(u)
            if u.object.get("kind").and_then(|k| k.as_str()) == Some("ClusterTrustBundle")
                && u.metadata.name.as_deref() == Some(name) =>
        {
            let text = u
                .object
                .get("spec")
                .and_then(|s| s.get("trustBundle"))
                .and_then(|t| t.as_str())
                .unwrap_or_default();
            Some(text.as_bytes().to_vec())
        }
        _ => None,
    })
}

/// The valid certificates of `bytes` (the data of `name`), or why there are none.
fn valid_certificates(
    bytes: &[u8],
    name: &str,
    now: Option<i64>,
) -> Result<Vec<pem::PemBlock>, String> {
    let mut valid = Vec::new();
    let mut problems = Vec::new();
    for block in pem::blocks(bytes)
        .into_iter()
        .filter(|b| b.label == "CERTIFICATE")
    {
        let Some(cert) = x509::base64(&block.body).and_then(|d| der::certificate(&d)) else {
            problems.push("failed to parse certificate".to_owned());
            continue;
        };
        match now {
            Some(now) if now > cert.not_after => problems.push(format!(
                "certificate {} has expired since {}",
                cert.common_name,
                der::go_time(cert.not_after)
            )),
            Some(now) if now < cert.not_before => problems.push(format!(
                "certificate {} is not yet valid until {}",
                cert.common_name,
                der::go_time(cert.not_before)
            )),
            _ => valid.push(block),
        }
    }
    if valid.is_empty() {
        if problems.is_empty() {
            problems.push("no certificate found".to_owned());
        }
        return Err(format!(
            "no valid certificates exist in {name}: {}",
            problems.join("\n")
        ));
    }
    Ok(valid)
}

/// The PEM bundle of `refs` (each certificate once, in order), or every problem found.
pub(crate) fn resolve(
    ctx: &Context<'_>,
    from: &Referrer<'_>,
    refs: &[SecretObjectReference],
) -> Result<Vec<u8>, Vec<String>> {
    let mut blocks: Vec<pem::PemBlock> = Vec::new();
    let mut errors = Vec::new();
    for r in refs {
        let certificates = data(ctx, from, r, CA_KEY)
            .and_then(|bytes| valid_certificates(&bytes, &r.name, ctx.config.current_time));
        match certificates {
            Ok(list) => {
                for block in list {
                    if !blocks.contains(&block) {
                        blocks.push(block);
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(pem::encode(&blocks))
    } else {
        Err(errors)
    }
}
