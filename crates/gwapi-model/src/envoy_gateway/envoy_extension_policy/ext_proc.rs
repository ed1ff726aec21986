//! External processing (`ExtProc`): a gRPC service that sees (and may change) requests and responses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;
use crate::envoy_gateway::{ClusterSettings, EgBackendRef};
use crate::gateway_api::BackendObjectReference;

/// An external processing filter (`ExtProc`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtProc {
    /// The backend (deprecated: use `backendRefs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_ref: Option<BackendObjectReference>,
    /// The backends of the processor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<EgBackendRef>,
    /// How to connect to the backends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_settings: Option<ClusterSettings>,
    /// The timeout of a response from the processor; defaults to 200ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_timeout: Option<Duration>,
    /// Whether traffic bypasses the processor when it cannot be called (or is misconfigured); defaults
    /// to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_open: Option<bool>,
    /// What is sent to the processor; by default neither headers nor bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_mode: Option<ExtProcProcessingMode>,
    /// Whether the processor only observes ("send and go", Envoy's `observability_mode`); defaults to
    /// false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shadow_mode: Option<bool>,
    /// The dynamic metadata namespaces the processor may read and write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ExtProcMetadata>,
    /// The HTTP status returned when the processor fails or cannot be reached (4xx or 5xx); defaults to
    /// 500.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_on_error: Option<i32>,
}

/// What is sent to the external processor (`ExtProcProcessingMode`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtProcProcessingMode {
    /// Request processing; request headers are sent when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<ProcessingModeOptions>,
    /// Response processing; response headers are sent when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ProcessingModeOptions>,
    /// Whether the processor may override the mode (`mode_override`); defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_mode_override: Option<bool>,
}

crate::string_enum! {
    /// How a body is sent to the external processor (`ExtProcBodyProcessingMode`).
    pub enum ExtProcBodyProcessingMode {
        /// In pieces, as they arrive.
        Streamed = "Streamed",
        /// Whole, buffered in memory; too large a body is an error.
        Buffered = "Buffered",
        /// Whole, buffered up to the buffer limit, which is all that is sent.
        BufferedPartial = "BufferedPartial",
        /// In pieces, with trailers, full duplex (requires `failOpen: false`).
        FullDuplexStreamed = "FullDuplexStreamed",
    }
}

/// Processing of one direction (`ProcessingModeOptions`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingModeOptions {
    /// How the body is sent; not sent when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ExtProcBodyProcessingMode>,
    /// Envoy attributes sent to the processor (prefixes `connection`, `source`, `destination`,
    /// `request`, `response`, `upstream`, `xds.route`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<String>,
}

/// Dynamic metadata exchanged with the external processor (`ExtProcMetadata`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtProcMetadata {
    /// Namespaces sent to the processor as context.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accessible_namespaces: Vec<String>,
    /// Namespaces the processor may write to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub writable_namespaces: Vec<String>,
}
