//! The IR changes that run a fleet as host processes on this machine instead of in a cluster.

use std::collections::BTreeMap;

use gwapi_ir::ir::Xds;

/// Where fleets run as host processes (standalone mode): the address their listeners bind.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
#[non_exhaustive]
pub struct HostConfig {
    /// The address every Gateway listener binds (`127.0.0.1`).
    pub bind_address: String,
    /// Fleets (by IR key) whose listeners bind their own address instead of [`HostConfig::bind_address`]
    /// (for example each Gateway on its own loopback address, `127.0.2.N`, as a load balancer would give).
    pub fleet_addresses: BTreeMap<String, String>,
}

impl Default for HostConfig {
    fn default() -> Self {
        Self {
            bind_address: "127.0.0.1".to_owned(),
            fleet_addresses: BTreeMap::new(),
        }
    }
}

impl HostConfig {
    /// Sets the address every Gateway listener binds.
    pub fn bind_address(mut self, address: impl Into<String>) -> Self {
        self.bind_address = address.into();
        self
    }

    /// Gives the fleet of IR key `key` its own listener address.
    pub fn fleet_address(mut self, key: impl Into<String>, address: impl Into<String>) -> Self {
        self.fleet_addresses.insert(key.into(), address.into());
        self
    }

    /// Adapts the IR of the fleet of `key`: as [`HostConfig::adapt`], with the fleet's own address when
    /// [`HostConfig::fleet_address`] gave it one.
    pub fn adapt_fleet(&self, key: &str, xds: &mut Xds) {
        match self.fleet_addresses.get(key) {
            Some(address) => self.clone().bind_address(address.as_str()).adapt(xds),
            None => self.adapt(xds),
        }
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
