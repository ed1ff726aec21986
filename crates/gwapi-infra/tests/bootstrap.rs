//! The Envoy bootstrap: the `EnvoyProxy` bootstrap modes (Replace, Merge, JSONPatch), and `envoy --mode
//! validate` on every rendered bootstrap (Envoy from `ENVOY_BIN` or `scripts/install-tools`; missing Envoy
//! fails the test).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::PathBuf;

use serde_json::{Value, json};
use support::Variation;

fn render(envoy_proxy: Value) -> gwapi_infra::RenderedInfra {
    let variation = Variation {
        envoy_proxy: Some(envoy_proxy),
        ..Variation::default()
    };
    variation.render().remove(0)
}

fn parse(text: &str) -> Value {
    serde_norway::from_str(text).unwrap()
}

#[test]
fn default_bootstrap_connects_to_xds_over_tls() {
    let bootstrap = parse(&render(json!({})).bootstrap);
    assert_eq!(
        bootstrap["admin"]["address"]["socket_address"],
        json!({"address": "127.0.0.1", "port_value": 19000})
    );
    assert_eq!(
        bootstrap["dynamic_resources"]["ads_config"]["api_type"],
        "DELTA_GRPC"
    );
    let xds = &bootstrap["static_resources"]["clusters"][2];
    assert_eq!(xds["name"], "xds_cluster");
    assert_eq!(
        xds["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]["address"]["socket_address"],
        json!({"address": "envoy-gateway.envoy-gateway-system.svc.cluster.local.", "port_value": 18000})
    );
    assert_eq!(
        xds["transport_socket"]["name"],
        "envoy.transport_sockets.tls"
    );
}

#[test]
fn xds_address_is_configurable() {
    let infra = Variation::default().infra();
    let renderer = gwapi_infra::InfraRenderer::new(
        gwapi_infra::InfraConfig::default()
            .xds_address("xds.example.com")
            .xds_port(18443),
    );
    let bootstrap = parse(&renderer.bootstrap(&infra).unwrap());
    assert_eq!(
        bootstrap["static_resources"]["clusters"][2]["load_assignment"]["endpoints"][0]["lb_endpoints"]
            [0]["endpoint"]["address"]["socket_address"],
        json!({"address": "xds.example.com", "port_value": 18443})
    );
}

#[test]
fn replace_uses_the_value_verbatim() {
    let rendered = render(json!({"bootstrap": {"type": "Replace", "value": "admin: {}\n"}}));
    assert_eq!(rendered.bootstrap, "admin: {}\n");
}

#[test]
fn merge_merges_maps_and_appends_lists() {
    let rendered = render(json!({"bootstrap": {"type": "Merge", "value": r"
stats_flush_interval: 5s
static_resources:
  clusters:
  - name: extra
    type: STATIC
"}}));
    let bootstrap = parse(&rendered.bootstrap);
    assert_eq!(bootstrap["stats_flush_interval"], "5s");
    let clusters = bootstrap["static_resources"]["clusters"]
        .as_array()
        .unwrap();
    assert_eq!(clusters.len(), 4);
    assert_eq!(clusters[3]["name"], "extra");
    assert_eq!(
        bootstrap["admin"]["address"]["socket_address"]["port_value"],
        19000
    );
}

#[test]
fn json_patch_edits_the_default() {
    let rendered = render(json!({"bootstrap": {"type": "JSONPatch", "jsonPatches": [
        {"op": "replace", "path": "/admin/address/socket_address/port_value", "value": 19010},
        {"op": "remove", "path": "/overload_manager"},
    ]}}));
    let bootstrap = parse(&rendered.bootstrap);
    assert_eq!(
        bootstrap["admin"]["address"]["socket_address"]["port_value"],
        19010
    );
    assert!(bootstrap.get("overload_manager").is_none());
    let args = rendered
        .deployment()
        .unwrap()
        .spec
        .template
        .spec
        .as_ref()
        .unwrap()
        .containers[0]
        .args
        .clone()
        .unwrap();
    assert_eq!(args[5], rendered.bootstrap);
}

#[test]
fn a_failing_json_patch_is_an_error() {
    let variation = Variation {
        envoy_proxy: Some(json!({"bootstrap": {"type": "JSONPatch", "jsonPatches": [
            {"op": "remove", "path": "/no/such/thing"},
        ]}})),
        ..Variation::default()
    };
    let err = variation
        .renderer()
        .render(&variation.infra(), "uid")
        .unwrap_err();
    assert!(
        matches!(err, gwapi_infra::Error::JsonPatch { index: 0, .. }),
        "{err}"
    );
}

/// `envoy --mode validate` accepts the bootstrap of every golden input that renders one.
#[test]
fn envoy_validates_rendered_bootstraps() {
    let envoy = gwapi_testing::envoy_binary().unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("gwapi-infra-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/deployments");
    let mut checked = 0;
    for input in std::fs::read_dir(root).unwrap() {
        let input = input.unwrap().path();
        for rendered in Variation::load(&input).render() {
            if !rendered.bootstrap.contains("xds_cluster") {
                continue; // a custom Replace bootstrap that is not a whole configuration
            }
            for (key, value) in rendered.config_map.data.as_ref().unwrap() {
                std::fs::write(dir.join(key), value).unwrap();
            }
            let sds = format!("{}/", dir.display());
            let config = dir.join("bootstrap.yaml");
            std::fs::write(&config, rendered.bootstrap.replace("/sds/", &sds)).unwrap();
            let output = std::process::Command::new(&envoy)
                .args([
                    "--mode",
                    "validate",
                    "--service-node",
                    "n",
                    "--service-cluster",
                    "c",
                    "-c",
                ])
                .arg(&config)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{}: {}",
                input.display(),
                String::from_utf8_lossy(&output.stderr)
            );
            checked += 1;
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(checked > 10, "only {checked} bootstraps validated");
}
