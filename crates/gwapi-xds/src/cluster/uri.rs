//! Clusters derived from a URL (`https://oauth.example.com/token` -> `oauth_example_com_443`), for the
//! services filters call when the policy gives a URL rather than a backend: DNS-resolved, with TLS
//! verified against the system trust store for `https`.

use envoy_types::pb::envoy::config::core::v3::{
    DataSource, TransportSocket, data_source::Specifier, transport_socket,
};
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::{
    CertificateValidationContext, CommonTlsContext, UpstreamTlsContext,
    common_tls_context::ValidationContextType,
};
use gwapi_ir::ir::{AddressType, DestinationEndpoint, DestinationSetting, RouteDestination};

use crate::any::pack;

use crate::context::Context;
use crate::names;

/// The parts of a URL a cluster needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UrlTarget {
    /// The host name (or address).
    pub host: String,
    /// The port, explicit or the scheme's default.
    pub port: u32,
    /// Whether the scheme is `https`.
    pub tls: bool,
}

impl UrlTarget {
    /// The target of `url`, `None` when it has no host or an unknown scheme.
    pub(crate) fn parse(url: &str) -> Option<Self> {
        let (scheme, rest) = url.split_once("://")?;
        let tls = match scheme {
            "https" => true,
            "http" => false,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => {
                (host, port.parse().ok()?)
            }
            _ => (authority, if tls { 443 } else { 80 }),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        (!host.is_empty()).then(|| Self {
            host: host.to_owned(),
            port,
            tls,
        })
    }

    /// The cluster name: the host with dots as underscores, then the port.
    pub(crate) fn cluster_name(&self) -> String {
        format!("{}_{}", self.host.replace('.', "_"), self.port)
    }
}

/// Adds the cluster of `target` (with the backend settings `traffic`) unless it exists; returns its
/// name.
pub(crate) fn add(
    ctx: &mut Context<'_>,
    target: &UrlTarget,
    traffic: Option<&gwapi_ir::ir::TrafficFeatures>,
) -> String {
    let name = target.cluster_name();
    if ctx.has_cluster(&name) {
        return name;
    }
    let ip = target.host.parse::<std::net::IpAddr>().is_ok();
    let setting = DestinationSetting {
        name: names::internal_backend(&name),
        address_type: Some(if ip {
            AddressType::Ip
        } else {
            AddressType::Fqdn
        }),
        endpoints: vec![DestinationEndpoint {
            host: target.host.clone(),
            port: target.port,
            ..DestinationEndpoint::default()
        }],
        ..DestinationSetting::default()
    };
    let destination = RouteDestination {
        name: name.clone(),
        settings: vec![setting],
        ..RouteDestination::default()
    };
    let args = super::ClusterArgs {
        traffic,
        role: super::ClusterRole::Service,
        ..super::ClusterArgs::default()
    };
    let (mut cluster, assignment) =
        super::build(ctx, &name, &destination.settings, &destination, &args);
    if target.tls {
        cluster.transport_socket = Some(system_trust_socket(&target.host));
    }
    ctx.add_cluster(cluster, assignment);
    name
}

/// TLS to `sni`, verified against the system trust store, up to TLS 1.3.
fn system_trust_socket(sni: &str) -> TransportSocket {
    let context = UpstreamTlsContext {
        sni: sni.to_owned(),
        common_tls_context: Some(CommonTlsContext {
            tls_params: crate::tls_params::params(None, Some("1.3"), &[], &[], &[]),
            validation_context_type: Some(ValidationContextType::ValidationContext(
                CertificateValidationContext {
                    trusted_ca: Some(DataSource {
                        specifier: Some(Specifier::Filename(
                            super::tls::SYSTEM_TRUST_STORE.to_owned(),
                        )),
                        ..DataSource::default()
                    }),
                    ..CertificateValidationContext::default()
                },
            )),
            ..CommonTlsContext::default()
        }),
        ..UpstreamTlsContext::default()
    };
    TransportSocket {
        name: "envoy.transport_sockets.tls".to_owned(),
        config_type: Some(transport_socket::ConfigType::TypedConfig(pack(&context))),
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::UrlTarget;

    #[test]
    fn names_follow_host_and_port() {
        let t = UrlTarget::parse("https://oauth.foo.com/token").unwrap();
        assert_eq!(t.cluster_name(), "oauth_foo_com_443");
        let t = UrlTarget::parse("http://two.example.com:8080/jwks.json").unwrap();
        assert_eq!(t.cluster_name(), "two_example_com_8080");
        assert!(UrlTarget::parse("ftp://x").is_none());
    }
}
