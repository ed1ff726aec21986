//! The client side of the L4 steps, one exchange each (bounded in time): a TCP connect, a session of
//! echo-basic's TCP line protocol (plain or over TLS with SNI), a TLS dial that must be rejected, and
//! one UDP datagram and its answer.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncBufReadExt as _, AsyncRead, AsyncWrite, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpStream, UdpSocket};
use tokio_rustls::TlsConnector;

use super::tcp_echo::WELCOME;

/// TLS on a TCP session: the client configuration and the SNI.
#[derive(Clone, Debug)]
pub struct TlsClient {
    /// The client configuration (trusted CAs).
    pub config: Arc<ClientConfig>,
    /// The server name sent as SNI and verified.
    pub sni: ServerName<'static>,
}

/// Connects to `address` and closes the connection.
///
/// # Errors
/// When the connection is refused or takes longer than `timeout`.
pub async fn connect(address: SocketAddr, timeout: Duration) -> Result<(), String> {
    tokio::time::timeout(timeout, TcpStream::connect(address))
        .await
        .map_err(|_| format!("no connection to {address} within {timeout:?}"))?
        .map(drop)
        .map_err(|e| format!("connect {address}: {e}"))
}

/// Opens a session (over TLS when `tls` is set), reads the welcome line, sends each of `commands` and
/// returns the line that answers each.
///
/// # Errors
/// On connection, handshake and protocol errors, a wrong welcome line, and time-outs.
pub async fn tcp_session(
    address: SocketAddr,
    tls: Option<&TlsClient>,
    commands: &[&str],
    timeout: Duration,
) -> Result<Vec<String>, String> {
    let session = async {
        let stream = TcpStream::connect(address)
            .await
            .map_err(|e| format!("connect {address}: {e}"))?;
        match tls {
            None => converse(stream, commands).await,
            Some(tls) => {
                let stream = TlsConnector::from(Arc::clone(&tls.config))
                    .connect(tls.sni.clone(), stream)
                    .await
                    .map_err(|e| format!("TLS handshake with {address}: {e}"))?;
                converse(stream, commands).await
            }
        }
    };
    tokio::time::timeout(timeout, session)
        .await
        .map_err(|_| format!("no complete answer from {address} within {timeout:?}"))?
}

async fn converse<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    commands: &[&str],
) -> Result<Vec<String>, String> {
    let (read, mut write) = tokio::io::split(stream);
    let mut lines = BufReader::new(read).lines();
    let mut next = async || {
        lines
            .next_line()
            .await
            .map_err(|e| format!("reading: {e}"))?
            .ok_or_else(|| "the connection was closed".to_owned())
    };
    let welcome = next().await?;
    if welcome != WELCOME {
        return Err(format!("expected the welcome line, got {welcome:?}"));
    }
    let mut replies = Vec::with_capacity(commands.len());
    for command in commands {
        write
            .write_all(format!("{command}\n").as_bytes())
            .await
            .map_err(|e| format!("sending {command}: {e}"))?;
        replies.push(next().await?);
    }
    Ok(replies)
}

/// How a TLS dial that must be rejected ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dial {
    /// The connection ended with EOF or a reset before the handshake completed.
    Rejected,
    /// The handshake completed.
    Completed,
    /// Anything else (refused, timed out, a TLS alert, ...).
    Other(String),
}

/// Dials TLS to `address` with SNI `sni` (any certificate accepted) and reports how it ended.
pub async fn tls_dial(
    address: SocketAddr,
    config: Arc<ClientConfig>,
    sni: ServerName<'static>,
    timeout: Duration,
) -> Dial {
    let dial = async {
        let stream = TcpStream::connect(address).await?;
        TlsConnector::from(config).connect(sni, stream).await
    };
    match tokio::time::timeout(timeout, dial).await {
        Err(_) => Dial::Other(format!("nothing happened within {timeout:?}")),
        Ok(Ok(_)) => Dial::Completed,
        Ok(Err(e)) => match e.kind() {
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => {
                Dial::Rejected
            }
            _ => Dial::Other(e.to_string()),
        },
    }
}

/// Sends `payload` to `address` from a fresh socket and returns the first datagram that comes back.
///
/// # Errors
/// On socket errors, and when nothing comes back within `timeout`.
pub async fn udp_exchange(
    address: SocketAddr,
    payload: &[u8],
    timeout: Duration,
) -> Result<Vec<u8>, String> {
    let exchange = async {
        let socket = UdpSocket::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .map_err(|e| format!("binding a UDP socket: {e}"))?;
        socket
            .send_to(payload, address)
            .await
            .map_err(|e| format!("sending to {address}: {e}"))?;
        let mut buffer = vec![0u8; 65_535];
        loop {
            let (n, from) = socket
                .recv_from(&mut buffer)
                .await
                .map_err(|e| format!("receiving from {address}: {e}"))?;
            if from == address {
                buffer.truncate(n);
                return Ok(buffer);
            }
        }
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .map_err(|_| format!("no answer from {address} within {timeout:?}"))?
}
