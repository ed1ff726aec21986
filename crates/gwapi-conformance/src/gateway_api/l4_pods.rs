//! The L4 servers of the suite's pods: echo-basic in its TCP mode (`TCP_ECHO_SERVER`: a line protocol on
//! port 3000, and over TLS on 8443 when `TLS_SERVER_CERT`/`TLS_SERVER_PRIV_KEY` name mounted files), in
//! its UDP mode (`UDP_ECHO_SERVER`: a JSON answer to every datagram on the declared UDP ports), and
//! CoreDNS (a DNS answer on UDP port 53).
//!
//! As for HTTP echo servers, sockets are never closed during a run: which pod answers on an address is
//! looked up on every connection or datagram, so a test that moves pods only changes the tables.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, PoisonError, RwLock};

use anyhow::Context as _;
use rustls::ServerConfig;
use serde_json::Value;
use tokio::net::UdpSocket;
use tokio::runtime::Handle;

use super::pod_files;
use super::tcp_echo::TcpEcho;
use super::udp_echo::{self, UdpServer};
use super::world::{Pod, World};

/// The port echo-basic serves plain TCP (and HTTP) on.
const ECHO_PLAIN_PORT: u16 = 3000;
/// The port echo-basic serves TLS on.
const ECHO_TLS_PORT: u16 = 8443;
/// The port echo-basic's UDP mode answers on when the pod declares no UDP port.
const ECHO_UDP_PORT: u16 = 8080;
/// The port of the suite's CoreDNS (its Corefile serves `.:53`).
const DNS_PORT: u16 = 53;

/// Who a pod is, as echo-basic reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// `POD_NAME`.
    pub pod: String,
    /// `NAMESPACE`.
    pub namespace: String,
    /// `SERVICE_NAME` ("" when unset).
    pub service: String,
}

/// The TCP servers by address, shared with the accept loops.
pub type TcpTable = Arc<RwLock<BTreeMap<SocketAddr, TcpEcho>>>;
type UdpTable = Arc<RwLock<BTreeMap<SocketAddr, UdpServer>>>;

/// The L4 servers of a run.
#[derive(Debug, Default)]
pub struct L4Pods {
    tcp: TcpTable,
    udp: UdpTable,
    udp_bound: BTreeSet<SocketAddr>,
}

impl L4Pods {
    /// Points the tables at `pods` and binds the UDP sockets that are missing; the TCP addresses are
    /// bound by the HTTP echo's accept loops, which hand L4 connections over (see [`Self::tcp_table`]).
    ///
    /// # Errors
    /// When a UDP address cannot be bound.
    pub fn sync(&mut self, runtime: &Handle, pods: &[Pod], world: &World) -> anyhow::Result<()> {
        let mut tcp = BTreeMap::new();
        let mut udp = BTreeMap::new();
        for pod in pods {
            let Ok(ip) = pod.ip.parse::<IpAddr>() else {
                continue;
            };
            for container in containers(&pod.spec) {
                let env = pod_files::literal_env(container);
                let identity = Identity {
                    pod: pod.name.clone(),
                    namespace: pod.namespace.clone(),
                    service: env.get("SERVICE_NAME").cloned().unwrap_or_default(),
                };
                if env.contains_key("TCP_ECHO_SERVER") {
                    tcp.insert(
                        SocketAddr::new(ip, ECHO_PLAIN_PORT),
                        TcpEcho::new(identity.clone(), None),
                    );
                    // A pod whose certificate files are missing serves no TLS.
                    if let Ok(Some(config)) = tls_config(world, pod, container, &env) {
                        tcp.insert(
                            SocketAddr::new(ip, ECHO_TLS_PORT),
                            TcpEcho::new(identity.clone(), Some(config)),
                        );
                    }
                }
                if env.contains_key("UDP_ECHO_SERVER") {
                    let mut ports = udp_ports(container);
                    if ports.is_empty() {
                        ports.push(ECHO_UDP_PORT);
                    }
                    for port in ports {
                        udp.insert(SocketAddr::new(ip, port), UdpServer::Echo(identity.clone()));
                    }
                }
                if image_of(container).contains("coredns") {
                    udp.insert(SocketAddr::new(ip, DNS_PORT), UdpServer::Dns);
                }
            }
        }
        let missing: Vec<SocketAddr> = udp
            .keys()
            .filter(|a| !self.udp_bound.contains(a))
            .copied()
            .collect();
        *self.tcp.write().unwrap_or_else(PoisonError::into_inner) = tcp;
        *self.udp.write().unwrap_or_else(PoisonError::into_inner) = udp;
        for address in missing {
            let socket = runtime
                .block_on(UdpSocket::bind(address))
                .map_err(|e| anyhow::anyhow!("UDP backend on {address}: {e}"))?;
            runtime.spawn(udp_echo::serve(socket, address, Arc::clone(&self.udp)));
            self.udp_bound.insert(address);
        }
        Ok(())
    }

    /// The addresses TCP servers answer on.
    pub fn tcp_addresses(&self) -> Vec<SocketAddr> {
        self.tcp
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .keys()
            .copied()
            .collect()
    }

    /// The TCP table, for the accept loops.
    pub fn tcp_table(&self) -> TcpTable {
        Arc::clone(&self.tcp)
    }
}

impl UdpServer {
    /// The server answering on `address` of `table`, if any.
    pub(super) fn lookup(table: &UdpTable, address: SocketAddr) -> Option<Self> {
        table
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&address)
            .cloned()
    }
}

/// The TCP server answering on `address` of `table`, if any.
pub fn tcp_server(table: &TcpTable, address: SocketAddr) -> Option<TcpEcho> {
    table
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&address)
        .cloned()
}

