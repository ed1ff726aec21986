#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Standalone mode end to end, with a real Envoy 1.40.0 on loopback: the seed's ArgoCD setup (HTTP and
//! HTTPS with a generated certificate), route edits under steady load, invalid changes, controller restarts.

mod support;

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::Secret;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use support::{Controller, TempDir, free_port, get, stop_envoys, tls_connector, wait_for};

const HOST: &str = "argocd.platform.example.com";

struct Ports {
    http: u16,
    https: u16,
    xds: u16,
}

/// The ArgoCD Gateway (HTTP and HTTPS listeners), its TLS Secret, and two echo Services.
#[allow(clippy::too_many_lines)]
fn write_world(
    dir: &Path,
    ports: &Ports,
    echo_a: u16,
    echo_b: u16,
    cert: &rcgen::CertifiedKey<rcgen::KeyPair>,
) {
    let gateway = format!(
        r"apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: eg
spec:
  controllerName: gateway.envoyproxy.io/gatewayclass-controller
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: argocd-gateway
  namespace: argocd
spec:
  gatewayClassName: eg
  listeners:
    - name: http
      protocol: HTTP
      port: {http}
      hostname: {HOST}
      allowedRoutes:
        namespaces:
          from: Same
    - name: https
      protocol: HTTPS
      port: {https}
      hostname: {HOST}
      tls:
        mode: Terminate
        certificateRefs:
          - kind: Secret
            name: argocd-server-tls
      allowedRoutes:
        namespaces:
          from: Same
",
        http = ports.http,
        https = ports.https,
    );
    std::fs::write(dir.join("gateway.yaml"), gateway).unwrap();
    let secret = Secret {
        metadata: ObjectMeta {
            name: Some("argocd-server-tls".to_owned()),
            namespace: Some("argocd".to_owned()),
            ..ObjectMeta::default()
        },
        type_: Some("kubernetes.io/tls".to_owned()),
        data: Some(
            [
                (
                    "tls.crt".to_owned(),
                    ByteString(cert.cert.pem().into_bytes()),
                ),
                (
                    "tls.key".to_owned(),
                    ByteString(cert.signing_key.serialize_pem().into_bytes()),
                ),
            ]
            .into(),
        ),
        ..Secret::default()
    };
    // k8s-openapi writes apiVersion and kind itself, and `data` in base64.
    std::fs::write(
        dir.join("secret.yaml"),
        serde_norway::to_string(&secret).unwrap(),
    )
    .unwrap();
    let mut services = String::new();
    for (name, port) in [("argocd-server", echo_a), ("argocd-server-canary", echo_b)] {
        let _ = write!(
            services,
            r"---
apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: argocd
spec:
  clusterIP: 10.96.0.{last}
  ports:
    - name: http
      port: 80
      targetPort: {port}
      protocol: TCP
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: {name}-local
  namespace: argocd
  labels:
    kubernetes.io/service-name: {name}
addressType: IPv4
endpoints:
  - addresses: [127.0.0.1]
    conditions:
      ready: true
ports:
  - name: http
    port: {port}
    protocol: TCP
",
            last = port % 250 + 1,
        );
    }
    std::fs::write(dir.join("services.yaml"), services).unwrap();
}

/// The `argocd-server` HTTPRoute sending `/` to `backend`.
fn route(backend: &str) -> String {
    format!(
        r"apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: argocd-server
  namespace: argocd
spec:
  parentRefs:
    - name: argocd-gateway
  hostnames:
    - {HOST}
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: /
      backendRefs:
        - name: {backend}
          port: 80
"
    )
}

/// Writes `text` to `file` atomically (as editors and `kubectl`-style tools do).
fn write_atomically(file: &Path, text: &str) {
    let temporary = file.with_extension("tmp~");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, file).unwrap();
}

/// Sends `count` requests over HTTP, one every `pace`, and returns every outcome in order.
type Outcome = (Instant, Result<(u16, String), String>);

async fn steady_load(port: u16, count: usize, pace: Duration) -> Vec<Outcome> {
    let mut outcomes = Vec::with_capacity(count);
    for _ in 0..count {
        let started = Instant::now();
        let outcome = get(port, HOST, "/", None).await;
        outcomes.push((Instant::now(), outcome));
        tokio::time::sleep(pace.saturating_sub(started.elapsed())).await;
    }
    outcomes
}

fn failures(outcomes: &[Outcome]) -> Vec<String> {
    outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, (_, o))| match o {
            Ok((200, _)) => None,
            Ok((status, body)) => Some(format!("#{i}: {status} {body}")),
            Err(e) => Some(format!("#{i}: {e}")),
        })
        .collect()
}

