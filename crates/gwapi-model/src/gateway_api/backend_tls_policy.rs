//! `BackendTLSPolicy`: how a Gateway connects to a backend with TLS.

use std::collections::BTreeMap;

use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{LocalObjectReference, LocalPolicyTargetReferenceWithSectionName, PolicyStatus};

/// How the Gateway talks TLS to the targeted backends (`BackendTLSPolicySpec`). The kind is
/// [`BackendTlsPolicy`].
#[derive(
    CustomResource, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema,
)]
#[kube(
    group = "gateway.networking.k8s.io",
    version = "v1",
    kind = "BackendTLSPolicy",
    root = "BackendTlsPolicy",
    plural = "backendtlspolicies",
    namespaced,
    status = "PolicyStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct BackendTlsPolicySpec {
    /// The backends (usually Services, optionally one port of them by `sectionName`) the policy applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_refs: Vec<LocalPolicyTargetReferenceWithSectionName>,
    /// How the backend's certificate is validated.
    pub validation: BackendTlsPolicyValidation,
    /// Implementation-specific TLS settings.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
}

crate::string_enum! {
    /// A well-known set of CA certificates (`WellKnownCACertificatesType`); implementations may define
    /// prefixed names of their own, which are kept as `Unknown`.
    pub enum WellKnownCaCertificates {
        /// The system's trusted CA certificates.
        System = "System",
    }
}

/// How the backend's certificate is validated (`BackendTLSPolicyValidation`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackendTlsPolicyValidation {
    /// `ConfigMaps` (or other objects) holding the trusted CA certificates, in PEM.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ca_certificate_refs: Vec<LocalObjectReference>,
    /// A well-known set of CA certificates to trust instead of `caCertificateRefs`.
    #[serde(
        default,
        rename = "wellKnownCACertificates",
        skip_serializing_if = "Option::is_none"
    )]
    pub well_known_ca_certificates: Option<WellKnownCaCertificates>,
    /// The SNI sent to the backend, and the name its certificate must carry unless `subjectAltNames` is set.
    pub hostname: String,
    /// The names the backend's certificate must carry (one of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject_alt_names: Vec<SubjectAltName>,
}

crate::string_enum! {
    /// The form of a [`SubjectAltName`] (`SubjectAltNameType`).
    pub enum SubjectAltNameType {
        /// A DNS name.
        Hostname = "Hostname",
        /// A URI.
        Uri = "URI",
    }
}

/// A Subject Alternative Name the backend's certificate must carry (`SubjectAltName`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubjectAltName {
    /// The form of the name (required by the CRD, but omitted by some inputs).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<SubjectAltNameType>,
    /// The DNS name, for `Hostname`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// The URI, for `URI`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}
