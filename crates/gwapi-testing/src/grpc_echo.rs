//! A gRPC echo backend that answers like the Gateway API conformance suite's `grpc-echo` (echo-basic with
//! `GRPC_ECHO_SERVER=1`): service `gateway_api_conformance.echo_basic.grpcecho.GrpcEcho` with `Echo` and
//! `EchoTwo`, which answer with assertions about the call (the request's metadata, the authority, the fully
//! qualified method, the namespace and pod the server runs as, and TLS details when served over TLS), and
//! `EchoThree`, which the server does not implement (`Unimplemented`), as upstream.
//!
//! The messages are written by hand (prost derives, no protoc) after upstream's `grpcecho.proto`; the
//! server is plain HTTP/2 (hyper) over any byte stream, so it serves h2c on a TCP connection and gRPC over
//! TLS on a stream the caller has already accepted.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use gwapi_testing::grpc_call::{GrpcCall, call_tcp};
//! use gwapi_testing::grpc_echo::{GrpcEchoServer, PodContext, SERVICE};
//! use gwapi_testing::grpc_wire::GrpcCode;
//!
//! let pod = PodContext::new("ns", "grpc-echo-0");
//! let server = GrpcEchoServer::start(pod).await.unwrap();
//! let timeout = std::time::Duration::from_secs(5);
//! let echo = GrpcCall::new(SERVICE, "Echo").metadata("X-Seen", "yes");
//! let reply = call_tcp(server.address(), &echo, timeout).await.unwrap();
//! assert_eq!(reply.code, GrpcCode::Ok);
//! let assertions = reply.assertions.unwrap();
//! assert_eq!(assertions.fully_qualified_method, format!("/{SERVICE}/Echo"));
//! assert_eq!(assertions.context.unwrap().pod, "grpc-echo-0");
//! assert!(assertions.headers.iter().any(|h| h.key == "x-seen" && h.value == "yes"));
//! let three = GrpcCall::new(SERVICE, "EchoThree");
//! let unimplemented = call_tcp(server.address(), &three, timeout).await.unwrap();
//! assert_eq!(unimplemented.code, GrpcCode::Unimplemented);
//! # }
//! ```

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt as _, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use hyper::{Request, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use prost::Message as _;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;

use crate::grpc_wire::{GrpcCode, frame, unframe};

/// The echo service's fully qualified name.
pub const SERVICE: &str = "gateway_api_conformance.echo_basic.grpcecho.GrpcEcho";

/// One metadata entry the server saw.
#[derive(Clone, PartialEq, Eq, prost::Message)]
pub struct Header {
    /// The name (lowercase, as HTTP/2 carries it).
    #[prost(string, tag = "1")]
    pub key: String,
    /// The value.
    #[prost(string, tag = "2")]
    pub value: String,
}

/// Who answered.
#[derive(Clone, PartialEq, Eq, prost::Message)]
pub struct Context {
    /// The pod's namespace.
    #[prost(string, tag = "1")]
    pub namespace: String,
    /// The ingress name (unused by the suite).
    #[prost(string, tag = "2")]
    pub ingress: String,
    /// The Service name (unused by the suite).
    #[prost(string, tag = "3")]
    pub service_name: String,
    /// The pod's name.
    #[prost(string, tag = "4")]
    pub pod: String,
}

/// What a TLS server saw of the connection.
#[derive(Clone, PartialEq, Eq, prost::Message)]
pub struct TlsAssertions {
    /// The TLS version (`TLSv1.3`).
    #[prost(string, tag = "1")]
    pub version: String,
    /// The client's certificates (PEM), when it presented any.
    #[prost(string, repeated, tag = "2")]
    pub peer_certificates: Vec<String>,
    /// The SNI the client sent.
    #[prost(string, tag = "3")]
    pub server_name: String,
    /// The ALPN protocol.
    #[prost(string, tag = "4")]
    pub negotiated_protocol: String,
    /// The cipher suite.
    #[prost(string, tag = "5")]
    pub cipher_suite: String,
}

/// What the server saw of a call.
#[derive(Clone, PartialEq, Eq, prost::Message)]
pub struct EchoAssertions {
    /// The request's metadata (headers), `:authority` included, in the order received.
    #[prost(message, repeated, tag = "1")]
    pub headers: Vec<Header>,
    /// The `:authority`.
    #[prost(string, tag = "2")]
    pub authority: String,
    /// Who answered.
    #[prost(message, optional, tag = "3")]
    pub context: Option<Context>,
    /// `/SERVICE/METHOD`, as the server received it.
    #[prost(string, tag = "4")]
    pub fully_qualified_method: String,
    /// The TLS connection, when served over TLS.
    #[prost(message, optional, tag = "5")]
    pub tls: Option<TlsAssertions>,
}

/// The request of `Echo` (and, on the wire, of `EchoTwo` and `EchoThree`: upstream's `EchoTwoRequest` and
/// `EchoThreeRequest` are empty too).
#[derive(Clone, PartialEq, Eq, prost::Message)]
pub struct EchoRequest {}

/// The response of `Echo` (and, on the wire, of `EchoTwo` and `EchoThree`).
#[derive(Clone, PartialEq, Eq, prost::Message)]
pub struct EchoResponse {
    /// What the server saw.
    #[prost(message, optional, tag = "1")]
    pub assertions: Option<EchoAssertions>,
}

/// The pod a server answers as (echo-basic's `POD_NAME`, `NAMESPACE`, `SERVICE_NAME`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodContext {
    /// The namespace.
    pub namespace: String,
    /// The pod name.
    pub pod: String,
    /// The Service name (usually empty, as in the suite's manifests).
    pub service_name: String,
}

