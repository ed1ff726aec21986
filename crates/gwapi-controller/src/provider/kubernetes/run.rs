//! [`run`]: wires the watchers, the translation loop, the xDS and admin servers, leader election and the
//! writer together, and shuts them down in order.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use gwapi_infra::{InfraConfig, InfraRenderer};
use gwapi_ir::TranslatorConfig;
use k8s_openapi::api::coordination::v1::Lease;
use kube::{Api, Client};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tracing::info;

use super::desired::DesiredPublisher;
use super::feed::KindFeed;
use super::infra::InfraApplier;
use super::kinds::{ServedVersions, watched_kinds};
use super::lease::{LeaderElector, LeaseConfig};
use super::observed::ObservedObjects;
use super::references::SharedGate;
use super::scope::Scope;
use super::status_writer::StatusWriter;
use super::watch::{SyncTracker, watch_kind};
use super::writer::Writer;
use crate::pipeline::{Pipeline, PipelineConfig};
use crate::runtime::{ControllerState, SharedStore, TranslateLoop};

/// The settings of Kubernetes mode.
#[derive(Clone, Debug)]
#[must_use]
#[non_exhaustive]
pub struct KubernetesOptions {
    /// The GatewayClass this controller translates.
    pub gateway_class: String,
    /// The controller name (GatewayClass `spec.controllerName`, route parents' `controllerName`).
    pub controller_name: String,
    /// The namespace the controller and its fleets run in (and its Lease lives in).
    pub namespace: String,
    /// Where the xDS server listens.
    pub xds_address: SocketAddr,
    /// Where the admin server listens.
    pub admin_address: SocketAddr,
    /// Leader election; `None` makes this replica always lead (a single replica).
    pub lease: Option<LeaseConfig>,
    /// How long changes are gathered before translating.
    pub debounce: Duration,
    /// Whether each fleet runs in its Gateway's namespace.
    pub gateway_namespace_mode: bool,
    /// The value of the owner label of the fleet objects this controller applies and collects.
    pub owner: String,
    /// The fleet rendering settings (images, xDS service, ...).
    pub infra: InfraConfig,
    /// Mutual TLS for the xDS server (`None`: plaintext).
    pub xds_tls: Option<gwapi_xds::server::XdsTls>,
}

impl KubernetesOptions {
    /// The defaults: class `eg`, Envoy Gateway's controller name, namespace `envoy-gateway-system`, xDS on
    /// port 18000 and admin on 19000 of every interface, a Lease named `gwapi-controller` held as
    /// `identity`.
    pub fn new(identity: impl Into<String>) -> Self {
        let namespace = "envoy-gateway-system".to_owned();
        Self {
            gateway_class: "eg".to_owned(),
            controller_name: TranslatorConfig::default().controller_name,
            xds_address: SocketAddr::from(([0, 0, 0, 0], 18000)),
            admin_address: SocketAddr::from(([0, 0, 0, 0], 19000)),
            lease: Some(LeaseConfig::new("gwapi-controller", identity)),
            debounce: Duration::from_millis(100),
            gateway_namespace_mode: false,
            owner: "gwapi".to_owned(),
            infra: InfraConfig::default().controller_namespace(namespace.as_str()),
            namespace,
            xds_tls: None,
        }
    }

    fn translator(&self) -> TranslatorConfig {
        TranslatorConfig::default()
            .gateway_class_name(self.gateway_class.as_str())
            .controller_name(self.controller_name.as_str())
            .controller_namespace(self.namespace.as_str())
            .enable_gateway_namespace_mode(self.gateway_namespace_mode)
    }
}

