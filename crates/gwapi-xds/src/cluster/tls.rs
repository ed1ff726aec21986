//! Upstream TLS of clusters.

use envoy_types::pb::envoy::config::core::v3::{
    DataSource, TransportSocket, data_source, transport_socket,
};
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::{
    CertificateValidationContext, CommonTlsContext, SdsSecretConfig, TlsParameters,
    UpstreamTlsContext, common_tls_context::ValidationContextType, tls_parameters::TlsProtocol,
};

use crate::any::pack;
use crate::config_source::ads;
use crate::listener::tls::TLS_SOCKET;

/// Where the control plane's CA certificate is mounted in the proxy.
pub(crate) const CONTROL_PLANE_CA: &str = "/certs/ca.crt";

/// The TLS socket to a control-plane service (rate limit, ...): the proxy's client certificate through
/// SDS, the control plane's CA from the proxy's file system, TLS 1.3 at most.
pub(crate) fn control_plane_client(certificate: Option<&str>) -> TransportSocket {
    let context = UpstreamTlsContext {
        common_tls_context: Some(CommonTlsContext {
            tls_params: Some(TlsParameters {
                tls_maximum_protocol_version: TlsProtocol::TlSv13.into(),
                ..TlsParameters::default()
            }),
            tls_certificate_sds_secret_configs: certificate
                .map(|name| SdsSecretConfig {
                    name: name.to_owned(),
                    sds_config: Some(ads(true)),
                })
                .into_iter()
                .collect(),
            validation_context_type: Some(ValidationContextType::ValidationContext(
                CertificateValidationContext {
                    trusted_ca: Some(DataSource {
                        specifier: Some(data_source::Specifier::Filename(
                            CONTROL_PLANE_CA.to_owned(),
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
        name: TLS_SOCKET.to_owned(),
        config_type: Some(transport_socket::ConfigType::TypedConfig(pack(&context))),
    }
}
