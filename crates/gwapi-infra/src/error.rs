//! The one error type of this crate.

/// What can go wrong while rendering the objects of a proxy fleet.
///
/// Rendering is total for well-formed input; these errors are about input the renderer cannot turn into
/// objects at all (an unreadable custom bootstrap, a patch that does not apply).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The IR infra has no proxy to render.
    #[error("the infra has no proxy")]
    MissingProxy,
    /// A custom bootstrap (`spec.bootstrap.value`) or the default bootstrap is not valid YAML.
    #[error("invalid bootstrap YAML: {source}")]
    BootstrapYaml {
        /// The parser's error.
        #[source]
        source: serde_norway::Error,
    },
    /// A JSON patch (RFC 6902) of the bootstrap failed.
    #[error("bootstrap JSON patch {index} ({op} {path}) failed: {reason}")]
    JsonPatch {
        /// The position of the failing operation in `spec.bootstrap.jsonPatches`.
        index: usize,
        /// The operation.
        op: String,
        /// The target path.
        path: String,
        /// Why it failed.
        reason: String,
    },
    /// A Kubernetes patch (`KubernetesPatchSpec`) of a generated object failed.
    #[error("patch of {object} failed: {reason}")]
    Patch {
        /// The kind of the patched object.
        object: &'static str,
        /// Why it failed.
        reason: String,
    },
    /// A generated or patched object could not be converted to or from JSON.
    #[error("{object} is not representable: {source}")]
    Json {
        /// The kind of the object.
        object: &'static str,
        /// The serde error.
        #[source]
        source: serde_json::Error,
    },
    /// The rendered manifests could not be written as YAML.
    #[error("YAML output failed: {source}")]
    Yaml {
        /// The serializer's error.
        #[source]
        source: serde_norway::Error,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
