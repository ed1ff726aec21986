//! TLS termination settings towards downstream clients (`ClientTLSSettings`): versions, ciphers, client
//! certificate validation and session resumption.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::{
    AlpnProtocol, StringMatch, StringMatchType, TlsFingerprintType, TlsVersion,
};
use crate::gateway_api::SecretObjectReference;

/// TLS termination settings towards downstream clients (`ClientTLSSettings`, which inlines `TLSSettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientTlsSettings {
    /// How the certificates of clients are validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_validation: Option<ClientValidationContext>,
    /// The minimum TLS version; defaults to 1.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_version: Option<TlsVersion>,
    /// The maximum TLS version; defaults to 1.3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_version: Option<TlsVersion>,
    /// The cipher suites of TLS 1.0 to 1.2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ciphers: Vec<String>,
    /// The supported ECDH curves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ecdh_curves: Vec<String>,
    /// The supported signature algorithms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signature_algorithms: Vec<String>,
    /// The ALPN protocols offered; `None` means the defaults (`h2`, `http/1.1`), an empty list disables ALPN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpn_protocols: Option<Vec<AlpnProtocol>>,
    /// The TLS client fingerprints to compute.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprints: Vec<TlsFingerprintType>,
    /// TLS session management.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Session>,
}

crate::string_enum! {
    /// How a listener validates client certificates (`ClientValidationModeType`).
    pub enum ClientValidationModeType {
        /// Request a certificate, do not require one.
        Request = "Request",
        /// Require a certificate, accept it even when verification fails.
        RequireAny = "RequireAny",
        /// Request a certificate; if one is given, it must be valid.
        VerifyIfGiven = "VerifyIfGiven",
        /// Require a valid certificate (the default).
        RequireAndVerify = "RequireAndVerify",
    }
}

/// How the certificates of clients are validated (`ClientValidationContext`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientValidationContext {
    /// Whether connections without a client certificate are accepted (deprecated: use `mode`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
    /// How client certificates are validated; defaults to `RequireAndVerify`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ClientValidationModeType>,
    /// `ConfigMaps` or Secrets with the trusted CA certificates (key `ca.crt`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ca_certificate_refs: Vec<SecretObjectReference>,
    /// Base64 SHA-256 hashes of accepted certificate public keys (SPKI).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spki_hashes: Vec<String>,
    /// Hex SHA-256 hashes of accepted certificates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificate_hashes: Vec<String>,
    /// Matchers the Subject Alternative Names of the certificate must satisfy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_alt_names: Option<SubjectAltNames>,
    /// Certificate revocation lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crl: Option<CrlContext>,
    /// Whether expired but otherwise valid client certificates are accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_expired_certificate: Option<bool>,
}

/// Subject Alternative Name matchers (`SubjectAltNames`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubjectAltNames {
    /// DNS name matchers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns_names: Vec<StringMatch>,
    /// Email address matchers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub email_addresses: Vec<StringMatch>,
    /// IP address matchers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ip_addresses: Vec<StringMatch>,
    /// URI matchers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uris: Vec<StringMatch>,
    /// Other name matchers, by OID.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<OtherSanMatch>,
}

/// A matcher of an "other name" Subject Alternative Name (`OtherSANMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OtherSanMatch {
    /// The OID of the name.
    pub oid: String,
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<StringMatchType>,
    /// The pattern.
    pub value: String,
}

/// Certificate revocation lists (`CrlContext`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CrlContext {
    /// `ConfigMaps` or Secrets with the CRLs in PEM (key `ca.crl`).
    #[serde(default)]
    pub refs: Vec<SecretObjectReference>,
    /// Whether only the leaf certificate is checked against the CRLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_verify_leaf_certificate: Option<bool>,
}

/// TLS session management (`Session`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// Which session resumption methods are enabled; none by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resumption: Option<SessionResumption>,
}

/// The enabled TLS session resumption methods (`SessionResumption`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionResumption {
    /// Stateless (session ticket) resumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stateless: Option<StatelessTlsSessionResumption>,
    /// Stateful (session ID) resumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stateful: Option<StatefulTlsSessionResumption>,
}

/// Stateless, session-ticket based TLS session resumption (`StatelessTLSSessionResumption`); no fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatelessTlsSessionResumption {}

/// Stateful, session-ID based TLS session resumption (`StatefulTLSSessionResumption`); no fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatefulTlsSessionResumption {}
