//! `gwapi-controller translate`: the quickstart translates to config dumps, IR, statuses and fleet
//! objects; a broken document is reported with its location while the rest still translates.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn quickstart() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/quickstart")
}

/// Runs `translate ARGS -o json`: (success, stdout as JSON, stderr).
fn translate(args: &[&str], input: &Path) -> (bool, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gwapi-controller"))
        .arg("translate")
        .arg(input)
        .args(args)
        .args(["--output", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.success(),
        json,
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_quickstart_translates_to_every_target() {
    let (ok, all, stderr) = translate(&[], &quickstart());
    assert!(ok, "{stderr}");
    let configs = all["xds"]["default/eg"]["configs"].as_array().unwrap();
    let types: Vec<&str> = configs
        .iter()
        .map(|c| c["@type"].as_str().unwrap())
        .collect();
    assert!(types[0].ends_with("BootstrapConfigDump"), "{types:?}");
    assert!(types.iter().any(|t| t.ends_with("ListenersConfigDump")));

    let (ok, routes, _) = translate(&["--type", "route"], &quickstart());
    assert!(ok);
    let route_config = &routes["xds"]["default/eg"]["dynamicRouteConfigs"][0]["routeConfig"];
    assert_eq!(route_config["name"], "default/eg/http");
    assert_eq!(
        route_config["virtualHosts"][0]["domains"][0],
        "www.example.com"
    );

    let (ok, ir, _) = translate(&["--to", "ir"], &quickstart());
    assert!(ok);
    assert_eq!(
        ir["xdsIR"]["default/eg"]["http"][0]["name"],
        "default/eg/http"
    );
    assert!(ir["infraIR"]["default/eg"]["proxy"].is_object());

    let (ok, statuses, _) = translate(&["--to", "gateway-api"], &quickstart());
    assert!(ok);
    let route = &statuses["httpRoutes"][0];
    assert_eq!(route["metadata"]["name"], "backend");
    let conditions = route["status"]["parents"][0]["conditions"]
        .as_array()
        .unwrap();
    assert!(
        conditions
            .iter()
            .any(|c| c["type"] == "Accepted" && c["status"] == "True"),
        "{conditions:?}"
    );

    let (ok, infra, _) = translate(&["--to", "infra"], &quickstart());
    assert!(ok);
    let kinds: Vec<&str> = infra["infra"]["default/eg"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"Deployment") && kinds.contains(&"Service"),
        "{kinds:?}"
    );
}

#[test]
fn a_broken_document_is_reported_and_the_rest_translates() {
    let dir = std::env::temp_dir().join(format!("gwapi-translate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["backend.yaml", "gateway.yaml", "route.yaml"] {
        std::fs::copy(quickstart().join(file), dir.join(file)).unwrap();
    }
    std::fs::write(
        dir.join("broken.yaml"),
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: broken\n  \
         namespace: default\nspec:\n  parentRefs: 7\n",
    )
    .unwrap();
    let (ok, routes, stderr) = translate(&["--type", "route"], &dir);
    assert!(!ok, "a broken input fails the command");
    assert!(stderr.contains("broken.yaml"), "{stderr}");
    assert!(stderr.contains("parentRefs"), "{stderr}");
    let route_config = &routes["xds"]["default/eg"]["dynamicRouteConfigs"][0]["routeConfig"];
    assert_eq!(
        route_config["virtualHosts"][0]["domains"][0],
        "www.example.com"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_a_gateway_class_the_command_explains_why() {
    let dir = std::env::temp_dir().join(format!("gwapi-translate-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(quickstart().join("route.yaml"), dir.join("route.yaml")).unwrap();
    let (ok, _, stderr) = translate(&[], &dir);
    assert!(!ok);
    assert!(stderr.contains("no GatewayClass"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
