#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Status writes against the mock API: server-side apply once per change, observedGeneration, other
//! controllers' route parents kept, 409 Conflicts retried.

mod kubernetes_mock;

use gwapi_controller::provider::kubernetes::StatusWriter;
use http::Method;
use kubernetes_mock::{CONTROLLER, FakeApi, World, gateway, gateway_class, http_route, service};
use serde_json::json;

fn status_patches(fake: &FakeApi) -> Vec<String> {
    fake.writes()
        .into_iter()
        .filter(|w| w.method == Method::PATCH && w.path.ends_with("/status"))
        .map(|w| w.path)
        .collect()
}

fn world() -> (World, String) {
    let world = World::new(FakeApi::new());
    world.create(gateway_class());
    world.create(gateway("gw", "eg"));
    world.create(service());
    let route = world.create(http_route("r", 5, "gw"));
    world.sync();
    (world, route)
}

#[tokio::test]
async fn statuses_are_written_once_per_change() {
    let (mut world, route) = world();
    let writer = StatusWriter::new(world.fake.client(), world.observed.clone(), CONTROLLER);
    let desired = world.translate();
    let report = writer.write(&desired).await;
    assert_eq!(report.written.len(), 3, "{report:?}");
    assert!(report.failed.is_empty());
    let patches = status_patches(&world.fake);
    assert_eq!(patches.len(), 3);
    let patch = world
        .fake
        .writes()
        .into_iter()
        .find(|w| w.path == format!("{route}/status"))
        .unwrap();
    assert!(
        patch.query.contains("fieldManager=gwapi"),
        "{}",
        patch.query
    );
    assert!(patch.query.contains("force=true"), "{}", patch.query);

    let written = world.fake.get(&route).unwrap();
    let condition = &written["status"]["parents"][0]["conditions"][0];
    assert_eq!(condition["observedGeneration"], 5);
    assert!(condition["lastTransitionTime"].is_string());

    // Nothing changed: nothing written, even before the watch reports the write back.
    world.fake.clear_log();
    assert!(writer.write(&desired).await.written.is_empty());
    world.sync();
    let again = world.translate();
    assert!(writer.write(&again).await.written.is_empty());
    assert!(status_patches(&world.fake).is_empty());

    // A spec change of the route: only the route's status is written, with its new generation.
    world.create(http_route("r", 6, "gw"));
    world.sync();
    let changed = world.translate();
    let report = writer.write(&changed).await;
    assert_eq!(report.written.len(), 1, "{report:?}");
    assert_eq!(status_patches(&world.fake), [format!("{route}/status")]);
    let written = world.fake.get(&route).unwrap();
    let condition = &written["status"]["parents"][0]["conditions"][0];
    assert_eq!(condition["observedGeneration"], 6);
}

#[tokio::test]
async fn other_controllers_parents_are_kept_and_conflicts_retried() {
    let (mut world, route) = world();
    let writer = StatusWriter::new(world.fake.client(), world.observed.clone(), CONTROLLER);
    // Another controller wrote its parent after the watch last reported the route: our write is stale.
    let foreign = json!({"parentRef": {"name": "mesh", "kind": "Service", "group": ""},
        "controllerName": "example.com/mesh", "conditions": []});
    let mut object = world.fake.get(&route).unwrap();
    object["status"] = json!({"parents": [foreign.clone()]});
    let collection = route.rsplit_once('/').unwrap().0.to_owned();
    world.fake.put(&collection, object);

    let desired = world.translate();
    let report = writer.write(&desired).await;
    assert_eq!(report.conflicts, 1, "{report:?}");
    assert!(report.written.iter().any(|k| k.name == "r"));
    let parents = world.fake.get(&route).unwrap()["status"]["parents"].clone();
    assert_eq!(parents.as_array().unwrap().len(), 2, "{parents}");
    assert_eq!(parents[0], foreign);
    assert_eq!(parents[1]["controllerName"], CONTROLLER);

    // The route's conflict was read again (GET) and written again (PATCH).
    let log: Vec<(Method, String)> = world
        .fake
        .log()
        .into_iter()
        .filter(|l| l.path.starts_with(&route))
        .map(|l| (l.method, l.path))
        .collect();
    let status = format!("{route}/status");
    assert_eq!(
        log,
        [
            (Method::PATCH, status.clone()),
            (Method::GET, status.clone()),
            (Method::PATCH, status)
        ]
    );
}

#[tokio::test]
async fn a_persistent_conflict_is_retried_a_bounded_number_of_times() {
    let (mut world, route) = world();
    let writer = StatusWriter::new(world.fake.client(), world.observed.clone(), CONTROLLER);
    world
        .fake
        .fail(Method::PATCH, &format!("{route}/status"), 409, 100);
    let report = writer.write(&world.translate()).await;
    assert_eq!(report.conflicts, 5);
    assert_eq!(report.failed.len(), 1);
    assert_eq!(
        report.written.len(),
        2,
        "the other statuses are still written"
    );
}

#[tokio::test]
async fn a_route_leaving_our_gateways_loses_only_our_parent() {
    let (mut world, route) = world();
    let writer = StatusWriter::new(world.fake.client(), world.observed.clone(), CONTROLLER);
    writer.write(&world.translate()).await;
    world.create(gateway("other", "istio"));
    world.create(http_route("r", 6, "other"));
    world.sync();
    world.fake.clear_log();
    let report = writer.write(&world.translate()).await;
    assert!(report.written.iter().any(|k| k.name == "r"), "{report:?}");
    let status = world.fake.get(&route).unwrap()["status"].clone();
    assert_eq!(status, json!({"parents": []}));
}
