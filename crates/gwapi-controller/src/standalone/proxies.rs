//! [`Proxies`]: one Envoy host process per fleet (IR key), started, adopted after a controller restart,
//! restarted when it dies, and stopped when its fleet goes away.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use gwapi_infra::HostBootstrap;
use tracing::{info, warn};

/// How Envoy processes are started.
#[derive(Clone, Debug)]
pub struct ProxySettings {
    /// The Envoy binary.
    pub envoy: PathBuf,
    /// Where each proxy's bootstrap, pid, admin address and log live.
    pub state_dir: PathBuf,
    /// The controller's xDS port on loopback.
    pub xds_port: u16,
    /// Envoy's `--log-level`.
    pub log_level: String,
    /// Incremental xDS (as Envoy Gateway) or state of the world.
    pub delta: bool,
}

#[derive(Debug)]
struct Proxy {
    pid: u32,
    /// Set when this controller started the process (to reap it); `None` when adopted.
    child: Option<Child>,
    dir: PathBuf,
    started: Instant,
}

/// The running proxies, by IR key.
#[derive(Debug)]
pub struct Proxies {
    settings: ProxySettings,
    running: BTreeMap<String, Proxy>,
}

/// The minimum time between two starts of one fleet's proxy.
const RESTART_BACKOFF: Duration = Duration::from_secs(2);

impl Proxies {
    /// No proxy yet.
    pub fn new(settings: ProxySettings) -> Self {
        Self {
            settings,
            running: BTreeMap::new(),
        }
    }

    /// The folder of the proxy of `key`.
    pub fn proxy_dir(state_dir: &Path, key: &str) -> PathBuf {
        state_dir.join("proxies").join(key.replace('/', "-"))
    }

    /// The admin address of the proxy of `key` (`host:port`), once Envoy wrote it.
    pub fn admin_address(&self, key: &str) -> Option<String> {
        let dir = Self::proxy_dir(&self.settings.state_dir, key);
        let text = std::fs::read_to_string(dir.join("admin-address")).ok()?;
        Some(text.trim().to_owned()).filter(|a| !a.is_empty())
    }

    /// Makes the running proxies match `keys`: starts (or adopts) the missing ones, stops the others.
    pub fn reconcile<'a>(&mut self, keys: impl IntoIterator<Item = &'a String>) {
        let wanted: Vec<&String> = keys.into_iter().collect();
        let gone: Vec<String> = self
            .running
            .keys()
            .filter(|k| !wanted.contains(k))
            .cloned()
            .collect();
        for key in gone {
            self.stop(&key);
        }
        for key in wanted {
            if !self.running.contains_key(key) {
                self.start_or_adopt(key);
            }
        }
    }

    /// Restarts proxies that exited.
    pub fn check(&mut self) {
        let mut dead = Vec::new();
        for (key, proxy) in &mut self.running {
            let exited = match proxy.child.as_mut() {
                Some(child) => !matches!(child.try_wait(), Ok(None)),
                None => !alive(proxy.pid),
            };
            if exited && proxy.started.elapsed() >= RESTART_BACKOFF {
                warn!(key = %key, pid = proxy.pid, log = %proxy.dir.join("envoy.log").display(),
                    "Envoy exited; restarting it");
                dead.push(key.clone());
            }
        }
        for key in dead {
            self.running.remove(&key);
            self.start_or_adopt(&key);
        }
    }

    fn start_or_adopt(&mut self, key: &str) {
        let dir = Self::proxy_dir(&self.settings.state_dir, key);
        let bootstrap = dir.join("bootstrap.yaml");
        if let Some(pid) = adoptable(&dir, &bootstrap) {
            info!(key = %key, pid, "adopted the running Envoy");
            self.running.insert(
                key.to_owned(),
                Proxy {
                    pid,
                    child: None,
                    dir,
                    started: Instant::now(),
                },
            );
            return;
        }
        match self.spawn(key, &dir, &bootstrap) {
            Ok(child) => {
                let pid = child.id();
                info!(key = %key, pid, log = %dir.join("envoy.log").display(), "started Envoy");
                self.running.insert(
                    key.to_owned(),
                    Proxy {
                        pid,
                        child: Some(child),
                        dir,
                        started: Instant::now(),
                    },
                );
            }
            Err(e) => warn!(key = %key, error = %format!("{e:#}"), "cannot start Envoy"),
        }
    }

    fn spawn(&self, key: &str, dir: &Path, bootstrap: &Path) -> anyhow::Result<Child> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let yaml = HostBootstrap::new(key, self.settings.xds_port)
            .enable_delta(self.settings.delta)
            .render();
        std::fs::write(bootstrap, yaml)?;
        let admin_path = dir.join("admin-address");
        let _ = std::fs::remove_file(&admin_path);
        let log = std::fs::File::create(dir.join("envoy.log"))?;
        let child = Command::new(&self.settings.envoy)
            .arg("-c")
            .arg(bootstrap)
            .arg("--admin-address-path")
            .arg(&admin_path)
            .arg("--disable-hot-restart")
            .args(["--log-level", &self.settings.log_level])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            // Its own process group: a Ctrl-C of the controller does not reach it, so a restarted
            // controller can adopt it without interrupting traffic.
            .process_group(0)
            .spawn()
            .with_context(|| format!("running {}", self.settings.envoy.display()))?;
        std::fs::write(dir.join("pid"), child.id().to_string())?;
        Ok(child)
    }

    /// Stops the proxy of `key` (through its admin `/quitquitquit`).
    pub fn stop(&mut self, key: &str) {
        let Some(mut proxy) = self.running.remove(key) else {
            return;
        };
        if let Some(admin) = self.admin_address(key) {
            if let Err(e) = quit(&admin) {
                warn!(key = %key, error = %e, "cannot stop Envoy through its admin");
            }
        } else {
            warn!(key = %key, "Envoy's admin address is unknown; it may keep running");
        }
        if let Some(child) = proxy.child.as_mut() {
            let deadline = Instant::now() + Duration::from_secs(5);
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = std::fs::remove_file(proxy.dir.join("pid"));
        info!(key = %key, pid = proxy.pid, "stopped Envoy");
    }

    /// Stops every proxy.
    pub fn stop_all(&mut self) {
        let keys: Vec<String> = self.running.keys().cloned().collect();
        for key in keys {
            self.stop(&key);
        }
    }

    /// Forgets every proxy without stopping it (a later controller adopts them).
    pub fn detach_all(&mut self) {
        self.running.clear();
    }
}

/// The pid recorded in `dir`, when that process is alive and runs `bootstrap`.
fn adoptable(dir: &Path, bootstrap: &Path) -> Option<u32> {
    let pid: u32 = std::fs::read_to_string(dir.join("pid"))
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let cmdline = String::from_utf8_lossy(&cmdline);
    cmdline
        .contains(&*bootstrap.to_string_lossy())
        .then_some(pid)
}

fn alive(pid: u32) -> bool {
    // A zombie has an empty cmdline; a live Envoy never does.
    std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| !c.is_empty())
}

/// `POST /quitquitquit` to an Envoy admin.
fn quit(admin: &str) -> std::io::Result<()> {
    let mut stream = TcpStream::connect(admin)?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.write_all(
        b"POST /quitquitquit HTTP/1.1\r\nHost: admin\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )?;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    Ok(())
}
