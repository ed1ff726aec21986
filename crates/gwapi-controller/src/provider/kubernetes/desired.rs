//! [`Desired`]: what the API should say after a translation, and the observer that publishes it.

use std::collections::BTreeMap;
use std::sync::Arc;

use gwapi_infra::labels::OWNING_GATEWAY_NAMESPACE;
use gwapi_ir::Statuses;
use gwapi_ir::ir::Infra;
use gwapi_model::Snapshot;
use gwapi_model::resource::{ObjectKey, ResourceKind};
use tokio::sync::watch;

use crate::pipeline::{Pipeline, Update};
use crate::runtime::Observer;

/// The statuses and fleets of one translation, with what writing them needs from its input.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Desired {
    /// The statuses, by object.
    pub statuses: Statuses,
    /// The `metadata.generation` of each object with a status, as translated.
    pub generations: BTreeMap<ObjectKey, Option<i64>>,
    /// The infrastructure IR, by IR key.
    pub infra: BTreeMap<String, Infra>,
    /// The UID of the owner (GatewayClass or Gateway) of each fleet, by IR key.
    pub owner_uids: BTreeMap<String, String>,
}

impl Desired {
    /// What `pipeline` last computed from `snapshot`.
    pub fn of(snapshot: &Snapshot, pipeline: &Pipeline) -> Self {
        let statuses = pipeline.statuses().clone();
        let generations = statuses
            .iter()
            .map(|(key, _)| {
                let generation = snapshot.get(key).and_then(|r| r.metadata().generation);
                (key.clone(), generation)
            })
            .collect();
        let infra = pipeline.infra().clone();
        let owner_uids = infra
            .iter()
            .filter_map(|(key, infra)| Some((key.clone(), owner_uid(snapshot, infra)?)))
            .collect();
        Self {
            statuses,
            generations,
            infra,
            owner_uids,
        }
    }
}

/// The UID of the object owning a fleet's objects, when the snapshot has it.
fn owner_uid(snapshot: &Snapshot, infra: &Infra) -> Option<String> {
    let proxy = infra.proxy.as_ref()?;
    let metadata = proxy.metadata.as_ref()?;
    let owner = metadata.owner_reference.as_ref()?;
    let (kind, namespace) = match owner.kind.as_str() {
        "GatewayClass" => (ResourceKind::GatewayClass, String::new()),
        "Gateway" => {
            let namespace = metadata
                .labels
                .get(OWNING_GATEWAY_NAMESPACE)
                .cloned()
                .unwrap_or_else(|| proxy.namespace.clone());
            (ResourceKind::Gateway, namespace)
        }
        _ => return None,
    };
    let key = ObjectKey {
        kind,
        namespace,
        name: owner.name.clone(),
    };
    snapshot.get(&key)?.metadata().uid.clone()
}

/// The translation-loop observer that publishes a [`Desired`] after each run that changed it.
#[derive(Debug)]
pub struct DesiredPublisher {
    sender: watch::Sender<Option<Arc<Desired>>>,
}

impl DesiredPublisher {
    /// A publisher, and the receiver the writer reads.
    pub fn new() -> (Self, watch::Receiver<Option<Arc<Desired>>>) {
        let (sender, receiver) = watch::channel(None);
        (Self { sender }, receiver)
    }
}

impl Observer for DesiredPublisher {
    fn on_update(&mut self, _update: &Update, _pipeline: &Pipeline) {}

    fn on_run(&mut self, snapshot: &Snapshot, _update: &Update, pipeline: &Pipeline) {
        let desired = Desired::of(snapshot, pipeline);
        self.sender.send_if_modified(|current| {
            if current.as_deref() == Some(&desired) {
                return false;
            }
            *current = Some(Arc::new(desired));
            true
        });
    }
}
