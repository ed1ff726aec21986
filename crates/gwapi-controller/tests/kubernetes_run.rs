#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! `run` end to end against the mock API: every kind listed before the first translation, statuses and
//! the fleet written by the leader, the Lease released on shutdown.

mod kubernetes_mock;

use std::net::SocketAddr;
use std::time::Duration;

use gwapi_controller::provider::kubernetes::{KubernetesOptions, LeaseConfig, run};
use http::Method;
use kubernetes_mock::{FakeApi, World, gateway, gateway_class, http_route, service};

fn options() -> KubernetesOptions {
    let mut options = KubernetesOptions::new("replica-1");
    let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
    options.xds_address = loopback;
    options.admin_address = loopback;
    options.debounce = Duration::from_millis(10);
    options.lease =
        Some(LeaseConfig::new("gwapi", "replica-1").retry_period(Duration::from_millis(200)));
    options
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

const LEASE: &str = "/apis/coordination.k8s.io/v1/namespaces/envoy-gateway-system/leases/gwapi";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_controller_lists_translates_writes_and_releases_its_lease() {
    let world = World::new(FakeApi::new());
    world.create(gateway_class());
    world.create(gateway("gw", "eg"));
    world.create(service());
    let route = world.create(http_route("r", 3, "gw"));
    let fake = world.fake.clone();

    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let controller = tokio::spawn(run(fake.client(), options(), async {
        let _ = stopped.await;
    }));

    let mut written = false;
    for _ in 0..200 {
        let status = fake.get(&route).and_then(|r| r.get("status").cloned());
        let fleet = fake
            .paths("/apis/apps/v1/namespaces/envoy-gateway-system/deployments/")
            .len();
        if status.is_some() && fleet == 1 {
            written = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        written,
        "statuses and fleet written: {:?}",
        fake.writes().iter().map(|w| &w.path).collect::<Vec<_>>()
    );
    let status = fake.get(&route).unwrap()["status"].clone();
    assert_eq!(
        status["parents"][0]["conditions"][0]["observedGeneration"],
        3
    );
    assert_eq!(
        fake.get(LEASE).unwrap()["spec"]["holderIdentity"],
        "replica-1"
    );

    // Every kind was listed before the first write.
    let log = fake.log();
    let first_write = log
        .iter()
        .position(|l| l.is_write() && !l.path.contains("/leases"))
        .unwrap();
    let lists_before = log[..first_write]
        .iter()
        .filter(|l| l.method == Method::GET && !l.query.contains("watch"))
        .count();
    assert!(
        lists_before >= 24,
        "{lists_before} lists before the first write"
    );

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), controller)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let lease = fake.get(LEASE).unwrap();
    assert!(
        lease["spec"]["holderIdentity"].is_null(),
        "released: {lease}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listener_certificate_reaches_the_translation_through_the_reference_gate() {
    let world = World::new(FakeApi::new());
    world.create(gateway_class());
    let cert = rcgen::generate_simple_self_signed(vec!["www.example.com".to_owned()]).unwrap();
    let secret = k8s_openapi::api::core::v1::Secret {
        metadata: k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
            name: Some("cert".to_owned()),
            namespace: Some("apps".to_owned()),
            ..Default::default()
        },
        type_: Some("kubernetes.io/tls".to_owned()),
        data: Some(
            [
                ("tls.crt", cert.cert.pem()),
                ("tls.key", cert.signing_key.serialize_pem()),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), k8s_openapi::ByteString(v.into_bytes())))
            .collect(),
        ),
        ..Default::default()
    };
    world.create(serde_json::to_value(&secret).unwrap());
    let mut https = gateway("gw", "eg");
    https["spec"]["listeners"] = serde_json::json!([{"name": "https", "port": 443, "protocol": "HTTPS",
        "tls": {"mode": "Terminate", "certificateRefs": [{"name": "cert"}]}}]);
    let path = world.create(https);
    let fake = world.fake.clone();

    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let controller = tokio::spawn(run(fake.client(), options(), async {
        let _ = stopped.await;
    }));
    eventually("the Gateway's status", || {
        fake.get(&path).is_some_and(|g| g.get("status").is_some())
    })
    .await;
    let status = fake.get(&path).unwrap()["status"].clone();
    let conditions = status["listeners"][0]["conditions"].as_array().unwrap();
    let resolved = conditions
        .iter()
        .find(|c| c["type"] == "ResolvedRefs")
        .unwrap();
    assert_eq!(resolved["status"], "True", "{status}");
    stop.send(()).unwrap();
    controller.await.unwrap().unwrap();
}
