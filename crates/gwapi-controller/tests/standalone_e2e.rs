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

use gwapi_testing::echo::EchoBackend;
use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::Secret;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use support::{Controller, TempDir, backend, free_port, get, stop_envoys, tls_connector, wait_for};

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

/// The `argocd-grpc` GRPCRoute (the ArgoCD CLI's API) and its HTTP/2 backend's Service.
fn write_grpc(dir: &Path, backend_port: u16) {
    let text = format!(
        r"apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata:
  name: argocd-grpc
  namespace: argocd
spec:
  parentRefs:
    - name: argocd-gateway
  hostnames:
    - {HOST}
  rules:
    - matches:
        - method:
            service: version.VersionService
      backendRefs:
        - name: argocd-server-grpc
          port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: argocd-server-grpc
  namespace: argocd
spec:
  clusterIP: 10.96.1.1
  ports:
    - name: grpc
      port: 80
      targetPort: {backend_port}
      protocol: TCP
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: argocd-server-grpc-local
  namespace: argocd
  labels:
    kubernetes.io/service-name: argocd-server-grpc
addressType: IPv4
endpoints:
  - addresses: [127.0.0.1]
    conditions:
      ready: true
ports:
  - name: grpc
    port: {backend_port}
    protocol: TCP
"
    );
    std::fs::write(dir.join("grpc.yaml"), text).unwrap();
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

/// The backend names that answered, in order, without repeats.
fn backends(outcomes: &[Outcome]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for (_, outcome) in outcomes {
        if let Ok((_, body)) = outcome
            && seen.last().is_none_or(|last| last != backend(body))
        {
            seen.push(backend(body).to_owned());
        }
    }
    seen
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

/// One standalone world: the input directory, the state directory, the ports, the two echo backends and
/// the TLS client; the Envoy it leaves behind is stopped on drop.
struct World {
    input: TempDir,
    state: TempDir,
    ports: Ports,
    tls: tokio_rustls::TlsConnector,
    _backends: [EchoBackend; 2],
}

impl World {
    async fn new() -> Self {
        let input = TempDir::new("input");
        let state = TempDir::new("state");
        let ports = Ports {
            http: free_port(),
            https: free_port(),
            xds: free_port(),
        };
        let stable = EchoBackend::start(STABLE).unwrap();
        let canary = EchoBackend::start(CANARY).unwrap();
        let cert = rcgen::generate_simple_self_signed(vec![HOST.to_owned()]).unwrap();
        write_world(
            input.path(),
            &ports,
            stable.address().port(),
            canary.address().port(),
            &cert,
        );
        std::fs::write(input.path().join("route.yaml"), route("argocd-server")).unwrap();
        write_grpc(input.path(), support::grpc::grpc_backend(GRPC).await);
        Self {
            tls: tls_connector(cert.cert.der()),
            input,
            state,
            ports,
            _backends: [stable, canary],
        }
    }

    fn route_file(&self) -> std::path::PathBuf {
        self.input.path().join("route.yaml")
    }

    fn start(&self, extra: &[&str]) -> Controller {
        Controller::start(self.input.path(), self.state.path(), self.ports.xds, extra)
    }
}

impl Drop for World {
    fn drop(&mut self) {
        stop_envoys(self.state.path());
    }
}

const STABLE: &str = "echo-stable";
const CANARY: &str = "echo-canary";
const GRPC: &str = "grpc-argocd";

/// HTTP and HTTPS reach the backend, an unknown host gets 404, and the admin server shows it all.
async fn serves_http_https_and_admin(world: &World, controller: &Controller) {
    let started = Instant::now();
    let ready = wait_for(
        world.ports.http,
        HOST,
        "/",
        None,
        STABLE,
        Duration::from_secs(30),
    )
    .await;
    assert!(ready.is_ok(), "{ready:?}\n{}", controller.log());
    eprintln!("first request served {:?} after start", started.elapsed());
    let https = wait_for(
        world.ports.https,
        HOST,
        "/",
        Some(&world.tls),
        STABLE,
        Duration::from_secs(5),
    );
    let https = https.await;
    assert!(https.is_ok(), "{https:?}\n{}", controller.log());
    let (status, _) = get(world.ports.http, "other.example.com", "/", None)
        .await
        .unwrap();
    assert_eq!(status, 404, "a host no route names");

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
    let listeners = &dump["argocd/argocd-gateway"]["xds"]["listeners"];
    assert_eq!(listeners.as_array().map(Vec::len), Some(2), "{dump}");
    let (_, statuses) = controller.admin("/statuses").await.unwrap();
    assert!(
        statuses.contains("argocd-server") && statuses.contains("Accepted"),
        "{statuses}"
    );
    let file = std::fs::read_to_string(world.state.path().join("statuses.yaml")).unwrap();
    assert_eq!(file, statuses, "the statuses file is what /statuses shows");
}

/// A gRPC call goes through the GRPCRoute over HTTP/2 (h2c to Envoy, HTTP/2 to the backend); other
/// paths still go to the HTTPRoute's backend.
async fn grpc_through_the_grpcroute(world: &World, controller: &Controller) {
    let call =
        support::grpc::grpc_call(world.ports.http, HOST, "/version.VersionService/Version").await;
    assert_eq!(
        call,
        Ok((200, "0".to_owned(), GRPC.to_owned())),
        "{}",
        controller.log()
    );
    let (status, body) = get(world.ports.http, HOST, "/applications", None)
        .await
        .unwrap();
    assert_eq!((status, backend(&body)), (200, STABLE));
}

/// A route edit under steady load switches backends within a second, and no request fails.
async fn route_edit_under_load(world: &World, controller: &Controller, to: &str, service: &str) {
    let load = tokio::spawn(steady_load(
        world.ports.http,
        200,
        Duration::from_millis(10),
    ));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let edited = Instant::now();
    write_atomically(&world.route_file(), &route(service));
    let outcomes = load.await.unwrap();
    assert_eq!(
        failures(&outcomes),
        Vec::<String>::new(),
        "{}",
        controller.log()
    );
    let switched = outcomes
        .iter()
        .find(|(_, o)| matches!(o, Ok((_, body)) if backend(body) == to))
        .map(|(at, _)| at.duration_since(edited));
    eprintln!("route edit served after {switched:?}");
    assert!(
        switched.is_some_and(|d| d < Duration::from_secs(1)),
        "switch took {switched:?}"
    );
    assert_eq!(
        backends(&outcomes).last().map(String::as_str),
        Some(to),
        "{:?}",
        backends(&outcomes)
    );
    assert!(
        backends(&outcomes).len() <= 2,
        "no flapping: {:?}",
        backends(&outcomes)
    );
}

/// A YAML error is reported and rejected before Envoy, and the last good configuration keeps serving; an
/// invalid regex is refused by the translator, so nothing invalid reaches Envoy.
async fn invalid_changes_keep_the_last_good_config(
    world: &World,
    controller: &Controller,
    serving: &str,
) {
    let service = if serving == STABLE {
        "argocd-server"
    } else {
        "argocd-server-canary"
    };
    let other = if serving == STABLE {
        "argocd-server-canary"
    } else {
        "argocd-server"
    };
    let broken = route(other).replace("rules:", "rules: {oops");
    write_atomically(&world.route_file(), &broken);
    tokio::time::sleep(Duration::from_millis(800)).await;
    let outcomes = steady_load(world.ports.http, 20, Duration::from_millis(10)).await;
    assert_eq!(failures(&outcomes), Vec::<String>::new());
    assert_eq!(backends(&outcomes), [serving]);
    assert!(
        controller.log().contains("last good"),
        "reported:\n{}",
        controller.log()
    );

    // RE2 rejects `([`: the translator refuses the route (its status says why) before anything reaches
    // Envoy, so Envoy has nothing to NACK. (NACKs of configurations Envoy itself rejects are covered by
    // gwapi-xds's ADS server tests against a real Envoy.)
    let refused = route(service).replace(
        "type: PathPrefix\n            value: /",
        "type: RegularExpression\n            value: \"/([\"",
    );
    write_atomically(&world.route_file(), &refused);
    let until = Instant::now() + Duration::from_secs(5);
    let mut statuses = String::new();
    while Instant::now() < until {
        statuses = controller.admin("/statuses").await.unwrap().1;
        if statuses.contains("regex") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        statuses.contains("regex"),
        "the route's status reports the invalid regex:\n{statuses}"
    );
    let (_, metrics) = controller.admin("/metrics").await.unwrap();
    assert!(
        metrics.lines().any(|l| l == "gwapi_xds_nacks_total 0"),
        "nothing invalid reached Envoy:\n{metrics}"
    );
    write_atomically(&world.route_file(), &route(service));
    // The restored route is served again (bounded wait).
    let until = Instant::now() + Duration::from_secs(5);
    loop {
        let outcomes = steady_load(world.ports.http, 5, Duration::from_millis(10)).await;
        if failures(&outcomes).is_empty() && backends(&outcomes) == [serving] {
            break;
        }
        assert!(Instant::now() < until, "the restored route is not served");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn argocd_standalone_end_to_end() {
    let world = World::new().await;
    let mut controller = world.start(&["--keep-proxies"]);
    serves_http_https_and_admin(&world, &controller).await;
    grpc_through_the_grpcroute(&world, &controller).await;
    route_edit_under_load(&world, &controller, CANARY, "argocd-server-canary").await;
    invalid_changes_keep_the_last_good_config(&world, &controller, CANARY).await;

    // The controller crashes and restarts under steady load: no request fails; the new controller adopts
    // the running Envoy and drives it.
    let load = tokio::spawn(steady_load(
        world.ports.http,
        200,
        Duration::from_millis(10),
    ));
    tokio::time::sleep(Duration::from_millis(300)).await;
    controller.kill();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut restarted = world.start(&[]);
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
    route_edit_under_load(&world, &restarted, STABLE, "argocd-server").await;

    // A graceful stop stops the proxy it started or adopted.
    restarted.terminate();
    let stopped = get(world.ports.http, HOST, "/", None).await;
    assert!(
        stopped.is_err_and(|e| e.contains("connect")),
        "{}",
        restarted.log()
    );
}
