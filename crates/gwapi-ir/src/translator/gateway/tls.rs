//! TLS of a listener: mode, certificate references (Secrets, cross-namespace with a ReferenceGrant) and the
//! certificates they hold.

use gwapi_model::core::Secret;
use gwapi_model::gateway_api::{ProtocolType, SecretObjectReference, TlsModeType};

use super::listener::invalid;
use super::pem;
use super::{ListenerCtx, ListenerOwner};
use crate::ir::{Blob, TlsCertificate};
use crate::names;
use crate::translator::conditions::{failed, ok, set_condition, types};
use crate::translator::context::Context;
use crate::translator::reference_grant::RefSide;

/// Why one certificate reference is unusable.
struct RefError {
    reason: &'static str,
    message: String,
}

/// Validates the TLS settings of `out`'s listener and loads its certificates.
pub(super) fn validate(ctx: &Context<'_>, out: &mut ListenerCtx<'_>) {
    let owner = out.owner.clone();
    let listener = out.listener;
    let tls = listener.tls.as_ref();
    match &listener.protocol {
        ProtocolType::Https => {
            let Some(tls) = tls else {
                invalid(
                    &mut out.conditions,
                    "Listener must have TLS set when protocol is HTTPS.",
                );
                return;
            };
            if let Some(mode @ TlsModeType::Passthrough) = &tls.mode {
                set_condition(
                    &mut out.conditions,
                    failed(
                        types::PROGRAMMED,
                        "UnsupportedTLSMode",
                        format!("TLS {mode} mode is not supported, TLS mode must be Terminate."),
                    ),
                );
                return;
            }
            certificates(ctx, &owner, &tls.certificate_refs, out);
        }
        ProtocolType::Tls => {
            let Some(tls) = tls else {
                invalid(
                    &mut out.conditions,
                    "Listener must have TLS set when protocol is TLS.",
                );
                return;
            };
            if tls.mode == Some(TlsModeType::Passthrough) {
                if !tls.certificate_refs.is_empty() {
                    invalid(
                        &mut out.conditions,
                        "Listener must not have TLS certificate refs set for TLS mode Passthrough.",
                    );
                }
            } else {
                certificates(ctx, &owner, &tls.certificate_refs, out);
            }
        }
        other => {
            if tls.is_some() {
                invalid(
                    &mut out.conditions,
                    &format!("Listener must not have TLS set when protocol is {other}."),
                );
            }
        }
    }
}

/// Loads the certificates of `refs`, setting `ResolvedRefs` when some cannot be used.
fn certificates(
    ctx: &Context<'_>,
    owner: &ListenerOwner,
    refs: &[SecretObjectReference],
    out: &mut ListenerCtx<'_>,
) {
    let mut errors: Vec<RefError> = Vec::new();
    for (i, r) in refs.iter().enumerate() {
        match certificate(ctx, owner, r) {
            Ok(cert) => out.certificates.push(cert),
            Err(e) => errors.push(RefError {
                reason: e.reason,
                message: format!("certificate refs {i}: {}", e.message),
            }),
        }
    }
    let Some(last) = errors.last() else {
        return;
    };
    let reason = last.reason;
    let joined = errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let (reason, message) = if out.certificates.is_empty() {
        (reason, format!("No valid secrets exist: {joined}"))
    } else {
        (
            "PartiallyInvalidCertificateRef",
            format!("Some secrets are invalid: {joined}"),
        )
    };
    set_condition(
        &mut out.conditions,
        failed(types::RESOLVED_REFS, reason, message),
    );
    if reason == "InvalidCertificateRef" {
        // A missing or unusable Secret leaves the listener accepted (but not programmed).
        set_condition(
            &mut out.conditions,
            ok(
                types::ACCEPTED,
                "Accepted",
                crate::translator::conditions::listener::ACCEPTED,
            ),
        );
    }
}

/// One certificate reference resolved to its certificate.
fn certificate(
    ctx: &Context<'_>,
    owner: &ListenerOwner,
    r: &SecretObjectReference,
) -> Result<TlsCertificate, RefError> {
    let kind = r.kind.as_deref().unwrap_or("Secret");
    let group = r.group.as_deref().unwrap_or_default();
    if kind != "Secret" || !group.is_empty() {
        return Err(RefError {
            reason: "InvalidCertificateRef",
            message: format!("Listener must only reference Secret resources, got {kind}."),
        });
    }
    let namespace = r.namespace.as_deref().unwrap_or(&owner.namespace);
    let from = RefSide {
        group: super::listener::GATEWAY_API_GROUP,
        kind: owner.kind,
        namespace: &owner.namespace,
    };
    let to = RefSide {
        group: "",
        kind: "Secret",
        namespace,
    };
    if !ctx.permitted(from, to, &r.name) {
        return Err(RefError {
            reason: "RefNotPermitted",
            message: format!(
                "Certificate ref to secret {namespace}/{} not permitted by any ReferenceGrant.",
                r.name
            ),
        });
    }
    let Some(secret) = ctx.idx.secrets.get(&(namespace.to_owned(), r.name.clone())) else {
        return Err(RefError {
            reason: "InvalidCertificateRef",
            message: format!("Secret {namespace}/{} does not exist.", r.name),
        });
    };
    tls_certificate(secret, namespace, &r.name)
}

/// The certificate of a `kubernetes.io/tls` Secret.
fn tls_certificate(
    secret: &Secret,
    namespace: &str,
    name: &str,
) -> Result<TlsCertificate, RefError> {
    let data = secret.data.as_ref();
    let get = |key: &str| {
        data.and_then(|d| d.get(key))
            .map(|b| b.0.clone())
            .filter(|b| !b.is_empty())
    };
    let (Some(cert), Some(key)) = (get("tls.crt"), get("tls.key")) else {
        return Err(RefError {
            reason: "InvalidCertificateRef",
            message: format!("Secret {namespace}/{name} must contain tls.crt and tls.key."),
        });
    };
    if !is_pem(&cert, "CERTIFICATE") {
        return Err(RefError {
            reason: "InvalidCertificateRef",
            message: format!(
                "Secret {namespace}/{name} must contain valid tls.crt and tls.key, unable to decode pem data in tls.crt."
            ),
        });
    }
    if !is_pem(&key, "PRIVATE KEY") {
        return Err(RefError {
            reason: "InvalidCertificateRef",
            message: format!(
                "Secret {namespace}/{name} must contain valid tls.crt and tls.key, unable to decode pem data in tls.key."
            ),
        });
    }
    Ok(TlsCertificate {
        name: names::secret_name(namespace, name),
        certificate: Blob::new(pem::encode(&pem::blocks(&cert))),
        private_key: Blob::new(key),
        ocsp_staple: get("tls.ocsp-staple").map(Blob::new),
        ..TlsCertificate::default()
    })
}

/// Whether `bytes` hold a PEM block whose label ends with `label`.
pub(crate) fn is_pem(bytes: &[u8], label: &str) -> bool {
    pem::blocks(bytes).iter().any(|b| b.label.ends_with(label))
}

#[cfg(test)]
mod tests {
    use super::is_pem;

    #[test]
    fn pem_labels() {
        assert!(is_pem(
            b"-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n",
            "CERTIFICATE"
        ));
        assert!(is_pem(
            b"-----BEGIN RSA PRIVATE KEY-----\nAA==\n-----END RSA PRIVATE KEY-----\n",
            "PRIVATE KEY"
        ));
        assert!(!is_pem(b"not pem", "CERTIFICATE"));
    }
}
