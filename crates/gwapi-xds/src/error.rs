//! The one error type of this crate.

/// What can go wrong while translating or rendering.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A generated resource breaks one of Envoy's validation rules (the reference's
    /// "validation failed for xds resource").
    #[error("validation failed for xds resource {kind} {name:?}: {reason}")]
    Validation {
        /// The resource kind (`Listener`, `Cluster`, ...).
        kind: &'static str,
        /// The resource name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The IR asks for something that cannot be translated (for example a tracing provider type that does not
    /// exist).
    #[error("{0}")]
    Unsupported(String),
    /// The descriptor set embedded from envoy-types is unreadable.
    #[error("the embedded descriptor set is invalid: {0}")]
    Descriptors(String),
    /// A message type is not in the embedded descriptor set.
    #[error("message type {0} is not in the descriptor set")]
    UnknownMessage(String),
    /// A protobuf message could not be decoded.
    #[error("cannot decode {name}: {source}")]
    Decode {
        /// The message type.
        name: String,
        /// The decoding error.
        #[source]
        source: prost::DecodeError,
    },
    /// A value could not be converted to or from proto3 JSON.
    #[error("proto3 JSON: {0}")]
    Json(#[source] serde_json::Error),
    /// A value could not be converted to or from YAML.
    #[error("YAML: {0}")]
    Yaml(#[source] serde_norway::Error),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
