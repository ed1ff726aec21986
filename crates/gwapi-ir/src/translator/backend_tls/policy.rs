//! What a BackendTLSPolicy asks of connections to its targets: the CA that validates the backend (referenced
//! objects or the system trust store), the SNI (`hostname`) and the accepted subject alt names.

use gwapi_model::gateway_api::{BackendTlsPolicy, SubjectAltNameType, WellKnownCaCertificates};

use super::{TlsProblem, ca_bundle, system_ca};
use crate::ir::{Blob, SubjectAltName, TlsCaCertificate, UpstreamTlsConfig};
use crate::translator::context::Context;
use crate::translator::index::ns_name;

/// The server-validation settings of `policy`.
pub(crate) fn upstream_tls(
    ctx: &Context<'_>,
    policy: &BackendTlsPolicy,
) -> Result<UpstreamTlsConfig, TlsProblem> {
    let (namespace, name) = ns_name(&policy.metadata);
    let validation = &policy.spec.validation;
    let mut tls = UpstreamTlsConfig {
        sni: Some(validation.hostname.clone()).filter(|h| !h.is_empty()),
        subject_alt_names: validation
            .subject_alt_names
            .iter()
            .filter_map(|san| match san.type_.as_ref()? {
                SubjectAltNameType::Hostname => san.hostname.clone().map(SubjectAltName::Hostname),
                SubjectAltNameType::Uri => san.uri.clone().map(SubjectAltName::Uri),
                SubjectAltNameType::Unknown(_) => None,
            })
            .collect(),
        ..UpstreamTlsConfig::default()
    };
    if validation.well_known_ca_certificates == Some(WellKnownCaCertificates::System) {
        tls.use_system_trust_store = true;
        tls.ca_certificate = Some(system_ca(ctx, &name, &namespace));
    } else if !validation.ca_certificate_refs.is_empty() {
        let bundle = ca_bundle::resolve(ctx, &validation.ca_certificate_refs, &namespace)?;
        tls.ca_certificate = Some(TlsCaCertificate {
            name: super::ca_name(&name, &namespace),
            certificate: Blob::new(bundle.certificates),
            sds: bundle.sds,
        });
    }
    Ok(tls)
}
