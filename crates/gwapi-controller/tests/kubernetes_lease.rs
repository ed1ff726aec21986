#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Leader election against the mock API, and the handover of writes: only the leader writes, and a new
//! leader writes nothing its predecessor already wrote.

mod kubernetes_mock;

use std::sync::Arc;
use std::time::Duration;

use gwapi_controller::provider::kubernetes::{
    InfraApplier, LeaderElector, LeaseConfig, StatusWriter, Writer,
};
use gwapi_infra::InfraRenderer;
use http::Method;
use k8s_openapi::api::coordination::v1::Lease;
use kube::Api;
use kubernetes_mock::{CONTROLLER, FakeApi, World, gateway, gateway_class, http_route, service};
use serde_json::json;
use tokio::sync::watch;

const NAMESPACE: &str = "envoy-gateway-system";
const LEASE: &str = "/apis/coordination.k8s.io/v1/namespaces/envoy-gateway-system/leases/gwapi";

fn elector(fake: &FakeApi, identity: &str) -> LeaderElector {
    let api: Api<Lease> = Api::namespaced(fake.client(), NAMESPACE);
    LeaderElector::new(api, LeaseConfig::new("gwapi", identity))
}

#[tokio::test]
async fn one_replica_leads_until_it_releases_or_its_lease_expires() {
    let fake = FakeApi::new();
    let mut a = elector(&fake, "a");
    let mut b = elector(&fake, "b");
    assert!(a.round().await, "a creates the lease");
    assert!(!b.round().await, "b sees it held");
    assert!(a.round().await, "a renews");
    assert_eq!(fake.get(LEASE).unwrap()["spec"]["holderIdentity"], "a");

    a.release().await;
    assert!(!a.is_leading());
    assert!(b.round().await, "b takes the released lease");
    assert!(!a.round().await);
    let lease = fake.get(LEASE).unwrap();
    assert_eq!(lease["spec"]["holderIdentity"], "b");
    assert_eq!(lease["spec"]["leaseTransitions"], 1);

    // b stops renewing; once its lease expired, a takes over.
    let mut expired = lease;
    expired["spec"]["renewTime"] = json!("2020-01-01T00:00:00.000000Z");
    fake.put(
        "/apis/coordination.k8s.io/v1/namespaces/envoy-gateway-system/leases",
        expired,
    );
    assert!(a.round().await, "a takes the expired lease");
    assert_eq!(fake.get(LEASE).unwrap()["spec"]["holderIdentity"], "a");
}

#[tokio::test]
async fn two_replicas_racing_for_a_lease_do_not_both_win() {
    let fake = FakeApi::new();
    let mut a = elector(&fake, "a");
    let mut b = elector(&fake, "b");
    // b's create loses to a's (409 AlreadyExists).
    assert!(a.round().await);
    fake.fail(Method::GET, "/leases/gwapi", 404, 1);
    assert!(!b.round().await);
    assert_eq!(fake.get(LEASE).unwrap()["spec"]["holderIdentity"], "a");
}

#[tokio::test]
async fn a_leader_keeps_leading_through_a_short_api_outage() {
    let fake = FakeApi::new();
    let mut a = elector(&fake, "a");
    assert!(a.round().await);
    fake.fail(Method::GET, "/leases/gwapi", 500, 1);
    assert!(a.round().await, "within the renew deadline");
}

fn status_patches(fake: &FakeApi) -> usize {
    fake.writes()
        .iter()
        .filter(|w| w.method == Method::PATCH && w.path.ends_with("/status"))
        .count()
}

fn fleet_writes(fake: &FakeApi) -> usize {
    fake.writes()
        .iter()
        .filter(|w| {
            w.path.contains("/namespaces/envoy-gateway-system/") && !w.path.contains("leases")
        })
        .count()
}

/// The fleet lists a writer makes at the end of each pass in which it checks the fleets.
fn fleet_lists(fake: &FakeApi) -> usize {
    fake.log()
        .iter()
        .filter(|l| l.method == Method::GET && l.query.contains("labelSelector"))
        .count()
}

async fn settle() {
    tokio::time::sleep(Duration::from_millis(300)).await;
}

async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn leadership_handover_writes_nothing_twice() {
    let fake = FakeApi::new();
    let mut replica_a = World::new(fake.clone());
    replica_a.create(gateway_class());
    replica_a.create(gateway("gw", "eg"));
    replica_a.create(service());
    replica_a.create(http_route("r", 1, "gw"));
    replica_a.sync();
    let mut replica_b = World::new(fake.clone());
    replica_b.sync();

    let mut a = elector(&fake, "a");
    let mut b = elector(&fake, "b");
    let replica_writer = |world: &World| {
        Writer::new(
            StatusWriter::new(fake.client(), world.observed.clone(), CONTROLLER),
            InfraApplier::new(
                fake.client(),
                InfraRenderer::default(),
                "gwapi",
                Some(NAMESPACE.to_owned()),
            ),
        )
    };
    let (desired_a, desired_a_rx) = watch::channel(Some(Arc::new(replica_a.translate())));
    let (desired_b, desired_b_rx) = watch::channel(Some(Arc::new(replica_b.translate())));
    let (stop, stopped) = watch::channel(false);
    let until_stopped = || {
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|s| *s).await;
        }
    };
    let task_a =
        tokio::spawn(replica_writer(&replica_a).run(desired_a_rx, a.subscribe(), until_stopped()));
    let task_b =
        tokio::spawn(replica_writer(&replica_b).run(desired_b_rx, b.subscribe(), until_stopped()));

    // Nobody leads: nobody writes.
    settle().await;
    assert!(fake.writes().is_empty());

    assert!(a.round().await);
    assert!(!b.round().await);
    eventually("a's writes", || {
        status_patches(&fake) == 3 && fleet_writes(&fake) == 4
    })
    .await;
    settle().await;
    assert_eq!(status_patches(&fake), 3, "a wrote every status once");
    assert_eq!(fleet_writes(&fake), 4, "a applied the fleet once");

    // b, standing by, follows the same translations (its watches saw a's writes) and writes nothing.
    replica_b.sync();
    desired_b.send_replace(Some(Arc::new(replica_b.translate())));
    settle().await;
    fake.clear_log();

    // a hands over to b: b checks everything and writes nothing a already wrote.
    a.release().await;
    assert!(b.round().await);
    eventually("b's first pass", || fleet_lists(&fake) >= 7).await;
    let writes: Vec<String> = fake
        .writes()
        .iter()
        .filter(|w| !w.path.contains("/leases/"))
        .map(|w| format!("{} {}", w.method, w.path))
        .collect();
    assert!(writes.is_empty(), "the new leader rewrote {writes:?}");

    // The next change is written once, by b only.
    replica_a.create(http_route("r", 2, "gw"));
    replica_a.sync();
    replica_b.sync();
    desired_a.send_replace(Some(Arc::new(replica_a.translate())));
    desired_b.send_replace(Some(Arc::new(replica_b.translate())));
    eventually("b's write", || status_patches(&fake) == 1).await;
    settle().await;
    assert_eq!(status_patches(&fake), 1, "written once, by b");

    stop.send_replace(true);
    task_a.await.unwrap();
    task_b.await.unwrap();
}
