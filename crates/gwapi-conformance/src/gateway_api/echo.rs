//! Echo backends like the suite's echo server (`echo-basic`): one HTTP server per pod address and container
//! port, answering every request with JSON (`path, host, method, proto, headers, namespace, pod, httpPort`)
//! and adding the response headers that `X-Echo-Set-Header` asks for (`name:value` pairs joined by `,`);
//! pods that run echo-basic as a gRPC server (`GRPC_ECHO_SERVER`) answer gRPC there instead
//! (`gwapi_testing::grpc_echo`). Like echo-basic, every pod also serves h2c on port 3001, WebSocket
//! upgrades, the retry tests' failure simulation (`retry_simulation.rs`), and logs each request it
//! answers (`request_log.rs`).
//!
//! Servers are never stopped during a run: which pod an address belongs to is looked up on each request,
//! so a test that moves pods to other addresses only changes the table.

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::{Arc, PoisonError, RwLock};

use gwapi_testing::grpc_echo::{self, PodContext, PodLookup};
use http_body_util::{BodyExt as _, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use serde_json::{Map, Value, json};
use tokio::net::TcpListener;
use tokio::runtime::Handle;

use super::grpc_client::runs_grpc_echo;
use super::h2c::ECHO_H2C_PORT;
use super::l4_pods::{self, L4Pods, TcpTable};
use super::request_log::RequestLog;
use super::retry_simulation::{Failure, RetryCounters};
use super::tls_echo::{self, TlsEchoPods, TlsTables};
use super::websocket;
use super::world::World;

/// Which pod answers on an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PodIdentity {
    /// The pod's name.
    pub(super) name: String,
    /// The pod's namespace.
    pub(super) namespace: String,
    /// The pod runs the gRPC echo server here (echo-basic with `GRPC_ECHO_SERVER`, on its HTTP port).
    pub(super) grpc: bool,
}

/// The port echo-basic serves HTTP on by default.
pub(super) const ECHO_HTTP_PORT: u16 = 3000;

pub(super) type Table = Arc<RwLock<BTreeMap<SocketAddr, PodIdentity>>>;

/// The echo servers of a run.
#[derive(Debug, Default)]
pub struct EchoPods {
    table: Table,
    listening: BTreeSet<SocketAddr>,
    l4: L4Pods,
    tls: TlsEchoPods,
    state: EchoState,
}

/// What every echo server of a run shares: the request log and the retry counters.
#[derive(Clone, Debug, Default)]
pub(super) struct EchoState {
    log: RequestLog,
    retries: RetryCounters,
}

impl EchoPods {
    /// Makes the servers answer for the pods of `world` (port 3000 and every declared container port of each): starts the missing ones and
    /// updates who answers where. Pods that serve TCP, TLS or UDP instead (`l4_pods`) take their ports.
    ///
    /// # Errors
    /// When an address cannot be bound.
    pub fn sync(&mut self, runtime: &Handle, world: &World) -> anyhow::Result<()> {
        let pods = world.pods();
        self.l4.sync(runtime, &pods, world)?;
        let mut table = BTreeMap::new();
        for pod in &pods {
            let Ok(ip) = pod.ip.parse::<std::net::IpAddr>() else {
                continue;
            };
            // echo-basic listens on its HTTP port (3000) whatever the pod spec declares.
            let declared = pod.ports.values().filter_map(|p| u16::try_from(*p).ok());
            for port in declared.chain([ECHO_HTTP_PORT, ECHO_H2C_PORT]) {
                table.insert(
                    SocketAddr::new(ip, port),
                    PodIdentity {
                        name: pod.name.clone(),
                        namespace: pod.namespace.clone(),
                        grpc: port == ECHO_HTTP_PORT && runs_grpc_echo(pod),
                    },
                );
            }
        }
        let mut missing: BTreeSet<SocketAddr> = table.keys().copied().collect();
        missing.extend(self.l4.tcp_addresses());
        self.tls.update(world);
        missing.extend(self.tls.addresses());
        missing.retain(|a| !self.listening.contains(a));
        *self.table.write().unwrap_or_else(PoisonError::into_inner) = table;
        for address in missing {
            let listener = runtime
                .block_on(TcpListener::bind(address))
                .map_err(|e| anyhow::anyhow!("echo backend on {address}: {e}"))?;
            let tables = (
                Arc::clone(&self.table),
                self.l4.tcp_table(),
                self.tls.tables(),
            );
            runtime.spawn(accept(listener, address, tables, self.state.clone()));
            self.listening.insert(address);
        }
        Ok(())
    }

    /// The requests the pods answered.
    pub fn log(&self) -> &RequestLog {
        &self.state.log
    }
}