type Task = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Runs Kubernetes mode against `client` until `shutdown` completes.
///
/// # Errors
/// When a listening address cannot be bound.
pub async fn run(
    client: Client,
    options: KubernetesOptions,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let xds_listener = TcpListener::bind(options.xds_address)
        .await
        .with_context(|| format!("cannot listen for xDS on {}", options.xds_address))?;
    let admin_listener = TcpListener::bind(options.admin_address)
        .await
        .with_context(|| format!("cannot listen for admin on {}", options.admin_address))?;
    let (sink, serve_xds) =
        crate::standalone::xds::server_with_tls(xds_listener, options.xds_tls.clone());
    let state = Arc::new(ControllerState::new(sink));
    let store = SharedStore::default();
    let observed = ObservedObjects::default();
    let (stop, stopped) = watch::channel(false);
    let signal = move || -> Task {
        let mut stopped = stopped.clone();
        Box::pin(async move {
            let _ = stopped.wait_for(|s| *s).await;
        })
    };
    let mut tasks = JoinSet::new();
    tasks.spawn(serve_xds(signal()));
    tasks.spawn(crate::admin::serve(
        admin_listener,
        Arc::clone(&state),
        signal(),
    ));

    let served = ServedVersions::default();
    let sync = spawn_watchers(
        &mut tasks,
        &client,
        &options,
        (&store, &observed, &served),
        &signal,
    );
    info!(xds = %options.xds_address, admin = %options.admin_address, class = %options.gateway_class,
        "Kubernetes controller starting; listing every kind");
    tokio::pin!(shutdown);
    tokio::select! {
        () = &mut shutdown => {
            stop.send_replace(true);
            while tasks.join_next().await.is_some() {}
            return Ok(());
        }
        () = sync.wait() => {}
    }
    info!(
        objects = store.read(crate::pipeline::Store::len),
        "every kind listed; translating"
    );

    let (publisher, desired) = DesiredPublisher::new();
    let pipeline = Pipeline::new(PipelineConfig::default().translator(options.translator()));
    let translate = TranslateLoop::new(
        store.clone(),
        pipeline,
        Arc::clone(&state),
        options.debounce,
    )
    .observe(publisher);
    tasks.spawn(translate.run(signal()));

    let leading = match options.lease.clone() {
        Some(lease) => {
            let api: Api<Lease> = Api::namespaced(client.clone(), &options.namespace);
            let elector = LeaderElector::new(api, lease);
            let leading = elector.subscribe();
            tasks.spawn(elector.run(signal()));
            leading
        }
        None => watch::channel(true).1,
    };
    let statuses = StatusWriter::new(
        client.clone(),
        observed.clone(),
        options.controller_name.as_str(),
    )
    .with_served(served);
    let infra_config = options
        .infra
        .clone()
        .enable_gateway_namespace_mode(options.gateway_namespace_mode);
    let gc_namespace = (!options.gateway_namespace_mode).then(|| options.namespace.clone());
    let infra = InfraApplier::new(
        client,
        InfraRenderer::new(infra_config),
        options.owner.as_str(),
        gc_namespace,
    );
    let writer = Writer::new(statuses, infra).with_state(Arc::clone(&state));
    tasks.spawn(writer.run(desired, leading, signal()));

    shutdown.await;
    info!("Kubernetes controller stopping");
    stop.send_replace(true);
    while tasks.join_next().await.is_some() {}
    Ok(())
}

/// Starts one watcher per kind, all feeding `store` and `observed` through one reference gate; returns
/// the tracker of their first lists.
fn spawn_watchers(
    tasks: &mut JoinSet<()>,
    client: &Client,
    options: &KubernetesOptions,
    (store, observed, served): (&SharedStore, &ObservedObjects, &ServedVersions),
    signal: &impl Fn() -> Task,
) -> SyncTracker {
    let kinds = watched_kinds();
    let sync = SyncTracker::new(kinds.iter().map(|k| k.kind));
    let scope = Scope::new(options.gateway_class.as_str());
    let gate = SharedGate::default();
    for kind in kinds {
        let feed = KindFeed::new(kind, store.clone(), observed.clone(), scope.clone())
            .with_gate(Arc::clone(&gate));
        tasks.spawn(watch_kind(
            client.clone(),
            feed,
            sync.clone(),
            served.clone(),
            signal(),
        ));
    }
    sync
}
