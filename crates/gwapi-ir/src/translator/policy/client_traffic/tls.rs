//! `tls`: TLS parameters of terminating listeners (versions, ciphers, ECDH curves, signature
//! algorithms, ALPN, session resumption, JA3/JA4 fingerprints).

use gwapi_model::KnownValues;
use gwapi_model::envoy_gateway::{ClientTlsSettings, TlsFingerprintType, TlsVersion};

use crate::ir::{TlsConfig, TlsFingerprint};

/// Sets the parameters of a policy's `tls` on a listener's TLS configuration. Any policy brings
/// Envoy Gateway's default version range (TLS 1.2 to 1.3) to the TLS listeners it covers.
pub(crate) fn apply(settings: Option<&ClientTlsSettings>, tls: &mut TlsConfig) {
    let version =
        |v: Option<&TlsVersion>, default: &str| v.map_or(default, TlsVersion::as_str).to_owned();
    tls.min_version = Some(version(
        settings.and_then(|s| s.min_version.as_ref()),
        "1.2",
    ));
    tls.max_version = Some(version(
        settings.and_then(|s| s.max_version.as_ref()),
        "1.3",
    ));
    let Some(s) = settings else {
        return;
    };
    if !s.ciphers.is_empty() {
        tls.ciphers.clone_from(&s.ciphers);
    }
    if !s.ecdh_curves.is_empty() {
        tls.ecdh_curves.clone_from(&s.ecdh_curves);
    }
    if !s.signature_algorithms.is_empty() {
        tls.signature_algorithms.clone_from(&s.signature_algorithms);
    }
    if let Some(alpn) = &s.alpn_protocols {
        tls.alpn_protocols = Some(alpn.iter().map(|p| p.as_str().to_owned()).collect());
    }
    let mut fingerprints: Vec<TlsFingerprint> = s
        .fingerprints
        .iter()
        .filter_map(|f| match f {
            TlsFingerprintType::Ja3 => Some(TlsFingerprint::Ja3),
            TlsFingerprintType::Ja4 => Some(TlsFingerprint::Ja4),
            TlsFingerprintType::Unknown(_) => None,
        })
        .collect();
    fingerprints.dedup();
    if !fingerprints.is_empty() {
        tls.fingerprints = fingerprints;
    }
    if let Some(r) = s.session.as_ref().and_then(|x| x.resumption.as_ref()) {
        tls.stateful_session_resumption = r.stateful.is_some();
        tls.stateless_session_resumption = r.stateless.is_some();
    }
}
