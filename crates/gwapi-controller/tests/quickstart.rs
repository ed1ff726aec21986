#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! `examples/quickstart/` (the README's main command) loads cleanly and translates for host mode: the
//! route is accepted with resolved references, Envoy listens on 127.0.0.1:8080 and sends to 127.0.0.1:3000.

use gwapi_controller::pipeline::{HostConfig, Pipeline, PipelineConfig, Store, summary_table};
use gwapi_controller::provider::FileProvider;
use gwapi_ir::TranslatorConfig;
use gwapi_model::load::Loader;

#[test]
fn quickstart_translates_for_host_mode() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/quickstart");
    let mut store = Store::new();
    let scan = FileProvider::new(&dir, Loader::default())
        .scan(&mut store)
        .unwrap();
    assert!(scan.diagnostics.is_empty(), "{:?}", scan.diagnostics);
    let translator = TranslatorConfig::default().enable_running_on_host(true);
    let mut pipeline = Pipeline::new(
        PipelineConfig::default()
            .translator(translator)
            .host(HostConfig::default()),
    );
    let update = pipeline.run(&store.snapshot());
    let table = summary_table(pipeline.statuses());
    assert!(
        table.contains("parent eg: Accepted=True ResolvedRefs=True"),
        "{table}"
    );
    let resources = &update.changed["default/eg"];
    let listener = format!("{:?}", resources.listeners[0].address);
    assert!(
        listener.contains("127.0.0.1") && listener.contains("8080"),
        "{listener}"
    );
    let endpoints = format!("{:?}", resources.endpoints);
    assert!(
        endpoints.contains("127.0.0.1") && endpoints.contains("3000"),
        "{endpoints}"
    );
}

#[test]
fn an_eg_backend_on_loopback_is_served_in_host_mode() {
    let yaml = r"apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: eg}
spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: eg, namespace: default}
spec:
  gatewayClassName: eg
  listeners: [{name: http, protocol: HTTP, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: backend, namespace: default}
spec:
  parentRefs: [{name: eg}]
  rules:
    - backendRefs: [{group: gateway.envoyproxy.io, kind: Backend, name: local}]
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: Backend
metadata: {name: local, namespace: default}
spec:
  endpoints: [{ip: {address: 127.0.0.1, port: 3000}}]
";
    let dir = std::env::temp_dir().join(format!("gwapi-eg-backend-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("all.yaml"), yaml).unwrap();
    let mut store = Store::new();
    FileProvider::new(&dir, Loader::default())
        .scan(&mut store)
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let translator = TranslatorConfig::default()
        .enable_running_on_host(true)
        .enable_backend(true);
    let mut pipeline = Pipeline::new(
        PipelineConfig::default()
            .translator(translator)
            .host(HostConfig::default()),
    );
    let update = pipeline.run(&store.snapshot());
    let table = summary_table(pipeline.statuses());
    assert!(
        table.contains("parent eg: Accepted=True ResolvedRefs=True"),
        "{table}"
    );
    let resources = &update.changed["default/eg"];
    let listener = format!("{:?}", resources.listeners[0].address);
    assert!(
        listener.contains("PortValue(80)"),
        "a proxy running on the host listens on the Gateway's own port: {listener}"
    );
    let endpoints = format!("{:?}{:?}", resources.endpoints, resources.clusters);
    assert!(
        endpoints.contains("127.0.0.1") && endpoints.contains("3000"),
        "{endpoints}"
    );
}
