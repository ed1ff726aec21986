//! HTTPS requests (upstream `tls.MakeTLSRequestAndExpectEventuallyConsistentResponse`): HTTP/1.1 or
//! HTTP/2 (`protocol: H2`) over TLS to a Gateway's address, with the block's `caCertificateFromSecret` as
//! the only trusted CA, `request.sni` as the ServerName and, for cases with `clientCertificateFromSecret`,
//! that Secret's certificate as the client certificate (the server must ask for it). The certificate must
//! chain to the CA and match the ServerName as Go's `crypto/x509` matches names (a wildcard stands for
//! exactly one leftmost label, whatever the labels after it: `*.org` is valid for `example.org`).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ResolvesClientCert, WebPkiServerVerifier};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::sign::CertifiedKey;
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, Error, RootCertStore, SignatureScheme,
};
use tokio_rustls::TlsConnector;

use super::request::{self, HttpCase, RoundTrip, SecretRef};
use super::world::World;

/// The case keys HTTPS blocks add to plain HTTP ones.
pub const CASE_KEYS: &[&str] = &["clientCertificateFromSecret"];
/// The request keys HTTPS blocks add to plain HTTP ones.
pub const REQUEST_KEYS: &[&str] = &["sni", "protocol"];
/// The protocols HTTPS requests are sent with: HTTP/1.1 (`HTTPS`) or HTTP/2 (`H2`) over TLS.
pub const PROTOCOLS: &[&str] = &["HTTPS", "H2"];

/// How the requests of a block reach the Gateway.
pub enum Transport {
    /// Plain HTTP/1.1.
    Plain,
    /// HTTPS, trusting `ca` only.
    Tls(TlsClient),
}

/// What an HTTPS client needs from the cluster.
pub struct TlsClient {
    verifier: Arc<GoHostnames>,
    /// Client certificates (chain and key) by Secret.
    client_certificates: Vec<(String, String, Arc<CertifiedKey>)>,
}

/// The crypto provider of the harness's TLS clients and servers.
pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    static PROVIDER: OnceLock<Arc<rustls::crypto::CryptoProvider>> = OnceLock::new();
    Arc::clone(PROVIDER.get_or_init(|| Arc::new(rustls::crypto::ring::default_provider())))
}

/// The `tls.crt` and `tls.key` of Secret `r` in `world`.
pub fn secret_pair(world: &World, r: &SecretRef) -> Result<(Vec<u8>, Vec<u8>), String> {
    let Some(gwapi_model::resource::Resource::Secret(secret)) =
        world.find("Secret", &r.namespace, &r.name)
    else {
        return Err(format!("no Secret {}/{}", r.namespace, r.name));
    };
    let get = |key: &str| {
        secret
            .data
            .as_ref()
            .and_then(|d| d.get(key))
            .map(|b| b.0.clone())
            .unwrap_or_default()
    };
    Ok((get("tls.crt"), get("tls.key")))
}

/// The certificate and key of `cert`/`key` (PEM) for signing with the harness's provider.
pub fn certified_key(cert: &[u8], key: &[u8]) -> Result<Arc<CertifiedKey>, String> {
    let chain = CertificateDer::pem_slice_iter(cert)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("certificate: {e}"))?;
    if chain.is_empty() {
        return Err("no PEM certificate".to_owned());
    }
    let key = PrivateKeyDer::from_pem_slice(key).map_err(|e| format!("private key: {e}"))?;
    let signer = provider()
        .key_provider
        .load_private_key(key)
        .map_err(|e| format!("private key: {e}"))?;
    Ok(Arc::new(CertifiedKey::new(chain, signer)))
}

