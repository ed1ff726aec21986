//! HTTP/2 without TLS (h2c): the client of `request.protocol: H2C_PRIOR_KNOWLEDGE` cases (HTTP/2 from the
//! first byte, no upgrade), and the echo server of echo-basic's h2c port, which serves HTTP/1.1 and h2c
//! prior knowledge on one port (as Go's `h2c.NewHandler` does).

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpStream;

/// The `request.protocol` value of an HTTP/2 prior-knowledge request.
pub const PRIOR_KNOWLEDGE: &str = "H2C_PRIOR_KNOWLEDGE";

/// The port echo-basic serves h2c on (`H2C_PORT`).
pub const ECHO_H2C_PORT: u16 = 3001;

/// Sends `request` over `stream` as HTTP/2 with prior knowledge. The request's URI must be absolute
/// (its authority becomes `:authority`).
///
/// # Errors
/// On handshake or protocol errors.
pub async fn send(
    stream: TcpStream,
    request: hyper::Request<Full<Bytes>>,
) -> Result<hyper::Response<Incoming>, String> {
    let (mut sender, connection) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(stream))
            .await
            .map_err(|e| format!("h2c handshake: {e}"))?;
    tokio::spawn(connection);
    sender
        .send_request(request)
        .await
        .map_err(|e| format!("h2c request: {e}"))
}
