//! The IR changes that run a fleet as host processes on this machine instead of in a cluster.

use gwapi_ir::ir::Xds;

/// Where fleets run as host processes (standalone mode): the address their listeners bind.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
#[non_exhaustive]
pub struct HostConfig {
    /// The address every Gateway listener binds (`127.0.0.1`).
    pub bind_address: String,
}

impl Default for HostConfig {
    fn default() -> Self {
        Self {
            bind_address: "127.0.0.1".to_owned(),
        }
    }
}

impl HostConfig {
    /// Sets the address every Gateway listener binds.
    pub fn bind_address(mut self, address: impl Into<String>) -> Self {
        self.bind_address = address.into();
        self
    }

    /// Adapts one fleet's IR: listeners bind [`HostConfig::bind_address`] on the port the IR gives them
    /// (the Gateway's own port when the translator runs for the host, as standalone mode does; otherwise the
    /// container port, +10000 below 1024), and the Kubernetes readiness listener
    /// is dropped (a host proxy's readiness is its admin `/ready`; a fixed port would clash between proxies).
    pub fn adapt(&self, xds: &mut Xds) {
        for listener in &mut xds.http {
            listener.address.clone_from(&self.bind_address);
        }
        for listener in &mut xds.tcp {
            listener.address.clone_from(&self.bind_address);
        }
        for listener in &mut xds.udp {
            listener.address.clone_from(&self.bind_address);
        }
        xds.ready_listener = None;
    }
}
