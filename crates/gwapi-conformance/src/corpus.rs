//! Where the corpus is: `GWAPI_CORPUS` if set, else `../shared/corpus` next to the repository.

use std::path::PathBuf;

/// The environment variable that overrides the corpus location.
pub const CORPUS_ENV: &str = "GWAPI_CORPUS";

/// The corpus directory: `$GWAPI_CORPUS`, or `../shared/corpus` relative to the repository root.
///
/// # Errors
/// When the directory does not exist, with a message that says where it looked and how to point elsewhere.
pub fn corpus_dir() -> anyhow::Result<PathBuf> {
    let dir = match std::env::var_os(CORPUS_ENV) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
    };
    anyhow::ensure!(
        dir.is_dir(),
        "corpus not found at {} (set {CORPUS_ENV} to its location)",
        dir.display()
    );
    Ok(dir)
}
