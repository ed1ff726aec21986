//! `tls.clientValidation`: mutual TLS. The mode decides whether clients must present a certificate
//! and whether untrusted ones are let through; the CA bundle, CRLs, certificate hashes, SPKI pins and
//! subject alt names restrict which certificates are trusted.

use gwapi_model::KnownValues;
use gwapi_model::envoy_gateway::{ClientValidationContext, ClientValidationModeType as Mode};

use super::ca_bundle::{self, Referrer};
use super::{crl, string_match};
use crate::ir::{Blob, StringMatch, TlsCaCertificate, TlsConfig};
use crate::translator::context::Context;

/// The client validation a policy sets on its TLS listeners.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ClientValidation {
    /// The trusted CAs (absent when none could be loaded or none were given).
    pub ca: Option<TlsCaCertificate>,
    /// Whether clients must present a certificate.
    pub require: bool,
    /// Whether untrusted client certificates are accepted.
    pub accept_untrusted: bool,
    /// Accepted certificate hashes.
    pub hashes: Vec<String>,
    /// Accepted SPKI pins.
    pub spki: Vec<String>,
    /// Accepted subject alt names.
    pub subject_alt_names: Vec<StringMatch>,
}

/// The mode of `v`: `mode`, else `VerifyIfGiven` for the deprecated `optional: true`, else
/// `RequireAndVerify`.
fn mode(v: &ClientValidationContext) -> Mode {
    match &v.mode {
        Some(m) if !matches!(m, Mode::Unknown(_)) => m.clone(),
        _ if v.optional == Some(true) => Mode::VerifyIfGiven,
        _ => Mode::RequireAndVerify,
    }
}

/// The subject alt names of `v`, typed by their IR names.
fn subject_alt_names(v: &ClientValidationContext) -> Vec<StringMatch> {
    let Some(s) = &v.subject_alt_names else {
        return Vec::new();
    };
    let typed = |name: &'static str, list: &[gwapi_model::envoy_gateway::StringMatch]| {
        list.iter()
            .filter_map(|m| string_match::convert(name, m))
            .collect::<Vec<_>>()
    };
    let mut out = typed("DNS", &s.dns_names);
    out.extend(typed("EMAIL", &s.email_addresses));
    out.extend(typed("IP_ADDRESS", &s.ip_addresses));
    out.extend(typed("URI", &s.uris));
    out.extend(s.other_names.iter().filter_map(|o| {
        let m = gwapi_model::envoy_gateway::StringMatch {
            type_: o.type_.clone(),
            value: o.value.clone(),
        };
        string_match::convert(&o.oid, &m)
    }));
    out
}

/// Converts `v` for the policy `namespace/name`; the problems found (the valid rest still applies).
pub(crate) fn convert(
    ctx: &Context<'_>,
    namespace: &str,
    name: &str,
    v: &ClientValidationContext,
) -> (ClientValidation, Vec<String>) {
    let mode = mode(v);
    let mut errors = Vec::new();
    let from = Referrer { namespace };
    let needs_ca = matches!(mode, Mode::VerifyIfGiven | Mode::RequireAndVerify);
    let mut ca = None;
    if v.ca_certificate_refs.is_empty() {
        if needs_ca {
            errors.push(if v.mode.is_none() && v.optional == Some(true) {
                "tls.clientValidation.optional=true requires caCertificateRefs (maps to mode \
                 \"VerifyIfGiven\")"
                    .to_owned()
            } else {
                format!(
                    "tls.clientValidation.mode \"{}\" requires caCertificateRefs",
                    mode.as_str()
                )
            });
        }
    } else {
        match ca_bundle::resolve(ctx, &from, &v.ca_certificate_refs) {
            Ok(bundle) => {
                ca = Some(TlsCaCertificate {
                    name: format!("{namespace}/{name}/{}", ca_bundle::CA_KEY),
                    certificate: Blob::new(bundle),
                    sds: None,
                });
            }
            Err(e) => errors.extend(e),
        }
    }
    errors.extend(crl::check(ctx, &from, v.crl.as_ref()));
    let out = ClientValidation {
        ca,
        require: matches!(mode, Mode::RequireAny | Mode::RequireAndVerify),
        accept_untrusted: matches!(mode, Mode::Request | Mode::RequireAny),
        hashes: v.certificate_hashes.clone(),
        spki: v.spki_hashes.clone(),
        subject_alt_names: subject_alt_names(v),
    };
    (out, errors)
}

/// Sets `v` on a listener's TLS configuration.
pub(crate) fn apply(v: &ClientValidation, tls: &mut TlsConfig) {
    tls.client_validation_enabled = true;
    tls.ca_certificate.clone_from(&v.ca);
    tls.require_client_certificate = v.require;
    tls.accept_untrusted = v.accept_untrusted;
    tls.verify_certificate_hash.clone_from(&v.hashes);
    tls.verify_certificate_spki.clone_from(&v.spki);
    tls.match_typed_subject_alt_names
        .clone_from(&v.subject_alt_names);
}
