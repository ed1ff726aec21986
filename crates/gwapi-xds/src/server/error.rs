//! The error type of the ADS server.

/// What can stop the ADS server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The gRPC transport failed (the listener or a connection could not be served).
    #[error("xDS server transport: {0}")]
    Transport(#[from] tonic::transport::Error),
    /// The listening socket could not be used.
    #[error("xDS server socket: {0}")]
    Io(#[from] std::io::Error),
}