impl Transport {
    /// The transport of `block` (its scheme, CA and the client certificates its cases present).
    pub fn for_block(
        world: &World,
        block: &request::Requests,
        cases: &[HttpCase],
    ) -> Result<Self, String> {
        if block.scheme.as_deref() != Some("https") {
            return Ok(Self::Plain);
        }
        let ca = block
            .ca_certificate_from_secret
            .as_ref()
            .ok_or("an HTTPS block without caCertificateFromSecret")?;
        let (ca_pem, _) = secret_pair(world, ca)?;
        let mut roots = RootCertStore::empty();
        for cert in CertificateDer::pem_slice_iter(&ca_pem) {
            let cert = cert.map_err(|e| format!("CA of {}/{}: {e}", ca.namespace, ca.name))?;
            roots
                .add(cert)
                .map_err(|e| format!("CA of {}/{}: {e}", ca.namespace, ca.name))?;
        }
        let mut client_certificates = Vec::new();
        for r in cases
            .iter()
            .filter_map(|c| c.client_certificate_from_secret.as_ref())
        {
            let (cert, key) = secret_pair(world, r)?;
            let key = certified_key(&cert, &key)
                .map_err(|e| format!("client certificate {}/{}: {e}", r.namespace, r.name))?;
            client_certificates.push((r.namespace.clone(), r.name.clone(), key));
        }
        let inner = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider())
            .build()
            .map_err(|e| format!("CA of {}/{}: {e}", ca.namespace, ca.name))?;
        Ok(Self::Tls(TlsClient {
            verifier: Arc::new(GoHostnames { inner }),
            client_certificates,
        }))
    }

    /// Sends `case`'s request to `address`, bounded by `timeout`.
    ///
    /// # Errors
    /// On connection, TLS or protocol errors, and time-outs.
    pub async fn round_trip(
        &self,
        address: SocketAddr,
        case: &HttpCase,
        timeout: Duration,
    ) -> Result<RoundTrip, String> {
        match self {
            Self::Plain => request::round_trip(address, case, timeout).await,
            Self::Tls(client) => tokio::time::timeout(timeout, client.send(address, case))
                .await
                .map_err(|_| format!("no response within {timeout:?}"))?,
        }
    }
}

/// Verifies server certificates like Go's TLS client: the chain with webpki, then the name with Go's
/// rules when webpki's stricter wildcard rules refuse it.
#[derive(Debug)]
struct GoHostnames {
    inner: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for GoHostnames {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let verified = self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        match (verified, server_name) {
            // webpki checks the name last: the chain is trusted.
            (
                Err(Error::InvalidCertificate(
                    CertificateError::NotValidForName
                    | CertificateError::NotValidForNameContext { .. },
                )),
                ServerName::DnsName(host),
            ) if dns_names(end_entity)
                .iter()
                .any(|pattern| go_matches(pattern, host.as_ref())) =>
            {
                Ok(ServerCertVerified::assertion())
            }
            (other, _) => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// One DER element: its tag, its content and what follows it.
fn der_element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let (bytes, rest) = rest.split_at(n);
        (
            bytes
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b)),
            rest,
        )
    };
    (rest.len() >= len).then(|| {
        let (content, rest) = rest.split_at(len);
        (tag, content, rest)
    })
}

/// The DNS names of a certificate's subjectAltName extension (OID 2.5.29.17).
fn dns_names(der: &[u8]) -> Vec<String> {
    const SAN_OID: &[u8] = &[0x06, 0x03, 0x55, 0x1d, 0x11];
    let Some(at) = der.windows(SAN_OID.len()).position(|w| w == SAN_OID) else {
        return Vec::new();
    };
    let mut rest = der.get(at + SAN_OID.len()..).unwrap_or_default();
    // An optional `critical` BOOLEAN, then the OCTET STRING holding the GeneralNames.
    let mut names = None;
    while let Some((tag, content, after)) = der_element(rest) {
        rest = after;
        if tag == 0x04 {
            names = der_element(content)
                .filter(|(t, _, _)| *t == 0x30)
                .map(|(_, c, _)| c);
            break;
        }
    }
    let mut out = Vec::new();
    let mut list = names.unwrap_or_default();
    while let Some((tag, content, after)) = der_element(list) {
        list = after;
        // dNSName is `[2] IMPLICIT IA5String`.
        if tag == 0x82 {
            out.push(String::from_utf8_lossy(content).into_owned());
        }
    }
    out
}

/// Go's `matchHostnames`: as many labels, each equal (ASCII case-insensitively), except a leftmost `*`.
fn go_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.to_ascii_lowercase();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if pattern.is_empty() || host.is_empty() {
        return false;
    }
    let pattern: Vec<&str> = pattern.split('.').collect();
    let host: Vec<&str> = host.split('.').collect();
    pattern.len() == host.len()
        && pattern
            .iter()
            .zip(&host)
            .enumerate()
            .all(|(i, (p, h))| (i == 0 && *p == "*") || p == h)
}

/// Presents one certificate, remembering whether the server asked for one.
#[derive(Debug)]
struct Presenter {
    key: Arc<CertifiedKey>,
    asked: AtomicBool,
}

