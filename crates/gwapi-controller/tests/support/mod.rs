//! End-to-end support: echo backends, an HTTP(S) client, the controller process, ports.

#![allow(dead_code)]

pub mod grpc;

use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt as _, Empty};
use hyper::Request;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// A port free on 127.0.0.1 right now.
pub fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A temporary directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "gwapi-e2e-{name}-{}-{}",
            std::process::id(),
            free_port()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A TLS client that trusts `ca_der`.
pub fn tls_connector(ca_der: &[u8]) -> tokio_rustls::TlsConnector {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(ca_der.to_vec()))
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

/// `GET path` with `Host: host` on a new connection to 127.0.0.1:`port` (TLS with SNI `host` when a
/// connector is given): the status and body.
pub async fn get(
    port: u16,
    host: &str,
    path: &str,
    tls: Option<&tokio_rustls::TlsConnector>,
) -> Result<(u16, String), String> {
    let stream = TcpStream::connect(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let request = Request::get(path)
        .header("host", host)
        .body(Empty::<Bytes>::new())
        .unwrap();
    let response = match tls {
        Some(connector) => {
            let name = rustls::pki_types::ServerName::try_from(host.to_owned()).unwrap();
            let stream = connector
                .connect(name, stream)
                .await
                .map_err(|e| format!("tls: {e}"))?;
            send(TokioIo::new(stream), request).await?
        }
        None => send(TokioIo::new(stream), request).await?,
    };
    Ok(response)
}

async fn send<I>(io: I, request: Request<Empty<Bytes>>) -> Result<(u16, String), String>
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| format!("handshake: {e}"))?;
    tokio::spawn(connection);
    let response = tokio::time::timeout(Duration::from_secs(5), sender.send_request(request))
        .await
        .map_err(|_| "timeout".to_owned())?
        .map_err(|e| format!("request: {e}"))?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("body: {e}"))?
        .to_bytes();
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

/// The name of the echo backend that answered (`gwapi_testing::EchoBackend` answers `NAME PATH`).
pub fn backend(body: &str) -> &str {
    body.split(' ').next().unwrap_or_default()
}

/// Retries `GET` until the backend named `expected` answers 200, or `timeout` passes.
pub async fn wait_for(
    port: u16,
    host: &str,
    path: &str,
    tls: Option<&tokio_rustls::TlsConnector>,
    expected: &str,
    timeout: Duration,
) -> Result<Duration, String> {
    let started = Instant::now();
    let mut last = String::new();
    while started.elapsed() < timeout {
        match get(port, host, path, tls).await {
            Ok((200, body)) if backend(&body) == expected => return Ok(started.elapsed()),
            Ok((status, body)) => last = format!("{status} {body}"),
            Err(e) => last = e,
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!(
        "no 200 `{expected}` from :{port}{path} within {timeout:?}; last: {last}"
    ))
}

/// The controller binary, running `standalone` on a directory; killed (SIGKILL) on drop.
pub struct Controller {
    pub child: Child,
    pub admin_port: u16,
    pub log: PathBuf,
}

impl Controller {
    pub fn start(dir: &Path, state: &Path, xds_port: u16, extra: &[&str]) -> Self {
        let envoy = gwapi_testing::envoy_binary().unwrap_or_else(|e| panic!("{e}"));
        let admin_port = free_port();
        let log = state.join(format!("controller-{admin_port}.log"));
        std::fs::create_dir_all(state).unwrap();
        let file = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_gwapi-controller"))
            .arg("standalone")
            .arg(dir)
            .args(["--xds-port", &xds_port.to_string()])
            .args(["--admin-port", &admin_port.to_string()])
            .arg("--state-dir")
            .arg(state)
            .args(["--poll-ms", "100"])
            .args(extra)
            .env("ENVOY_BIN", envoy)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .unwrap();
        Self {
            child,
            admin_port,
            log,
        }
    }

    /// The controller's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// GET on the admin server.
    pub async fn admin(&self, path: &str) -> Result<(u16, String), String> {
        get(self.admin_port, "localhost", path, None).await
    }

    /// Kills the process (SIGKILL), as a crash or a node restart would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Stops the process with SIGTERM and waits for it.
    pub fn terminate(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.kill();
    }
}

impl Drop for Controller {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Stops every Envoy recorded in `state` (through its admin), for cleanup.
pub fn stop_envoys(state: &Path) {
    let Ok(entries) = std::fs::read_dir(state.join("proxies")) else {
        return;
    };
    for entry in entries.flatten() {
        if let Ok(admin) = std::fs::read_to_string(entry.path().join("admin-address")) {
            use std::io::{Read as _, Write as _};
            if let Ok(mut stream) = std::net::TcpStream::connect(admin.trim()) {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let _ = stream.write_all(
                    b"POST /quitquitquit HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
                let mut sink = Vec::new();
                let _ = stream.read_to_end(&mut sink);
            }
        }
    }
}
