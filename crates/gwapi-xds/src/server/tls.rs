//! [`XdsTls`]: mutual TLS for the ADS server (feature `tls`): the server presents its certificate and
//! accepts only proxies whose client certificate a trusted CA signed.

/// The PEM material of the server's mutual TLS: its certificate chain and key, and the CA bundle that
/// client certificates must chain to. Reading the files is the caller's business (the library does no
/// I/O).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct XdsTls {
    /// The server's certificate chain (PEM).
    pub cert_pem: Vec<u8>,
    /// The server's private key (PEM).
    pub key_pem: Vec<u8>,
    /// The CAs that sign the proxies' client certificates (PEM).
    pub client_ca_pem: Vec<u8>,
}

impl XdsTls {
    /// Mutual TLS with the server certificate `cert_pem` and key `key_pem`, trusting the client
    /// certificates signed by `client_ca_pem`.
    pub fn new(
        cert_pem: impl Into<Vec<u8>>,
        key_pem: impl Into<Vec<u8>>,
        client_ca_pem: impl Into<Vec<u8>>,
    ) -> Self {
        Self {
            cert_pem: cert_pem.into(),
            key_pem: key_pem.into(),
            client_ca_pem: client_ca_pem.into(),
        }
    }

    /// The tonic configuration: client certificates required.
    pub(crate) fn server_config(&self) -> tonic::transport::ServerTlsConfig {
        use tonic::transport::{Certificate, Identity, ServerTlsConfig};
        ServerTlsConfig::new()
            .identity(Identity::from_pem(&self.cert_pem, &self.key_pem))
            .client_ca_root(Certificate::from_pem(&self.client_ca_pem))
            .client_auth_optional(false)
    }
}

/// Shows the certificates' sizes, never the key.
impl std::fmt::Debug for XdsTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XdsTls")
            .field("cert_pem", &format_args!("{} bytes", self.cert_pem.len()))
            .field("key_pem", &format_args!("(redacted)"))
            .field(
                "client_ca_pem",
                &format_args!("{} bytes", self.client_ca_pem.len()),
            )
            .finish()
    }
}
