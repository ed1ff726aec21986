//! The `requests` steps: plain HTTP cases sent to a Gateway's address and what must come back, and the
//! round trip itself (one HTTP/1.1 request, redirects not followed).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use http_body_util::{BodyExt as _, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::Value;

/// A `requests` block.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Requests {
    /// The Gateway the requests go to.
    pub gateway: GatewayTarget,
    /// `https` for requests over TLS.
    #[serde(default)]
    pub scheme: Option<String>,
    /// The Secret whose `tls.crt` the HTTPS client trusts.
    #[serde(default)]
    pub ca_certificate_from_secret: Option<SecretRef>,
    /// The cases, as data (checked for what the harness can run before they are read).
    #[serde(default)]
    pub cases: Vec<Value>,
}

/// Whose address the requests go to.
#[derive(Clone, Debug, Deserialize)]
pub struct GatewayTarget {
    /// The Gateway's namespace.
    pub namespace: String,
    /// The Gateway's name.
    pub name: String,
    /// The port the client connects to.
    #[serde(default)]
    pub port: Option<u16>,
}

/// One HTTP case (upstream `http.ExpectedResponse`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpCase {
    /// The upstream test case name.
    #[serde(default)]
    pub name: Option<String>,
    /// What is sent.
    #[serde(default)]
    pub request: SentRequest,
    /// What the backend must see (the request itself when absent).
    #[serde(default)]
    pub expected_request: Option<ExpectedRequest>,
    /// Where a redirect must point.
    #[serde(default)]
    pub redirect_request: Option<RedirectRequest>,
    /// Response headers the echo backend is asked to add.
    #[serde(default)]
    pub backend_set_response_headers: BTreeMap<String, String>,
    /// What the client must get.
    #[serde(default)]
    pub response: ExpectedResponse,
    /// A prefix of the pod that must answer.
    #[serde(default)]
    pub backend: Option<String>,
    /// The namespace the backend must be in ("" when absent).
    #[serde(default)]
    pub namespace: Option<String>,
    /// `non200`: every response must be something else than 200; `requestError`: the HTTPS round trip
    /// itself must fail.
    #[serde(default)]
    pub expect_failure: Option<String>,
    /// The Secret whose `tls.crt`/`tls.key` the HTTPS client presents.
    #[serde(default)]
    pub client_certificate_from_secret: Option<SecretRef>,
}

/// A Secret by namespace and name.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SecretRef {
    /// The namespace.
    pub namespace: String,
    /// The name.
    pub name: String,
}

/// The request the client sends.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentRequest {
    /// The Host header.
    #[serde(default)]
    pub host: String,
    /// The method (GET when empty).
    #[serde(default)]
    pub method: String,
    /// The path with the query.
    #[serde(default)]
    pub path: String,
    /// Extra headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body.
    #[serde(default)]
    pub body: String,
    /// The protocol (`H2C_PRIOR_KNOWLEDGE`: HTTP/2 without TLS; over TLS, `H2`: HTTP/2; HTTP/1.1 when
    /// absent).
    #[serde(default)]
    pub protocol: Option<String>,
    /// The TLS ServerName (HTTPS).
    #[serde(default)]
    pub sni: String,
}

/// What the backend must see.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpectedRequest {
    /// The Host (unchecked when empty).
    #[serde(default)]
    pub host: String,
    /// The method (GET when empty).
    #[serde(default)]
    pub method: String,
    /// The path with the query (an absent path means the sent one).
    #[serde(default)]
    pub path: Option<String>,
    /// Headers that must be there, multi-values joined by `,`.
    #[serde(default)]
    pub headers: Option<BTreeMap<String, String>>,
    /// Headers that must not be there.
    #[serde(default)]
    pub absent_headers: Vec<String>,
    /// The TLS ServerName a TLS echo backend must have seen (unchecked when empty).
    #[serde(default)]
    pub sni: String,
    /// The Secret whose `tls.crt` a TLS echo backend must have seen as the client certificate.
    #[serde(default)]
    pub client_certificate_from_secret: Option<SecretRef>,
    /// That certificate (PEM), read from the cluster before the requests are sent.
    #[serde(skip)]
    pub client_certificate: Option<Vec<u8>>,
}

