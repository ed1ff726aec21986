//! The data plane of a run: gwapi-controller's pipeline publishing to an in-process ADS server, one Envoy
//! host process per fleet (each Gateway's listeners on its own loopback address, 127.0.2.N), and echo
//! backends on the pods' addresses. One data plane serves every test of a run; each test syncs it to its
//! own world.

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use gwapi_controller::pipeline::{HostConfig, Pipeline, PipelineConfig};
use gwapi_controller::standalone::{Proxies, ProxySettings};
use gwapi_ir::TranslatorConfig;
use gwapi_xds::server::{SnapshotCache, XdsServer};
use serde_json::Value;
use tokio::runtime::Runtime;
use tokio::sync::oneshot;

use super::consistency::consistently_unless;
use super::echo::EchoPods;
use super::grpc_client;
use super::https_client::{Transport, expect_request_error};
use super::request::{HttpCase, Requests};
use super::round_trip::compare;
use super::world::World;
use super::{distribution, mirror, repeat, retry_simulation, websocket};

/// Upstream `MaxTimeToConsistency`.
pub(super) const MAX_TIME_TO_CONSISTENCY: Duration = Duration::from_secs(30);
/// Upstream `RequiredConsecutiveSuccesses`.
pub(super) const REQUIRED_CONSECUTIVE_SUCCESSES: u32 = 3;
/// The time one request may take.
pub(super) const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// The pause between two failed probes.
pub(super) const PROBE_INTERVAL: Duration = Duration::from_millis(100);

/// The controller, proxies and backends of a run.
pub struct DataPlane {
    runtime: Runtime,
    cache: SnapshotCache,
    proxies: Proxies,
    echo: EchoPods,
    published: BTreeSet<String>,
    translator: TranslatorConfig,
    stop: Option<oneshot::Sender<()>>,
}

impl DataPlane {
    /// Starts the ADS server (with the proxies' state under a fresh temporary folder), or explains why there
    /// is no data plane (no Envoy).
    ///
    /// # Errors
    /// When Envoy is not installed or the server cannot start.
    pub fn start(translator: TranslatorConfig) -> anyhow::Result<Self> {
        let envoy = gwapi_testing::envoy_binary().map_err(|e| anyhow::anyhow!(e))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(SocketAddr::from((
                Ipv4Addr::LOCALHOST,
                0,
            ))))
            .context("binding the xDS server")?;
        let xds_port = listener.local_addr()?.port();
        let cache = SnapshotCache::new();
        let server = XdsServer::new(cache.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        runtime.spawn(async move {
            let _ = server
                .serve(listener, async move {
                    let _ = stopped.await;
                })
                .await;
        });
        let state_dir =
            std::env::temp_dir().join(format!("gwapi-conformance-{}", std::process::id()));
        std::fs::create_dir_all(&state_dir)?;
        let proxies = Proxies::new(ProxySettings {
            envoy,
            state_dir,
            xds_port,
            log_level: "warn".to_owned(),
            delta: true,
        });
        Ok(Self {
            runtime,
            cache,
            proxies,
            echo: EchoPods::default(),
            published: BTreeSet::new(),
            translator: translator.enable_running_on_host(true),
            stop: Some(stop),
        })
    }

    /// Serves `world`: translates it, publishes every fleet's resources, runs a proxy per fleet (stopping
    /// those whose fleet is gone), and points the echo backends at its pods.
    ///
    /// # Errors
    /// When an echo backend cannot listen.
    pub fn sync(&mut self, world: &World) -> anyhow::Result<()> {
        let mut host = HostConfig::default();
        for ((namespace, name), address) in world.gateway_addresses() {
            host = host.fleet_address(format!("{namespace}/{name}"), address);
        }
        let mut pipeline = Pipeline::new(
            PipelineConfig::default()
                .translator(self.translator.clone())
                .host(host),
        );
        let update = pipeline.run(&world.snapshot());
        let keys: BTreeSet<String> = pipeline.outputs().keys().cloned().collect();
        for (key, output) in pipeline.outputs() {
            self.cache.set(key, output.resources.clone());
        }
        drop(update);
        for gone in self.published.difference(&keys) {
            self.cache.remove(gone);
        }
        self.proxies.reconcile(keys.iter());
        self.proxies.check();
        self.published = keys;
        self.echo.sync(self.runtime.handle(), world)
    }