impl ResolvesClientCert for Presenter {
    fn resolve(
        &self,
        _root_hint_subjects: &[&[u8]],
        _sigschemes: &[SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        self.asked.store(true, Ordering::SeqCst);
        Some(Arc::clone(&self.key))
    }

    fn has_certs(&self) -> bool {
        true
    }
}

impl TlsClient {
    async fn send(&self, address: SocketAddr, case: &HttpCase) -> Result<RoundTrip, String> {
        let h2 = case.request.protocol.as_deref() == Some("H2");
        let builder = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(
                Arc::clone(&self.verifier) as Arc<dyn ServerCertVerifier>
            );
        let presenter = match &case.client_certificate_from_secret {
            Some(r) => {
                let key = self
                    .client_certificates
                    .iter()
                    .find(|(ns, name, _)| *ns == r.namespace && *name == r.name)
                    .map(|(_, _, key)| Arc::clone(key))
                    .ok_or_else(|| format!("no client certificate {}/{}", r.namespace, r.name))?;
                Some(Arc::new(Presenter {
                    key,
                    asked: AtomicBool::new(false),
                }))
            }
            None => None,
        };
        let mut config = match &presenter {
            Some(p) => {
                builder.with_client_cert_resolver(Arc::clone(p) as Arc<dyn ResolvesClientCert>)
            }
            None => builder.with_no_client_auth(),
        };
        config.alpn_protocols = vec![if h2 {
            b"h2".to_vec()
        } else {
            b"http/1.1".to_vec()
        }];
        let request = &case.request;
        // Without a ServerName the client sends no SNI and checks the certificate against the address.
        let server_name = if request.sni.is_empty() {
            ServerName::from(address.ip())
        } else {
            ServerName::try_from(request.sni.clone())
                .map_err(|e| format!("server name {:?}: {e}", request.sni))?
        };
        let stream = tokio::net::TcpStream::connect(address)
            .await
            .map_err(|e| format!("connect {address}: {e}"))?;
        let tls = TlsConnector::from(Arc::new(config))
            .connect(server_name, stream)
            .await
            .map_err(|e| format!("TLS handshake: {e}"))?;
        if let Some(p) = &presenter
            && !p.asked.load(Ordering::SeqCst)
        {
            return Err("the server did not ask for a client certificate".to_owned());
        }
        let (mut http_request, method) = request::build(address, case, h2)?;
        let io = TokioIo::new(tls);
        let response = if h2 {
            // Over TLS, `:scheme` is https.
            let uri = format!(
                "https://{}{}",
                http_request
                    .uri()
                    .authority()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                http_request
                    .uri()
                    .path_and_query()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            );
            *http_request.uri_mut() = uri.parse().map_err(|e| format!("URI {uri}: {e}"))?;
            let (mut sender, connection) =
                hyper::client::conn::http2::handshake(TokioExecutor::new(), io)
                    .await
                    .map_err(|e| format!("HTTP/2 handshake: {e}"))?;
            tokio::spawn(connection);
            sender
                .send_request(http_request)
                .await
                .map_err(|e| e.to_string())?
        } else {
            let (mut sender, connection) = hyper::client::conn::http1::handshake(io)
                .await
                .map_err(|e| e.to_string())?;
            tokio::spawn(connection);
            sender
                .send_request(http_request)
                .await
                .map_err(|e| e.to_string())?
        };
        request::read(response, method).await
    }
}

/// Upstream `MakeTLSRequestAndExpectEventuallyConsistentFailureResponse`: the round trip itself must fail.
pub fn expect_request_error(result: Result<RoundTrip, String>) -> Result<(), String> {
    match result {
        Ok(got) => Err(format!(
            "expected the request to fail, got status {}",
            got.status
        )),
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::{dns_names, go_matches};

    #[test]
    fn subject_alt_names_are_read_from_der() {
        let key = rcgen::KeyPair::generate().unwrap();
        let names = vec![
            "*".to_owned(),
            "*.org".to_owned(),
            "a.example.com".to_owned(),
        ];
        let cert = rcgen::CertificateParams::new(names.clone())
            .unwrap()
            .self_signed(&key)
            .unwrap();
        assert_eq!(dns_names(cert.der()), names);
        assert!(dns_names(b"not a certificate").is_empty());
    }

    #[test]
    fn wildcards_stand_for_one_leftmost_label() {
        assert!(go_matches("*.org", "example.org"));
        assert!(go_matches("*.wildcard.org", "Third-Example.wildcard.org."));
        assert!(!go_matches("*.wildcard.org", "wildcard.org"));
        assert!(!go_matches("*", "example.org"));
        assert!(!go_matches("*.org", "a.example.org"));
        assert!(go_matches("abc.example.com", "abc.example.com"));
        assert!(!go_matches("a*.org", "ab.org"));
    }
}