struct Cleanup<'a>(&'a Path);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        stop_envoys(self.0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)]
async fn argocd_standalone_end_to_end() {
    let input = TempDir::new("input");
    let state = TempDir::new("state");
    let _cleanup = Cleanup(state.path());
    let ports = Ports {
        http: free_port(),
        https: free_port(),
        xds: free_port(),
    };
    let echo_a = support::echo_backend("argocd-server").await;
    let echo_b = support::echo_backend("argocd-server-canary").await;
    let cert = rcgen::generate_simple_self_signed(vec![HOST.to_owned()]).unwrap();
    write_world(input.path(), &ports, echo_a, echo_b, &cert);
    let route_file = input.path().join("route.yaml");
    std::fs::write(&route_file, route("argocd-server")).unwrap();
    let tls = tls_connector(cert.cert.der());

    // 1. Start: HTTP and HTTPS reach the right backend.
    let started = Instant::now();
    let mut controller =
        Controller::start(input.path(), state.path(), ports.xds, &["--keep-proxies"]);
    let ready = wait_for(
        ports.http,
        HOST,
        "/",
        None,
        "argocd-server",
        Duration::from_secs(30),
    )
    .await;
    assert!(ready.is_ok(), "{ready:?}\n{}", controller.log());
    eprintln!("first request served {:?} after start", started.elapsed());
    let https = wait_for(
        ports.https,
        HOST,
        "/",
        Some(&tls),
        "argocd-server",
        Duration::from_secs(5),
    )
    .await;
    assert!(https.is_ok(), "{https:?}\n{}", controller.log());
    let (status, _) = get(ports.http, "other.example.com", "/", None)
        .await
        .unwrap();
    assert_eq!(status, 404, "a host no route names");

    // The admin server: ready, metrics, config dump, statuses.
    let (status, _) = controller.admin("/readyz").await.unwrap();
    assert_eq!(status, 200);
    let (_, metrics) = controller.admin("/metrics").await.unwrap();
    assert!(metrics.contains("gwapi_xds_pushes_total"), "{metrics}");
    assert!(
        metrics.contains("gwapi_xds_connected_proxies 1"),
        "{metrics}"
    );
    let (_, dump) = controller.admin("/config_dump").await.unwrap();
    let dump: serde_json::Value = serde_json::from_str(&dump).unwrap();
    assert!(
        dump["argocd/argocd-gateway"]["xds"]["listeners"]
            .as_array()
            .is_some_and(|l| l.len() == 2),
        "{dump}"
    );
    let (_, statuses) = controller.admin("/statuses").await.unwrap();
    assert!(
        statuses.contains("argocd-server") && statuses.contains("Accepted"),
        "{statuses}"
    );
    let file = std::fs::read_to_string(state.path().join("statuses.yaml")).unwrap();
    assert_eq!(file, statuses, "the statuses file is what /statuses shows");

    // 2. Edit the route under steady load: switches within a second, no request fails.
    let load = tokio::spawn(steady_load(ports.http, 200, Duration::from_millis(10)));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let edited = Instant::now();
    write_atomically(&route_file, &route("argocd-server-canary"));
    let outcomes = load.await.unwrap();
    assert_eq!(
        failures(&outcomes),
        Vec::<String>::new(),
        "{}",
        controller.log()
    );
    let first_new = outcomes
        .iter()
        .find(|(_, o)| matches!(o, Ok((_, body)) if body == "argocd-server-canary"))
        .map(|(at, _)| at.duration_since(edited));
    eprintln!("route edit served after {first_new:?}");
    assert!(
        first_new.is_some_and(|d| d < Duration::from_secs(1)),
        "switch took {first_new:?}"
    );
    let last = &outcomes.last().unwrap().1;
    assert_eq!(last.as_ref().unwrap().1, "argocd-server-canary");

    // 3. An invalid change is rejected before Envoy; the last good configuration keeps serving.
    write_atomically(
        &route_file,
        &route("argocd-server").replace("rules:", "rules: {oops"),
    );
    tokio::time::sleep(Duration::from_millis(800)).await;
    let outcomes = steady_load(ports.http, 20, Duration::from_millis(10)).await;
    assert_eq!(failures(&outcomes), Vec::<String>::new());
    assert!(
        outcomes
            .iter()
            .all(|(_, o)| o.as_ref().unwrap().1 == "argocd-server-canary")
    );
    assert!(
        controller.log().contains("error"),
        "the problem is reported:\n{}",
        controller.log()
    );
    // Fixed again: follows.
    write_atomically(&route_file, &route("argocd-server"));
    wait_for(
        ports.http,
        HOST,
        "/",
        None,
        "argocd-server",
        Duration::from_secs(2),
    )
    .await
    .unwrap();

    // 4. The controller crashes and restarts under steady load: no request fails, and the new
    //    controller adopts the running Envoy and drives it.
    let load = tokio::spawn(steady_load(ports.http, 200, Duration::from_millis(10)));
    tokio::time::sleep(Duration::from_millis(300)).await;
    controller.kill();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let restarted = Controller::start(input.path(), state.path(), ports.xds, &[]);
    let outcomes = load.await.unwrap();
    assert_eq!(
        failures(&outcomes),
        Vec::<String>::new(),
        "{}",
        restarted.log()
    );
    let until = Instant::now() + Duration::from_secs(10);
    while !restarted.log().contains("adopted the running Envoy") && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        restarted.log().contains("adopted the running Envoy"),
        "{}",
        restarted.log()
    );
    write_atomically(&route_file, &route("argocd-server-canary"));
    let switched = wait_for(
        ports.http,
        HOST,
        "/",
        None,
        "argocd-server-canary",
        Duration::from_secs(10),
    )
    .await;
    assert!(switched.is_ok(), "{switched:?}\n{}", restarted.log());
    eprintln!(
        "after the restart, a route edit was served after {:?}",
        switched.unwrap()
    );

    // 5. A graceful stop stops the proxy.
    let mut restarted = restarted;
    restarted.terminate();
    let stopped = wait_for(
        ports.http,
        HOST,
        "/",
        None,
        "nothing",
        Duration::from_millis(500),
    )
    .await;
    assert!(
        stopped.unwrap_err().contains("connect"),
        "{}",
        restarted.log()
    );
}
