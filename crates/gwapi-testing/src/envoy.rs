//! A real Envoy as a host process for tests: an ADS bootstrap, spawning with its own admin address and base
//! id, admin requests, and a bounded wait. Everything stays on 127.0.0.1.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use crate::envoy_binary;

/// Which ADS variant a bootstrap asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdsVariant {
    /// State of the world (`api_type: GRPC`).
    StateOfTheWorld,
    /// Incremental (`api_type: DELTA_GRPC`).
    Delta,
}

/// An Envoy bootstrap (JSON, which Envoy reads as YAML) that fetches listeners and clusters over ADS from
/// `xds`, as node `node_id` of cluster `node_cluster`, reconnecting quickly (100 ms to 1 s) when the stream
/// breaks, with an admin interface on 127.0.0.1 and an ephemeral port.
#[must_use]
pub fn ads_bootstrap(
    node_id: &str,
    node_cluster: &str,
    xds: SocketAddr,
    variant: AdsVariant,
) -> String {
    let api_type = match variant {
        AdsVariant::StateOfTheWorld => "GRPC",
        AdsVariant::Delta => "DELTA_GRPC",
    };
    let host = xds.ip();
    let port = xds.port();
    format!(
        r#"{{
  "node": {{"id": "{node_id}", "cluster": "{node_cluster}"}},
  "admin": {{"address": {{"socket_address": {{"address": "127.0.0.1", "port_value": 0}}}}}},
  "dynamic_resources": {{
    "ads_config": {{
      "api_type": "{api_type}",
      "transport_api_version": "V3",
      "set_node_on_first_message_only": true,
      "grpc_services": [{{"envoy_grpc": {{
        "cluster_name": "xds_cluster",
        "retry_policy": {{"retry_back_off": {{"base_interval": "0.1s", "max_interval": "1s"}}}}
      }}}}]
    }},
    "cds_config": {{"ads": {{}}, "resource_api_version": "V3"}},
    "lds_config": {{"ads": {{}}, "resource_api_version": "V3"}}
  }},
  "static_resources": {{"clusters": [{{
    "name": "xds_cluster",
    "type": "STATIC",
    "connect_timeout": "1s",
    "typed_extension_protocol_options": {{"envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {{
      "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
      "explicit_http_config": {{"http2_protocol_options": {{}}}}
    }}}},
    "load_assignment": {{"cluster_name": "xds_cluster", "endpoints": [{{"lb_endpoints": [{{"endpoint": {{
      "address": {{"socket_address": {{"address": "{host}", "port_value": {port}}}}}
    }}}}]}}]}}
  }}]}}
}}"#
    )
}

/// A running Envoy; killed (and its folder removed) when dropped.
#[derive(Debug)]
pub struct Envoy {
    child: Child,
    admin: SocketAddr,
    dir: PathBuf,
}

/// Gives every Envoy of this process its own folder and base id.
static NEXT: AtomicU32 = AtomicU32::new(0);

impl Envoy {
    /// Starts the pinned Envoy with `bootstrap` (one worker thread, logs at `info` into its folder) and waits
    /// (at most 30 s) until its admin interface is up.
    ///
    /// # Errors
    /// When Envoy is missing, cannot start, exits, or does not open its admin interface in time; the message
    /// carries the end of Envoy's log.
    pub fn start(bootstrap: &str) -> Result<Self, String> {
        let binary = envoy_binary()?;
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let pid = std::process::id();
        let dir = std::env::temp_dir().join(format!("gwapi-envoy-{pid}-{n}"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let config = dir.join("bootstrap.json");
        std::fs::write(&config, bootstrap).map_err(|e| format!("{}: {e}", config.display()))?;
        let admin_path = dir.join("admin-address");
        let log = std::fs::File::create(dir.join("envoy.log")).map_err(|e| e.to_string())?;
        let log_err = log.try_clone().map_err(|e| e.to_string())?;
        // A base id unique to this process and Envoy, so that parallel tests never share memory regions.
        let base_id = (u64::from(pid) % 100_000) * 100 + u64::from(n % 100);
        let child = Command::new(&binary)
            .arg("-c")
            .arg(&config)
            .args(["--base-id", &base_id.to_string()])
            .arg("--admin-address-path")
            .arg(&admin_path)
            .args(["--concurrency", "1", "-l", "info", "--drain-time-s", "1"])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let mut envoy = Self {
            child,
            admin: SocketAddr::from(([127, 0, 0, 1], 0)),
            dir,
        };
        let admin = wait_until(Duration::from_secs(30), "Envoy's admin address", || {
            if let Ok(Some(status)) = envoy.child.try_wait() {
                return Some(Err(format!("Envoy exited with {status}")));
            }
            let text = std::fs::read_to_string(&admin_path).ok()?;
            text.trim().parse::<SocketAddr>().ok().map(Ok)
        })
        .and_then(|admin| admin)
        .map_err(|e| format!("{e}\n{}", envoy.log_tail()))?;
        envoy.admin = admin;
        Ok(envoy)
    }

    /// The admin interface's address.
    pub fn admin_address(&self) -> SocketAddr {
        self.admin
    }

    /// The folder holding the bootstrap and the log.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `GET path` on the admin interface: the body of a 200 response.
    ///
    /// # Errors
    /// When the request fails or the status is not 200.
    pub fn admin_get(&self, path: &str) -> Result<String, String> {
        let response = http_get(self.admin, "admin", path).map_err(|e| e.to_string())?;
        if response.status == 200 {
            Ok(response.body)
        } else {
            Err(format!("admin {path}: status {}", response.status))
        }
    }

    /// A statistic's value from the admin `/stats` (for example `cluster_manager.cds.update_rejected`).
    pub fn stat(&self, name: &str) -> Option<u64> {
        let body = self
            .admin_get(&format!("/stats?filter=^{}$", name.replace('.', "\\.")))
            .ok()?;
        body.lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(": "))
            .and_then(|value| value.trim().parse().ok())
    }

    /// The last 60 lines of Envoy's log.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("envoy.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let skip = lines.len().saturating_sub(60);
        lines.into_iter().skip(skip).collect::<Vec<_>>().join("\n")
    }
}

impl Drop for Envoy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Calls `probe` every 50 ms until it returns `Some`, for at most `timeout`.
///
/// # Errors
/// When the time runs out, naming `what` was awaited.
pub fn wait_until<T>(
    timeout: Duration,
    what: &str,
    mut probe: impl FnMut() -> Option<T>,
) -> Result<T, String> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = probe() {
            return Ok(value);
        }
        if Instant::now() >= deadline {
            return Err(format!("timed out after {timeout:?} waiting for {what}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// An HTTP response: its status and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The body, as text.
    pub body: String,
}

/// A plain HTTP/1.1 `GET` with `Connection: close` and a 5 s timeout.
///
/// # Errors
/// When the connection fails or the response is not HTTP.
pub fn http_get(address: SocketAddr, host: &str, path: &str) -> std::io::Result<HttpResponse> {
    let timeout = Duration::from_secs(5);
    let mut stream = TcpStream::connect_timeout(&address, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let invalid = || std::io::Error::new(std::io::ErrorKind::InvalidData, "not an HTTP response");
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(invalid)?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(invalid)?;
    Ok(HttpResponse {
        status,
        body: body.to_owned(),
    })
}

/// A port on 127.0.0.1 that was free a moment ago.
///
/// # Errors
/// When no socket can be bound.
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}