    /// Runs one `requests` block against `world`'s Gateway addresses: every case must hold
    /// `RequiredConsecutiveSuccesses` times in a row within `MaxTimeToConsistency`.
    ///
    /// # Errors
    /// The first case that does not hold, with the last difference seen.
    pub fn run_requests(&self, world: &World, block: &Value) -> Result<(), String> {
        if super::l4_requests::is_l4(block) {
            return super::l4_requests::run(&self.runtime, world, block);
        }
        let requests: Requests =
            serde_json::from_value(block.clone()).map_err(|e| e.to_string())?;
        let gateway = &requests.gateway;
        let address = world
            .gateway_addresses()
            .get(&(gateway.namespace.clone(), gateway.name.clone()))
            .cloned()
            .ok_or_else(|| format!("no Gateway {}/{}", gateway.namespace, gateway.name))?;
        let ip: Ipv4Addr = address
            .parse()
            .map_err(|_| format!("bad address {address}"))?;
        let scheme = requests.scheme.as_deref().unwrap_or("http");
        let port = gateway
            .port
            .unwrap_or(if scheme == "https" { 443 } else { 80 });
        let target = SocketAddr::from((ip, port));
        if requests.cases.iter().any(grpc_client::is_grpc) {
            return grpc_client::run(&self.runtime, target, &requests.cases);
        }
        // The client certificates the block's cases present.
        let presented: Vec<HttpCase> = requests
            .cases
            .iter()
            .filter_map(|v| serde_json::from_value(v.clone()).ok())
            .collect();
        let transport = Transport::for_block(world, &requests, &presented)?;
        for (i, value) in requests.cases.iter().enumerate() {
            if let Some(result) = self.run_proto_case(world, target, scheme, value) {
                let name = value.get("name").and_then(Value::as_str);
                let name = name.map_or_else(|| i.to_string(), ToOwned::to_owned);
                result.map_err(|e| format!("request {name}: {e}"))?;
                continue;
            }
            let mut case: HttpCase =
                serde_json::from_value(value.clone()).map_err(|e| format!("case {i}: {e}"))?;
            if let Some(expected) = &mut case.expected_request {
                super::tls_echo::resolve(world, expected)?;
            }
            self.eventually(&transport, target, scheme, &case)
                .map_err(|e| {
                    let name = case.name.clone().unwrap_or_else(|| i.to_string());
                    format!(
                        "request {name} ({} {}{}): {e}",
                        if case.request.method.is_empty() {
                            "GET"
                        } else {
                            &case.request.method
                        },
                        case.request.host,
                        case.request.path
                    )
                })?;
        }
        Ok(())
    }

    /// Runs a weighted (distribution.rs), repeated (repeat.rs), WebSocket (websocket.rs), retry probe
    /// (retry_simulation.rs) or mirrored (mirror.rs) case; `None` for any other case.
    fn run_proto_case(
        &self,
        world: &World,
        target: SocketAddr,
        scheme: &str,
        value: &Value,
    ) -> Option<Result<(), String>> {
        if distribution::is_weighted(value) {
            return Some(distribution::run_http(&self.runtime, target, scheme, value));
        }
        if repeat::is_repeated(value) {
            return Some(repeat::run(&self.runtime, target, scheme, value));
        }
        if websocket::is_websocket(value) {
            return Some(websocket::run(&self.runtime, target, value));
        }
        if retry_simulation::is_retry_probe(value) {
            return Some(retry_simulation::run_probes(
                &self.runtime,
                target,
                scheme,
                value,
            ));
        }
        if !mirror::is_mirrored(value) {
            return None;
        }
        let since = Instant::now();
        let pods = world.pods();
        Some(mirror::prepare(value).and_then(|(case, mirrors)| {
            self.eventually(&Transport::Plain, target, scheme, &case)?;
            mirror::expect_mirrored(
                self.echo.log(),
                |backend| mirror::pods_of(&pods, backend),
                &mirrors,
                &case.request.path,
                since,
                mirror::MIRROR_TIMEOUT,
            )
        }))
    }

    fn eventually(
        &self,
        transport: &Transport,
        target: SocketAddr,
        scheme: &str,
        case: &HttpCase,
    ) -> Result<(), String> {
        let probe = || {
            let sent = self
                .runtime
                .block_on(transport.round_trip(target, case, REQUEST_TIMEOUT));
            if case.expect_failure.as_deref() == Some("requestError") {
                expect_request_error(sent)
            } else {
                sent.and_then(|got| compare(case, scheme, &got))
            }
        };
        // A 200 where a failure is expected fails at once, as upstream.
        let fatal =
            |e: &str| case.expect_failure.as_deref() == Some("non200") && e.contains("got 200");
        consistently_unless(probe, fatal)
    }
}

impl Drop for DataPlane {
    fn drop(&mut self) {
        self.proxies.stop_all();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
