//! The end-to-end scenario shared by the state-of-the-world and delta tests: a real Envoy fetching its
//! configuration over ADS from an `XdsServer`, sending real requests to echo backends on 127.0.0.1.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use envoy_types::pb::envoy::config::cluster::v3::Cluster;
use envoy_types::pb::google::protobuf::Duration as ProtoDuration;
use gwapi_testing::echo::EchoBackend;
use gwapi_testing::envoy::{AdsVariant, Envoy, ads_bootstrap, free_port, http_get, wait_until};
use gwapi_xds::server::{SnapshotCache, XdsServer};
use gwapi_xds::{XdsConfig, XdsResources, XdsTranslator};
use tokio::runtime::Runtime;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The IR key, named by the proxy's node cluster.
const KEY: &str = "default/eg";

/// How long each step may take.
const STEP: Duration = Duration::from_secs(30);

/// The resources of one HTTP listener on 127.0.0.1:`port` routing every request to `backend`.
fn resources(port: u16, backend: SocketAddr) -> XdsResources {
    let ir = format!(
        r#"
http:
- name: default/eg/http
  address: 127.0.0.1
  port: {port}
  hostnames: ["*"]
  routes:
  - name: httproute/default/echo/rule/0/match/0/*
    hostname: "*"
    pathMatch:
      prefix: /
    destination:
      name: httproute/default/echo/rule/0
      settings:
      - name: httproute/default/echo/rule/0/backend/0
        weight: 1
        endpoints:
        - host: "{ip}"
          port: {backend_port}
"#,
        ip = backend.ip(),
        backend_port = backend.port()
    );
    let ir = serde_norway::from_str(&ir).unwrap();
    XdsTranslator::new(XdsConfig::default())
        .translate(&ir)
        .unwrap()
}

/// A running server and what stops it.
struct Running {
    cache: SnapshotCache,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), gwapi_xds::server::ServerError>>,
}

fn start_server(runtime: &Runtime, address: SocketAddr) -> (Running, SocketAddr) {
    let cache = SnapshotCache::new();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = XdsServer::new(cache.clone())
        .keepalive(Duration::from_secs(10))
        .max_connection_age(Duration::from_mins(10));
    let task = runtime.spawn(server.serve(listener, async {
        let _ = stopped.await;
    }));
    (Running { cache, stop, task }, address)
}

fn stop_server(runtime: &Runtime, running: Running) {
    let _ = running.stop.send(());
    runtime
        .block_on(async { tokio::time::timeout(STEP, running.task).await })
        .expect("the server shuts down gracefully in time")
        .unwrap()
        .unwrap();
}

/// Waits until requests through Envoy reach the backend named `name`.
fn wait_for_backend(envoy: &Envoy, listener: SocketAddr, name: &str) {
    let prefix = format!("{name} ");
    wait_until(STEP, &format!("traffic to backend {name}"), || {
        http_get(listener, "www.example.com", "/hello")
            .ok()
            .filter(|r| r.status == 200 && r.body.starts_with(&prefix))
    })
    .unwrap_or_else(|e| panic!("{e}\n{}", envoy.log_tail()));
}

/// Sends `count` requests and checks each reaches the backend named `name`.
fn assert_traffic(listener: SocketAddr, name: &str, count: usize) {
    for i in 0..count {
        let response = http_get(listener, "www.example.com", &format!("/steady/{i}")).unwrap();
        assert_eq!(response.status, 200, "{response:?}");
        assert_eq!(response.body, format!("{name} /steady/{i}"));
    }
}

/// The whole scenario for one ADS variant.
pub fn scenario(variant: AdsVariant) {
    let started = Instant::now();
    let runtime = Runtime::new().unwrap();
    let (a, b) = (
        EchoBackend::start("a").unwrap(),
        EchoBackend::start("b").unwrap(),
    );
    let port = free_port().unwrap();
    let listener = SocketAddr::from(([127, 0, 0, 1], port));
    let (server, xds) = start_server(&runtime, SocketAddr::from(([127, 0, 0, 1], 0)));

    // 1. Publish, start Envoy, serve traffic.
    assert!(server.cache.set(KEY, resources(port, a.address())));
    let envoy = Envoy::start(&ads_bootstrap("envoy-1", KEY, xds, variant)).unwrap();
    wait_for_backend(&envoy, listener, "a");
    assert_traffic(listener, "a", 5);
    assert_eq!(server.cache.stats().connected_streams, 1);
    eprintln!("[{variant:?}] serving after {:?}", started.elapsed());

    // 2. A changed route changes routing; the same resources again change nothing.
    let good = resources(port, b.address());
    assert!(server.cache.set(KEY, good.clone()));
    assert!(!server.cache.set(KEY, good.clone()));
    wait_for_backend(&envoy, listener, "b");
    assert_traffic(listener, "b", 5);

    // 3. An invalid configuration is NACKed, counted, not resent; the last good one keeps serving.
    let mut invalid = good.clone();
    invalid.clusters.push(Cluster {
        name: "invalid".to_owned(),
        connect_timeout: Some(ProtoDuration {
            seconds: -1,
            nanos: 0,
        }),
        ..Cluster::default()
    });
    assert!(server.cache.set(KEY, invalid));
    let nack = wait_until(STEP, "a NACK", || {
        server.cache.stats().last_nacks.get(KEY).cloned()
    })
    .unwrap();
    assert!(
        nack.type_url.ends_with("envoy.config.cluster.v3.Cluster"),
        "{nack:?}"
    );
    assert_eq!(nack.node_id, "envoy-1");
    assert!(!nack.message.is_empty());
    assert_traffic(listener, "b", 5);
    wait_until(STEP, "Envoy's count of rejected CDS updates", || {
        (envoy.stat("cluster_manager.cds.update_rejected") == Some(1)).then_some(())
    })
    .unwrap();
    // Going back to the good configuration is a new version and is accepted; the rejected one was never
    // sent again (one NACK in all).
    let acks = server.cache.stats().acks;
    assert!(server.cache.set(KEY, good));
    wait_until(STEP, "the ACK of the good configuration", || {
        (server.cache.stats().acks > acks).then_some(())
    })
    .unwrap();
    assert_eq!(server.cache.stats().nacks, 1);
    assert_traffic(listener, "b", 5);
    eprintln!("[{variant:?}] NACK handled after {:?}", started.elapsed());

    // 4. The server restarts (a new process would start with an empty cache): Envoy keeps serving meanwhile,
    // then reconnects and resynchronises.
    stop_server(&runtime, server);
    assert_traffic(listener, "b", 5);
    let (server, _) = start_server(&runtime, xds);
    assert!(server.cache.set(KEY, resources(port, a.address())));
    wait_for_backend(&envoy, listener, "a");
    assert_traffic(listener, "a", 5);
    wait_until(STEP, "the reconnected stream", || {
        (server.cache.stats().connected_streams == 1).then_some(())
    })
    .unwrap();
    assert_eq!(server.cache.stats().nacks, 0);
    eprintln!("[{variant:?}] resynchronised after {:?}", started.elapsed());
    stop_server(&runtime, server);
    drop(envoy);
}

/// With a short maximum connection age, streams end and Envoy reconnects, receiving the same
/// configuration again without losing traffic.
pub fn max_age_reconnects(variant: AdsVariant) {
    let runtime = Runtime::new().unwrap();
    let backend = EchoBackend::start("a").unwrap();
    let port = free_port().unwrap();
    let listener = SocketAddr::from(([127, 0, 0, 1], port));
    let cache = SnapshotCache::new();
    let xds_listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let xds = xds_listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = XdsServer::new(cache.clone())
        .keepalive(Duration::from_secs(1))
        .keepalive_timeout(Duration::from_secs(5))
        .max_connection_age(Duration::from_millis(700));
    let task = runtime.spawn(server.serve(xds_listener, async {
        let _ = stopped.await;
    }));
    assert!(cache.set(KEY, resources(port, backend.address())));
    let envoy = Envoy::start(&ads_bootstrap("envoy-1", KEY, xds, variant)).unwrap();
    wait_for_backend(&envoy, listener, "a");
    let pushes = cache.stats().pushes;
    // Every new stream is answered again: two reconnections at least.
    wait_until(STEP, "pushes on reconnected streams", || {
        (cache.stats().pushes >= pushes * 3).then_some(())
    })
    .unwrap_or_else(|e| panic!("{e}\n{}", envoy.log_tail()));
    assert_traffic(listener, "a", 5);
    assert_eq!(cache.stats().nacks, 0);
    let _ = stop.send(());
    runtime
        .block_on(async { tokio::time::timeout(STEP, task).await })
        .unwrap()
        .unwrap()
        .unwrap();
}
