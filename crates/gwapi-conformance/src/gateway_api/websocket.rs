//! WebSocket (RFC 6455), both ends: the echo backend accepts an `Upgrade: websocket` handshake and echoes
//! every text and binary message back (as echo-basic does); the client side runs a `websocket` case: it
//! dials the Gateway, completes the handshake and sends each message, whose reply must be byte-identical.

use std::net::SocketAddr;
use std::time::Duration;

use base64::Engine as _;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::runtime::Runtime;

use super::consistency::consistently;
use super::dataplane::REQUEST_TIMEOUT;

/// The GUID of the accept-key computation (RFC 6455 section 1.3).
const GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
/// The largest frame either end reads.
const MAX_FRAME: u64 = 1 << 20;
/// The 7-bit length values that announce a 16-bit and a 64-bit length.
const LEN_16: u8 = 0x7E;
const LEN_64: u8 = 0x7F;
/// The largest handshake response the client reads.
const MAX_HANDSHAKE: usize = 16 * 1024;

const OP_CONTINUATION: u8 = 0x0;
const OP_TEXT: u8 = 0x1;
const OP_BINARY: u8 = 0x2;
const OP_CLOSE: u8 = 0x8;
const OP_PING: u8 = 0x9;
const OP_PONG: u8 = 0xA;

/// A `websocket` case.
#[derive(Clone, Debug, Deserialize)]
pub struct WebSocketCase {
    /// The URL (`{GATEWAY_ADDRESS}` is the Gateway's `address:port`).
    pub url: String,
    /// The Origin header (`{GO_SUBTEST_NAME}` is the case name).
    #[serde(default)]
    pub origin: Option<String>,
    /// The messages, in order, each with the reply it must get.
    #[serde(default)]
    pub messages: Vec<Exchange>,
}

/// One message and its expected reply.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    /// What is sent.
    pub send: Message,
    /// What must come back.
    pub expect_reply: Message,
}

/// A text or binary message.
#[derive(Clone, Debug, Deserialize)]
pub struct Message {
    /// A text message.
    #[serde(default)]
    pub text: Option<String>,
    /// A binary message.
    #[serde(default)]
    pub binary: Option<Vec<u8>>,
}

impl Message {
    fn frame(&self) -> (u8, Vec<u8>) {
        match (&self.text, &self.binary) {
            (Some(text), _) => (OP_TEXT, text.as_bytes().to_vec()),
            (None, Some(bytes)) => (OP_BINARY, bytes.clone()),
            (None, None) => (OP_TEXT, Vec::new()),
        }
    }
}

/// Runs a `websocket` case against `target`: the exchange must succeed `RequiredConsecutiveSuccesses`
/// times in a row (a new connection each time) within `MaxTimeToConsistency`.
///
/// # Errors
/// An unreadable case, or the last failure when time is up.
pub fn run(runtime: &Runtime, target: SocketAddr, value: &Value) -> Result<(), String> {
    let case: WebSocketCase = value
        .get("websocket")
        .cloned()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| format!("websocket: {e}"))?
        .ok_or("no websocket exchange")?;
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("websocket")
        .to_owned();
    consistently(|| runtime.block_on(exchange(target, &case, &name, REQUEST_TIMEOUT)))
        .map_err(|e| format!("websocket {name}: {e}"))
}

/// Whether a request case is a WebSocket exchange.
pub fn is_websocket(case: &Value) -> bool {
    case.get("websocket").is_some()
}

/// The `Sec-WebSocket-Accept` value for a `Sec-WebSocket-Key`.
fn accept_key(key: &str) -> String {
    let digest = ring::digest::digest(
        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        format!("{key}{GUID}").as_bytes(),
    );
    base64::engine::general_purpose::STANDARD.encode(digest.as_ref())
}

