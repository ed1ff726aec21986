//! Finds the FileDescriptorSet that `envoy-types` ships (`src/generated/types.bin`) through `cargo metadata`
//! and copies it to `OUT_DIR`, so the crate can embed it and render protos as proto3 JSON.

use std::path::PathBuf;
use std::process::Command;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=build.rs");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR")?;
    let target = std::env::var("TARGET")?;
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            &target,
        ])
        .current_dir(&manifest_dir)
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let manifest = metadata
        .get("packages")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .find(|p| p.get("name").and_then(serde_json::Value::as_str) == Some("envoy-types"))
        .and_then(|p| p.get("manifest_path"))
        .and_then(serde_json::Value::as_str)
        .ok_or("envoy-types not found in cargo metadata")?;
    let source = PathBuf::from(manifest)
        .parent()
        .ok_or("envoy-types manifest has no parent directory")?
        .join("src/generated/types.bin");
    println!("cargo:rerun-if-changed={}", source.display());
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("envoy_types.bin");
    std::fs::copy(&source, &out)?;
    Ok(())
}
