//! `gwapi-controller run`: Kubernetes mode, against the cluster of the kubeconfig or the pod's service
//! account.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use gwapi_controller::provider::kubernetes::{
    KubernetesOptions, LeaseConfig, run as run_kubernetes,
};
use gwapi_xds::server::XdsTls;

/// Arguments of `run`. Every setting can also come from its environment variable (`GWAPI_*`), as the
/// deployment's ConfigMap gives them.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The GatewayClass to translate.
    #[arg(long, env = "GWAPI_GATEWAY_CLASS", default_value = "eg")]
    gateway_class: String,
    /// The controller name (GatewayClass `spec.controllerName`).
    #[arg(
        long,
        env = "GWAPI_CONTROLLER_NAME",
        default_value = "gateway.envoyproxy.io/gatewayclass-controller"
    )]
    controller_name: String,
    /// The namespace of the controller, its Lease and its fleets (default: the pod's, else
    /// envoy-gateway-system).
    #[arg(long, env = "POD_NAMESPACE")]
    namespace: Option<String>,
    /// This replica's identity in the Lease (default: the pod name, else the host name).
    #[arg(long, env = "POD_NAME")]
    identity: Option<String>,
    /// The xDS listening address.
    #[arg(long, env = "GWAPI_XDS_ADDRESS", default_value = "0.0.0.0:18000")]
    xds_address: SocketAddr,
    /// The admin listening address (/healthz, /readyz, /metrics, /config_dump, /statuses).
    #[arg(long, env = "GWAPI_ADMIN_ADDRESS", default_value = "0.0.0.0:19000")]
    admin_address: SocketAddr,
    /// The Lease used for leader election.
    #[arg(long, env = "GWAPI_LEASE_NAME", default_value = "gwapi-controller")]
    lease_name: String,
    /// Run without leader election (a single replica that always writes).
    #[arg(long)]
    no_leader_election: bool,
    /// Run each fleet in its Gateway's namespace.
    #[arg(long)]
    gateway_namespace_mode: bool,
    /// The xDS server's certificate chain (PEM); with --xds-tls-key and --xds-tls-client-ca, the xDS
    /// server requires mutual TLS.
    #[arg(long, env = "GWAPI_XDS_TLS_CERT", requires_all = ["xds_tls_key", "xds_tls_client_ca"])]
    xds_tls_cert: Option<PathBuf>,
    /// The xDS server's private key (PEM).
    #[arg(long, env = "GWAPI_XDS_TLS_KEY", requires = "xds_tls_cert")]
    xds_tls_key: Option<PathBuf>,
    /// The CA bundle (PEM) that signs the proxies' client certificates.
    #[arg(long, env = "GWAPI_XDS_TLS_CLIENT_CA", requires = "xds_tls_cert")]
    xds_tls_client_ca: Option<PathBuf>,
    /// How long changes are gathered before translating, in milliseconds.
    #[arg(long, env = "GWAPI_DEBOUNCE_MS", default_value_t = 100)]
    debounce_ms: u64,
}

/// Runs `run` until Ctrl-C or SIGTERM.
pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let identity = args
        .identity
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| format!("gwapi-{}", std::process::id()));
    let mut options = KubernetesOptions::new(identity.as_str());
    options.gateway_class = args.gateway_class;
    options.controller_name = args.controller_name;
    if let Some(namespace) = args.namespace {
        options.infra = options.infra.controller_namespace(namespace.as_str());
        options.namespace = namespace;
    }
    options.xds_address = args.xds_address;
    options.admin_address = args.admin_address;
    options.lease = (!args.no_leader_election).then(|| LeaseConfig::new(args.lease_name, identity));
    options.gateway_namespace_mode = args.gateway_namespace_mode;
    options.debounce = Duration::from_millis(args.debounce_ms);
    if let (Some(cert), Some(key), Some(ca)) = (
        &args.xds_tls_cert,
        &args.xds_tls_key,
        &args.xds_tls_client_ca,
    ) {
        let read = |path: &PathBuf| {
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
        };
        options.xds_tls = Some(XdsTls::new(read(cert)?, read(key)?, read(ca)?));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client = kube::Client::try_default()
            .await
            .context("cannot reach the Kubernetes API (no kubeconfig and not in a pod?)")?;
        run_kubernetes(client, options, super::standalone::shutdown_signal()).await
    })?;
    Ok(ExitCode::SUCCESS)
}
