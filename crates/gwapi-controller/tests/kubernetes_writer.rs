#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The leader's writer against the mock API: failed writes are tried again, and a periodic resync puts
//! back a fleet object edited by someone else.

mod kubernetes_mock;

use std::sync::Arc;
use std::time::Duration;

use gwapi_controller::provider::kubernetes::{InfraApplier, StatusWriter, Writer};
use gwapi_infra::InfraRenderer;
use http::Method;
use kubernetes_mock::{CONTROLLER, FakeApi, World, gateway, gateway_class, http_route, service};
use serde_json::json;
use tokio::sync::watch;

async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..100 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn failed_writes_are_retried_and_drift_is_put_back() {
    let mut world = World::new(FakeApi::new());
    world.create(gateway_class());
    world.create(gateway("gw", "eg"));
    world.create(service());
    let route = world.create(http_route("r", 1, "gw"));
    world.sync();
    let fake = world.fake.clone();
    fake.fail(Method::PATCH, &format!("{route}/status"), 500, 2);

    let writer = Writer::new(
        StatusWriter::new(fake.client(), world.observed.clone(), CONTROLLER),
        InfraApplier::new(
            fake.client(),
            InfraRenderer::default(),
            "gwapi",
            Some("envoy-gateway-system".to_owned()),
        ),
    )
    .retry_delay(Duration::from_millis(20))
    .resync(Duration::from_millis(300));
    let (_desired, desired_rx) = watch::channel(Some(Arc::new(world.translate())));
    let (_leading, leading_rx) = watch::channel(true);
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(writer.run(desired_rx, leading_rx, async move {
        let mut stopped = stopped;
        let _ = stopped.wait_for(|s| *s).await;
    }));

    eventually("the route's status after two failures", || {
        fake.get(&route).is_some_and(|r| r.get("status").is_some())
    })
    .await;
    let attempts = fake
        .log()
        .iter()
        .filter(|l| l.method == Method::PATCH && l.path == format!("{route}/status"))
        .count();
    assert_eq!(attempts, 3);

    // Someone edits the proxies' image by hand; the next resync applies the rendered Deployment again.
    let deployments = "/apis/apps/v1/namespaces/envoy-gateway-system/deployments";
    let path = fake.paths(&format!("{deployments}/")).pop().unwrap();
    let mut edited = fake.get(&path).unwrap();
    let image = edited["spec"]["template"]["spec"]["containers"][0]["image"].clone();
    assert!(image.is_string());
    edited["spec"]["template"]["spec"]["containers"][0]["image"] = json!("example.com/other");
    fake.put(deployments, edited);
    eventually("the resync", || {
        fake.get(&path).unwrap()["spec"]["template"]["spec"]["containers"][0]["image"] == image
    })
    .await;

    stop.send_replace(true);
    task.await.unwrap();
}
