//! Connections to backends: TCP keepalive, buffer limits, PROXY protocol, DNS resolution.

use serde::{Deserialize, Serialize};

use crate::ir::GoDuration;

/// TCP keepalive probes on connections (EG's `ir.TCPKeepalive`); also used by listeners. Times are whole
/// seconds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TcpKeepalive {
    /// Unanswered probes before the connection is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probes: Option<u32>,
    /// Seconds a connection is idle before probes are sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_time: Option<u32>,
    /// Seconds between probes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
}

/// Backend connection settings (EG's `ir.BackendConnection`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackendConnection {
    /// The per-connection buffer limit in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer_limit: Option<u64>,
}

/// PROXY protocol towards backends (EG's `ir.ProxyProtocol`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyProtocol {
    /// The PROXY protocol version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<ProxyProtocolVersion>,
}

/// A PROXY protocol version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProxyProtocolVersion {
    /// Version 1 (text).
    V1,
    /// Version 2 (binary).
    V2,
}

/// DNS resolution of backend host names (EG's `ir.DNS`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dns {
    /// The policy the settings come from (`namespace/name`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// How often names are resolved again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_refresh_rate: Option<GoDuration>,
    /// Whether the record TTL decides the refresh rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respect_dns_ttl: Option<bool>,
    /// Which address families are looked up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookup_family: Option<DnsLookupFamily>,
}

/// The address families looked up for a backend host name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DnsLookupFamily {
    /// IPv4 only.
    #[serde(rename = "IPv4")]
    Ipv4,
    /// IPv6 only.
    #[serde(rename = "IPv6")]
    Ipv6,
    /// IPv4, falling back to IPv6.
    #[serde(rename = "IPv4Preferred")]
    Ipv4Preferred,
    /// IPv6, falling back to IPv4.
    #[serde(rename = "IPv6Preferred")]
    Ipv6Preferred,
    /// Both families.
    #[serde(rename = "IPv4AndIPv6")]
    Ipv4AndIpv6,
}