/// Where a redirect must point.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RedirectRequest {
    /// The scheme (the request's when absent).
    #[serde(default)]
    pub scheme: Option<String>,
    /// The host (unchecked when absent).
    #[serde(default)]
    pub host: Option<String>,
    /// The port (none or the scheme default when absent).
    #[serde(default)]
    pub port: Option<Value>,
    /// The path (the request's path without the query when absent).
    #[serde(default)]
    pub path: Option<String>,
}

/// What the client must get.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpectedResponse {
    /// The acceptable status codes.
    #[serde(default)]
    pub status_codes: Vec<u16>,
    /// Headers that must have exactly these values.
    #[serde(default)]
    pub headers: Option<BTreeMap<String, String>>,
    /// Headers whose value must be one of these.
    #[serde(default)]
    pub valid_header_values: Option<BTreeMap<String, Vec<String>>>,
    /// Compare header values with spaces removed.
    #[serde(default)]
    pub ignore_whitespace: bool,
    /// Headers that must not be there.
    #[serde(default)]
    pub absent_headers: Vec<String>,
}

/// The case keys this harness runs; a case with any other key keeps its test skipped.
const HTTP_CASE_KEYS: &[&str] = &[
    "name",
    "request",
    "expectedRequest",
    "redirectRequest",
    "backendSetResponseHeaders",
    "response",
    "backend",
    "namespace",
    "expectFailure",
    // weighted distributions (distribution.rs), mirrors (mirror.rs), WebSocket (websocket.rs), repeats
    // (repeat.rs)
    "weights",
    "tolerance",
    "requests",
    "concurrency",
    "maxAttempts",
    "entropy",
    "mirroredTo",
    "requestIdQueryParam",
    "websocket",
    "repeat",
    "expectBackendHeaderMatchesPod",
];

/// The request keys this harness sends.
const REQUEST_KEYS: &[&str] = &[
    "host",
    "method",
    "path",
    "headers",
    "body",
    "unfollowRedirect",
    "protocol",
];

/// Why a `requests` block cannot run yet, if it cannot.
pub fn unsupported(block: &Value) -> Option<String> {
    if super::l4_requests::is_l4(block) {
        return super::l4_requests::unsupported(block);
    }
    let requests: Requests = match serde_json::from_value(block.clone()) {
        Ok(r) => r,
        Err(e) => return Some(format!("unreadable requests block: {e}")),
    };
    let https = requests.scheme.as_deref() == Some("https");
    if requests.scheme.as_deref().is_some_and(|s| s != "http") && !https {
        return Some(format!(
            "{} requests are not wired into the harness yet",
            requests.scheme.unwrap_or_default()
        ));
    }
    for case in &requests.cases {
        let Some(map) = case.as_object() else {
            return Some("a request case is not a mapping".to_owned());
        };
        if super::grpc_client::is_grpc(case) {
            match super::grpc_client::unsupported(map) {
                Some(why) => return Some(why),
                None => continue,
            }
        }
        let allowed = |k: &String| {
            HTTP_CASE_KEYS.contains(&k.as_str())
                || (https && super::https_client::CASE_KEYS.contains(&k.as_str()))
        };
        if let Some(key) = map.keys().find(|k| !allowed(k)) {
            return Some(format!("request cases with `{key}` are not run yet"));
        }
        if let Some(key) = map.get("request").and_then(Value::as_object).and_then(|r| {
            r.keys().find(|k| {
                !(REQUEST_KEYS.contains(&k.as_str())
                    || (https && super::https_client::REQUEST_KEYS.contains(&k.as_str())))
            })
        }) {
            return Some(format!("requests with `{key}` are not sent yet"));
        }
        if let Some(protocol) = map
            .get("request")
            .and_then(|r| r.get("protocol"))
            .filter(|p| {
                let p = p.as_str().unwrap_or_default();
                if https {
                    !super::https_client::PROTOCOLS.contains(&p)
                } else {
                    p != super::h2c::PRIOR_KNOWLEDGE
                }
            })
        {
            return Some(format!(
                "requests with protocol {protocol} are not sent yet"
            ));
        }
        if let Some(kind) = map.get("expectFailure").filter(|f| {
            f.as_str() != Some("non200") && !(https && f.as_str() == Some("requestError"))
        }) {
            return Some(format!("expectFailure {kind} is not run yet"));
        }
    }
    None
}

/// What came back from one round trip.
#[derive(Clone, Debug, Default)]
pub struct RoundTrip {
    /// The status code.
    pub status: u16,
    /// The response headers (lowercase names, values in order).
    pub headers: BTreeMap<String, Vec<String>>,
    /// What the echo backend saw (empty when the body is not the echo's JSON).
    pub echoed: Echoed,
}

