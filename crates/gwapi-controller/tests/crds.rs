//! `gwapi-controller crds` prints CRDs for the Envoy Gateway kinds that parse back as
//! CustomResourceDefinitions.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use serde::Deserialize;

#[test]
fn crds_parse_back() {
    let output = Command::new(env!("CARGO_BIN_EXE_gwapi-controller"))
        .arg("crds")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let mut kinds = Vec::new();
    for document in serde_norway::Deserializer::from_str(&text) {
        let crd = CustomResourceDefinition::deserialize(document).unwrap();
        assert_eq!(crd.spec.group, "gateway.envoyproxy.io");
        assert_eq!(
            crd.metadata.name.as_deref(),
            Some(format!("{}.{}", crd.spec.names.plural, crd.spec.group).as_str())
        );
        let version = &crd.spec.versions[0];
        assert_eq!(version.name, "v1alpha1");
        let schema = version
            .schema
            .as_ref()
            .and_then(|s| s.open_api_v3_schema.as_ref())
            .unwrap();
        assert!(
            schema.properties.as_ref().unwrap().contains_key("spec"),
            "{} has a spec",
            crd.spec.names.kind
        );
        kinds.push(crd.spec.names.kind);
    }
    kinds.sort();
    for kind in [
        "Backend",
        "BackendTrafficPolicy",
        "ClientTrafficPolicy",
        "EnvoyExtensionPolicy",
        "EnvoyPatchPolicy",
        "EnvoyProxy",
        "HTTPRouteFilter",
        "SecurityPolicy",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "{kind} missing from {kinds:?}"
        );
    }
}
