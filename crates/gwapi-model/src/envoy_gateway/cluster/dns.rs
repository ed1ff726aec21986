//! DNS resolution settings for backends named by hostname (`DNS`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;

crate::string_enum! {
    /// Which address families Envoy resolves, and in which order (`DNSLookupFamily`).
    pub enum DnsLookupFamily {
        /// IPv4 only.
        Ipv4 = "IPv4",
        /// IPv6 only.
        Ipv6 = "IPv6",
        /// IPv4 first, IPv6 when there is no IPv4 address.
        Ipv4Preferred = "IPv4Preferred",
        /// IPv6 first, IPv4 when there is no IPv6 address.
        Ipv6Preferred = "IPv6Preferred",
        /// Both families, all addresses.
        Ipv4AndIpv6 = "IPv4AndIPv6",
    }
}

/// DNS resolution settings (`DNS`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Dns {
    /// How often DNS records are refreshed; defaults to 30s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_refresh_rate: Option<Duration>,
    /// Whether the records' TTL is used as the refresh rate; defaults to true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respect_dns_ttl: Option<bool>,
    /// The address families to resolve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookup_family: Option<DnsLookupFamily>,
}