/// The echo backend's view of the request.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Echoed {
    /// The path with the query.
    pub path: String,
    /// The Host.
    pub host: String,
    /// The method.
    pub method: String,
    /// The headers.
    pub headers: BTreeMap<String, Vec<String>>,
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's name.
    pub pod: String,
    /// The TLS ServerName a TLS echo backend saw.
    pub sni: String,
    /// The TLS connection a TLS echo backend saw.
    pub tls: Option<EchoedTls>,
}

/// The TLS connection as the echo backend reports it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EchoedTls {
    /// The client's certificate chain, PEM, leaf first.
    pub peer_certificates: Vec<String>,
    /// The ServerName the client sent.
    pub server_name: String,
    /// The negotiated application protocol.
    pub negotiated_protocol: String,
}

/// Sends `case`'s request to `address` (one connection, no redirect followed), bounded by `timeout`.
///
/// # Errors
/// On connection or protocol errors, and time-outs.
pub async fn round_trip(
    address: SocketAddr,
    case: &HttpCase,
    timeout: Duration,
) -> Result<RoundTrip, String> {
    tokio::time::timeout(timeout, send(address, case))
        .await
        .map_err(|_| format!("no response within {timeout:?}"))?
}

/// The request of `case` to `address` (with an absolute URI when `absolute`), and its method.
pub(super) fn build(
    address: SocketAddr,
    case: &HttpCase,
    absolute: bool,
) -> Result<(hyper::Request<Full<Bytes>>, String), String> {
    let request = &case.request;
    let host = if request.host.is_empty() {
        if address.port() == 80 {
            address.ip().to_string()
        } else {
            address.to_string()
        }
    } else {
        request.host.clone()
    };
    let method = if request.method.is_empty() {
        "GET"
    } else {
        request.method.as_str()
    };
    let set_header: Vec<String> = case
        .backend_set_response_headers
        .iter()
        .map(|(k, v)| format!("{k}:{v}"))
        .collect();
    let path = if request.path.is_empty() {
        "/"
    } else {
        request.path.as_str()
    };
    // HTTP/2 carries the host as `:authority`, from an absolute URI.
    let mut builder = if absolute {
        hyper::Request::builder()
            .uri(format!("http://{host}{path}"))
            .version(hyper::Version::HTTP_2)
    } else {
        hyper::Request::builder()
            .uri(path)
            .header(hyper::header::HOST, host)
    };
    builder = builder
        .method(method)
        .header("user-agent", "Go-http-client/1.1")
        .header("x-echo-set-header", set_header.join(","));
    for (name, value) in &request.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let http_request = builder
        .body(Full::new(Bytes::from(request.body.clone())))
        .map_err(|e| format!("building the request: {e}"))?;
    Ok((http_request, method.to_owned()))
}

async fn send(address: SocketAddr, case: &HttpCase) -> Result<RoundTrip, String> {
    let stream = tokio::net::TcpStream::connect(address)
        .await
        .map_err(|e| format!("connect {address}: {e}"))?;
    let h2c = case.request.protocol.as_deref() == Some(super::h2c::PRIOR_KNOWLEDGE);
    let (http_request, method) = build(address, case, h2c)?;
    let response = if h2c {
        super::h2c::send(stream, http_request).await?
    } else {
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(connection);
        sender
            .send_request(http_request)
            .await
            .map_err(|e| e.to_string())?
    };
    read(response, method).await
}

/// Reads `response` to a round trip (`method` is what was sent).
pub(super) async fn read(
    response: hyper::Response<hyper::body::Incoming>,
    method: String,
) -> Result<RoundTrip, String> {
    let status = response.status().as_u16();
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in response.headers() {
        headers
            .entry(name.as_str().to_ascii_lowercase())
            .or_default()
            .push(String::from_utf8_lossy(value.as_bytes()).into_owned());
    }
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    // Upstream's round tripper reads the echo's JSON when there is one; otherwise (a response the
    // gateway answered itself, such as a CORS preflight) the captured request only carries the method sent.
    let echoed = serde_json::from_slice(&body).unwrap_or_else(|_| Echoed {
        method: method.clone(),
        ..Echoed::default()
    });
    Ok(RoundTrip {
        status,
        headers,
        echoed,
    })
}
