//! The Envoy bootstrap: the admin endpoint on `127.0.0.1:19000`, ADS to the xDS server over TLS, the stats
//! and readiness listeners and the overload manager; and the `EnvoyProxy` custom bootstraps (Replace, Merge,
//! JSONPatch).

mod custom;
mod host;
mod overload;
mod template;

use gwapi_ir::model::envoy_gateway::IpFamily;

use crate::Result;
use crate::container::METRICS_PORT;
use crate::fleet::Fleet;

pub use host::HostBootstrap;

/// The admin port (on loopback).
pub const ADMIN_PORT: u16 = 19000;

/// The bootstrap YAML of a fleet, as passed to Envoy with `--config-yaml`.
pub(crate) fn render_bootstrap(fleet: &Fleet<'_>) -> Result<String> {
    let default = default_bootstrap(fleet);
    match fleet.spec.bootstrap.as_ref() {
        Some(custom) => custom::apply(default, custom),
        None => Ok(default),
    }
}

/// The default bootstrap, rendered from `default.yaml.tpl`.
fn default_bootstrap(fleet: &Fleet<'_>) -> String {
    let ip_family = fleet.ip_family();
    let (admin_address, stats_address) = match ip_family {
        IpFamily::Ipv6 => ("::1", "::"),
        IpFamily::DualStack => ("127.0.0.1", "::"),
        IpFamily::Ipv4 | IpFamily::Unknown(_) => ("127.0.0.1", "0.0.0.0"),
    };
    let gateway_namespace_mode = fleet.config.gateway_namespace_mode;
    let heap = overload::max_heap_size_bytes(fleet);
    let values = template::Values {
        flags: vec![
            ("prometheus", fleet.prometheus_enabled()),
            ("ipv4_compat", stats_address == "::"),
            ("sa_token", gateway_namespace_mode),
            ("client_certificate", !gateway_namespace_mode),
            ("fixed_heap", heap.is_some()),
        ],
        text: vec![
            ("admin_address", admin_address.to_owned()),
            ("admin_port", ADMIN_PORT.to_string()),
            ("service_cluster", fleet.service_cluster().to_owned()),
            ("stats_address", stats_address.to_owned()),
            ("stats_port", METRICS_PORT.to_string()),
            ("xds_address", fleet.config.xds_host()),
            ("xds_port", fleet.config.xds_port.to_string()),
            ("max_connections", fleet.config.max_connections.to_string()),
            (
                "max_heap_size_bytes",
                heap.map(|h| h.to_string()).unwrap_or_default(),
            ),
        ],
    };
    template::render(include_str!("default.yaml.tpl"), &values)
}
