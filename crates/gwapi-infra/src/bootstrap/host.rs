//! [`HostBootstrap`]: the bootstrap of an Envoy that runs as a host process next to the controller
//! (standalone mode): admin on loopback, ADS to the controller's xDS server over plaintext gRPC on
//! loopback, and the node identity that names the proxy's fleet (its IR key).

use std::fmt::Write as _;

/// The bootstrap of a host-mode Envoy.
///
/// ```
/// let yaml = gwapi_infra::HostBootstrap::new("default/eg", 18000).render();
/// assert!(yaml.contains("cluster: \"default/eg\""));
/// assert!(yaml.contains("port_value: 18000"));
/// assert!(yaml.contains("api_type: DELTA_GRPC"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
#[non_exhaustive]
pub struct HostBootstrap {
    /// The fleet's IR key, sent as the node cluster: the xDS server serves that key's snapshot.
    pub node_cluster: String,
    /// The node id (defaults to the IR key).
    pub node_id: String,
    /// The xDS server's address (`127.0.0.1`).
    pub xds_address: String,
    /// The xDS server's port.
    pub xds_port: u16,
    /// The admin address (`127.0.0.1`).
    pub admin_address: String,
    /// The admin port; 0 lets the kernel choose (read it back with `--admin-address-path`).
    pub admin_port: u16,
    /// Incremental (delta) xDS, as Envoy Gateway uses; state of the world when false.
    pub delta: bool,
    /// The overload manager's limit of downstream connections.
    pub max_connections: u64,
}

impl HostBootstrap {
    /// The bootstrap of a proxy of fleet `ir_key`, fed by the xDS server on `127.0.0.1:xds_port`.
    pub fn new(ir_key: &str, xds_port: u16) -> Self {
        Self {
            node_cluster: ir_key.to_owned(),
            node_id: ir_key.to_owned(),
            xds_address: "127.0.0.1".to_owned(),
            xds_port,
            admin_address: "127.0.0.1".to_owned(),
            admin_port: 0,
            delta: true,
            max_connections: 50_000,
        }
    }

    /// Sets the node id.
    pub fn node_id(mut self, id: impl Into<String>) -> Self {
        self.node_id = id.into();
        self
    }

    /// Sets the admin port (0: chosen by the kernel).
    pub fn admin_port(mut self, port: u16) -> Self {
        self.admin_port = port;
        self
    }

    /// Chooses incremental (delta) or state-of-the-world xDS.
    pub fn enable_delta(mut self, enable: bool) -> Self {
        self.delta = enable;
        self
    }

    /// The bootstrap as YAML, for `envoy -c`.
    pub fn render(&self) -> String {
        let api_type = if self.delta { "DELTA_GRPC" } else { "GRPC" };
        let mut out = String::new();
        let _ = write!(
            out,
            r#"node:
  id: {node_id}
  cluster: {node_cluster}
admin:
  address:
    socket_address:
      address: {admin_address}
      port_value: {admin_port}
layered_runtime:
  layers:
  - name: global_config
    static_layer:
      re2.max_program_size.error_level: 4294967295
      re2.max_program_size.warn_level: 1000
dynamic_resources:
  ads_config:
    api_type: {api_type}
    transport_api_version: V3
    grpc_services:
    - envoy_grpc:
        cluster_name: xds_cluster
    set_node_on_first_message_only: true
  lds_config:
    ads: {{}}
    initial_fetch_timeout: 0s
    resource_api_version: V3
  cds_config:
    ads: {{}}
    initial_fetch_timeout: 0s
    resource_api_version: V3
static_resources:
  clusters:
  - name: xds_cluster
    type: STATIC
    connect_timeout: 1s
    load_assignment:
      cluster_name: xds_cluster
      endpoints:
      - lb_endpoints:
        - endpoint:
            address:
              socket_address:
                address: {xds_address}
                port_value: {xds_port}
    typed_extension_protocol_options:
      envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
        "@type": type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions
        explicit_http_config:
          http2_protocol_options:
            connection_keepalive:
              interval: 30s
              timeout: 5s
overload_manager:
  refresh_interval: 0.25s
  resource_monitors:
  - name: envoy.resource_monitors.global_downstream_max_connections
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig
      max_active_downstream_connections: {max_connections}
"#,
            node_id = json_string(&self.node_id),
            node_cluster = json_string(&self.node_cluster),
            admin_address = json_string(&self.admin_address),
            admin_port = self.admin_port,
            xds_address = json_string(&self.xds_address),
            xds_port = self.xds_port,
            max_connections = self.max_connections,
        );
        out
    }
}

/// A YAML-safe double-quoted scalar (JSON strings are valid YAML).
fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}
