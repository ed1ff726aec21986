//! Certificates served by an SDS server on a Unix socket (`tls.certificates[].sds`) rather than by the
//! control plane: the secret config points at a static cluster per server socket, and no secret is sent.

use std::collections::BTreeSet;

use envoy_types::pb::envoy::config::cluster::v3::{Cluster, cluster::ClusterDiscoveryType};
use envoy_types::pb::envoy::config::core::v3::{
    ApiConfigSource, ConfigSource, GrpcService, Http2ProtocolOptions, api_config_source::ApiType,
    config_source::ConfigSourceSpecifier, grpc_service,
};
use envoy_types::pb::envoy::config::endpoint::v3::{
    ClusterLoadAssignment, Endpoint, LbEndpoint, LocalityLbEndpoints, lb_endpoint::HostIdentifier,
};
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::SdsSecretConfig;
use gwapi_ir::ir::{SdsConfig, TlsConfig, UpstreamTlsConfig, Xds};

use crate::context::Context;
use crate::names;
use crate::wkt::seconds;

/// How long connecting to an SDS server may take.
const CONNECT_TIMEOUT_SECONDS: i64 = 10;

/// The secret config of `secret` fetched from its own SDS server over gRPC.
pub(crate) fn secret_config(sds: &SdsConfig) -> SdsSecretConfig {
    SdsSecretConfig {
        name: sds.secret_name.clone(),
        sds_config: Some(ConfigSource {
            config_source_specifier: Some(ConfigSourceSpecifier::ApiConfigSource(
                ApiConfigSource {
                    api_type: ApiType::Grpc.into(),
                    grpc_services: vec![GrpcService {
                        target_specifier: Some(grpc_service::TargetSpecifier::EnvoyGrpc(
                            grpc_service::EnvoyGrpc {
                                cluster_name: names::sds_cluster(&sds.address),
                                ..grpc_service::EnvoyGrpc::default()
                            },
                        )),
                        ..GrpcService::default()
                    }],
                    ..ApiConfigSource::default()
                },
            )),
            ..ConfigSource::default()
        }),
    }
}

/// The SDS servers of `config`'s certificates and CA bundle.
fn servers(config: &TlsConfig) -> impl Iterator<Item = &SdsConfig> {
    config
        .certificates
        .iter()
        .filter_map(|c| c.sds.as_ref())
        .chain(config.ca_certificate.as_ref().and_then(|c| c.sds.as_ref()))
}

/// The SDS servers of an upstream TLS config's client certificates and CA.
fn upstream_servers(config: &UpstreamTlsConfig) -> impl Iterator<Item = &SdsConfig> {
    config
        .client_certificates
        .iter()
        .filter_map(|c| c.sds.as_ref())
        .chain(config.ca_certificate.as_ref().and_then(|c| c.sds.as_ref()))
}

/// Adds one static cluster per SDS server socket the listeners and route destinations of `xds` name, in
/// name order.
pub(crate) fn add_clusters(ctx: &mut Context<'_>, xds: &Xds) {
    let configs = xds
        .http
        .iter()
        .filter_map(|l| l.tls.as_ref())
        .chain(xds.tcp.iter().filter_map(|l| l.tls.as_ref()))
        .chain(
            xds.tcp
                .iter()
                .flat_map(|l| &l.routes)
                .filter_map(|r| r.tls.as_ref().and_then(|t| t.terminate.as_ref())),
        );
    let upstream = xds
        .http
        .iter()
        .flat_map(|l| &l.routes)
        .filter_map(|r| r.destination.as_ref())
        .chain(
            xds.tcp
                .iter()
                .flat_map(|l| &l.routes)
                .filter_map(|r| r.destination.as_ref()),
        )
        .flat_map(|d| &d.settings)
        .filter_map(|s| s.tls.as_ref())
        .flat_map(upstream_servers);
    let paths: BTreeSet<(String, &str)> = configs
        .flat_map(servers)
        .chain(upstream)
        .map(|s| (names::sds_cluster(&s.address), s.address.as_str()))
        .collect();
    for (name, path) in paths {
        ctx.add_cluster(cluster(name, path), None);
    }
}

