//! External processing (EnvoyExtensionPolicy `extProc`); becomes Envoy's `envoy.filters.http.ext_proc`.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;
use crate::ir::RouteDestination;

/// An external processor of a route (`ir.ExtProc`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_excessive_bools)] // independent flags of the filter
pub struct ExtProc {
    /// A unique name (`envoyextensionpolicy/<namespace>/<name>/extproc/<index>`); names the filter.
    #[serde(default)]
    pub name: String,
    /// The backend of the `envoy.service.ext_proc.v3.ExternalProcessor` gRPC service.
    pub destination: RouteDestination,
    /// Traffic settings of the connection to the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<crate::ir::TrafficFeatures>,
    /// The `:authority` of the gRPC calls.
    #[serde(default)]
    pub authority: String,
    /// How long to wait for each response of the processor (`message_timeout`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_timeout: Option<GoDuration>,
    /// Whether requests go on when the processor fails (`failure_mode_allow`).
    #[serde(default)]
    pub fail_open: bool,
    /// Whether request headers are sent (`processing_mode.request_header_mode: SEND`).
    #[serde(default)]
    pub request_header_processing: bool,
    /// How the request body is sent; `None` does not send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body_processing_mode: Option<BodyProcessingMode>,
    /// Whether response headers are sent (`processing_mode.response_header_mode: SEND`).
    #[serde(default)]
    pub response_header_processing: bool,
    /// How the response body is sent; `None` does not send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_body_processing_mode: Option<BodyProcessingMode>,
    /// Attributes sent with the request headers (`request_attributes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_attributes: Vec<String>,
    /// Attributes sent with the response headers (`response_attributes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_attributes: Vec<String>,
    /// Dynamic metadata namespaces forwarded to the processor
    /// (`metadata_options.forwarding_namespaces.untyped`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forwarding_metadata_namespaces: Vec<String>,
    /// Dynamic metadata namespaces the processor may write
    /// (`metadata_options.receiving_namespaces.untyped`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub receiving_metadata_namespaces: Vec<String>,
    /// Whether the processor may change the processing mode (`allow_mode_override`).
    #[serde(default)]
    pub allow_mode_override: bool,
    /// Whether the processor only observes, without waiting for its answers (`observability_mode`).
    #[serde(default)]
    pub shadow_mode: bool,
}

/// How a message body is sent to the processor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BodyProcessingMode {
    /// In pieces as they arrive (`STREAMED`).
    Streamed,
    /// Buffered whole, up to the buffer limit (`BUFFERED`).
    Buffered,
    /// In pieces, with trailers, the processor answering as it goes (`FULL_DUPLEX_STREAMED`).
    FullDuplexStreamed,
    /// Buffered up to the buffer limit, then sent (`BUFFERED_PARTIAL`).
    BufferedPartial,
}
