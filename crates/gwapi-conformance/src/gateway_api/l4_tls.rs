//! TLS configurations of the L4 steps (rustls, ring): the TLS echo backend's server side, the client that
//! trusts a CA (upstream `tcp` steps with `tls: true`), and the client that trusts any certificate
//! (upstream's TLS dial expecting the connection to be rejected, where no handshake may complete).

use std::sync::Arc;

use anyhow::Context as _;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, ServerConfig, SignatureScheme};

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A server presenting the PEM chain `cert` with the PEM key `key` (TLS 1.2 and 1.3).
///
/// # Errors
/// When the PEM data cannot be read or the key does not fit.
pub fn server_config(cert: &[u8], key: &[u8]) -> anyhow::Result<Arc<ServerConfig>> {
    let chain = CertificateDer::pem_slice_iter(cert)
        .collect::<Result<Vec<_>, _>>()
        .context("reading the certificate")?;
    let key = PrivateKeyDer::from_pem_slice(key).context("reading the key")?;
    let config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(chain, key)?;
    Ok(Arc::new(config))
}

/// A client trusting the CA certificates of the PEM bundle `ca` (TLS 1.2 and 1.3).
///
/// # Errors
/// When the bundle has no usable certificate.
pub fn client_trusting(ca: &[u8]) -> anyhow::Result<Arc<ClientConfig>> {
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(ca) {
        roots.add(cert.context("reading the CA bundle")?)?;
    }
    anyhow::ensure!(!roots.is_empty(), "the CA bundle has no certificate");
    let config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// A client that accepts any server certificate (TLS 1.2 and 1.3), for probes where only whether a
/// handshake completes matters.
///
/// # Errors
/// When the protocol versions cannot be set.
pub fn client_trusting_anything() -> anyhow::Result<Arc<ClientConfig>> {
    let provider = provider();
    let verifier = AnyCertificate(provider.signature_verification_algorithms);
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// The server name a client sends as SNI.
///
/// # Errors
/// When `sni` is neither a DNS name nor an IP address.
pub fn server_name(sni: &str) -> anyhow::Result<ServerName<'static>> {
    ServerName::try_from(sni.to_owned()).with_context(|| format!("bad server name {sni:?}"))
}

/// Accepts every certificate; still checks handshake signatures, so the handshake is a real one.
#[derive(Debug)]
struct AnyCertificate(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}