async fn accept(
    listener: TcpListener,
    address: SocketAddr,
    (table, tcp, tls): (Table, TcpTable, TlsTables),
    state: EchoState,
) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        if let Some(server) = l4_pods::tcp_server(&tcp, address) {
            tokio::spawn(server.serve(stream));
            continue;
        }
        if let Some(config) = tls_echo::server_at(&tls, address) {
            let pods = (Arc::clone(&tls.0), state.clone());
            tokio::spawn(tls_echo::serve(stream, address, config, pods));
            continue;
        }
        let table = Arc::clone(&table);
        if pod_at(&table, address).is_some_and(|pod| pod.grpc) {
            let lookup: PodLookup = Arc::new(move || {
                pod_at(&table, address).map(|pod| PodContext::new(&pod.namespace, &pod.name))
            });
            tokio::spawn(grpc_echo::serve_connection(stream, None, lookup));
            continue;
        }
        let state = state.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let table = Arc::clone(&table);
                let state = state.clone();
                async move { echo(address, &table, &state, request).await }
            });
            // echo-basic's h2c port speaks HTTP/1.1 and h2c; its HTTP port HTTP/1.1 (and upgrades).
            if address.port() == ECHO_H2C_PORT {
                let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                    .serve_connection_with_upgrades(TokioIo::new(stream), service)
                    .await;
            } else {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .with_upgrades()
                    .await;
            }
        });
    }
}

fn pod_at(table: &Table, address: SocketAddr) -> Option<PodIdentity> {
    table
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&address)
        .cloned()
}

pub(super) async fn echo(
    address: SocketAddr,
    table: &Table,
    state: &EchoState,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let pod = pod_at(table, address);
    if let Some(pod) = &pod {
        let uri = request.uri().path_and_query().map(ToString::to_string);
        state
            .log
            .record(&pod.namespace, &pod.name, uri.as_deref().unwrap_or("/"));
        match state
            .retries
            .attempt(&pod.name, request.uri().query())
            .await
        {
            Some(Failure::Status(code)) => {
                return Ok(respond(code, Vec::new(), format!("simulated {code}")));
            }
            Some(Failure::Reset) => {
                return Err(std::io::Error::other("simulated connection error"));
            }
            None => {}
        }
        if websocket::is_upgrade(&request) {
            return Ok(websocket::accept(request));
        }
    }
    let (parts, body) = request.into_parts();
    // Drain the body so that the connection can be reused.
    let _ = body.collect().await;
    // echo-basic's `delay` query parameter (a Go duration: `1s`, `500ms`) delays the answer.
    if let Some(delay) = parts.uri.query().and_then(delay_of) {
        tokio::time::sleep(delay).await;
    }
    let Some(pod) = pod else {
        return Ok(respond(
            503,
            Vec::new(),
            String::from("no pod on this address"),
        ));
    };
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in &parts.headers {
        headers
            .entry(canonical_header(name.as_str()))
            .or_default()
            .push(String::from_utf8_lossy(value.as_bytes()).into_owned());
    }
    let host = parts
        .headers
        .get(hyper::header::HOST)
        .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned())
        .unwrap_or_default();
    let path = parts
        .uri
        .path_and_query()
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut extra = Vec::new();
    if let Some(set) = parts.headers.get("x-echo-set-header") {
        for pair in String::from_utf8_lossy(set.as_bytes()).split(',') {
            if let Some((name, value)) = pair.split_once(':') {
                extra.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
    }
    let headers: Map<String, Value> = headers
        .into_iter()
        .map(|(k, v)| (k, Value::from(v)))
        .collect();
    let body = json!({
        "path": path,
        "host": host,
        "method": parts.method.as_str(),
        "proto": format!("{:?}", parts.version),
        "headers": headers,
        "namespace": pod.namespace,
        "ingress": "",
        "service": "",
        "pod": pod.name,
        "httpPort": address.port().to_string(),
    });
    Ok(respond(200, extra, body.to_string()))
}

fn respond(status: u16, headers: Vec<(String, String)>, body: String) -> Response<Full<Bytes>> {
    let mut builder = Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("x-content-type-options", "nosniff");
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    builder
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

/// Go's canonical header form (`x-forwarded-for` -> `X-Forwarded-For`), as the echo server reports names.
fn canonical_header(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The `delay` query parameter as a duration (`Ns` or `Nms`), at most 30 s.
fn delay_of(query: &str) -> Option<std::time::Duration> {
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("delay="))?;
    let millis = if let Some(ms) = value.strip_suffix("ms") {
        ms.parse::<u64>().ok()?
    } else {
        value
            .strip_suffix('s')?
            .parse::<u64>()
            .ok()?
            .saturating_mul(1000)
    };
    Some(std::time::Duration::from_millis(millis.min(30_000)))
}
