//! The CA bundle of `caCertificateRefs` (ConfigMaps, Secrets, ClusterTrustBundles in the referrer's
//! namespace): each object's `ca.crt` (else `tls.crt`, else its first key), which must hold a PEM certificate.

use gwapi_model::gateway_api::LocalObjectReference;
use gwapi_model::resource::Resource;

use super::TlsProblem;
use crate::ir::SdsConfig;
use crate::translator::context::Context;
use crate::translator::gateway::pem;

/// The group of ClusterTrustBundles.
const CERTIFICATES_GROUP: &str = "certificates.k8s.io";

/// A resolved CA bundle: certificates, or an SDS reference to them.
#[derive(Debug, Default)]
pub(crate) struct CaBundle {
    /// The concatenated PEM certificates.
    pub certificates: Vec<u8>,
    /// Where to fetch the bundle instead (an SDS Secret).
    pub sds: Option<SdsConfig>,
}

/// The CA bundle of `refs`, read in `namespace`.
pub(crate) fn resolve(
    ctx: &Context<'_>,
    refs: &[LocalObjectReference],
    namespace: &str,
) -> Result<CaBundle, TlsProblem> {
    let mut bundle: Vec<u8> = Vec::new();
    for r in refs {
        let ca = match (r.group.as_str(), r.kind.as_str()) {
            ("", "ConfigMap") => from_config_map(ctx, namespace, &r.name)?,
            ("", "Secret") => match sds_secret(ctx, namespace, &r.name) {
                Some(sds) => {
                    return sds
                        .map(|sds| CaBundle {
                            certificates: Vec::new(),
                            sds: Some(sds),
                        })
                        .map_err(TlsProblem::invalid_ref);
                }
                None => from_secret(ctx, namespace, &r.name)?,
            },
            (CERTIFICATES_GROUP, "ClusterTrustBundle") => from_trust_bundle(ctx, &r.name)?,
            _ => {
                return Err(TlsProblem::invalid_kind(
                    "Unsupported reference kind, supported kinds are ConfigMap, Secret, and ClusterTrustBundle in caCertificateRefs",
                ));
            }
        };
        if !bundle.is_empty() && !bundle.ends_with(b"\n") {
            bundle.push(b'\n');
        }
        bundle.extend_from_slice(&ca);
    }
    Ok(CaBundle {
        certificates: bundle,
        sds: None,
    })
}

/// The SDS reference of Secret `namespace/name`, if it is an SDS Secret.
fn sds_secret(ctx: &Context<'_>, namespace: &str, name: &str) -> Option<Result<SdsConfig, String>> {
    let secret = ctx
        .idx
        .secrets
        .get(&(namespace.to_owned(), name.to_owned()))?;
    super::sds::reference(ctx, secret)
}

/// Whether `bytes` hold at least one PEM certificate.
fn has_certificate(bytes: &[u8]) -> bool {
    pem::blocks(bytes)
        .iter()
        .any(|b| b.label == "CERTIFICATE" && !b.body.is_empty())
}

/// The value of `ca.crt`, else `tls.crt`, else the first key (in key order).
fn pick<'v, V>(entries: impl Iterator<Item = (&'v String, V)> + Clone) -> Option<V> {
    for wanted in ["ca.crt", "tls.crt"] {
        if let Some((_, v)) = entries.clone().find(|(k, _)| k.as_str() == wanted) {
            return Some(v);
        }
    }
    entries.min_by(|a, b| a.0.cmp(b.0)).map(|(_, v)| v)
}

fn from_config_map(ctx: &Context<'_>, namespace: &str, name: &str) -> Result<Vec<u8>, TlsProblem> {
    let Some(map) = ctx.snapshot.config_maps().find(|c| {
        c.metadata.namespace.as_deref() == Some(namespace)
            && c.metadata.name.as_deref() == Some(name)
    }) else {
        return Err(TlsProblem::invalid_ref(format!(
            "configmap {name} not found in namespace {namespace}"
        )));
    };
    let text = map.data.iter().flatten().map(|(k, v)| (k, v.as_bytes()));
    let binary = map
        .binary_data
        .iter()
        .flatten()
        .map(|(k, v)| (k, v.0.as_slice()));
    let ca = pick(text).or_else(|| pick(binary)).unwrap_or_default();
    if has_certificate(ca) {
        Ok(ca.to_vec())
    } else {
        Err(TlsProblem::invalid_ref(format!(
            "no ca found in configmap {name}"
        )))
    }
}

fn from_secret(ctx: &Context<'_>, namespace: &str, name: &str) -> Result<Vec<u8>, TlsProblem> {
    let Some(secret) = ctx
        .idx
        .secrets
        .get(&(namespace.to_owned(), name.to_owned()))
    else {
        return Err(TlsProblem::invalid_ref(format!(
            "secret {name} not found in namespace {namespace}"
        )));
    };
    let data = secret
        .data
        .iter()
        .flatten()
        .map(|(k, v)| (k, v.0.as_slice()));
    let ca = pick(data).unwrap_or_default();
    if has_certificate(ca) {
        Ok(ca.to_vec())
    } else {
        Err(TlsProblem::invalid_ref(format!(
            "no ca found in secret {name}"
        )))
    }
}

fn from_trust_bundle(ctx: &Context<'_>, name: &str) -> Result<Vec<u8>, TlsProblem> {
    let bundle = ctx.snapshot.iter().find_map(|r| match r {
        Resource::Unstructured(u)
            if u.object.get("kind").and_then(|k| k.as_str()) == Some("ClusterTrustBundle")
                && u.metadata.name.as_deref() == Some(name) =>
        {
            Some(u)
        }
        _ => None,
    });
    let Some(bundle) = bundle else {
        return Err(TlsProblem::invalid_ref(format!(
            "clustertrustbundle {name} not found"
        )));
    };
    let ca = bundle
        .object
        .get("spec")
        .and_then(|s| s.get("trustBundle"))
        .and_then(|t| t.as_str())
        .unwrap_or_default();
    if has_certificate(ca.as_bytes()) {
        Ok(ca.as_bytes().to_vec())
    } else {
        Err(TlsProblem::invalid_ref(format!(
            "no ca found in clustertrustbundle {name}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::pick;

    fn pick_of(names: &[&'static str]) -> Option<&'static str> {
        let entries: Vec<(String, &'static str)> =
            names.iter().map(|n| ((*n).to_owned(), *n)).collect();
        pick(entries.iter().map(|(k, v)| (k, *v)))
    }

    #[test]
    fn prefers_ca_crt_then_tls_crt_then_first_key() {
        assert_eq!(pick_of(&["z", "tls.crt", "ca.crt"]), Some("ca.crt"));
        assert_eq!(pick_of(&["z", "tls.crt"]), Some("tls.crt"));
        assert_eq!(pick_of(&["z", "b.crt"]), Some("b.crt"));
        assert_eq!(pick_of(&[]), None);
    }
}
