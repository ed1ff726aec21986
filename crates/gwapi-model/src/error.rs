//! The crate's error type.

/// Errors of gwapi-model: the caller's mistakes and I/O failures. Bad input inside a document is not an
/// error but a diagnostic, so that the rest of the input still loads.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that could not be read.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An object could not be written as YAML.
    #[error("cannot serialize {what}: {source}")]
    Serialize {
        /// What was being written.
        what: String,
        /// The underlying error.
        #[source]
        source: serde_norway::Error,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
