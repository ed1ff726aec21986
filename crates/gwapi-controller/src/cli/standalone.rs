//! `gwapi-controller standalone DIR`: watches a directory of manifests, serves xDS on 127.0.0.1 and runs
//! Envoy as host processes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use gwapi_controller::standalone::{StandaloneOptions, run as run_standalone};

/// Arguments of `standalone` (command-line flags, hence the toggles).
#[derive(Debug, clap::Args)]
#[allow(clippy::struct_excessive_bools)]
pub struct StandaloneArgs {
    /// The directory of manifests (YAML, multi-document; watched for changes).
    dir: PathBuf,
    /// The xDS port on 127.0.0.1.
    #[arg(long, default_value_t = 18000)]
    xds_port: u16,
    /// The admin port on 127.0.0.1 (/healthz, /readyz, /metrics, /config_dump, /statuses).
    #[arg(long, default_value_t = 19000)]
    admin_port: u16,
    /// Where the proxies' files live (default: a folder in the temporary directory named after DIR).
    #[arg(long)]
    state_dir: Option<PathBuf>,
    /// The statuses file (default: statuses.yaml in the state directory).
    #[arg(long)]
    status_file: Option<PathBuf>,
    /// The GatewayClass to translate.
    #[arg(long, default_value = "eg")]
    gateway_class: String,
    /// How often DIR is rescanned, in milliseconds.
    #[arg(long, default_value_t = 200)]
    poll_ms: u64,
    /// How long changes are gathered before translating, in milliseconds.
    #[arg(long, default_value_t = 50)]
    debounce_ms: u64,
    /// Envoy's log level.
    #[arg(long, default_value = "warn")]
    envoy_log_level: String,
    /// Leave the Envoy processes running on exit; the next controller adopts them.
    #[arg(long)]
    keep_proxies: bool,
    /// Do not run Envoy: translate and serve xDS only.
    #[arg(long)]
    no_proxies: bool,
    /// Do not print the status table.
    #[arg(long)]
    quiet: bool,
    /// Use state-of-the-world xDS instead of incremental.
    #[arg(long)]
    sotw: bool,
}

/// Runs `standalone` until Ctrl-C or SIGTERM.
pub fn run(args: StandaloneArgs) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let mut options = StandaloneOptions::new(args.dir);
    options.xds_port = args.xds_port;
    options.admin_port = args.admin_port;
    options.state_dir = args.state_dir;
    options.status_file = args.status_file;
    options.gateway_class = args.gateway_class;
    options.poll_interval = Duration::from_millis(args.poll_ms.max(10));
    options.debounce = Duration::from_millis(args.debounce_ms);
    options.envoy_log_level = args.envoy_log_level;
    options.keep_proxies = args.keep_proxies;
    options.run_proxies = !args.no_proxies;
    options.print_table = !args.quiet;
    options.delta = !args.sotw;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run_standalone(options, shutdown_signal()))?;
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C or SIGTERM.
pub(crate) async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        () = async {
            match term.as_mut() {
                Some(term) => { term.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {},
    }
}
