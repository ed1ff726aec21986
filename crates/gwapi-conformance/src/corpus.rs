//! Where the corpus is: `GWAPI_CORPUS` if set, else `../shared/corpus` next to the repository.

use std::path::PathBuf;

pub use gwapi_testing::CORPUS_ENV;

/// The corpus directory (see [`gwapi_testing::corpus_dir`]).
///
/// # Errors
/// When the directory does not exist, with a message that says where it looked and how to point elsewhere.
pub fn corpus_dir() -> anyhow::Result<PathBuf> {
    gwapi_testing::corpus_dir().map_err(anyhow::Error::msg)
}
