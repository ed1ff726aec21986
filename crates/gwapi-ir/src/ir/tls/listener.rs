//! TLS termination on listeners (EG's `ir.TLSConfig`).

use serde::{Deserialize, Serialize};

use super::Blob;
use crate::ir::StringMatch;

/// TLS settings of a listener (HTTPS, TLS terminate), with its certificates and client validation.
#[allow(clippy::struct_excessive_bools)] // EG's wire shape has these flags
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsConfig {
    /// The server certificates (one per SNI / key type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<TlsCertificate>,
    /// The CA bundle that validates client certificates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_certificate: Option<TlsCaCertificate>,
    /// Whether client certificates are validated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub client_validation_enabled: bool,
    /// Whether clients must present a certificate.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_client_certificate: bool,
    /// Whether connections with untrusted client certificates are accepted (validation is informative).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accept_untrusted: bool,
    /// Accepted client certificate hashes (hex SHA-256).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verify_certificate_hash: Vec<String>,
    /// Accepted client certificate public key pins (base64 SHA-256 of the SPKI).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verify_certificate_spki: Vec<String>,
    /// Accepted subject alt names of client certificates (`name` is the SAN type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_typed_subject_alt_names: Vec<StringMatch>,
    /// TLS fingerprints to compute for each connection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprints: Vec<TlsFingerprint>,
    /// Whether stateful (session id) resumption is enabled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stateful_session_resumption: bool,
    /// Whether stateless (session ticket) resumption is enabled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stateless_session_resumption: bool,
    /// The minimum TLS version (`1.0` ... `1.3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_version: Option<String>,
    /// The maximum TLS version (`1.0` ... `1.3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_version: Option<String>,
    /// The cipher suites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ciphers: Vec<String>,
    /// The ECDH curves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ecdh_curves: Vec<String>,
    /// The signature algorithms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signature_algorithms: Vec<String>,
    /// The ALPN protocols; `None` means Envoy's default for the listener, `Some([])` none at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpn_protocols: Option<Vec<String>>,
}

/// A certificate with its private key. Go decodes field names case-insensitively, so hand-written IR also
/// spells them `Name` and `PrivateKey`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsCertificate {
    /// The name of the secret (`<namespace>/<name>`).
    #[serde(default, alias = "Name")]
    pub name: String,
    /// The PEM certificate chain.
    #[serde(default, skip_serializing_if = "Blob::is_empty")]
    pub certificate: Blob,
    /// The PEM private key.
    #[serde(default, alias = "PrivateKey", skip_serializing_if = "Blob::is_empty")]
    pub private_key: Blob,
    /// An OCSP response to staple.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocsp_staple: Option<Blob>,
    /// Fetch the certificate over SDS instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sds: Option<SdsConfig>,
}

/// A CA bundle.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsCaCertificate {
    /// The name of the bundle (`<namespace>/<name>/ca.crt`, `system_ca_certificates`).
    #[serde(default)]
    pub name: String,
    /// The PEM certificates.
    #[serde(default, skip_serializing_if = "Blob::is_empty")]
    pub certificate: Blob,
    /// Fetch the bundle over SDS instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sds: Option<SdsConfig>,
}

/// A secret served by an SDS server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SdsConfig {
    /// The SDS server address (a socket path for `unix`).
    #[serde(default)]
    pub address: String,
    /// The address scheme (`unix`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scheme: String,
    /// The secret name on the SDS server.
    #[serde(default)]
    pub secret_name: String,
}

/// A TLS client fingerprint computed by the TLS inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TlsFingerprint {
    /// JA3.
    #[serde(rename = "JA3")]
    Ja3,
    /// JA4.
    #[serde(rename = "JA4")]
    Ja4,
}
