//! [`XdsSink`]: where the translation loop publishes each IR key's resources (the xDS snapshot cache).

use gwapi_xds::XdsResources;

/// Counters a sink can report for `/metrics`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SinkStats {
    /// Proxies connected now.
    pub connected_proxies: u64,
    /// NACKs received so far.
    pub nacks: u64,
}

/// Receives the xDS resources of each IR key (one proxy fleet).
pub trait XdsSink: Send + Sync {
    /// Publishes the resources of `key`; returns whether they differ from what the sink had.
    fn set(&self, key: &str, resources: XdsResources) -> bool;
    /// Forgets `key`.
    fn remove(&self, key: &str);
    /// Connection and NACK counters, when the sink knows them.
    fn stats(&self) -> SinkStats {
        SinkStats::default()
    }
}
