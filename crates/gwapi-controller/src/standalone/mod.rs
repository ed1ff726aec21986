//! Standalone mode: a directory of YAML in, Envoy host processes out.
//!
//! The [`FileProvider`] rescans the directory into the shared store; the [`TranslateLoop`] translates
//! each change (debounced) and publishes each fleet's resources to the xDS server on loopback; each fleet
//! runs as an Envoy process whose bootstrap ([`gwapi_infra::HostBootstrap`]) points at that server; the
//! statuses go to a YAML file and a table on standard output; the admin server shows the rest.

mod envoy_binary;
mod observers;
mod proxies;
pub(crate) mod xds;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::Context as _;
use gwapi_ir::TranslatorConfig;
use gwapi_model::load::{Loader, Severity};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tracing::info;

pub use envoy_binary::{ENVOY_ENV, ENVOY_VERSION, locate_or_install, tools_dir};
pub use proxies::{Proxies, ProxySettings};

use crate::pipeline::{HostConfig, Pipeline, PipelineConfig};
use crate::provider::FileProvider;
use crate::runtime::{ControllerState, SharedStore, TranslateLoop};
use observers::{ProxyRunner, StatusWriter};

/// The settings of standalone mode (one field per command-line option, hence the toggles).
#[derive(Clone, Debug)]
#[allow(clippy::struct_excessive_bools)]
#[non_exhaustive]
pub struct StandaloneOptions {
    /// The directory of manifests to watch.
    pub dir: PathBuf,
    /// The xDS port on 127.0.0.1 (kept across restarts, so running proxies reconnect).
    pub xds_port: u16,
    /// The admin port on 127.0.0.1.
    pub admin_port: u16,
    /// Where proxies' files and the statuses live; by default a folder of the system's temporary
    /// directory named after `dir`, so that a restarted controller finds its proxies again.
    pub state_dir: Option<PathBuf>,
    /// The statuses file (default: `statuses.yaml` in the state directory).
    pub status_file: Option<PathBuf>,
    /// The GatewayClass to translate.
    pub gateway_class: String,
    /// How often the directory is rescanned.
    pub poll_interval: Duration,
    /// How long changes are gathered before translating.
    pub debounce: Duration,
    /// Envoy's log level.
    pub envoy_log_level: String,
    /// Leave the proxies running on shutdown (a restarted controller adopts them).
    pub keep_proxies: bool,
    /// Run Envoy processes (off: translate and serve xDS only).
    pub run_proxies: bool,
    /// Print the status table on each change.
    pub print_table: bool,
    /// Incremental xDS between the proxies and the server.
    pub delta: bool,
}

impl StandaloneOptions {
    /// The defaults for `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            xds_port: 18000,
            admin_port: 19000,
            state_dir: None,
            status_file: None,
            gateway_class: "eg".to_owned(),
            poll_interval: Duration::from_millis(200),
            debounce: Duration::from_millis(50),
            envoy_log_level: "warn".to_owned(),
            keep_proxies: false,
            run_proxies: true,
            print_table: true,
            delta: true,
        }
    }

    fn state_dir(&self) -> PathBuf {
        self.state_dir.clone().unwrap_or_else(|| {
            let dir = std::fs::canonicalize(&self.dir).unwrap_or_else(|_| self.dir.clone());
            let name: String = dir
                .to_string_lossy()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            std::env::temp_dir().join(format!("gwapi-standalone{name}"))
        })
    }
}

async fn bind(port: u16, what: &str) -> anyhow::Result<TcpListener> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    TcpListener::bind(address).await.with_context(|| {
        format!("cannot listen for {what} on {address} (is another controller running?)")
    })
}

