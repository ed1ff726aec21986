//! Upstream TLS of clusters.

use envoy_types::pb::envoy::config::cluster::v3::cluster::TransportSocketMatch;
use envoy_types::pb::envoy::config::core::v3::{
    DataSource, TransportSocket, data_source, transport_socket,
};
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::{
    CertificateValidationContext, CommonTlsContext, SdsSecretConfig, Secret, SubjectAltNameMatcher,
    TlsParameters, UpstreamTlsContext,
    common_tls_context::{CombinedCertificateValidationContext, ValidationContextType},
    secret,
    subject_alt_name_matcher::SanType,
    tls_parameters::TlsProtocol,
};
use envoy_types::pb::envoy::r#type::matcher::v3::{StringMatcher, string_matcher::MatchPattern};
use envoy_types::pb::google::protobuf::{Struct, Value, value::Kind};
use gwapi_ir::ir::{SubjectAltName, UpstreamTlsConfig};

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

/// The name of the placeholder socket of clusters whose endpoints pick their TLS socket by metadata.
pub(crate) const DUMMY_SOCKET: &str = "dummy.transport_socket";
/// The endpoint metadata namespace transport socket matches look at.
pub(crate) const SOCKET_MATCH_NAMESPACE: &str = "envoy.transport_socket_match";
/// Where the system trust store is in the proxy image.
pub(crate) const SYSTEM_TRUST_STORE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// The placeholder transport socket of a cluster with socket matches.
pub(crate) fn dummy() -> TransportSocket {
    TransportSocket {
        name: DUMMY_SOCKET.to_owned(),
        config_type: Some(transport_socket::ConfigType::TypedConfig(pack(
            &UpstreamTlsContext {
                common_tls_context: Some(CommonTlsContext::default()),
                ..UpstreamTlsContext::default()
            },
        ))),
    }
}

/// The socket match selecting `tls` for the endpoints labelled `name`.
pub(crate) fn socket_match(
    name: &str,
    tls: &UpstreamTlsConfig,
    auto_sni: bool,
) -> TransportSocketMatch {
    TransportSocketMatch {
        name: name.to_owned(),
        r#match: Some(Struct {
            fields: [(
                "name".to_owned(),
                Value {
                    kind: Some(Kind::StringValue(name.to_owned())),
                },
            )]
            .into_iter()
            .collect(),
        }),
        transport_socket: Some(upstream(tls, auto_sni)),
    }
}

/// Whether the cluster over `settings` sets the SNI from each request's host (`auto_sni`): some backend
/// uses TLS and none names an SNI.
pub(crate) fn auto_sni(settings: &[gwapi_ir::ir::DestinationSetting]) -> bool {
    let mut tls = settings.iter().filter_map(|s| s.tls.as_ref()).peekable();
    tls.peek().is_some() && tls.all(|t| t.sni.is_none())
}