fn containers(spec: &Value) -> impl Iterator<Item = &Value> {
    spec.get("containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn image_of(container: &Value) -> &str {
    container
        .get("image")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// The container ports declared with protocol UDP.
fn udp_ports(container: &Value) -> Vec<u16> {
    container
        .get("ports")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|p| p.get("protocol").and_then(Value::as_str) == Some("UDP"))
        .filter_map(|p| u16::try_from(p.get("containerPort")?.as_u64()?).ok())
        .collect()
}

/// The TLS configuration of an echo-basic container whose `TLS_SERVER_CERT` and `TLS_SERVER_PRIV_KEY`
/// name files mounted from a Secret (none when they are not set).
fn tls_config(
    world: &World,
    pod: &Pod,
    container: &Value,
    env: &BTreeMap<String, String>,
) -> anyhow::Result<Option<Arc<ServerConfig>>> {
    let (Some(cert_path), Some(key_path)) =
        (env.get("TLS_SERVER_CERT"), env.get("TLS_SERVER_PRIV_KEY"))
    else {
        return Ok(None);
    };
    let file = |path: &str| {
        pod_files::mounted_file(world, &pod.namespace, &pod.spec, container, path).with_context(
            || {
                format!(
                    "pod {}: {path} is not a mounted Secret or ConfigMap key",
                    pod.name
                )
            },
        )
    };
    let cert = file(cert_path)?;
    let key = file(key_path)?;
    super::l4_tls::server_config(&cert, &key)
        .map(Some)
        .with_context(|| format!("pod {}: TLS configuration", pod.name))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use base64::Engine as _;
    use base64::prelude::BASE64_STANDARD;

    use super::*;

    const MANIFESTS: &str = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: tcp-backend, namespace: infra}
spec:
  replicas: 2
  selector: {matchLabels: {app: tcp-backend}}
  template:
    metadata: {labels: {app: tcp-backend}}
    spec:
      containers:
        - name: tcp-backend
          image: registry.k8s.io/gateway-api/conformance/echo-basic:v0.1.0
          volumeMounts: [{name: secret-volume, mountPath: /etc/secret-volume}]
          env:
            - {name: TLS_SERVER_CERT, value: /etc/secret-volume/crt}
            - {name: TLS_SERVER_PRIV_KEY, value: /etc/secret-volume/key}
            - {name: TCP_ECHO_SERVER, value: "1"}
      volumes:
        - name: secret-volume
          secret:
            secretName: serving
            items: [{key: tls.crt, path: crt}, {key: tls.key, path: key}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: udp-backend, namespace: infra}
spec:
  selector: {matchLabels: {app: udp-backend}}
  template:
    metadata: {labels: {app: udp-backend}}
    spec:
      containers:
        - name: udp-backend
          image: registry.k8s.io/gateway-api/conformance/echo-basic:v0.1.0
          env: [{name: UDP_ECHO_SERVER, value: "1"}, {name: SERVICE_NAME, value: udp-backend}]
          ports: [{containerPort: 8080, protocol: UDP}]
"#;

    fn world(with_secret: bool) -> World {
        let dir = std::env::temp_dir();
        let mut world = World::new(&dir, Vec::new());
        world
            .apply_object(&serde_norway::from_str(MANIFESTS.split("---").next().unwrap()).unwrap())
            .unwrap();
        world
            .apply_object(&serde_norway::from_str(MANIFESTS.split("---").nth(1).unwrap()).unwrap())
            .unwrap();
        if with_secret {
            let encode = |pem: String| BASE64_STANDARD.encode(pem);
            let key = rcgen::KeyPair::generate().unwrap();
            let cert = rcgen::CertificateParams::new(vec!["abc.example.com".to_owned()])
                .unwrap()
                .self_signed(&key)
                .unwrap();
            let secret = serde_json::json!({
                "apiVersion": "v1", "kind": "Secret",
                "metadata": {"name": "serving", "namespace": "infra"},
                "data": {"tls.crt": encode(cert.pem()), "tls.key": encode(key.serialize_pem())},
            });
            world.apply_object(&secret).unwrap();
        }
        world
    }

    fn servers(world: &World) -> (Vec<u16>, Vec<(SocketAddr, UdpServer)>) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let mut pods = L4Pods::default();
        // Addresses of this test only: the pods' loopback addresses moved to 127.0.0.1 ports in use by nobody.
        let moved: Vec<Pod> = world
            .pods()
            .into_iter()
            .map(|mut p| {
                p.ip = "127.0.0.1".to_owned();
                p
            })
            .collect();
        let _ = pods.sync(runtime.handle(), &moved, world);
        let tcp = pods.tcp_addresses().iter().map(SocketAddr::port).collect();
        let udp = pods.udp.read().unwrap().clone().into_iter().collect();
        (tcp, udp)
    }

    #[test]
    fn echo_basic_serves_tcp_tls_from_its_mounted_secret_and_udp_on_declared_ports() {
        let (tcp, udp) = servers(&world(true));
        assert_eq!(tcp, [ECHO_PLAIN_PORT, ECHO_TLS_PORT]);
        let [(address, UdpServer::Echo(identity))] = &udp[..] else {
            panic!("{udp:?}");
        };
        assert_eq!(address.port(), 8080);
        assert_eq!(identity.service, "udp-backend");
        assert!(identity.pod.starts_with("udp-backend-"));
    }

    #[test]
    fn without_its_certificate_a_pod_serves_no_tls() {
        let (tcp, _) = servers(&world(false));
        assert_eq!(tcp, [ECHO_PLAIN_PORT]);
    }
}
