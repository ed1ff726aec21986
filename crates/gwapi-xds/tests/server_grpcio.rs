//! A second real xDS client: PyPI grpcio's proxyless xDS client fetches an API listener, a route
//! configuration, a cluster and its endpoints over state-of-the-world ADS, calls through them, and follows a
//! route change.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Command, Stdio};
use std::time::Duration;

use gwapi_testing::envoy::{free_port, wait_until};
use gwapi_xds::XdsResources;
use gwapi_xds::render::from_json;
use gwapi_xds::server::{SnapshotCache, XdsServer};
use serde_json::json;

const KEY: &str = "grpc/clients";

/// An API listener `echo-target` whose route sends every call to `cluster`, and two EDS clusters.
fn resources(cluster: &str, ports: [u16; 2]) -> XdsResources {
    let ads = json!({"ads": {}, "resourceApiVersion": "V3"});
    let listener = json!({
        "name": "echo-target",
        "apiListener": {"apiListener": {
            "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
            "rds": {"configSource": ads, "routeConfigName": "echo-route"},
            "httpFilters": [{"name": "router", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"
            }}]
        }}
    });
    let route = json!({
        "name": "echo-route",
        "virtualHosts": [{"name": "echo", "domains": ["*"], "routes": [
            {"match": {"prefix": ""}, "route": {"cluster": cluster}}
        ]}]
    });
    let mut resources = XdsResources::default();
    resources.listeners.push(from_json(&listener).unwrap());
    resources.routes.push(from_json(&route).unwrap());
    for (name, port) in ["echo-one", "echo-two"].into_iter().zip(ports) {
        let cluster = json!({
            "name": name, "type": "EDS", "lbPolicy": "ROUND_ROBIN",
            "edsClusterConfig": {"edsConfig": ads}
        });
        let endpoints = json!({
            "clusterName": name,
            "endpoints": [{
                "locality": {"region": "local"},
                "loadBalancingWeight": 1,
                "lbEndpoints": [{"endpoint": {"address": {"socketAddress": {
                    "address": "127.0.0.1", "portValue": port
                }}}}]
            }]
        });
        resources.clusters.push(from_json(&cluster).unwrap());
        resources.endpoints.push(from_json(&endpoints).unwrap());
    }
    resources
}

#[test]
fn grpcio_proxyless_client_over_state_of_the_world_ads() {
    let python = gwapi_testing::python_with_grpcio().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let cache = SnapshotCache::new();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let xds = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(XdsServer::new(cache.clone()).serve(listener, async {
        let _ = stopped.await;
    }));

    let ports = [free_port().unwrap(), free_port().unwrap()];
    assert!(cache.set(KEY, resources("echo-one", ports)));
    let dir = std::env::temp_dir().join(format!("gwapi-grpcio-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bootstrap = dir.join("bootstrap.json");
    let config = json!({
        "xds_servers": [{
            "server_uri": xds.to_string(),
            "channel_creds": [{"type": "insecure"}],
            "server_features": ["xds_v3"]
        }],
        "node": {"id": "grpc-client-1", "cluster": KEY}
    });
    std::fs::write(&bootstrap, config.to_string()).unwrap();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/server_e2e/grpc_xds_client.py"
    );
    let mut client = Command::new(&python)
        .arg(script)
        .args(ports.map(|p| p.to_string()))
        .env("GRPC_XDS_BOOTSTRAP", &bootstrap)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = client.stdin.take().unwrap();
    let mut output = BufReader::new(client.stdout.take().unwrap());
    let mut call = |backend: &str| {
        writeln!(input, "{backend}").unwrap();
        let mut line = String::new();
        output.read_line(&mut line).unwrap();
        line
    };

    assert_eq!(call("one").trim(), "OK one hi");
    assert_eq!(cache.stats().connected_streams, 1);
    // The client ACKs each of LDS, RDS, CDS and EDS (the last ACK may follow the first call).
    wait_until(Duration::from_secs(20), "four ACKs", || {
        (cache.stats().acks >= 4).then_some(())
    })
    .unwrap();
    assert!(cache.set(KEY, resources("echo-two", ports)));
    assert_eq!(call("two").trim(), "OK two hi");
    assert_eq!(cache.stats().nacks, 0);

    drop(input);
    let exit = wait_until(Duration::from_secs(20), "the client to exit", || {
        client.try_wait().unwrap()
    })
    .unwrap();
    assert!(exit.success());
    let _ = stop.send(());
    runtime
        .block_on(async { tokio::time::timeout(Duration::from_secs(20), server).await })
        .unwrap()
        .unwrap()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
