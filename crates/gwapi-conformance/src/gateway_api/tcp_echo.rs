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
