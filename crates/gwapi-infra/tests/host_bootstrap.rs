#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The host-mode bootstrap passes `envoy --mode validate` (Envoy 1.40.0), delta and state of the world.

use gwapi_infra::HostBootstrap;

#[test]
fn host_bootstrap_passes_envoy_validation() {
    let envoy = gwapi_testing::envoy_binary().unwrap_or_else(|e| panic!("{e}"));
    for delta in [true, false] {
        let yaml = HostBootstrap::new("argocd/argocd-gateway", 18000)
            .enable_delta(delta)
            .render();
        let file = std::env::temp_dir().join(format!(
            "gwapi-host-bootstrap-{}-{delta}.yaml",
            std::process::id()
        ));
        std::fs::write(&file, &yaml).unwrap();
        let output = std::process::Command::new(&envoy)
            .args(["--mode", "validate", "--disable-hot-restart", "-c"])
            .arg(&file)
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&file);
        assert!(
            output.status.success(),
            "{yaml}\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