/// The static cluster of the SDS server on the Unix socket `path`, speaking HTTP/2 (gRPC).
fn cluster(name: String, path: &str) -> Cluster {
    let endpoint = LbEndpoint {
        host_identifier: Some(HostIdentifier::Endpoint(Endpoint {
            address: Some(crate::address::pipe(path)),
            ..Endpoint::default()
        })),
        ..LbEndpoint::default()
    };
    // Envoy Gateway still sets the deprecated cluster-level HTTP/2 options for these clusters.
    #[allow(deprecated)]
    Cluster {
        load_assignment: Some(ClusterLoadAssignment {
            cluster_name: name.clone(),
            endpoints: vec![LocalityLbEndpoints {
                lb_endpoints: vec![endpoint],
                ..LocalityLbEndpoints::default()
            }],
            ..ClusterLoadAssignment::default()
        }),
        name,
        cluster_discovery_type: Some(ClusterDiscoveryType::Type(
            envoy_types::pb::envoy::config::cluster::v3::cluster::DiscoveryType::Static.into(),
        )),
        connect_timeout: Some(seconds(CONNECT_TIMEOUT_SECONDS)),
        http2_protocol_options: Some(Http2ProtocolOptions::default()),
        ..Cluster::default()
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

    use super::*;

    fn xds() -> Xds {
        serde_json::from_str(
            r#"{"http": [{"name": "l", "port": 10443, "tls": {"certificates": [
                {"name": "a", "sds": {"secretName": "a", "scheme": "unix", "address": "/run/b"}},
                {"name": "b", "sds": {"secretName": "b", "scheme": "unix", "address": "/run/a"}},
                {"name": "c", "sds": {"secretName": "c", "scheme": "unix", "address": "/run/b"}},
                {"name": "inline", "certificate": "Y2VydA==", "privateKey": "a2V5"}]}}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn one_cluster_per_socket_in_name_order() {
        let config = crate::XdsConfig::default();
        let xds = xds();
        let mut ctx = Context::new(&config, &xds);
        add_clusters(&mut ctx, &xds);
        let names: Vec<&str> = ctx
            .resources
            .clusters
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names.len(), 2);
        assert!(names[0].starts_with("sds_run_a_"));
        assert!(names[1].starts_with("sds_run_b_"));
        assert!(ctx.resources.endpoints.is_empty());
    }

    #[test]
    fn secret_config_points_at_the_cluster() {
        let sds = SdsConfig {
            address: "/run/a".to_owned(),
            scheme: "unix".to_owned(),
            secret_name: "s".to_owned(),
        };
        let config = secret_config(&sds);
        assert_eq!(config.name, "s");
        let Some(ConfigSourceSpecifier::ApiConfigSource(api)) =
            config.sds_config.unwrap().config_source_specifier
        else {
            panic!("no api config source");
        };
        let Some(grpc_service::TargetSpecifier::EnvoyGrpc(grpc)) =
            &api.grpc_services[0].target_specifier
        else {
            panic!("no envoy grpc");
        };
        assert_eq!(grpc.cluster_name, names::sds_cluster("/run/a"));
    }

    #[test]
    fn upstream_certificates_from_sds_get_their_server_cluster_and_no_secret() {
        let xds: Xds = serde_json::from_str(
            r#"{"http": [{"name": "l", "port": 10080, "routes": [{"name": "r", "hostname": "*",
                "destination": {"name": "d", "settings": [{"name": "d/0", "endpoints": [],
                "tls": {"sni": "example.com",
                  "clientCertificates": [{"name": "", "sds":
                    {"secretName": "default", "scheme": "unix", "address": "/run/spiffe"}}],
                  "caCertificate": {"name": "ca", "sds":
                    {"secretName": "ROOTCA", "scheme": "unix", "address": "/run/spiffe"}}}}]}}]}]}"#,
        )
        .unwrap();
        let config = crate::XdsConfig::default();
        let mut ctx = Context::new(&config, &xds);
        add_clusters(&mut ctx, &xds);
        assert_eq!(ctx.resources.clusters.len(), 1);
        assert_eq!(
            ctx.resources.clusters[0].name,
            names::sds_cluster("/run/spiffe")
        );
        let tls = xds.http[0].routes[0].destination.as_ref().unwrap().settings[0]
            .tls
            .as_ref()
            .unwrap();
        assert!(crate::cluster::tls::secrets(tls).is_empty());
    }
}
