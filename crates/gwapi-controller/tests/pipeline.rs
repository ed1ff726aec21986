#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The synchronous core: store apply/delete -> pipeline runs that report only what changed.

use gwapi_controller::pipeline::{HostConfig, Pipeline, PipelineConfig, Store};
use gwapi_model::builders::{
    GatewayBuilder, GatewayClassBuilder, HttpRouteBuilder, ServiceBuilder,
};
use gwapi_model::resource::{Resource, ResourceKind};

fn gateway(name: &str, port: i32) -> Resource {
    GatewayBuilder::new("default", name)
        .http_listener("http", port)
        .build()
        .into()
}

fn route(name: &str, gateway: &str, prefix: &str) -> Resource {
    HttpRouteBuilder::new("default", name)
        .parent(gateway)
        .rule(|r| r.path_prefix(prefix).backend("echo", 8080))
        .build()
        .into()
}

fn namespace(name: &str) -> Resource {
    let mut namespace = gwapi_model::core::Namespace::default();
    namespace.metadata.name = Some(name.to_owned());
    namespace.into()
}

fn world() -> Store {
    let mut store = Store::new();
    store.apply(namespace("default"));
    store.apply(GatewayClassBuilder::new("eg").build().into());
    store.apply(gateway("gw1", 8080));
    store.apply(gateway("gw2", 8081));
    store.apply(
        ServiceBuilder::new("default", "echo")
            .port("http", 8080)
            .cluster_ip("10.0.0.1")
            .build()
            .into(),
    );
    store
}

#[test]
fn store_apply_and_delete_report_changes() {
    let mut store = Store::new();
    assert!(store.apply(route("r", "gw1", "/")));
    assert_eq!(store.revision(), 1);
    assert!(
        !store.apply(route("r", "gw1", "/")),
        "same object: no change"
    );
    assert_eq!(store.revision(), 1);
    assert!(store.apply(route("r", "gw1", "/v2")), "changed spec");
    assert_eq!(store.revision(), 2);
    assert!(!store.delete(ResourceKind::HttpRoute, "default", "other"));
    assert!(store.delete(ResourceKind::HttpRoute, "default", "r"));
    assert_eq!(store.revision(), 3);
    assert!(store.is_empty());
}

#[test]
fn first_run_publishes_every_key_then_nothing() {
    let store = world();
    let mut pipeline = Pipeline::new(PipelineConfig::default());
    let first = pipeline.run(&store.snapshot());
    assert_eq!(
        first.changed.keys().collect::<Vec<_>>(),
        ["default/gw1", "default/gw2"]
    );
    assert!(first.statuses.is_some() && first.infra.is_some());
    assert!(first.removed.is_empty() && first.errors.is_empty());

    let second = pipeline.run(&store.snapshot());
    assert!(
        second.is_empty(),
        "unchanged input publishes nothing: {second:?}"
    );
}

#[test]
fn a_route_change_republishes_its_gateway_only() {
    let mut store = world();
    let mut pipeline = Pipeline::new(PipelineConfig::default());
    pipeline.run(&store.snapshot());

    assert!(store.apply(route("r1", "gw1", "/")));
    let update = pipeline.run(&store.snapshot());
    assert_eq!(update.changed.keys().collect::<Vec<_>>(), ["default/gw1"]);
    assert!(update.statuses.is_some(), "the route got a status");
    assert!(update.infra.is_none(), "a route does not change the fleets");
    let routes = &update.changed["default/gw1"].routes;
    assert_eq!(routes.len(), 1);

    // Same route again: the store does not change; the pipeline publishes nothing.
    assert!(!store.apply(route("r1", "gw1", "/")));
    assert!(pipeline.run(&store.snapshot()).is_empty());

    // A new prefix: gw1 again, and only gw1.
    store.apply(route("r1", "gw1", "/v2"));
    let update = pipeline.run(&store.snapshot());
    assert_eq!(update.changed.keys().collect::<Vec<_>>(), ["default/gw1"]);
}

#[test]
fn deleting_a_gateway_removes_its_key() {
    let mut store = world();
    let mut pipeline = Pipeline::new(PipelineConfig::default());
    pipeline.run(&store.snapshot());
    assert!(store.delete(ResourceKind::Gateway, "default", "gw2"));
    let update = pipeline.run(&store.snapshot());
    assert!(update.changed.is_empty());
    assert_eq!(update.removed, ["default/gw2"]);
    assert_eq!(
        update.infra.unwrap().keys().collect::<Vec<_>>(),
        ["default/gw1"]
    );
    assert_eq!(
        pipeline.outputs().keys().collect::<Vec<_>>(),
        ["default/gw1"]
    );
}

#[test]
fn host_mode_binds_loopback_on_the_ir_port() {
    let mut store = world();
    store.apply(gateway("low", 80));
    let mut pipeline = Pipeline::new(PipelineConfig::default().host(HostConfig::default()));
    pipeline.run(&store.snapshot());
    let output = &pipeline.outputs()["default/low"];
    assert!(output.ir.ready_listener.is_none());
    let listener = &output.ir.http[0];
    assert_eq!(listener.address, "127.0.0.1");
    assert_eq!(
        listener.port, 10080,
        "privileged ports get +10000, as the IR says"
    );
    let envoy = &output.resources.listeners[0];
    let address = format!("{:?}", envoy.address);
    assert!(
        address.contains("127.0.0.1") && address.contains("10080"),
        "{address}"
    );
}

#[test]
fn translation_is_independent_of_apply_order() {
    let objects = vec![
        GatewayClassBuilder::new("eg").build().into(),
        gateway("gw1", 8080),
        route("a", "gw1", "/a"),
        route("b", "gw1", "/b"),
    ];
    let mut forward = Store::new();
    let mut backward = Store::new();
    for o in &objects {
        forward.apply(o.clone());
    }
    for o in objects.iter().rev() {
        backward.apply(o.clone());
    }
    let mut p1 = Pipeline::new(PipelineConfig::default());
    let mut p2 = Pipeline::new(PipelineConfig::default());
    assert_eq!(
        p1.run(&forward.snapshot()).changed,
        p2.run(&backward.snapshot()).changed
    );
    assert_eq!(p1.statuses(), p2.statuses());
}
