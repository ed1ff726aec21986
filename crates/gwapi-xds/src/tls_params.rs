//! TLS parameters (protocol versions, cipher suites, curves, signature algorithms), shared by downstream
//! and upstream TLS.

use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::{
    TlsParameters, tls_parameters::TlsProtocol,
};

/// The TLS parameters of a configuration, `None` when it sets none.
pub(crate) fn params(
    min_version: Option<&str>,
    max_version: Option<&str>,
    ciphers: &[String],
    ecdh_curves: &[String],
    signature_algorithms: &[String],
) -> Option<TlsParameters> {
    let params = TlsParameters {
        tls_minimum_protocol_version: version(min_version).into(),
        tls_maximum_protocol_version: version(max_version).into(),
        cipher_suites: ciphers.to_vec(),
        ecdh_curves: ecdh_curves.to_vec(),
        signature_algorithms: signature_algorithms.to_vec(),
        ..TlsParameters::default()
    };
    (params != TlsParameters::default()).then_some(params)
}

fn version(v: Option<&str>) -> TlsProtocol {
    match v {
        Some("1.0") => TlsProtocol::TlSv10,
        Some("1.1") => TlsProtocol::TlSv11,
        Some("1.2") => TlsProtocol::TlSv12,
        Some("1.3") => TlsProtocol::TlSv13,
        _ => TlsProtocol::TlsAuto,
    }
}
