//! [`InfraApplier`]: applies each fleet's rendered objects with server-side apply and deletes the fleet
//! objects no longer rendered.

use std::collections::BTreeMap;

use gwapi_infra::{InfraRenderer, ProxyWorkload, RenderedInfra};
use kube::api::{DeleteParams, DynamicObject, ListParams, Patch, PatchParams};
use kube::core::{ApiResource, TypeMeta};
use kube::{Api, Client};
use serde::Serialize;
use serde_json::Value;
use tracing::{debug, info, warn};

use super::FIELD_MANAGER;
use super::desired::Desired;
use super::kinds::fleet_kinds;
use super::subset::is_subset;

/// The label that marks the objects this controller applied: the garbage collector deletes only those.
/// Its value is the controller's `owner` (`KubernetesOptions::owner`), so that two controllers sharing a
/// namespace, or Envoy Gateway itself, never collect each other's fleets.
pub const OWNER_LABEL: &str = "gwapi/owner";

/// One fleet object: kind, namespace, name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FleetObjectKey {
    /// The object's kind (`Deployment`, ...).
    pub kind: String,
    /// The object's namespace.
    pub namespace: String,
    /// The object's name.
    pub name: String,
}

impl std::fmt::Display for FleetObjectKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}/{}", self.kind, self.namespace, self.name)
    }
}

/// What one [`InfraApplier::apply`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct InfraReport {
    /// The objects applied (created or changed).
    pub applied: Vec<FleetObjectKey>,
    /// The objects deleted because no fleet renders them any more.
    pub deleted: Vec<FleetObjectKey>,
    /// Whether anything failed (the next call tries again).
    pub failed: bool,
}

/// The objects of every fleet of `desired`, as applied: labelled with [`OWNER_LABEL`] = `owner`, owner
/// references only when the owner's UID is known. A fleet that cannot be rendered is left out (and
/// reported); the others still are.
pub fn desired_objects(
    renderer: &InfraRenderer,
    desired: &Desired,
    owner: &str,
) -> BTreeMap<FleetObjectKey, Value> {
    let mut objects = BTreeMap::new();
    for (key, infra) in &desired.infra {
        let uid = desired.owner_uids.get(key).map_or("", String::as_str);
        match renderer.render_infra(infra, uid) {
            Ok(fleet) => {
                for object in fleet_documents(&fleet) {
                    if let Some((object_key, value)) = labelled(object, owner) {
                        objects.insert(object_key, value);
                    }
                }
            }
            Err(e) => warn!(fleet = %key, error = %e, "cannot render the fleet"),
        }
    }
    objects
}

fn fleet_documents(rendered: &RenderedInfra) -> Vec<Value> {
    fn value<T: Serialize>(object: &T) -> Option<Value> {
        serde_json::to_value(object).ok()
    }
    let mut documents = vec![
        value(&rendered.service_account),
        value(&rendered.config_map),
        match &rendered.workload {
            ProxyWorkload::Deployment(deployment) => value(deployment),
            ProxyWorkload::DaemonSet(daemon_set) => value(daemon_set),
        },
        value(&rendered.service),
    ];
    documents.push(rendered.hpa.as_ref().and_then(value));
    documents.push(rendered.pdb.as_ref().and_then(value));
    documents.into_iter().flatten().collect()
}

/// Adds the owner label and drops owner references without a UID (the API server refuses them).
fn labelled(mut object: Value, owner: &str) -> Option<(FleetObjectKey, Value)> {
    let kind = object.get("kind")?.as_str()?.to_owned();
    let metadata = object.get_mut("metadata")?.as_object_mut()?;
    let name = metadata.get("name")?.as_str()?.to_owned();
    let namespace = metadata.get("namespace")?.as_str()?.to_owned();
    let labels = metadata
        .entry("labels")
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if let Some(labels) = labels.as_object_mut() {
        labels.insert(OWNER_LABEL.to_owned(), Value::String(owner.to_owned()));
    }
    let without_uid = metadata
        .get("ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|refs| {
            refs.iter().any(|r| {
                r.get("uid")
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty)
            })
        });
    if without_uid {
        metadata.remove("ownerReferences");
    }
    Some((
        FleetObjectKey {
            kind,
            namespace,
            name,
        },
        object,
    ))
}

/// Applies fleets and collects the garbage of the ones that went away.
///
/// Each call lists the fleet objects carrying the owner label, applies the desired objects the live ones
/// do not already match (so a new leader rewrites nothing its predecessor applied, and an object edited by
/// hand is put back), and deletes the listed objects no fleet renders any more.
pub struct InfraApplier {
    client: Client,
    renderer: InfraRenderer,
    owner: String,
    /// Where the garbage collector looks: one namespace, or every namespace (gateway-namespace mode).
    namespace: Option<String>,
}

