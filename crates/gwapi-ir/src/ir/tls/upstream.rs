//! TLS towards backends (EG's `ir.TLSUpstreamConfig`).

use serde::{Deserialize, Serialize};

use super::{TlsCaCertificate, TlsCertificate};

/// TLS settings of a backend connection. Go decodes field names case-insensitively, so hand-written IR
/// also spells `SNI` and `CACertificate`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpstreamTlsConfig {
    /// The SNI sent to the backend.
    #[serde(default, alias = "SNI", skip_serializing_if = "Option::is_none")]
    pub sni: Option<String>,
    /// Whether the system trust store validates the backend certificate.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub use_system_trust_store: bool,
    /// The CA bundle that validates the backend certificate.
    #[serde(
        default,
        alias = "CACertificate",
        skip_serializing_if = "Option::is_none"
    )]
    pub ca_certificate: Option<TlsCaCertificate>,
    /// Client certificates presented to the backend.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub client_certificates: Vec<TlsCertificate>,
    /// Subject alt names accepted in the backend certificate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject_alt_names: Vec<SubjectAltName>,
    /// Whether the backend certificate is not verified at all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub insecure_skip_verify: bool,
    /// The minimum TLS version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_version: Option<String>,
    /// The maximum TLS version.
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
    /// The ALPN protocols; `None` means the default for the backend protocol, `Some([])` none at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
