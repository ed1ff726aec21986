//! The TLS settings of an Envoy Gateway `Backend` (`spec.tls`): its own server validation (CA references,
//! system trust store, skipped verification, SNI) and client settings (certificate, versions, ciphers, ALPN),
//! and how a BackendTLSPolicy's validation takes precedence over the Backend's.

use gwapi_model::KnownValues;
use gwapi_model::envoy_gateway::{Backend, BackendTlsSettings};

use super::{TlsProblem, ca_bundle, client_certificate, system_ca};
use crate::ir::{Blob, TlsCaCertificate, UpstreamTlsConfig};
use crate::translator::context::Context;
use crate::translator::index::ns_name;

/// Why the TLS settings of a Backend are unusable, if they are: nothing validates the backend's certificate
/// (no CA, verification not skipped, and no BackendTLSPolicy targets one of its ports).
pub(crate) fn invalid_reason(ctx: &Context<'_>, backend: &Backend) -> Option<&'static str> {
    let tls = backend.spec.tls.as_ref()?;
    (tls.insecure_skip_verify != Some(true)
        && tls.ca_certificate_refs.is_empty()
        && tls.well_known_ca_certificates.is_none()
        && !has_policy(ctx, backend))
    .then_some(
        "must specify either CACertificateRefs or WellKnownCACertificates when InsecureSkipVerify is unset or false",
    )
}

/// Whether a BackendTLSPolicy targets `backend` as a whole or one of its endpoints' ports.
fn has_policy(ctx: &Context<'_>, backend: &Backend) -> bool {
    let (namespace, name) = ns_name(&backend.metadata);
    let ports: Vec<String> = backend
        .spec
        .endpoints
        .iter()
        .filter_map(|e| {
            e.ip.as_ref()
                .map(|ip| ip.port)
                .or(e.fqdn.as_ref().map(|f| f.port))
        })
        .map(|p| p.to_string())
        .collect();
    ctx.snapshot.backend_tls_policies().any(|p| {
        p.metadata.namespace.as_deref() == Some(namespace.as_str())
            && p.spec.target_refs.iter().any(|t| {
                t.group == "gateway.envoyproxy.io"
                    && t.kind == "Backend"
                    && t.name == name
                    && t.section_name.as_ref().is_none_or(|s| ports.contains(s))
            })
    })
}

/// The TLS settings of `backend`, `None` when it has none.
pub(crate) fn upstream_tls(
    ctx: &Context<'_>,
    backend: &Backend,
) -> Result<Option<UpstreamTlsConfig>, TlsProblem> {
    let Some(settings) = backend.spec.tls.as_ref() else {
        return Ok(None);
    };
    let (namespace, name) = ns_name(&backend.metadata);
    let mut tls = client_settings(ctx, settings, &namespace)?;
    tls.insecure_skip_verify = settings.insecure_skip_verify == Some(true);
    tls.sni = settings.sni.clone().filter(|s| !s.is_empty());
    if settings.well_known_ca_certificates.as_deref() == Some("System") {
        tls.use_system_trust_store = true;
        tls.ca_certificate = Some(system_ca(ctx, &name, &namespace));
    } else if !settings.ca_certificate_refs.is_empty() {
        let bundle = ca_bundle::resolve(ctx, &settings.ca_certificate_refs, &namespace)?;
        tls.ca_certificate = Some(TlsCaCertificate {
            name: super::ca_name(&name, &namespace),
            certificate: Blob::new(bundle.certificates),
            sds: bundle.sds,
        });
    }
    Ok(Some(tls))
}

/// The client side of a Backend's TLS settings.
fn client_settings(
    ctx: &Context<'_>,
    settings: &BackendTlsSettings,
    namespace: &str,
) -> Result<UpstreamTlsConfig, TlsProblem> {
    let mut tls = UpstreamTlsConfig {
        min_version: settings.min_version.as_ref().map(|v| v.as_str().to_owned()),
        max_version: settings.max_version.as_ref().map(|v| v.as_str().to_owned()),
        ciphers: settings.ciphers.clone(),
        ecdh_curves: settings.ecdh_curves.clone(),
        signature_algorithms: settings.signature_algorithms.clone(),
        alpn_protocols: settings
            .alpn_protocols
            .as_ref()
            .map(|a| a.iter().map(|p| p.as_str().to_owned()).collect()),
        ..UpstreamTlsConfig::default()
    };
    if let Some(r) = &settings.client_certificate_ref {
        let cert = client_certificate(ctx, r, namespace).map_err(TlsProblem::invalid_ref)?;
        tls.client_certificates.push(cert);
    }
    Ok(tls)
}

/// The Backend's settings under a policy's: the policy's server validation wins; the Backend's skipped
/// verification and client settings stay.
pub(crate) fn merge(
    policy: UpstreamTlsConfig,
    backend: Option<UpstreamTlsConfig>,
) -> UpstreamTlsConfig {
    let Some(backend) = backend else {
        return policy;
    };
    UpstreamTlsConfig {
        sni: policy.sni,
        use_system_trust_store: policy.use_system_trust_store,
        ca_certificate: policy.ca_certificate,
        subject_alt_names: policy.subject_alt_names,
        insecure_skip_verify: policy.insecure_skip_verify || backend.insecure_skip_verify,
        ..backend
    }
}
