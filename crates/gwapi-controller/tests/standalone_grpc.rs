#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Standalone mode end to end with gRPC: a GRPCRoute (exact method matches, a request header filter) in
//! front of two gRPC echo backends (HTTP/2 only, answering like the conformance suite's grpc-echo), and
//! real gRPC calls through a real Envoy 1.40.0 over h2c. Needs Envoy: fails, never skips, without it.

mod support;

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use gwapi_testing::grpc_call::{GrpcCall, GrpcReply, call_tcp};
use gwapi_testing::grpc_echo::{GrpcEchoServer, PodContext, SERVICE};
use gwapi_testing::grpc_wire::GrpcCode;
use support::{Controller, TempDir, free_port, stop_envoys};

const HOST: &str = "grpc.example.com";
const NAMESPACE: &str = "apps";
const POD_V1: &str = "grpc-echo-v1-7d9f-0";
const POD_V2: &str = "grpc-echo-v2-5c4b-0";

/// A Gateway with one HTTP listener, and a GRPCRoute sending `Echo` to v1 and `EchoTwo` to v2 (with a
/// header set on the way); `EchoThree` matches no rule.
fn write_world(dir: &Path, http: u16, v1: u16, v2: u16) {
    let mut text = format!(
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
  name: grpc-gateway
  namespace: {NAMESPACE}
spec:
  gatewayClassName: eg
  listeners:
    - name: http
      protocol: HTTP
      port: {http}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata:
  name: echo
  namespace: {NAMESPACE}
spec:
  parentRefs:
    - name: grpc-gateway
  hostnames:
    - {HOST}
  rules:
    - matches:
        - method:
            service: {SERVICE}
            method: Echo
      backendRefs:
        - name: grpc-echo-v1
          port: 8080
    - matches:
        - method:
            service: {SERVICE}
            method: EchoTwo
      filters:
        - type: RequestHeaderModifier
          requestHeaderModifier:
            set:
              - name: x-route-rule
                value: echo-two
      backendRefs:
        - name: grpc-echo-v2
          port: 8080
"
    );
    for (name, port, last) in [("grpc-echo-v1", v1, 1), ("grpc-echo-v2", v2, 2)] {
        let _ = write!(
            text,
            r"---
apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {NAMESPACE}
spec:
  clusterIP: 10.96.2.{last}
  ports:
    - name: grpc
      port: 8080
      targetPort: {port}
      protocol: TCP
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: {name}-local
  namespace: {NAMESPACE}
  labels:
    kubernetes.io/service-name: {name}
addressType: IPv4
endpoints:
  - addresses: [127.0.0.1]
    conditions:
      ready: true
ports:
  - name: grpc
    port: {port}
    protocol: TCP
"
        );
    }
    std::fs::write(dir.join("grpc.yaml"), text).unwrap();
}

/// Calls until the reply satisfies `done` (bounded by `timeout`); the last reply or error otherwise.
async fn call_until(
    port: u16,
    call: &GrpcCall,
    timeout: Duration,
    done: impl Fn(&GrpcReply) -> bool,
) -> Result<GrpcReply, String> {
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let started = Instant::now();
    let mut last = Err("no call was made".to_owned());
    while started.elapsed() < timeout {
        last = call_tcp(address, call, Duration::from_secs(5)).await;
        if last.as_ref().is_ok_and(&done) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("not done within {timeout:?}; last: {last:?}"))
}

fn pod(reply: &GrpcReply) -> &str {
    reply
        .assertions
        .as_ref()
        .and_then(|a| a.context.as_ref())
        .map_or("", |c| c.pod.as_str())
}

fn header<'a>(reply: &'a GrpcReply, name: &str) -> Option<&'a str> {
    let assertions = reply.assertions.as_ref()?;
    let header = assertions.headers.iter().find(|h| h.key == name)?;
    Some(header.value.as_str())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grpc_calls_go_through_the_grpcroute_over_http2() {
    let input = TempDir::new("grpc-input");
    let state = TempDir::new("grpc-state");
    let (http, xds) = (free_port(), free_port());
    let v1 = GrpcEchoServer::start(PodContext::new(NAMESPACE, POD_V1))
        .await
        .unwrap();
    let v2 = GrpcEchoServer::start(PodContext::new(NAMESPACE, POD_V2))
        .await
        .unwrap();
    write_world(input.path(), http, v1.address().port(), v2.address().port());
    let controller = Controller::start(input.path(), state.path(), xds, &[]);
    let _cleanup = StopEnvoys(state.path().to_owned());

    // Echo reaches v1 over HTTP/2 (the backends speak nothing else), with the method, authority and
    // metadata the client sent.
    let echo = GrpcCall::new(SERVICE, "Echo")
        .authority(HOST)
        .metadata("x-client", "gwapi");
    let reply = call_until(http, &echo, Duration::from_secs(30), |r| {
        r.code == GrpcCode::Ok
    })
    .await;
    let reply = reply.unwrap_or_else(|e| panic!("{e}\n{}", controller.log()));
    let assertions = reply.assertions.clone().unwrap();
    assert_eq!(pod(&reply), POD_V1);
    assert_eq!(
        assertions.fully_qualified_method,
        format!("/{SERVICE}/Echo")
    );
    assert_eq!(assertions.authority, HOST);
    assert_eq!(assertions.context.unwrap().namespace, NAMESPACE);
    assert_eq!(header(&reply, "x-client"), Some("gwapi"));
    assert_eq!(header(&reply, "x-route-rule"), None);

    // EchoTwo reaches v2, through the rule's header filter.
    let two = GrpcCall::new(SERVICE, "EchoTwo").authority(HOST);
    let reply = call_tcp(([127, 0, 0, 1], http).into(), &two, Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(reply.code, GrpcCode::Ok, "{reply:?}");
    assert_eq!(pod(&reply), POD_V2);
    assert_eq!(
        reply.assertions.as_ref().unwrap().fully_qualified_method,
        format!("/{SERVICE}/EchoTwo")
    );
    assert_eq!(header(&reply, "x-route-rule"), Some("echo-two"));

    // EchoThree matches no rule: Envoy's 404 becomes Unimplemented for a gRPC client; so does another host.
    let three = GrpcCall::new(SERVICE, "EchoThree").authority(HOST);
    let reply = call_tcp(
        ([127, 0, 0, 1], http).into(),
        &three,
        Duration::from_secs(5),
    )
    .await
    .unwrap();
    assert_eq!(reply.code, GrpcCode::Unimplemented, "{reply:?}");
    assert!(reply.assertions.is_none());
    let elsewhere = GrpcCall::new(SERVICE, "Echo").authority("other.example.com");
    let reply = call_tcp(
        ([127, 0, 0, 1], http).into(),
        &elsewhere,
        Duration::from_secs(5),
    )
    .await
    .unwrap();
    assert_eq!(reply.code, GrpcCode::Unimplemented, "{reply:?}");
}

/// Stops the Envoy the controller started (the controller itself is killed when dropped).
struct StopEnvoys(std::path::PathBuf);

impl Drop for StopEnvoys {
    fn drop(&mut self) {
        stop_envoys(&self.0);
    }
}
