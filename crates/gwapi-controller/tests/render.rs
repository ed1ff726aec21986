//! `gwapi-controller render` writes the objects of each Envoy fleet the manifests define.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

const MANIFESTS: &str = "apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: eg}
spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: argocd-gateway, namespace: argocd}
spec:
  gatewayClassName: eg
  listeners:
  - {name: http, protocol: HTTP, port: 80, hostname: argocd.platform.example.com}
";

#[test]
fn renders_one_fleet_per_gateway() {
    let dir = std::env::temp_dir().join(format!("gwapi-render-{}", std::process::id()));
    let out = dir.join("out");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("gateway.yaml"), MANIFESTS).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_gwapi-controller"))
        .args(["render", "--out"])
        .arg(&out)
        .arg(dir.join("gateway.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    let files: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["argocd-argocd-gateway.yaml"]);
    let yaml = std::fs::read_to_string(out.join("argocd-argocd-gateway.yaml")).unwrap();
    for kind in ["ServiceAccount", "ConfigMap", "Deployment", "Service"] {
        assert!(
            yaml.contains(&format!("kind: {kind}\n")),
            "{kind} missing:\n{yaml}"
        );
    }
    assert!(
        yaml.contains("targetPort: 10080"),
        "privileged port 80 is served on 10080"
    );
}
