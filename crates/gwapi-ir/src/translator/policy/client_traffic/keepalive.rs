//! `tcpKeepalive`: TCP keepalive probes on client connections.

use gwapi_model::envoy_gateway::TcpKeepalive;

use crate::ir::TcpKeepalive as IrTcpKeepalive;

/// Whole seconds of a duration.
fn seconds(d: Option<&gwapi_model::Duration>) -> Option<u32> {
    d.and_then(gwapi_model::Duration::parse)
        .and_then(|d| u32::try_from(d.as_secs()).ok())
}

/// The IR keepalive of a policy's `tcpKeepalive`.
pub(crate) fn convert(keepalive: Option<&TcpKeepalive>) -> Option<IrTcpKeepalive> {
    keepalive.map(|k| IrTcpKeepalive {
        probes: k.probes,
        idle_time: seconds(k.idle_time.as_ref()),
        interval: seconds(k.interval.as_ref()),
    })
}
