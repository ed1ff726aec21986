#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The watchers against the mock API: the first list, a watch restart after 410 Gone (re-list, objects
//! deleted meanwhile dropped), events, and the scope of the controller's GatewayClass.

mod kubernetes_mock;

use std::time::Duration;

use gwapi_controller::pipeline::Store;
use gwapi_controller::provider::kubernetes::{
    KindFeed, ObservedObjects, Scope, ServedVersions, SyncTracker, watch_kind, watched_kind,
};
use gwapi_controller::runtime::SharedStore;
use gwapi_model::resource::{ObjectKey, ResourceKind};
use kube::runtime::watcher::Event;
use kubernetes_mock::{FakeApi, gateway};
use serde_json::json;

const GATEWAYS: &str = "/apis/gateway.networking.k8s.io/v1/namespaces/apps/gateways";
const ALL_GATEWAYS: &str = "/apis/gateway.networking.k8s.io/v1/gateways";

fn gateway_names(store: &SharedStore) -> Vec<String> {
    store.read(|s: &Store| {
        s.keys()
            .filter(|k| k.kind == ResourceKind::Gateway)
            .map(|k| k.name.clone())
            .collect()
    })
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
async fn a_watch_restart_relists_and_drops_what_was_deleted_meanwhile() {
    let fake = FakeApi::new();
    fake.put(GATEWAYS, gateway("a", "eg"));
    fake.put(GATEWAYS, gateway("b", "eg"));
    fake.put(GATEWAYS, gateway("x", "istio"));
    let store = SharedStore::default();
    let observed = ObservedObjects::default();
    let kind = watched_kind(ResourceKind::Gateway).unwrap();
    let feed = KindFeed::new(kind, store.clone(), observed.clone(), Scope::new("eg"));
    let sync = SyncTracker::new([ResourceKind::Gateway]);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = ServedVersions::default();
    let task = tokio::spawn(watch_kind(
        fake.client(),
        feed,
        sync.clone(),
        served,
        async {
            let _ = stopped.await;
        },
    ));
    tokio::time::timeout(Duration::from_secs(10), sync.wait())
        .await
        .unwrap();
    assert_eq!(
        gateway_names(&store),
        ["a", "b"],
        "the other class's Gateway is not ours"
    );
    let a = ObjectKey {
        kind: ResourceKind::Gateway,
        namespace: "apps".to_owned(),
        name: "a".to_owned(),
    };
    assert!(observed.get(&a).unwrap().resource_version.is_some());
    let revision = store.read(Store::revision);

    // While the watch is down, b is deleted and c created; the watch then fails with 410 Gone.
    fake.remove(&format!("{GATEWAYS}/b"));
    fake.put(GATEWAYS, gateway("c", "eg"));
    let gone = json!({"type": "ERROR", "object": {"apiVersion": "v1", "kind": "Status",
        "status": "Failure", "message": "too old resource version", "reason": "Expired", "code": 410}});
    fake.script_watch(ALL_GATEWAYS, vec![gone]);
    eventually("the re-list", || gateway_names(&store) == ["a", "c"]).await;
    assert!(
        store.read(Store::revision) <= revision + 2,
        "the re-list is applied as one change per object"
    );

    // Events after the re-list are applied one by one.
    let deleted = fake.get(&format!("{GATEWAYS}/a")).unwrap();
    fake.script_watch(
        ALL_GATEWAYS,
        vec![json!({"type": "DELETED", "object": deleted})],
    );
    eventually("the deletion", || gateway_names(&store) == ["c"]).await;
    assert!(observed.get(&a).is_none());

    let lists = fake
        .log()
        .iter()
        .filter(|l| l.path == ALL_GATEWAYS && !l.query.contains("watch"))
        .count();
    assert_eq!(lists, 2, "one list at start, one after the 410");
    stop.send(()).unwrap();
    task.await.unwrap();
}

#[test]
fn a_gateway_moving_to_another_class_leaves_the_store() {
    let store = SharedStore::default();
    let observed = ObservedObjects::default();
    let kind = watched_kind(ResourceKind::Gateway).unwrap();
    let mut feed = KindFeed::new(kind, store.clone(), observed.clone(), Scope::new("eg"));
    let mut object = gateway("a", "eg");
    object["metadata"]["resourceVersion"] = json!("7");
    object["status"] = json!({"conditions": []});
    feed.handle(Event::Apply(
        serde_json::from_value(object.clone()).unwrap(),
    ));
    assert_eq!(gateway_names(&store), ["a"]);
    let key = ObjectKey {
        kind: ResourceKind::Gateway,
        namespace: "apps".to_owned(),
        name: "a".to_owned(),
    };
    let seen = observed.get(&key).unwrap();
    assert_eq!(seen.resource_version.as_deref(), Some("7"));
    assert_eq!(seen.status, json!({"conditions": []}));

    // A status-only change (new resourceVersion, new status) does not change the store.
    let revision = store.read(Store::revision);
    object["metadata"]["resourceVersion"] = json!("8");
    object["status"] = json!({"conditions": [{"type": "Accepted"}]});
    feed.handle(Event::Apply(
        serde_json::from_value(object.clone()).unwrap(),
    ));
    assert_eq!(store.read(Store::revision), revision);
    assert_eq!(
        observed.get(&key).unwrap().resource_version.as_deref(),
        Some("8")
    );

    object["spec"]["gatewayClassName"] = json!("istio");
    feed.handle(Event::Apply(serde_json::from_value(object).unwrap()));
    assert!(gateway_names(&store).is_empty());
    assert!(observed.get(&key).is_none());
}

fn keys_of(store: &SharedStore, kind: ResourceKind) -> Vec<String> {
    store.read(|s: &Store| {
        s.keys()
            .filter(|k| k.kind == kind)
            .map(|k| format!("{}/{}", k.namespace, k.name))
            .collect()
    })
}

#[test]
fn secrets_enter_the_store_only_while_a_stored_object_names_them() {
    use gwapi_controller::provider::kubernetes::SharedGate;
    let store = SharedStore::default();
    let observed = ObservedObjects::default();
    let gate = SharedGate::default();
    let feed = |kind| {
        KindFeed::new(
            watched_kind(kind).unwrap(),
            store.clone(),
            observed.clone(),
            Scope::new("eg"),
        )
        .with_gate(std::sync::Arc::clone(&gate))
    };
    let mut secrets = feed(ResourceKind::Secret);
    let mut gateways = feed(ResourceKind::Gateway);
    let secret = |name: &str| {
        let object = json!({"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
            "metadata": {"name": name, "namespace": "apps"},
            "data": {"tls.crt": "", "tls.key": ""}});
        Event::Apply(serde_json::from_value(object).unwrap())
    };
    // The Secret arrives first: held back until the Gateway names it.
    secrets.handle(secret("cert"));
    secrets.handle(secret("unrelated"));
    assert!(keys_of(&store, ResourceKind::Secret).is_empty());
    let mut https = gateway("gw", "eg");
    https["spec"]["listeners"][0]["tls"] = json!({"certificateRefs": [{"name": "cert"}]});
    gateways.handle(Event::Apply(serde_json::from_value(https).unwrap()));
    assert_eq!(keys_of(&store, ResourceKind::Secret), ["apps/cert"]);

    // A Gateway of another class naming a Secret does not let it in.
    let mut foreign = gateway("other", "istio");
    foreign["spec"]["listeners"][0]["tls"] = json!({"certificateRefs": [{"name": "unrelated"}]});
    gateways.handle(Event::Apply(serde_json::from_value(foreign).unwrap()));
    assert_eq!(keys_of(&store, ResourceKind::Secret), ["apps/cert"]);

    // The Gateway stops naming it: it leaves the store, and comes back with the next reference.
    gateways.handle(Event::Apply(
        serde_json::from_value(gateway("gw", "eg")).unwrap(),
    ));
    assert!(keys_of(&store, ResourceKind::Secret).is_empty());
    let mut https = gateway("gw", "eg");
    https["spec"]["listeners"][0]["tls"] = json!({"certificateRefs": [{"name": "cert"}]});
    gateways.handle(Event::Apply(serde_json::from_value(https.clone()).unwrap()));
    assert_eq!(keys_of(&store, ResourceKind::Secret), ["apps/cert"]);

    // A re-list of Secrets without it removes it.
    secrets.handle(Event::Init);
    secrets.handle(secret("unrelated"));
    secrets.handle(Event::InitDone);
    assert!(keys_of(&store, ResourceKind::Secret).is_empty());
    secrets.handle(secret("cert"));
    assert_eq!(keys_of(&store, ResourceKind::Secret), ["apps/cert"]);
}

#[tokio::test]
async fn an_older_api_version_is_used_when_the_preferred_one_is_not_served() {
    let fake = FakeApi::new();
    // Gateway API CRDs before v1.5: TLSRoute is served as v1alpha2 only.
    fake.fail(
        http::Method::GET,
        "/gateway.networking.k8s.io/v1/tlsroutes",
        404,
        100,
    );
    fake.fail(
        http::Method::GET,
        "/gateway.networking.k8s.io/v1alpha3/tlsroutes",
        404,
        100,
    );
    fake.put(
        "/apis/gateway.networking.k8s.io/v1alpha2/namespaces/apps/tlsroutes",
        json!({"apiVersion": "gateway.networking.k8s.io/v1alpha2", "kind": "TLSRoute",
            "metadata": {"name": "t", "namespace": "apps"},
            "spec": {"parentRefs": [{"name": "gw"}], "hostnames": ["tls.example.com"],
                "rules": [{"backendRefs": [{"name": "svc", "port": 443}]}]}}),
    );
    let store = SharedStore::default();
    let kind = watched_kind(ResourceKind::TlsRoute).unwrap();
    let feed = KindFeed::new(
        kind,
        store.clone(),
        ObservedObjects::default(),
        Scope::new("eg"),
    );
    let sync = SyncTracker::new([ResourceKind::TlsRoute]);
    let served = ServedVersions::default();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(watch_kind(
        fake.client(),
        feed,
        sync.clone(),
        served.clone(),
        async {
            let _ = stopped.await;
        },
    ));
    tokio::time::timeout(Duration::from_secs(10), sync.wait())
        .await
        .unwrap();
    assert_eq!(keys_of(&store, ResourceKind::TlsRoute), ["apps/t"]);
    let version = served.get(ResourceKind::TlsRoute).unwrap().api.version;
    assert_eq!(
        version, "v1alpha2",
        "status writes go to the served version"
    );
    stop.send(()).unwrap();
    task.await.unwrap();
}
