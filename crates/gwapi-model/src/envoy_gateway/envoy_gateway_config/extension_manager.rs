//! Extension managers of the controller (`ExtensionManager`): the resources and hooks an extension server
//! handles, and how to reach it (`ExtensionService`).

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;
use crate::envoy_gateway::{FqdnEndpoint, IpEndpoint, UnixSocket};
use crate::gateway_api::{Fraction, SecretObjectReference};

/// An extension server registered with the controller (`ExtensionManager`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionManager {
    /// A unique name of this extension manager.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Kinds handled as route filters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<GroupVersionKind>,
    /// Kinds handled as policies attached to Gateway API objects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_resources: Vec<GroupVersionKind>,
    /// Kinds handled as custom backendRefs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_resources: Vec<GroupVersionKind>,
    /// The hooks the extension supports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hooks: Option<ExtensionHooks>,
    /// How to reach the extension server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ExtensionService>,
    /// Whether errors of the extension server are ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_open: Option<bool>,
    /// The largest message exchanged with the extension server; 4M when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_message_size: Option<Quantity>,
}

/// A Kubernetes kind (`GroupVersionKind`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GroupVersionKind {
    /// The API group.
    pub group: String,
    /// The API version.
    pub version: String,
    /// The kind.
    pub kind: String,
}

/// The hooks an extension supports (`ExtensionHooks`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionHooks {
    /// Hooks of the xDS translator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xds_translator: Option<XdsTranslatorHooks>,
}

crate::string_enum! {
    /// A hook of the xDS translator (`XDSTranslatorHook`).
    pub enum XdsTranslatorHook {
        /// Each virtual host.
        VirtualHost = "VirtualHost",
        /// Each route.
        Route = "Route",
        /// Each HTTP listener.
        HttpListener = "HTTPListener",
        /// Each cluster.
        Cluster = "Cluster",
        /// Each endpoint set.
        Endpoints = "Endpoints",
        /// The whole translation.
        Translation = "Translation",
    }
}

/// The hooks of the xDS translator (`XDSTranslatorHooks`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct XdsTranslatorHooks {
    /// Hooks called before translation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pre: Vec<XdsTranslatorHook>,
    /// Hooks called after translation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post: Vec<XdsTranslatorHook>,
    /// What the `Translation` hook receives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<TranslationConfig>,
}

/// What the `Translation` hook receives (`TranslationConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TranslationConfig {
    /// Listeners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listener: Option<ListenerTranslationConfig>,
    /// Routes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<RouteTranslationConfig>,
    /// Clusters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<ClusterTranslationConfig>,
    /// Secrets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<SecretTranslationConfig>,
}

/// Which listeners the `Translation` hook receives (`ListenerTranslationConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListenerTranslationConfig {
    /// Whether all listeners are included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_all: Option<bool>,
}

/// Which routes the `Translation` hook receives (`RouteTranslationConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RouteTranslationConfig {
    /// Whether all routes are included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_all: Option<bool>,
}

/// Which clusters the `Translation` hook receives (`ClusterTranslationConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClusterTranslationConfig {
    /// Whether all clusters are included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_all: Option<bool>,
}

/// Which secrets the `Translation` hook receives (`SecretTranslationConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SecretTranslationConfig {
    /// Whether all secrets are included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_all: Option<bool>,
}

/// How to reach an extension server (`ExtensionService`, which inlines `BackendEndpoint`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionService {
    /// A host name for the endpoint (used for TLS SNI and the `Host` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// An endpoint by DNS name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fqdn: Option<FqdnEndpoint>,
    /// An endpoint by IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpEndpoint>,
    /// An endpoint on a Unix domain socket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unix: Option<UnixSocket>,
    /// The zone of the endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// The host name (deprecated: use `fqdn`, `ip` or `unix`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The port; 80 when unset (deprecated: use `fqdn`, `ip` or `unix`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// TLS towards the extension server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<ExtensionTls>,
    /// Retries of calls to the extension server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<ExtensionServiceRetry>,
}

/// TLS towards an extension server (`ExtensionTLS`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionTls {
    /// A Secret with the CA certificate (key `tls.crt`).
    pub certificate_ref: SecretObjectReference,
    /// A Secret with the client certificate and key, for mTLS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_certificate_ref: Option<SecretObjectReference>,
}

crate::string_enum! {
    /// A gRPC status code that is retried (`RetryableGRPCStatusCode`).
    pub enum RetryableGrpcStatusCode {
        /// `CANCELLED`.
        Cancelled = "CANCELLED",
        /// `UNKNOWN`.
        Unknown_ = "UNKNOWN",
        /// `INVALID_ARGUMENT`.
        InvalidArgument = "INVALID_ARGUMENT",
        /// `DEADLINE_EXCEEDED`.
        DeadlineExceeded = "DEADLINE_EXCEEDED",
        /// `NOT_FOUND`.
        NotFound = "NOT_FOUND",
        /// `ALREADY_EXISTS`.
        AlreadyExists = "ALREADY_EXISTS",
        /// `PERMISSION_DENIED`.
        PermissionDenied = "PERMISSION_DENIED",
        /// `RESOURCE_EXHAUSTED`.
        ResourceExhausted = "RESOURCE_EXHAUSTED",
        /// `FAILED_PRECONDITION`.
        FailedPrecondition = "FAILED_PRECONDITION",
        /// `ABORTED`.
        Aborted = "ABORTED",
        /// `OUT_OF_RANGE`.
        OutOfRange = "OUT_OF_RANGE",
        /// `UNIMPLEMENTED`.
        Unimplemented = "UNIMPLEMENTED",
        /// `INTERNAL`.
        Internal = "INTERNAL",
        /// `UNAVAILABLE`.
        Unavailable = "UNAVAILABLE",
        /// `DATA_LOSS`.
        DataLoss = "DATA_LOSS",
        /// `UNAUTHENTICATED`.
        Unauthenticated = "UNAUTHENTICATED",
    }
}

/// Retries of calls to an extension server (`ExtensionServiceRetry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionServiceRetry {
    /// The most attempts; 4 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<i32>,
    /// The first backoff; 0.1s when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_backoff: Option<Duration>,
    /// The largest backoff; 1s when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_backoff: Option<Duration>,
    /// The backoff multiplier; 2 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_multiplier: Option<Fraction>,
    /// The gRPC status codes that are retried; `UNAVAILABLE` when empty.
    #[serde(
        default,
        rename = "RetryableStatusCodes",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub retryable_status_codes: Vec<RetryableGrpcStatusCode>,
}
