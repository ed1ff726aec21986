//! TLS towards backends (EG's `ir.TLSUpstreamConfig`).

use serde::{Deserialize, Serialize};

use super::{TlsCaCertificate, TlsCertificate};

/// TLS settings of a backend connection.
///
/// Go decodes field names case-insensitively, so hand-written IR also spells `SNI` and `CACertificate`;
/// when both spellings are present the exact one wins, as in EG.
///
/// ```
/// use gwapi_ir::ir::UpstreamTlsConfig;
/// let tls: UpstreamTlsConfig = serde_json::from_value(serde_json::json!({
///     "caCertificate": {"name": "ns/ca"}, "CACertificate": {"name": "system_ca_certificates"}, "SNI": "a.b"
/// })).unwrap();
/// assert_eq!(tls.ca_certificate.unwrap().name, "ns/ca");
/// assert_eq!(tls.sni.as_deref(), Some("a.b"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawUpstreamTlsConfig", into = "RawUpstreamTlsConfig")]
pub struct UpstreamTlsConfig {
    /// The SNI sent to the backend.
    pub sni: Option<String>,
    /// Whether the system trust store validates the backend certificate.
    pub use_system_trust_store: bool,
    /// The CA bundle that validates the backend certificate.
    pub ca_certificate: Option<TlsCaCertificate>,
    /// Client certificates presented to the backend.
    pub client_certificates: Vec<TlsCertificate>,
    /// Subject alt names accepted in the backend certificate.
    pub subject_alt_names: Vec<SubjectAltName>,
    /// Whether the backend certificate is not verified at all.
    pub insecure_skip_verify: bool,
    /// The minimum TLS version.
    pub min_version: Option<String>,
    /// The maximum TLS version.
    pub max_version: Option<String>,
    /// The cipher suites.
    pub ciphers: Vec<String>,
    /// The ECDH curves.
    pub ecdh_curves: Vec<String>,
    /// The signature algorithms.
    pub signature_algorithms: Vec<String>,
    /// The ALPN protocols; `None` means the default for the backend protocol, `Some([])` none at all.
    pub alpn_protocols: Option<Vec<String>>,
}

/// A subject alt name accepted in a backend certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SubjectAltName {
    /// A DNS name.
    Hostname(String),
    /// A URI (SPIFFE id).
    Uri(String),
}

/// The wire shape of [`UpstreamTlsConfig`], with both spellings of the case-insensitive names.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawUpstreamTlsConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sni: Option<String>,
    #[serde(default, rename = "SNI", skip_serializing)]
    sni_go_case: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    use_system_trust_store: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ca_certificate: Option<TlsCaCertificate>,
    #[serde(default, rename = "CACertificate", skip_serializing)]
    ca_certificate_go_case: Option<TlsCaCertificate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    client_certificates: Vec<TlsCertificate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    subject_alt_names: Vec<SubjectAltName>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    insecure_skip_verify: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_version: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    ciphers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    ecdh_curves: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    signature_algorithms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    alpn_protocols: Option<Vec<String>>,
}

impl From<RawUpstreamTlsConfig> for UpstreamTlsConfig {
    fn from(raw: RawUpstreamTlsConfig) -> Self {
        Self {
            sni: raw.sni.or(raw.sni_go_case),
            use_system_trust_store: raw.use_system_trust_store,
            ca_certificate: raw.ca_certificate.or(raw.ca_certificate_go_case),
            client_certificates: raw.client_certificates,
            subject_alt_names: raw.subject_alt_names,
            insecure_skip_verify: raw.insecure_skip_verify,
            min_version: raw.min_version,
            max_version: raw.max_version,
            ciphers: raw.ciphers,
            ecdh_curves: raw.ecdh_curves,
            signature_algorithms: raw.signature_algorithms,
            alpn_protocols: raw.alpn_protocols,
        }
    }
}

impl From<UpstreamTlsConfig> for RawUpstreamTlsConfig {
    fn from(tls: UpstreamTlsConfig) -> Self {
        Self {
            sni: tls.sni,
            sni_go_case: None,
            use_system_trust_store: tls.use_system_trust_store,
            ca_certificate: tls.ca_certificate,
            ca_certificate_go_case: None,
            client_certificates: tls.client_certificates,
            subject_alt_names: tls.subject_alt_names,
            insecure_skip_verify: tls.insecure_skip_verify,
            min_version: tls.min_version,
            max_version: tls.max_version,
            ciphers: tls.ciphers,
            ecdh_curves: tls.ecdh_curves,
            signature_algorithms: tls.signature_algorithms,
            alpn_protocols: tls.alpn_protocols,
        }
    }
}