impl std::fmt::Debug for InfraApplier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InfraApplier")
            .field("owner", &self.owner)
            .field("namespace", &self.namespace)
            .finish_non_exhaustive()
    }
}

impl InfraApplier {
    /// An applier through `client`, rendering with `renderer`, labelling with `owner`, collecting garbage
    /// in `namespace` (every namespace when `None`).
    pub fn new(
        client: Client,
        renderer: InfraRenderer,
        owner: impl Into<String>,
        namespace: Option<String>,
    ) -> Self {
        Self {
            client,
            renderer,
            owner: owner.into(),
            namespace,
        }
    }

    /// Applies the objects of `desired` that differ from the live ones, then deletes the objects carrying
    /// the owner label that no fleet renders.
    pub async fn apply(&self, desired: &Desired) -> InfraReport {
        let objects = desired_objects(&self.renderer, desired, &self.owner);
        let mut report = InfraReport::default();
        for api_resource in fleet_kinds() {
            let live = self.list(&api_resource).await;
            if live.is_none() {
                report.failed = true;
            }
            let of_kind = objects
                .iter()
                .filter(|(key, _)| key.kind == api_resource.kind);
            for (key, object) in of_kind {
                let current = live.as_ref().and_then(|l| l.get(key));
                if current.is_some_and(|current| is_subset(object, current)) {
                    continue;
                }
                self.apply_one(&api_resource, key, object, &mut report)
                    .await;
            }
            for key in live.iter().flat_map(BTreeMap::keys) {
                if !objects.contains_key(key) {
                    self.delete_one(&api_resource, key, &mut report).await;
                }
            }
        }
        if !report.applied.is_empty() || !report.deleted.is_empty() {
            info!(
                applied = report.applied.len(),
                deleted = report.deleted.len(),
                "fleets reconciled"
            );
        }
        report
    }

    /// The live objects of `api_resource` carrying the owner label, as JSON with `apiVersion` and `kind`.
    async fn list(&self, api_resource: &ApiResource) -> Option<BTreeMap<FleetObjectKey, Value>> {
        let api: Api<DynamicObject> = match &self.namespace {
            Some(namespace) => Api::namespaced_with(self.client.clone(), namespace, api_resource),
            None => Api::all_with(self.client.clone(), api_resource),
        };
        let selector = format!("{OWNER_LABEL}={}", self.owner);
        let listed = match api.list(&ListParams::default().labels(&selector)).await {
            Ok(listed) => listed,
            Err(e) => {
                warn!(kind = %api_resource.kind, error = %e, "cannot list fleet objects");
                return None;
            }
        };
        let mut live = BTreeMap::new();
        for mut item in listed.items {
            item.types = Some(TypeMeta {
                api_version: api_resource.api_version.clone(),
                kind: api_resource.kind.clone(),
            });
            let key = FleetObjectKey {
                kind: api_resource.kind.clone(),
                namespace: item.metadata.namespace.clone().unwrap_or_default(),
                name: item.metadata.name.clone().unwrap_or_default(),
            };
            if let Ok(value) = serde_json::to_value(&item) {
                live.insert(key, value);
            }
        }
        Some(live)
    }

    async fn apply_one(
        &self,
        api_resource: &ApiResource,
        key: &FleetObjectKey,
        object: &Value,
        report: &mut InfraReport,
    ) {
        let api: Api<DynamicObject> =
            Api::namespaced_with(self.client.clone(), &key.namespace, api_resource);
        let params = PatchParams::apply(FIELD_MANAGER).force();
        match api.patch(&key.name, &params, &Patch::Apply(object)).await {
            Ok(_) => {
                debug!(object = %key, "fleet object applied");
                report.applied.push(key.clone());
            }
            Err(e) => {
                warn!(object = %key, error = %e, "cannot apply the fleet object");
                report.failed = true;
            }
        }
    }

    async fn delete_one(
        &self,
        api_resource: &ApiResource,
        key: &FleetObjectKey,
        report: &mut InfraReport,
    ) {
        let api: Api<DynamicObject> =
            Api::namespaced_with(self.client.clone(), &key.namespace, api_resource);
        match api.delete(&key.name, &DeleteParams::background()).await {
            Ok(_) => {
                info!(object = %key, "fleet object deleted");
                report.deleted.push(key.clone());
            }
            Err(kube::Error::Api(e)) if e.code == 404 => {}
            Err(e) => {
                warn!(object = %key, error = %e, "cannot delete the fleet object");
                report.failed = true;
            }
        }
    }
}
