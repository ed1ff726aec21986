#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Fleet objects against the mock API: created with server-side apply, updated when the Gateway
//! changes, left alone when nothing changed, deleted when the fleet goes away (by owner label only).

mod kubernetes_mock;

use gwapi_controller::provider::kubernetes::{InfraApplier, OWNER_LABEL};
use gwapi_infra::InfraRenderer;
use http::Method;
use kubernetes_mock::{FakeApi, World, gateway, gateway_class};
use serde_json::json;

const NAMESPACE: &str = "envoy-gateway-system";

fn applier(world: &World) -> InfraApplier {
    InfraApplier::new(
        world.fake.client(),
        InfraRenderer::default(),
        "gwapi",
        Some(NAMESPACE.to_owned()),
    )
}

#[tokio::test]
async fn fleets_are_created_updated_and_deleted() {
    let mut world = World::new(FakeApi::new());
    world.create(gateway_class());
    world.create(gateway("gw", "eg"));
    world.sync();
    // Someone else's object with the fleet labels but not ours: never collected.
    world.fake.put(
        &format!("/apis/apps/v1/namespaces/{NAMESPACE}/deployments"),
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "envoy-gateway-owned", "namespace": NAMESPACE,
                "labels": {"app.kubernetes.io/managed-by": "envoy-gateway"}}}),
    );
    let applier = applier(&world);

    let desired = world.translate();
    assert_eq!(desired.infra.len(), 1);
    let report = applier.apply(&desired).await;
    assert!(!report.failed, "{report:?}");
    let kinds: Vec<&str> = report.applied.iter().map(|k| k.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["ServiceAccount", "ConfigMap", "Deployment", "Service"]
    );
    let deployment = &report.applied[2];
    let path = format!(
        "/apis/apps/v1/namespaces/{NAMESPACE}/deployments/{}",
        deployment.name
    );
    let live = world.fake.get(&path).unwrap();
    assert_eq!(live["metadata"]["labels"][OWNER_LABEL], "gwapi");
    assert_eq!(live["metadata"]["ownerReferences"][0]["uid"], "class-uid");
    let request = world
        .fake
        .writes()
        .into_iter()
        .find(|w| w.path == path)
        .unwrap();
    assert_eq!(request.method, Method::PATCH);
    assert!(request.query.contains("fieldManager=gwapi"));

    // Nothing changed: only lists.
    world.fake.clear_log();
    let report = applier.apply(&desired).await;
    assert!(
        report.applied.is_empty() && report.deleted.is_empty(),
        "{report:?}"
    );
    assert!(world.fake.writes().is_empty());

    // A new listener: the Service and the Deployment change.
    let mut changed = gateway("gw", "eg");
    changed["spec"]["listeners"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "admin", "port": 8443, "protocol": "HTTP"}));
    world.create(changed);
    world.sync();
    let report = applier.apply(&world.translate()).await;
    let kinds: Vec<&str> = report.applied.iter().map(|k| k.kind.as_str()).collect();
    assert!(kinds.contains(&"Service"), "{kinds:?}");
    assert!(!kinds.contains(&"ServiceAccount"), "{kinds:?}");
    assert!(report.deleted.is_empty());

    // The Gateway moves to another class: its fleet is collected, the foreign Deployment stays.
    world.create(gateway("gw", "istio"));
    world.sync();
    let desired = world.translate();
    assert!(desired.infra.is_empty());
    let report = applier.apply(&desired).await;
    assert_eq!(report.deleted.len(), 4, "{report:?}");
    assert!(world.fake.get(&path).is_none());
    let left = world.fake.paths(&format!(
        "/apis/apps/v1/namespaces/{NAMESPACE}/deployments/"
    ));
    assert_eq!(
        left,
        [format!(
            "/apis/apps/v1/namespaces/{NAMESPACE}/deployments/envoy-gateway-owned"
        )]
    );
}

#[tokio::test]
async fn a_failed_apply_is_reported() {
    let mut world = World::new(FakeApi::new());
    world.create(gateway_class());
    world.create(gateway("gw", "eg"));
    world.sync();
    world.fake.fail(Method::PATCH, "", 500, 1);
    let report = applier(&world).apply(&world.translate()).await;
    assert!(report.failed);
    assert_eq!(
        report.applied.len(),
        3,
        "the other objects are still applied"
    );
}
