//! `connection`, `tcpKeepalive`, `proxyProtocol` and `dns`: how connections to backends are made.

use gwapi_model::envoy_gateway::{
    BackendConnection, Dns, DnsLookupFamily, ProxyProtocol, ProxyProtocolVersion, TcpKeepalive,
};

use crate::ir::{
    BackendConnection as IrBackendConnection, Dns as IrDns, DnsLookupFamily as IrFamily,
    GoDuration, ProxyProtocol as IrProxyProtocol, ProxyProtocolVersion as IrVersion,
    TcpKeepalive as IrTcpKeepalive,
};
use crate::translator::policy::quantity;

/// The IR connection settings of a policy's `connection` (the buffer limit must fit 32 bits).
pub(crate) fn convert(
    connection: Option<&BackendConnection>,
) -> Result<Option<IrBackendConnection>, String> {
    let Some(limit) = connection.and_then(|c| c.buffer_limit.as_ref()) else {
        return Ok(connection.map(|_| IrBackendConnection::default()));
    };
    let value = quantity::whole(&limit.0)
        .ok_or_else(|| format!("invalid BufferLimit value {}", limit.0))?;
    let value = u32::try_from(value).map_err(|_| {
        format!(
            "BufferLimit value {} is out of range",
            quantity::canonical(&limit.0)
        )
    })?;
    Ok(Some(IrBackendConnection {
        buffer_limit: Some(u64::from(value)),
    }))
}

/// Whole seconds of a duration.
fn seconds(d: Option<&gwapi_model::Duration>) -> Option<u32> {
    d.and_then(gwapi_model::Duration::parse)
        .and_then(|d| u32::try_from(d.as_secs()).ok())
}

/// The IR TCP keepalive of a policy's `tcpKeepalive`.
pub(crate) fn tcp_keepalive(keepalive: Option<&TcpKeepalive>) -> Option<IrTcpKeepalive> {
    keepalive.map(|k| IrTcpKeepalive {
        probes: k.probes,
        idle_time: seconds(k.idle_time.as_ref()),
        interval: seconds(k.interval.as_ref()),
    })
}

/// The IR PROXY protocol of a policy's `proxyProtocol`.
pub(crate) fn proxy_protocol(proxy: Option<&ProxyProtocol>) -> Option<IrProxyProtocol> {
    proxy.map(|p| IrProxyProtocol {
        version: match p.version {
            ProxyProtocolVersion::V1 => Some(IrVersion::V1),
            ProxyProtocolVersion::V2 => Some(IrVersion::V2),
            ProxyProtocolVersion::Unknown(_) => None,
        },
    })
}

/// The IR DNS settings of a policy's `dns`, named after the policy (`namespace/name`).
pub(crate) fn dns(dns: Option<&Dns>, policy: &str) -> Option<IrDns> {
    dns.map(|d| IrDns {
        name: policy.to_owned(),
        dns_refresh_rate: d
            .dns_refresh_rate
            .as_ref()
            .and_then(gwapi_model::Duration::parse)
            .map(GoDuration),
        respect_dns_ttl: d.respect_dns_ttl,
        lookup_family: d.lookup_family.as_ref().and_then(|f| match f {
            DnsLookupFamily::Ipv4 => Some(IrFamily::Ipv4),
            DnsLookupFamily::Ipv6 => Some(IrFamily::Ipv6),
            DnsLookupFamily::Ipv4Preferred => Some(IrFamily::Ipv4Preferred),
            DnsLookupFamily::Ipv6Preferred => Some(IrFamily::Ipv6Preferred),
            DnsLookupFamily::Ipv4AndIpv6 => Some(IrFamily::Ipv4AndIpv6),
            DnsLookupFamily::Unknown(_) => None,
        }),
    })
}
