//! Downstream TLS: the transport socket of TLS filter chains, SNI matching, and the certificate secrets.

use envoy_types::pb::envoy::config::core::v3::{
    DataSource, TransportSocket, data_source, transport_socket,
};
use envoy_types::pb::envoy::config::listener::v3::{
    FilterChain, FilterChainMatch, Listener, ListenerFilter, listener_filter,
};
use envoy_types::pb::envoy::extensions::filters::listener::tls_inspector::v3::TlsInspector;
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::{
    CertificateValidationContext, CommonTlsContext, DownstreamTlsContext, SdsSecretConfig, Secret,
    TlsCertificate,
    certificate_validation_context::TrustChainVerification,
    common_tls_context::{CombinedCertificateValidationContext, ValidationContextType},
    secret,
};
use gwapi_ir::ir::{Blob, BlobEncoding, TlsConfig, TlsFingerprint};

use crate::any::pack;
use crate::config_source::ads;
use crate::wkt::boolean;

/// The name of the TLS transport socket.
pub(crate) const TLS_SOCKET: &str = "envoy.transport_sockets.tls";
/// The name of the TLS inspector listener filter.
pub(crate) const TLS_INSPECTOR: &str = "envoy.filters.listener.tls_inspector";

/// The downstream TLS transport socket of `config`, certificates fetched through SDS.
pub(crate) fn downstream(config: &TlsConfig, alpn: Vec<String>) -> TransportSocket {
    TransportSocket {
        name: TLS_SOCKET.to_owned(),
        config_type: Some(transport_socket::ConfigType::TypedConfig(pack(
            &downstream_context(config, alpn),
        ))),
    }
}

/// The downstream TLS context of `config` offering `alpn`, certificates fetched through SDS.
pub(crate) fn downstream_context(config: &TlsConfig, alpn: Vec<String>) -> DownstreamTlsContext {
    DownstreamTlsContext {
        common_tls_context: Some(CommonTlsContext {
            alpn_protocols: alpn,
            tls_params: crate::tls_params::params(
                config.min_version.as_deref(),
                config.max_version.as_deref(),
                &config.ciphers,
                &config.ecdh_curves,
                &config.signature_algorithms,
            ),
            tls_certificate_sds_secret_configs: config
                .certificates
                .iter()
                .map(|c| match &c.sds {
                    Some(sds) => super::sds::secret_config(sds),
                    None => SdsSecretConfig {
                        name: c.name.clone(),
                        sds_config: Some(ads(true)),
                    },
                })
                .collect(),
            validation_context_type: client_validation(config),
            ..CommonTlsContext::default()
        }),
        require_client_certificate: (config.ca_certificate.is_some()
            || config.client_validation_enabled)
            .then(|| boolean(config.require_client_certificate)),
        disable_stateful_session_resumption: !config.stateful_session_resumption,
        session_ticket_keys_type: (!config.stateless_session_resumption).then_some(
            envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::downstream_tls_context::SessionTicketKeysType::DisableStatelessSessionResumption(true),
        ),
        ..DownstreamTlsContext::default()
    }
}

/// How client certificates are validated: against the CA bundle (fetched over SDS), trusting any chain
/// when untrusted certificates are accepted; without a CA bundle, only when validation is on and
/// untrusted certificates are accepted (the certificate is then requested but never trusted).
fn client_validation(config: &TlsConfig) -> Option<ValidationContextType> {
    let accept_untrusted = config
        .accept_untrusted
        .then(|| CertificateValidationContext {
            trust_chain_verification: TrustChainVerification::AcceptUntrusted.into(),
            ..CertificateValidationContext::default()
        });
    let Some(ca) = &config.ca_certificate else {
        return accept_untrusted
            .filter(|_| config.client_validation_enabled)
            .map(ValidationContextType::ValidationContext);
    };
    let sds = match &ca.sds {
        Some(sds) => super::sds::secret_config(sds),
        None => SdsSecretConfig {
            name: ca.name.clone(),
            sds_config: Some(ads(true)),
        },
    };
    Some(match accept_untrusted {
        Some(default) => {
            ValidationContextType::CombinedValidationContext(CombinedCertificateValidationContext {
                default_validation_context: Some(default),
                validation_context_sds_secret_config: Some(sds),
                ..CombinedCertificateValidationContext::default()
            })
        }
        None => ValidationContextType::ValidationContextSdsSecretConfig(sds),
    })
}

