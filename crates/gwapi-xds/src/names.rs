//! Every Envoy resource name gwapi emits, following Envoy Gateway's default naming scheme: wire names are
//! part of the API, so they are built here and nowhere else.

/// The name of the Envoy listener (and its filter chain and route configuration) for an IR listener.
///
/// ```
/// assert_eq!(gwapi_xds::names::listener("default/gw/http"), "default/gw/http");
/// ```
pub fn listener(ir_listener: &str) -> String {
    ir_listener.to_owned()
}

/// The name of the QUIC (HTTP/3) listener beside the TCP listener of an HTTP listener.
///
/// ```
/// assert_eq!(gwapi_xds::names::quic_listener("default/gw/https"), "default/gw/https-quic");
/// ```
pub fn quic_listener(ir_listener: &str) -> String {
    format!("{ir_listener}-quic")
}

/// The name of the static cluster that reaches the SDS server listening on the Unix socket `path`: the
/// path with `_` for `/`, then the first 16 bytes of its SHA-256 in hexadecimal.
///
/// ```
/// let name = gwapi_xds::names::sds_cluster("/var/run/sds/socket");
/// assert!(name.starts_with("sds_var_run_sds_socket_"));
/// assert_eq!(name.len(), "sds_var_run_sds_socket_".len() + 32);
/// ```
pub fn sds_cluster(path: &str) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(path.as_bytes());
    let mut hash = String::with_capacity(32);
    for byte in digest.iter().take(16) {
        let _ = write!(hash, "{byte:02x}");
    }
    format!(
        "sds_{}_{hash}",
        path.trim_start_matches('/').replace('/', "_")
    )
}

/// The name of the listener on `port` (the port clients connect to) over `protocol` (`tcp` or `udp`)
/// under the XDSNameSchemeV2 naming scheme, shared by every IR listener on that port.
///
/// ```
/// assert_eq!(gwapi_xds::names::port_listener("tcp", 443), "tcp-443");
/// ```
pub fn port_listener(protocol: &str, port: u32) -> String {
    format!("{protocol}-{port}")
}

/// The name of the virtual host for `hostname` under the XDSNameSchemeV2 naming scheme: the hostname
/// with dots as underscores, without the listener name.
///
/// ```
/// assert_eq!(gwapi_xds::names::virtual_host_v2("foo.net"), "foo_net");
/// ```
pub fn virtual_host_v2(hostname: &str) -> String {
    hostname.replace('.', "_")
}

/// The name of the route configuration of an HTTP listener.
pub fn route_config(ir_listener: &str) -> String {
    ir_listener.to_owned()
}

/// The name of the virtual host for `hostname` on an HTTP listener: dots become underscores.
///
/// ```
/// assert_eq!(gwapi_xds::names::virtual_host("first-listener", "*.example.com"), "first-listener/*_example_com");
/// ```
pub fn virtual_host(ir_listener: &str, hostname: &str) -> String {
    format!("{ir_listener}/{}", hostname.replace('.', "_"))
}

/// The stat prefix of an HTTP connection manager: `http-<port>` or `https-<port>`.
///
/// ```
/// assert_eq!(gwapi_xds::names::http_stat_prefix(false, 10080), "http-10080");
/// ```
pub fn http_stat_prefix(tls: bool, port: u32) -> String {
    if tls {
        format!("https-{port}")
    } else {
        format!("http-{port}")
    }
}

/// The stat prefix of a TCP proxy: `tcp-<port>` (or `tls-passthrough-<port>`).
pub fn tcp_stat_prefix(tls_passthrough: bool, port: u32) -> String {
    if tls_passthrough {
        format!("tls-passthrough-{port}")
    } else {
        format!("tcp-{port}")
    }
}

/// The stat prefix of a TCP proxy behind TLS termination: `tls-terminate-<port>`.
pub fn tls_terminate_stat_prefix(port: u32) -> String {
    format!("tls-terminate-{port}")
}

/// The stat prefix of every UDP proxy.
pub const UDP_STAT_PREFIX: &str = "service";

/// The static cluster without endpoints that TCP and UDP listeners without routes proxy to.
pub const EMPTY_CLUSTER: &str = "EmptyCluster";

/// The name of the cluster of a route destination.
pub fn cluster(destination: &str) -> String {
    destination.to_owned()
}

/// The name of the listener that answers Envoy's readiness probe on `address:port`.
///
/// ```
/// assert_eq!(gwapi_xds::names::ready_listener("0.0.0.0", 19001), "envoy-gateway-proxy-ready-0.0.0.0-19001");
/// ```
pub fn ready_listener(address: &str, port: u32) -> String {
    format!("envoy-gateway-proxy-ready-{address}-{port}")
}

/// The name of the ready listener's inline route configuration and virtual host.
pub const READY_ROUTE: &str = "ready_route";

/// The stat prefix of the ready listener.
pub const READY_STAT_PREFIX: &str = "eg-ready-http";

/// The cluster name weighted clusters send the share of invalid backends to (it does not exist, so Envoy
/// answers with the route's cluster-not-found code).
pub const INVALID_BACKEND_CLUSTER: &str = "invalid-backend-cluster";

/// The cluster of the global rate limit service.
pub const RATE_LIMIT_CLUSTER: &str = "ratelimit_cluster";

/// The name of the transport socket match of the backend at `index` of cluster `cluster`.
///
/// ```
/// assert_eq!(gwapi_xds::names::tls_socket_match("httproute/ns/r/rule/0", 0), "httproute/ns/r/rule/0/tls/0");
/// ```
pub fn tls_socket_match(cluster: &str, index: usize) -> String {
    format!("{cluster}/tls/{index}")
}

/// The locality name of the single backend of a cluster built by the control plane itself.
pub fn internal_backend(cluster: &str) -> String {
    format!("{cluster}/backend/-1")
}
