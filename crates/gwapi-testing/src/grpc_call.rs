//! A unary gRPC call to the echo service (`grpc_echo`) over HTTP/2 with prior knowledge (h2c on TCP, or
//! HTTP/2 over a TLS stream the caller connected), the way the conformance suite's gRPC client makes it:
//! `POST /SERVICE/METHOD` with the metadata as headers and an optional `:authority` override; the status
//! from `grpc-status` (in the trailers or, for "trailers-only" answers, the headers), or from the HTTP
//! status when there is none.

use std::net::SocketAddr;
use std::time::Duration;

use http_body_util::{BodyExt as _, Full};
use hyper::Request;
use hyper::body::Bytes;
use hyper::header::{CONTENT_TYPE, HeaderMap};
use hyper_util::rt::{TokioExecutor, TokioIo};
use prost::Message as _;
use tokio::io::{AsyncRead, AsyncWrite};

use crate::grpc_echo::{EchoAssertions, EchoRequest, EchoResponse};
use crate::grpc_wire::{GrpcCode, frame, unframe};

/// One call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrpcCall {
    /// The fully qualified service (`package.Service`).
    pub service: String,
    /// The method.
    pub method: String,
    /// Metadata sent as headers (names are lowercased, as HTTP/2 requires).
    pub metadata: Vec<(String, String)>,
    /// The `:authority`; the dialed address when absent (as gRPC clients default to the target).
    pub authority: Option<String>,
}

impl GrpcCall {
    /// A call of `service`/`method` with no metadata.
    #[must_use]
    pub fn new(service: &str, method: &str) -> Self {
        Self {
            service: service.to_owned(),
            method: method.to_owned(),
            ..Self::default()
        }
    }

    /// Adds a metadata entry.
    #[must_use]
    pub fn metadata(mut self, name: &str, value: &str) -> Self {
        self.metadata.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the `:authority`.
    #[must_use]
    pub fn authority(mut self, authority: &str) -> Self {
        self.authority = Some(authority.to_owned());
        self
    }

    /// `/SERVICE/METHOD`.
    pub fn path(&self) -> String {
        format!("/{}/{}", self.service, self.method)
    }
}

/// What came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrpcReply {
    /// The HTTP status.
    pub http_status: u16,
    /// The gRPC status.
    pub code: GrpcCode,
    /// `grpc-message`.
    pub message: String,
    /// The response headers (lowercase names; a repeated name keeps its last value).
    pub headers: Vec<(String, String)>,
    /// What the echo server saw, when the call succeeded and answered an `EchoResponse`.
    pub assertions: Option<EchoAssertions>,
}

/// Calls over a new TCP connection to `address` (h2c), bounded by `timeout`.
///
/// # Errors
/// When the connection or the HTTP/2 exchange fails, or the time is up.
pub async fn call_tcp(
    address: SocketAddr,
    call: &GrpcCall,
    timeout: Duration,
) -> Result<GrpcReply, String> {
    let exchange = async {
        let stream = tokio::net::TcpStream::connect(address)
            .await
            .map_err(|e| format!("connect {address}: {e}"))?;
        call_on(stream, &address.to_string(), call).await
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .map_err(|_| format!("no gRPC response within {timeout:?}"))?
}

/// Calls over `io` (HTTP/2 with prior knowledge: a TCP stream, or a TLS stream that negotiated `h2`);
/// `target` is the authority when the call sets none.
///
/// # Errors
/// When the HTTP/2 exchange fails or the request cannot be built (an invalid authority or metadata).
pub async fn call_on<I>(io: I, target: &str, call: &GrpcCall) -> Result<GrpcReply, String>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, connection) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(io))
            .await
            .map_err(|e| format!("HTTP/2 handshake: {e}"))?;
    let driver = tokio::spawn(connection);
    let authority = call.authority.as_deref().unwrap_or(target);
    let mut builder = Request::post(format!("http://{authority}{}", call.path()))
        .header(CONTENT_TYPE, "application/grpc")
        .header("te", "trailers")
        .header("user-agent", "grpc-go/1.70.0 (gwapi-testing)");
    for (name, value) in &call.metadata {
        builder = builder.header(name.to_ascii_lowercase(), value.as_str());
    }
    let request = builder
        .body(Full::new(Bytes::from(frame(
            &EchoRequest {}.encode_to_vec(),
        ))))
        .map_err(|e| format!("building the call: {e}"))?;
    let result = exchange(&mut sender, request).await;
    driver.abort();
    result
}

async fn exchange(
    sender: &mut hyper::client::conn::http2::SendRequest<Full<Bytes>>,
    request: Request<Full<Bytes>>,
) -> Result<GrpcReply, String> {
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("HTTP/2 request: {e}"))?;
    let http_status = response.status().as_u16();
    let (parts, body) = response.into_parts();
    let collected = body
        .collect()
        .await
        .map_err(|e| format!("reading the response: {e}"))?;
    let trailers = collected.trailers().cloned().unwrap_or_default();
    let body = collected.to_bytes();
    let status_of = |map: &HeaderMap| {
        map.get("grpc-status")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<i64>().ok())
    };
    let text = |map: &HeaderMap, name: &str| {
        map.get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    let is_grpc = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/grpc"));
    // As gRPC clients do: a non-200 status or another content type gives the HTTP mapping's code; a
    // missing `grpc-status` is Internal.
    let code = if !is_grpc || http_status != 200 {
        GrpcCode::from_http_status(http_status)
    } else {
        status_of(&trailers)
            .or_else(|| status_of(&parts.headers))
            .map_or(GrpcCode::Internal, GrpcCode::from_number)
    };
    let message = text(&trailers, "grpc-message")
        .or_else(|| text(&parts.headers, "grpc-message"))
        .unwrap_or_default();
    let assertions = if code == GrpcCode::Ok {
        let messages = unframe(&body)?;
        let [one] = messages.as_slice() else {
            return Err(format!("{} messages in a unary answer", messages.len()));
        };
        EchoResponse::decode(one.as_slice())
            .map_err(|e| format!("decoding the EchoResponse: {e}"))?
            .assertions
    } else {
        None
    };
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    Ok(GrpcReply {
        http_status,
        code,
        message,
        headers,
        assertions,
    })
}