/// Runs standalone mode until `shutdown` completes.
///
/// # Errors
/// When the directory cannot be read, a port cannot be bound, or Envoy cannot be found or installed.
pub async fn run(
    options: StandaloneOptions,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    if !options.dir.is_dir() {
        anyhow::bail!("{} is not a directory", options.dir.display());
    }
    let envoy = if options.run_proxies {
        Some(locate_or_install()?)
    } else {
        None
    };
    let state_dir = options.state_dir();
    std::fs::create_dir_all(&state_dir)
        .with_context(|| format!("creating {}", state_dir.display()))?;
    let xds_listener = bind(options.xds_port, "xDS").await?;
    let xds_port = xds_listener.local_addr()?.port();
    let admin_listener = bind(options.admin_port, "the admin server").await?;
    info!(dir = %options.dir.display(), xds = %xds_listener.local_addr()?,
        admin = %admin_listener.local_addr()?, state = %state_dir.display(),
        "standalone controller starting");

    let (sink, serve_xds) = xds::server(xds_listener);
    let state = Arc::new(ControllerState::new(sink));
    let store = SharedStore::default();
    let mut provider = FileProvider::new(&options.dir, Loader::default());
    scan(&mut provider, &store, &state)?;
    let proxies = envoy.map(|envoy| {
        Arc::new(Mutex::new(Proxies::new(ProxySettings {
            envoy,
            state_dir: state_dir.clone(),
            xds_port,
            log_level: options.envoy_log_level.clone(),
            delta: options.delta,
        })))
    });
    let translate = translate_loop(&options, &state_dir, &store, &state, proxies.as_ref());

    let (stop, stopped) = watch::channel(false);
    let signal = move || -> xds::Task {
        let mut stopped = stopped.clone();
        Box::pin(async move {
            let _ = stopped.wait_for(|s| *s).await;
        })
    };
    let xds_task = tokio::spawn(serve_xds(signal()));
    let admin_task = tokio::spawn(crate::admin::serve(
        admin_listener,
        Arc::clone(&state),
        signal(),
    ));
    let translate_task = tokio::spawn(translate.run(signal()));
    tokio::select! {
        () = shutdown => {},
        () = poll(&options, &mut provider, &store, &state, proxies.as_ref()) => {},
    }
    info!("standalone controller stopping");
    stop.send_replace(true);
    let _ = translate_task.await;
    let _ = admin_task.await;
    let _ = xds_task.await;
    if let Some(proxies) = &proxies {
        let mut proxies = proxies.lock().unwrap_or_else(PoisonError::into_inner);
        if options.keep_proxies {
            info!("leaving the proxies running (--keep-proxies)");
            proxies.detach_all();
        } else {
            proxies.stop_all();
        }
    }
    Ok(())
}

/// The translation loop of standalone mode, with its observers.
fn translate_loop(
    options: &StandaloneOptions,
    state_dir: &std::path::Path,
    store: &SharedStore,
    state: &Arc<ControllerState>,
    proxies: Option<&Arc<Mutex<Proxies>>>,
) -> TranslateLoop {
    let translator = TranslatorConfig::default()
        .gateway_class_name(options.gateway_class.as_str())
        .enable_running_on_host(true)
        .enable_backend(true);
    let pipeline = Pipeline::new(
        PipelineConfig::default()
            .translator(translator)
            .host(HostConfig::default()),
    );
    let status_file = options
        .status_file
        .clone()
        .unwrap_or_else(|| state_dir.join("statuses.yaml"));
    info!(file = %status_file.display(), "statuses are written to a file on each change");
    let mut translate =
        TranslateLoop::new(store.clone(), pipeline, Arc::clone(state), options.debounce).observe(
            StatusWriter {
                file: status_file,
                state: Arc::clone(state),
                print_table: options.print_table,
            },
        );
    if let Some(proxies) = proxies {
        translate = translate.observe(ProxyRunner(Arc::clone(proxies)));
    }
    translate
}

/// Rescans the directory and checks the proxies at each tick, forever.
async fn poll(
    options: &StandaloneOptions,
    provider: &mut FileProvider,
    store: &SharedStore,
    state: &ControllerState,
    proxies: Option<&Arc<Mutex<Proxies>>>,
) {
    let mut ticker = tokio::time::interval(options.poll_interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if let Err(e) = scan(provider, store, state) {
            tracing::warn!(error = %format!("{e:#}"), "cannot rescan the directory");
        }
        if let Some(proxies) = proxies {
            proxies
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .check();
        }
    }
}

/// Rescans the directory into the store and prints the new diagnostics.
fn scan(
    provider: &mut FileProvider,
    store: &SharedStore,
    state: &ControllerState,
) -> anyhow::Result<()> {
    let mut scan = provider
        .reload()
        .with_context(|| format!("reading {}", provider.dir().display()))?;
    if scan.files.is_empty() {
        return Ok(());
    }
    scan.changed = store.update(|store| provider.sync(store));
    let errors = scan
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    for d in &scan.diagnostics {
        eprintln!("{d}");
    }
    if errors > 0 {
        eprintln!(
            "{errors} error(s): the objects of files with errors keep their last good version; \
             the rest is served"
        );
    }
    state
        .metrics
        .input_errors(u64::try_from(errors).unwrap_or(u64::MAX));
    let objects = store.read(crate::pipeline::Store::len);
    info!(
        files = scan.files.len(),
        objects,
        changed = scan.changed,
        "manifests reloaded"
    );
    Ok(())
}