/// The upstream TLS socket of `tls`; with `auto_sni`, a certificate checked against no explicit name is
/// checked against the SNI sent.
pub(crate) fn upstream(tls: &UpstreamTlsConfig, auto_sni: bool) -> TransportSocket {
    let validation = (!tls.insecure_skip_verify)
        .then_some(tls.ca_certificate.as_ref())
        .flatten()
        .map(|ca| {
            let sans = if tls.subject_alt_names.is_empty() {
                tls.sni
                    .iter()
                    .map(|s| san(SanType::Dns, s))
                    .collect::<Vec<_>>()
            } else {
                tls.subject_alt_names
                    .iter()
                    .map(|s| match s {
                        SubjectAltName::Hostname(h) => san(SanType::Dns, h),
                        SubjectAltName::Uri(u) => san(SanType::Uri, u),
                    })
                    .collect()
            };
            ValidationContextType::CombinedValidationContext(CombinedCertificateValidationContext {
                default_validation_context: Some(CertificateValidationContext {
                    match_typed_subject_alt_names: sans,
                    ..CertificateValidationContext::default()
                }),
                validation_context_sds_secret_config: Some(ca.sds.as_ref().map_or_else(
                    || SdsSecretConfig {
                        name: ca.name.clone(),
                        sds_config: Some(ads(true)),
                    },
                    crate::listener::sds::secret_config,
                )),
                ..CombinedCertificateValidationContext::default()
            })
        });
    let auto_sni_san_validation =
        auto_sni && tls.subject_alt_names.is_empty() && validation.is_some();
    let context = UpstreamTlsContext {
        sni: tls.sni.clone().unwrap_or_default(),
        auto_sni_san_validation,
        common_tls_context: Some(CommonTlsContext {
            tls_certificate_sds_secret_configs: tls
                .client_certificates
                .iter()
                .map(|c| {
                    c.sds.as_ref().map_or_else(
                        || SdsSecretConfig {
                            name: c.name.clone(),
                            sds_config: Some(ads(true)),
                        },
                        crate::listener::sds::secret_config,
                    )
                })
                .collect(),
            validation_context_type: validation,
            alpn_protocols: tls.alpn_protocols.clone().unwrap_or_default(),
            tls_params: crate::tls_params::params(
                tls.min_version.as_deref(),
                tls.max_version.as_deref(),
                &tls.ciphers,
                &tls.ecdh_curves,
                &tls.signature_algorithms,
            ),
            ..CommonTlsContext::default()
        }),
        ..UpstreamTlsContext::default()
    };
    TransportSocket {
        name: TLS_SOCKET.to_owned(),
        config_type: Some(transport_socket::ConfigType::TypedConfig(pack(&context))),
    }
}

fn san(kind: SanType, value: &str) -> SubjectAltNameMatcher {
    SubjectAltNameMatcher {
        san_type: kind.into(),
        matcher: Some(StringMatcher {
            match_pattern: Some(MatchPattern::Exact(value.to_owned())),
            ..StringMatcher::default()
        }),
        ..SubjectAltNameMatcher::default()
    }
}

/// Whether `secret` is a CA.
pub(crate) fn is_ca(secret: &Secret) -> bool {
    matches!(&secret.r#type, Some(secret::Type::ValidationContext(_)))
}

/// Whether `secret` is a CA given inline (not the system trust store file).
pub(crate) fn is_inline_ca(secret: &Secret) -> bool {
    matches!(
        &secret.r#type,
        Some(secret::Type::ValidationContext(
            CertificateValidationContext {
                trusted_ca: Some(DataSource {
                    specifier: Some(data_source::Specifier::InlineBytes(_)),
                    ..
                }),
                ..
            }
        ))
    )
}

/// The secrets `tls` refers to: its client certificates, then its CA (the system trust store as a file);
/// none for those fetched from an SDS server of their own.
pub(crate) fn secrets(tls: &UpstreamTlsConfig) -> Vec<Secret> {
    let mut secrets = crate::listener::tls::secrets(&gwapi_ir::ir::TlsConfig {
        certificates: tls.client_certificates.clone(),
        ..gwapi_ir::ir::TlsConfig::default()
    });
    if let Some(ca) = tls.ca_certificate.as_ref().filter(|ca| ca.sds.is_none()) {
        let trusted_ca = if tls.use_system_trust_store {
            DataSource {
                specifier: Some(data_source::Specifier::Filename(
                    SYSTEM_TRUST_STORE.to_owned(),
                )),
                ..DataSource::default()
            }
        } else {
            crate::listener::tls::inline_blob(&ca.certificate)
        };
        secrets.push(Secret {
            name: ca.name.clone(),
            r#type: Some(secret::Type::ValidationContext(
                CertificateValidationContext {
                    trusted_ca: Some(trusted_ca),
                    ..CertificateValidationContext::default()
                },
            )),
        });
    }
    secrets
}
