//! echo-basic's TCP mode: a line protocol, over plain TCP or TLS. On connect the server sends a welcome
//! line; then `PING` gets `PONG`, `IS_TLS` gets `true` or `false`, `TEST` gets one line of JSON
//! (`namespace`, `pod`, `service`, `serverName`: the SNI the server saw over TLS, `tls`), and any other
//! line is echoed back.

use std::sync::Arc;
use std::time::Duration;

use rustls::ServerConfig;
use serde::Deserialize;
use serde_json::json;
use tokio::io::{AsyncBufReadExt as _, AsyncRead, AsyncWrite, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;
use tokio_rustls::TlsAcceptor;

use super::l4_pods::Identity;

/// The first line the server sends.
pub const WELCOME: &str = "Welcome to the gateway-api conformance TCP echo server";
/// The liveness request and its answer.
pub const PING: (&str, &str) = ("PING", "PONG");
/// Asks whether the connection is TLS.
pub const IS_TLS: &str = "IS_TLS";
/// Asks for the server's identity (one line of JSON, [`Test`]).
pub const TEST: &str = "TEST";

/// How long a connection may stay silent (handshake included).
const IDLE: Duration = Duration::from_secs(10);

/// The answer to [`TEST`].
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Test {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's name.
    pub pod: String,
    /// The Service name the pod was started with.
    pub service: String,
    /// The SNI the server saw ("" over plain TCP or without SNI).
    pub server_name: String,
    /// Whether the connection is TLS.
    pub tls: bool,
}

/// One TCP echo server: who answers, and its TLS configuration when it serves TLS.
#[derive(Clone, Debug)]
pub struct TcpEcho {
    identity: Identity,
    tls: Option<Arc<ServerConfig>>,
}

impl TcpEcho {
    /// A server answering as `identity`, over TLS when `tls` is set.
    pub fn new(identity: Identity, tls: Option<Arc<ServerConfig>>) -> Self {
        Self { identity, tls }
    }

    /// Serves one accepted connection until the peer closes it or stays silent.
    pub async fn serve(self, stream: TcpStream) {
        let Some(config) = self.tls.clone() else {
            talk(stream, &self.identity, None).await;
            return;
        };
        let accepted = tokio::time::timeout(IDLE, TlsAcceptor::from(config).accept(stream)).await;
        if let Ok(Ok(stream)) = accepted {
            let sni = stream
                .get_ref()
                .1
                .server_name()
                .unwrap_or_default()
                .to_owned();
            talk(stream, &self.identity, Some(sni)).await;
        }
    }
}

/// The line protocol; `sni` is `Some` over TLS.
async fn talk<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    identity: &Identity,
    sni: Option<String>,
) {
    let (read, mut write) = tokio::io::split(stream);
    let mut lines = BufReader::new(read).lines();
    if write
        .write_all(format!("{WELCOME}\n").as_bytes())
        .await
        .is_err()
    {
        return;
    }
    while let Ok(Ok(Some(line))) = tokio::time::timeout(IDLE, lines.next_line()).await {
        let reply = match line.trim() {
            l if l == PING.0 => PING.1.to_owned(),
            IS_TLS => sni.is_some().to_string(),
            TEST => json!({
                "namespace": identity.namespace,
                "pod": identity.pod,
                "service": identity.service,
                "serverName": sni.clone().unwrap_or_default(),
                "tls": sni.is_some(),
            })
            .to_string(),
            other => other.to_owned(),
        };
        if write
            .write_all(format!("{reply}\n").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
    let _ = write.shutdown().await;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use std::net::SocketAddr;

    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    use tokio::net::TcpListener;

    use super::*;
    use crate::gateway_api::l4_client::{TlsClient, tcp_session};
    use crate::gateway_api::l4_tls;

    const TIMEOUT: Duration = Duration::from_secs(5);

    /// A CA's PEM, and a server certificate and key it signed for `name`.
    fn certificates(name: &str) -> (String, String, String) {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.distinguished_name.push(DnType::CommonName, "test CA");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca_pem = ca.self_signed(&ca_key).unwrap().pem();
        let issuer = Issuer::new(ca, ca_key);
        let key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec![name.to_owned()])
            .unwrap()
            .signed_by(&key, &issuer)
            .unwrap();
        (ca_pem, leaf.pem(), key.serialize_pem())
    }

    async fn serve_once(echo: TcpEcho) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            echo.serve(stream).await;
        });
        address
    }

    fn identity() -> Identity {
        Identity {
            pod: "tcp-backend-bcdfghjklm-x2x4q".to_owned(),
            namespace: "infra".to_owned(),
            service: "tcp-backend".to_owned(),
        }
    }

    #[tokio::test]
    async fn a_plain_session_answers_ping_is_tls_and_test() {
        let address = serve_once(TcpEcho::new(identity(), None)).await;
        let replies = tcp_session(address, None, &[PING.0, IS_TLS, TEST, "hello"], TIMEOUT)
            .await
            .unwrap();
        assert_eq!(replies[..2], [PING.1, "false"]);
        let test: Test = serde_json::from_str(&replies[2]).unwrap();
        assert_eq!(
            (
                test.pod.as_str(),
                test.namespace.as_str(),
                test.service.as_str()
            ),
            ("tcp-backend-bcdfghjklm-x2x4q", "infra", "tcp-backend")
        );
        assert!(!test.tls && test.server_name.is_empty());
        assert_eq!(replies[3], "hello");
    }

    #[tokio::test]
    async fn a_tls_session_reports_the_sni_the_backend_saw() {
        let (ca, cert, key) = certificates("abc.example.com");
        let server = l4_tls::server_config(cert.as_bytes(), key.as_bytes()).unwrap();
        let address = serve_once(TcpEcho::new(identity(), Some(server))).await;
        let client = TlsClient {
            config: l4_tls::client_trusting(ca.as_bytes()).unwrap(),
            sni: l4_tls::server_name("abc.example.com").unwrap(),
        };
        let replies = tcp_session(address, Some(&client), &[IS_TLS, TEST], TIMEOUT)
            .await
            .unwrap();
        assert_eq!(replies[0], "true");
        let test: Test = serde_json::from_str(&replies[1]).unwrap();
        assert!(test.tls);
        assert_eq!(test.server_name, "abc.example.com");
    }

    #[tokio::test]
    async fn a_client_trusting_another_ca_gets_no_session() {
        let (_, cert, key) = certificates("abc.example.com");
        let (other_ca, _, _) = certificates("abc.example.com");
        let server = l4_tls::server_config(cert.as_bytes(), key.as_bytes()).unwrap();
        let address = serve_once(TcpEcho::new(identity(), Some(server))).await;
        let client = TlsClient {
            config: l4_tls::client_trusting(other_ca.as_bytes()).unwrap(),
            sni: l4_tls::server_name("abc.example.com").unwrap(),
        };
        let error = tcp_session(address, Some(&client), &[TEST], TIMEOUT)
            .await
            .unwrap_err();
        assert!(error.contains("TLS handshake"), "{error}");
    }
}
