//! [`StatusWriter`]: applies the statuses that differ from what the API says, with server-side apply.

use std::collections::BTreeSet;

use gwapi_model::resource::{ObjectKey, ResourceKind};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;
use kube::api::{DynamicObject, Patch, PatchParams};
use kube::{Api, Client};
use serde_json::Value;
use tracing::{debug, warn};

use super::FIELD_MANAGER;
use super::desired::Desired;
use super::kinds::ServedVersions;
use super::observed::{Observed, ObservedObjects};
use super::status::{StatusContext, desired_status, status_patch, without_own_entries};

/// How many times one status write is tried when it keeps conflicting.
const MAX_ATTEMPTS: u32 = 5;

/// The kinds whose statuses list several controllers' entries.
const SHARED_STATUS_KINDS: [ResourceKind; 12] = [
    ResourceKind::HttpRoute,
    ResourceKind::GrpcRoute,
    ResourceKind::TlsRoute,
    ResourceKind::TcpRoute,
    ResourceKind::UdpRoute,
    ResourceKind::BackendTlsPolicy,
    ResourceKind::ClientTrafficPolicy,
    ResourceKind::BackendTrafficPolicy,
    ResourceKind::SecurityPolicy,
    ResourceKind::EnvoyExtensionPolicy,
    ResourceKind::EnvoyPatchPolicy,
    ResourceKind::Backend,
];

/// What one [`StatusWriter::write`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusReport {
    /// The objects whose status was written.
    pub written: Vec<ObjectKey>,
    /// The writes that failed (tried again on the next call).
    pub failed: Vec<ObjectKey>,
    /// The 409 Conflicts met and retried.
    pub conflicts: u32,
}

/// Writes statuses to the status subresources with server-side apply (field manager `gwapi`).
///
/// Only a status that differs from the one last observed is written, so a status is written once per
/// change and a new leader writes nothing its predecessor already wrote. Each write carries the
/// `resourceVersion` it was computed against (it copies other controllers' route parents); a 409 Conflict
/// reads the object again and retries.
#[derive(Clone)]
pub struct StatusWriter {
    client: Client,
    observed: ObservedObjects,
    controller_name: String,
    served: ServedVersions,
}

impl std::fmt::Debug for StatusWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StatusWriter")
            .field("controller_name", &self.controller_name)
            .finish_non_exhaustive()
    }
}

impl StatusWriter {
    /// A writer through `client`, comparing with `observed`, for controller `controller_name`.
    pub fn new(
        client: Client,
        observed: ObservedObjects,
        controller_name: impl Into<String>,
    ) -> Self {
        Self {
            client,
            observed,
            controller_name: controller_name.into(),
            served: ServedVersions::default(),
        }
    }

    /// Writes each kind's status in the version the watchers found served (the preferred one by default).
    #[must_use]
    pub fn with_served(mut self, served: ServedVersions) -> Self {
        self.served = served;
        self
    }

    /// Writes every status of `desired` that the API does not say yet, and removes this controller's
    /// entries from the routes and policies it no longer has a status for.
    pub async fn write(&self, desired: &Desired) -> StatusReport {
        let mut report = StatusReport::default();
        let now = now();
        for (key, status) in desired.statuses.iter() {
            let generation = desired.generations.get(key).copied().flatten();
            let compute = |observed: &Observed| {
                let context = StatusContext {
                    controller_name: &self.controller_name,
                    generation,
                    now: &now,
                };
                desired_status(status, &observed.status, context)
            };
            self.write_one(key, compute, &mut report).await;
        }
        let described: BTreeSet<&ObjectKey> = desired.statuses.iter().map(|(k, _)| k).collect();
        for (key, _) in self.observed.statuses_of(&SHARED_STATUS_KINDS) {
            if described.contains(&key) {
                continue;
            }
            let compute =
                |observed: &Observed| without_own_entries(&observed.status, &self.controller_name);
            self.write_one(&key, compute, &mut report).await;
        }
        report
    }

    /// Writes the status `compute` derives from the observed object, until it is written, up to date, or
    /// out of attempts.
    async fn write_one(
        &self,
        key: &ObjectKey,
        compute: impl Fn(&Observed) -> Option<Value>,
        report: &mut StatusReport,
    ) {
        let Some(watched) = self.served.get(key.kind) else {
            return;
        };
        let api: Api<DynamicObject> = if key.kind.namespaced() {
            Api::namespaced_with(self.client.clone(), &key.namespace, &watched.api)
        } else {
            Api::all_with(self.client.clone(), &watched.api)
        };
        let Some(mut observed) = self.observed.get(key) else {
            return;
        };
        for _ in 0..MAX_ATTEMPTS {
            let Some(status) = compute(&observed) else {
                return;
            };
            let patch = status_patch(
                &watched.api,
                key,
                status,
                observed.resource_version.as_deref(),
            );
            let params = PatchParams::apply(FIELD_MANAGER).force();
            match api
                .patch_status(&key.name, &params, &Patch::Apply(&patch))
                .await
            {
                Ok(written) => {
                    debug!(object = %key, "status written");
                    self.remember(key, &written);
                    report.written.push(key.clone());
                    return;
                }
                Err(kube::Error::Api(e)) if e.code == 409 => {
                    report.conflicts += 1;
                    debug!(object = %key, "status write conflicted; reading the object again");
                    match api.get_status(&key.name).await {
                        Ok(current) => observed = self.remember(key, &current),
                        Err(kube::Error::Api(e)) if e.code == 404 => return,
                        Err(e) => {
                            warn!(object = %key, error = %e, "cannot read the object");
                            report.failed.push(key.clone());
                            return;
                        }
                    }
                }
                Err(kube::Error::Api(e)) if e.code == 404 => return,
                Err(e) => {
                    warn!(object = %key, error = %e, "cannot write the status");
                    report.failed.push(key.clone());
                    return;
                }
            }
        }
        warn!(object = %key, attempts = MAX_ATTEMPTS, "the status write kept conflicting");
        report.failed.push(key.clone());
    }

    /// Records what the API returned for `key`, so that the next comparison sees the write at once.
    fn remember(&self, key: &ObjectKey, object: &DynamicObject) -> Observed {
        let observed = Observed {
            resource_version: object.metadata.resource_version.clone(),
            uid: object.metadata.uid.clone(),
            status: object.data.get("status").cloned().unwrap_or(Value::Null),
        };
        self.observed.set(key.clone(), observed.clone());
        observed
    }
}

/// The current time as a condition's `lastTransitionTime` (RFC 3339, seconds).
fn now() -> String {
    serde_json::to_value(Time(Timestamp::now()))
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