impl PodContext {
    /// A pod `pod` in `namespace`.
    #[must_use]
    pub fn new(namespace: &str, pod: &str) -> Self {
        Self {
            namespace: namespace.to_owned(),
            pod: pod.to_owned(),
            service_name: String::new(),
        }
    }
}

/// Tells, on each call, which pod answers (`None`: no pod listens there any more; calls get `Unavailable`).
/// Harnesses that move pods between addresses look it up per call.
pub type PodLookup = Arc<dyn Fn() -> Option<PodContext> + Send + Sync>;

/// The response body of every answer.
pub type GrpcBody = BoxBody<Bytes, Infallible>;

/// Serves gRPC echo calls on one accepted connection (HTTP/2 with prior knowledge, i.e. h2c on TCP, or
/// HTTP/2 inside TLS) until it closes. `tls` is what the caller's TLS handshake saw, if any.
///
/// # Errors
/// When the connection breaks or is not HTTP/2.
pub async fn serve_connection<I>(
    io: I,
    tls: Option<TlsAssertions>,
    lookup: PodLookup,
) -> Result<(), hyper::Error>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |request| {
        let (tls, lookup) = (tls.clone(), Arc::clone(&lookup));
        async move { Ok::<_, Infallible>(answer(request, tls, lookup().as_ref()).await) }
    });
    hyper::server::conn::http2::Builder::new(TokioExecutor::new())
        .serve_connection(TokioIo::new(io), service)
        .await
}

