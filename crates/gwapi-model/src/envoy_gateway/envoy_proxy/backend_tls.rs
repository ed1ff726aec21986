//! TLS settings of the proxies towards backends (`BackendTLSConfig`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::{AlpnProtocol, TlsFingerprintType, TlsVersion};
use crate::gateway_api::SecretObjectReference;

/// TLS settings used towards backends that have a TLS policy (`BackendTLSConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendTlsConfig {
    /// A Secret with the client certificate and key presented to backends and external services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_certificate_ref: Option<SecretObjectReference>,
    /// The lowest TLS version allowed; 1.2 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_version: Option<TlsVersion>,
    /// The highest TLS version allowed; 1.3 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_version: Option<TlsVersion>,
    /// The cipher suites of TLS 1.0 to 1.2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ciphers: Vec<String>,
    /// The ECDH curves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ecdh_curves: Vec<String>,
    /// The signature algorithms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signature_algorithms: Vec<String>,
    /// The ALPN protocols offered to backends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alpn_protocols: Vec<AlpnProtocol>,
    /// TLS client fingerprinting modes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprints: Vec<TlsFingerprintType>,
}