/// Whether a request asks to upgrade to WebSocket.
pub fn is_upgrade(request: &Request<Incoming>) -> bool {
    let has = |name: &str, token: &str| {
        request.headers().get_all(name).iter().any(|v| {
            String::from_utf8_lossy(v.as_bytes())
                .split(',')
                .any(|t| t.trim().eq_ignore_ascii_case(token))
        })
    };
    has("connection", "upgrade") && has("upgrade", "websocket")
}

/// Answers an upgrade request with `101 Switching Protocols` and echoes messages on the upgraded
/// connection (the connection must be served with upgrades enabled).
pub fn accept(request: Request<Incoming>) -> Response<Full<Bytes>> {
    let Some(key) = request
        .headers()
        .get("sec-websocket-key")
        .map(|k| String::from_utf8_lossy(k.as_bytes()).into_owned())
    else {
        return Response::builder()
            .status(400)
            .body(Full::new(Bytes::from_static(b"missing Sec-WebSocket-Key")))
            .unwrap_or_default();
    };
    tokio::spawn(async move {
        if let Ok(upgraded) = hyper::upgrade::on(request).await {
            let _ = echo_frames(TokioIo::new(upgraded)).await;
        }
    });
    Response::builder()
        .status(101)
        .header("connection", "Upgrade")
        .header("upgrade", "websocket")
        .header("sec-websocket-accept", accept_key(&key))
        .body(Full::new(Bytes::new()))
        .unwrap_or_default()
}

/// The server side: echoes data frames, answers pings, ends on close.
async fn echo_frames<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S) -> std::io::Result<()> {
    loop {
        let (opcode, payload) = read_frame(&mut stream).await?;
        match opcode {
            OP_TEXT | OP_BINARY | OP_CONTINUATION => {
                write_frame(&mut stream, opcode, &payload, false).await?;
            }
            OP_PING => write_frame(&mut stream, OP_PONG, &payload, false).await?,
            OP_CLOSE => {
                write_frame(&mut stream, OP_CLOSE, &payload, false).await?;
                return Ok(());
            }
            _ => {}
        }
    }
}

/// Reads one frame (unmasking it when masked).
async fn read_frame<S: AsyncRead + Unpin>(stream: &mut S) -> std::io::Result<(u8, Vec<u8>)> {
    let mut head = [0u8; 2];
    stream.read_exact(&mut head).await?;
    let [first, second] = head;
    let opcode = first & 0x0F;
    let masked = second & 0x80 != 0;
    let len = match second & 0x7F {
        LEN_16 => u64::from(stream.read_u16().await?),
        LEN_64 => stream.read_u64().await?,
        n => u64::from(n),
    };
    if len > MAX_FRAME {
        return Err(std::io::Error::other(format!("a {len}-byte frame")));
    }
    let mut mask = [0u8; 4];
    if masked {
        stream.read_exact(&mut mask).await?;
    }
    let mut payload = vec![0u8; usize::try_from(len).unwrap_or_default()];
    stream.read_exact(&mut payload).await?;
    if masked {
        for (byte, key) in payload.iter_mut().zip(mask.iter().cycle()) {
            *byte ^= key;
        }
    }
    Ok((opcode, payload))
}

/// Writes one final frame; a client masks it (with a random key).
async fn write_frame<S: AsyncWrite + Unpin>(
    stream: &mut S,
    opcode: u8,
    payload: &[u8],
    mask: bool,
) -> std::io::Result<()> {
    let mut frame = vec![0x80 | opcode];
    let mask_bit = if mask { 0x80 } else { 0 };
    match u16::try_from(payload.len()) {
        Ok(n) if n < u16::from(LEN_16) => {
            frame.push(mask_bit | u8::try_from(n).unwrap_or_default());
        }
        Ok(n) => {
            frame.push(mask_bit | LEN_16);
            frame.extend_from_slice(&n.to_be_bytes());
        }
        Err(_) => {
            frame.push(mask_bit | LEN_64);
            frame.extend_from_slice(&(payload.len() as u64).to_be_bytes());
        }
    }
    if mask {
        let key = fastrand::u32(..).to_be_bytes();
        frame.extend_from_slice(&key);
        frame.extend(payload.iter().zip(key.iter().cycle()).map(|(b, k)| b ^ k));
    } else {
        frame.extend_from_slice(payload);
    }
    stream.write_all(&frame).await?;
    stream.flush().await
}

