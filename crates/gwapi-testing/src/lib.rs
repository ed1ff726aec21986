//! Test support shared by gwapi's crates: one place that knows where the corpus of oracles is, and where the
//! pinned Envoy is, and the backends tests send traffic to (an HTTP echo, a gRPC echo like the conformance suite's
//! with its client). Tests that need the corpus or Envoy fail with a clear message when it is missing; they never
//! skip.
//!
//! ```
//! let dir = gwapi_testing::corpus_dir_or_default();
//! assert!(dir.ends_with("shared/corpus") || std::env::var_os(gwapi_testing::CORPUS_ENV).is_some());
//! ```

#![forbid(unsafe_code)]

use std::path::PathBuf;

pub mod echo;
pub mod envoy;
pub mod grpc_call;
pub mod grpc_echo;
pub mod grpc_wire;

/// The environment variable that overrides the corpus location.
pub const CORPUS_ENV: &str = "GWAPI_CORPUS";

/// The environment variable that names the Envoy binary.
pub const ENVOY_ENV: &str = "ENVOY_BIN";

/// The repository root.
fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `$GWAPI_CORPUS`, or `../shared/corpus` next to the repository, whether or not it exists.
#[must_use]
pub fn corpus_dir_or_default() -> PathBuf {
    std::env::var_os(CORPUS_ENV)
        .map_or_else(|| repository_root().join("../shared/corpus"), PathBuf::from)
}

/// The corpus directory: `$GWAPI_CORPUS`, or `../shared/corpus` relative to the repository root.
///
/// # Errors
/// When the directory does not exist, with a message that says where it looked and how to point elsewhere.
pub fn corpus_dir() -> Result<PathBuf, String> {
    let dir = corpus_dir_or_default();
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "corpus not found at {} (set {CORPUS_ENV} to its location)",
            dir.display()
        ))
    }
}

/// The Envoy binary: `$ENVOY_BIN`, or the one `scripts/install-tools` installs in `.tools/`.
///
/// # Errors
/// When neither exists, with a message that says how to install it.
pub fn envoy_binary() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os(ENVOY_ENV).filter(|b| !b.is_empty()) {
        return Ok(PathBuf::from(bin));
    }
    let lib = repository_root().join(".tools/venv/lib");
    std::fs::read_dir(&lib)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|python| python.path().join("site-packages/envoy/_bin/envoy"))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            format!("Envoy 1.40.0 not found: set {ENVOY_ENV} or run scripts/install-tools")
        })
}

/// The environment variable that names the Python that has `grpcio` (for proxyless xDS client tests).
pub const PYTHON_ENV: &str = "GWAPI_PYTHON";

/// The Python with `grpcio`: `$GWAPI_PYTHON`, or the one `scripts/install-tools` installs in `.tools/`.
///
/// # Errors
/// When neither exists, with a message that says how to install it.
pub fn python_with_grpcio() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os(PYTHON_ENV).filter(|b| !b.is_empty()) {
        return Ok(PathBuf::from(bin));
    }
    let python = repository_root().join(".tools/venv/bin/python");
    if python.is_file() {
        Ok(python)
    } else {
        Err(format!(
            "Python with grpcio not found: set {PYTHON_ENV} or run scripts/install-tools"
        ))
    }
}