/// Answers one call as `pod` (see the module documentation).
pub async fn answer(
    request: Request<Incoming>,
    tls: Option<TlsAssertions>,
    pod: Option<&PodContext>,
) -> Response<GrpcBody> {
    let (parts, body) = request.into_parts();
    let is_grpc = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/grpc"));
    if !is_grpc {
        // gRPC servers refuse other content types with 415.
        return Response::builder()
            .status(415)
            .body(Full::new(Bytes::new()).boxed())
            .unwrap_or_default();
    }
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => return status(GrpcCode::Internal, &format!("reading the request: {e}")),
    };
    let decoded = unframe(&body).and_then(|messages| match messages.as_slice() {
        [one] => EchoRequest::decode(one.as_slice()).map_err(|e| e.to_string()),
        _ => Err(format!("{} messages in a unary call", messages.len())),
    });
    if let Err(e) = decoded {
        return status(GrpcCode::Internal, &format!("grpc: {e}"));
    }
    let path = parts.uri.path();
    let Some((service, method)) = path.strip_prefix('/').and_then(|p| p.split_once('/')) else {
        return status(
            GrpcCode::Unimplemented,
            &format!("malformed method name: {path:?}"),
        );
    };
    if service != SERVICE {
        return status(
            GrpcCode::Unimplemented,
            &format!("unknown service {service}"),
        );
    }
    match method {
        "Echo" | "EchoTwo" => {}
        "EchoThree" => {
            return status(GrpcCode::Unimplemented, "method EchoThree not implemented");
        }
        _ => {
            let message = format!("unknown method {method} for service {service}");
            return status(GrpcCode::Unimplemented, &message);
        }
    }
    let Some(pod) = pod else {
        return status(GrpcCode::Unavailable, "no pod answers on this address");
    };
    let authority = parts
        .uri
        .authority()
        .map(ToString::to_string)
        .or_else(|| {
            let host = parts.headers.get(hyper::header::HOST)?;
            Some(String::from_utf8_lossy(host.as_bytes()).into_owned())
        })
        .unwrap_or_default();
    let mut headers = vec![Header {
        key: ":authority".to_owned(),
        value: authority.clone(),
    }];
    headers.extend(parts.headers.iter().map(|(name, value)| Header {
        key: name.as_str().to_owned(),
        value: String::from_utf8_lossy(value.as_bytes()).into_owned(),
    }));
    let response = EchoResponse {
        assertions: Some(EchoAssertions {
            headers,
            authority,
            context: Some(Context {
                namespace: pod.namespace.clone(),
                ingress: String::new(),
                service_name: pod.service_name.clone(),
                pod: pod.pod.clone(),
            }),
            fully_qualified_method: path.to_owned(),
            tls,
        }),
    };
    let mut trailers = HeaderMap::new();
    trailers.insert("grpc-status", HeaderValue::from_static("0"));
    let body = Full::new(Bytes::from(frame(&response.encode_to_vec())))
        .with_trailers(std::future::ready(Some(Ok(trailers))))
        .boxed();
    Response::builder()
        .header(CONTENT_TYPE, "application/grpc")
        .body(body)
        .unwrap_or_default()
}

/// A "trailers-only" answer: the status in the headers and no message.
fn status(code: GrpcCode, message: &str) -> Response<GrpcBody> {
    let mut builder = Response::builder()
        .header(CONTENT_TYPE, "application/grpc")
        .header("grpc-status", code.number().to_string());
    // `grpc-message` is percent-encoded; keep to the characters that need none.
    let message: String = message
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .map(|c| if c == '%' { '?' } else { c })
        .collect();
    builder = builder.header("grpc-message", message);
    builder
        .body(Full::new(Bytes::new()).boxed())
        .unwrap_or_default()
}

/// A gRPC echo server on an ephemeral port of 127.0.0.1 (h2c), answering as one pod; it stops when dropped.
#[derive(Debug)]
pub struct GrpcEchoServer {
    address: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl GrpcEchoServer {
    /// Starts the server on the current Tokio runtime.
    ///
    /// # Errors
    /// When the socket cannot be bound.
    pub async fn start(pod: PodContext) -> std::io::Result<Self> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0)), pod).await
    }

    /// Starts the server on `address` (127.0.0.0/8 in tests) on the current Tokio runtime.
    ///
    /// # Errors
    /// When the socket cannot be bound.
    pub async fn bind(address: SocketAddr, pod: PodContext) -> std::io::Result<Self> {
        let listener = TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let lookup: PodLookup = Arc::new(move || Some(pod.clone()));
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_connection(stream, None, Arc::clone(&lookup)));
            }
        });
        Ok(Self { address, task })
    }

    /// The server's address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for GrpcEchoServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