/// One client attempt: the handshake to `target`, then every message of `case` on that connection.
///
/// # Errors
/// What went wrong: connection, handshake, or a reply that differs.
pub async fn exchange(
    target: SocketAddr,
    case: &WebSocketCase,
    name: &str,
    timeout: Duration,
) -> Result<(), String> {
    tokio::time::timeout(timeout, try_exchange(target, case, name))
        .await
        .map_err(|_| format!("no WebSocket exchange within {timeout:?}"))?
}

async fn try_exchange(target: SocketAddr, case: &WebSocketCase, name: &str) -> Result<(), String> {
    let address = target.to_string();
    let url = case.url.replace("{GATEWAY_ADDRESS}", &address);
    let rest = url
        .strip_prefix("ws://")
        .ok_or_else(|| format!("only ws:// URLs are run, not {url}"))?;
    let (host, path) = rest.find('/').map_or((rest, "/"), |i| rest.split_at(i));
    let origin = case
        .origin
        .clone()
        .unwrap_or_default()
        .replace("{GO_SUBTEST_NAME}", &name.replace(' ', "_"));
    let key = base64::engine::general_purpose::STANDARD.encode(fastrand::u128(..).to_be_bytes());
    let mut stream = TcpStream::connect(target)
        .await
        .map_err(|e| format!("connect {target}: {e}"))?;
    let handshake = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: {key}\r\nOrigin: {origin}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    stream
        .write_all(handshake.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let head = read_head(&mut stream).await?;
    let status = head.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) != Some("101") {
        return Err(format!("handshake answered {status:?}"));
    }
    let accepted = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("sec-websocket-accept")
            .then(|| value.trim().to_owned())
    });
    if accepted.as_deref() != Some(accept_key(&key).as_str()) {
        return Err(format!("bad Sec-WebSocket-Accept {accepted:?}"));
    }
    for exchange in &case.messages {
        let (opcode, payload) = exchange.send.frame();
        write_frame(&mut stream, opcode, &payload, true)
            .await
            .map_err(|e| format!("sending a message: {e}"))?;
        let (got_opcode, got) = read_frame(&mut stream)
            .await
            .map_err(|e| format!("reading the reply: {e}"))?;
        let (want_opcode, want) = exchange.expect_reply.frame();
        if (got_opcode, &got) != (want_opcode, &want) {
            return Err(format!(
                "expected reply {want:?} (opcode {want_opcode}), got {got:?} (opcode {got_opcode})"
            ));
        }
    }
    let _ = write_frame(&mut stream, OP_CLOSE, &[0x03, 0xE8], true).await;
    Ok(())
}

/// Reads the handshake response up to its blank line.
async fn read_head(stream: &mut TcpStream) -> Result<String, String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > MAX_HANDSHAKE {
            return Err("handshake response too long".to_owned());
        }
        let n = stream.read(&mut byte).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!(
                "connection closed during the handshake: {:?}",
                String::from_utf8_lossy(&head)
            ));
        }
        head.extend_from_slice(&byte);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn the_accept_key_is_the_rfc_example() {
        assert_eq!(
            accept_key("dGhlIHNhbXBsZSBub25jZQ=="),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
    }

    #[test]
    fn masked_frames_round_trip() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            for len in [0usize, 5, 200, 70_000] {
                let payload: Vec<u8> = (0..len).map(|i| u8::try_from(i % 251).unwrap()).collect();
                let mut wire = Vec::new();
                write_frame(&mut wire, OP_BINARY, &payload, true)
                    .await
                    .unwrap();
                let (op, got) = read_frame(&mut wire.as_slice()).await.unwrap();
                assert_eq!((op, got), (OP_BINARY, payload));
            }
        });
    }
}
