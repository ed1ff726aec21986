//! Gateway-wide TLS settings (`GatewayTLSConfig`): client certificate validation for clients (frontend) and
//! the client certificate the Gateway presents to backends (backend).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::gateway_api::{ObjectReference, SecretObjectReference};

/// Gateway-wide TLS settings (`GatewayTLSConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GatewayTlsConfig {
    /// TLS settings for connections from the Gateway to backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend: Option<GatewayBackendTls>,
    /// TLS settings for connections from clients to the Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frontend: Option<FrontendTlsConfig>,
}

/// TLS settings for connections from the Gateway to backends (`GatewayBackendTLS`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GatewayBackendTls {
    /// The client certificate (and key) the Gateway presents to backends that ask for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_certificate_ref: Option<SecretObjectReference>,
}

/// Client certificate validation for connections from clients (`FrontendTLSConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FrontendTlsConfig {
    /// The settings for every HTTPS listener without a `perPort` entry.
    pub default: TlsConfig,
    /// Settings for the HTTPS listeners of one port each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub per_port: Vec<TlsPortConfig>,
}

/// Client-facing TLS settings of some listeners (`TLSConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TlsConfig {
    /// How client certificates are validated; they are not asked for when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<FrontendTlsValidation>,
}

/// Client-facing TLS settings of the listeners of one port (`TLSPortConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TlsPortConfig {
    /// The port.
    pub port: i32,
    /// The settings for the HTTPS listeners of this port.
    pub tls: TlsConfig,
}

crate::string_enum! {
    /// What happens to clients without a valid certificate (`FrontendValidationModeType`).
    pub enum FrontendValidationMode {
        /// Only clients with a valid certificate connect (the default).
        AllowValidOnly = "AllowValidOnly",
        /// Clients with an invalid or no certificate connect too.
        AllowInsecureFallback = "AllowInsecureFallback",
    }
}

/// How client certificates are validated (`FrontendTLSValidation`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FrontendTlsValidation {
    /// The objects (usually `ConfigMaps`) holding the trusted CA certificates, in PEM.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ca_certificate_refs: Vec<ObjectReference>,
    /// Whether clients without a valid certificate are let in; defaults to `AllowValidOnly`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<FrontendValidationMode>,
}