/// Turns on the TLS fingerprints of `fingerprints` in the TLS inspector of `listener`, if it has one.
pub(crate) fn enable_fingerprints(listener: &mut Listener, fingerprints: &[TlsFingerprint]) {
    if fingerprints.is_empty() {
        return;
    }
    for f in &mut listener.listener_filters {
        if f.name != TLS_INSPECTOR {
            continue;
        }
        if let Some(listener_filter::ConfigType::TypedConfig(any)) = &mut f.config_type
            && let Ok(mut inspector) =
                <TlsInspector as prost::Message>::decode(any.value.as_slice())
        {
            for fingerprint in fingerprints {
                match fingerprint {
                    TlsFingerprint::Ja3 => {
                        inspector.enable_ja3_fingerprinting = Some(boolean(true));
                    }
                    TlsFingerprint::Ja4 => {
                        inspector.enable_ja4_fingerprinting = Some(boolean(true));
                    }
                }
            }
            *any = pack(&inspector);
        }
    }
}

/// Matches `chain` on the SNI names among `hostnames` (none for `*`), adding the TLS inspector to the
/// listener when it does.
pub(crate) fn match_server_names(
    listener: &mut Listener,
    chain: &mut FilterChain,
    hostnames: &[String],
) {
    let names: Vec<String> = hostnames
        .iter()
        .filter(|h| h.as_str() != "*")
        .cloned()
        .collect();
    if names.is_empty() {
        return;
    }
    chain.filter_chain_match = Some(FilterChainMatch {
        server_names: names,
        ..FilterChainMatch::default()
    });
    add_tls_inspector(listener);
}

/// Adds the TLS inspector listener filter unless the listener has it.
pub(crate) fn add_tls_inspector(listener: &mut Listener) {
    if listener
        .listener_filters
        .iter()
        .any(|f| f.name == TLS_INSPECTOR)
    {
        return;
    }
    listener.listener_filters.push(ListenerFilter {
        name: TLS_INSPECTOR.to_owned(),
        config_type: Some(listener_filter::ConfigType::TypedConfig(pack(
            &TlsInspector::default(),
        ))),
        ..ListenerFilter::default()
    });
}

/// One secret per certificate of `config`, then one for its CA certificate (none for those an SDS
/// server of their own serves).
pub(crate) fn secrets(config: &TlsConfig) -> Vec<Secret> {
    let mut secrets: Vec<Secret> = config
        .certificates
        .iter()
        .filter(|c| c.sds.is_none())
        .map(|c| Secret {
            name: c.name.clone(),
            r#type: Some(secret::Type::TlsCertificate(TlsCertificate {
                certificate_chain: Some(inline_blob(&c.certificate)),
                private_key: Some(inline_blob(&c.private_key)),
                ..TlsCertificate::default()
            })),
        })
        .collect();
    if let Some(ca) = config.ca_certificate.as_ref().filter(|ca| ca.sds.is_none()) {
        secrets.push(Secret {
            name: ca.name.clone(),
            r#type: Some(secret::Type::ValidationContext(
                CertificateValidationContext {
                    trusted_ca: Some(inline_blob(&ca.certificate)),
                    ..CertificateValidationContext::default()
                },
            )),
        });
    }
    secrets
}

/// Inline bytes.
pub(crate) fn inline(bytes: &[u8]) -> DataSource {
    DataSource {
        specifier: Some(data_source::Specifier::InlineBytes(bytes.to_vec())),
        ..DataSource::default()
    }
}

/// The bytes of `blob` inline; a redacted blob stays `[redacted]`, as in the reference's golden files.
pub(crate) fn inline_blob(blob: &Blob) -> DataSource {
    if blob.encoding == BlobEncoding::Redacted {
        inline(REDACTED)
    } else {
        inline(&blob.bytes)
    }
}

/// What a redacted blob holds.
const REDACTED: &[u8] = b"[redacted]";
