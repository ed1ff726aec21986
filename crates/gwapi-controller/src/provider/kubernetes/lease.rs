//! [`LeaderElector`]: leader election through a `coordination.k8s.io/v1` Lease.
//!
//! Every replica serves xDS; only the one holding the Lease writes statuses and infra. The holder renews
//! the Lease every retry period; a replica takes it over once it expired (`renewTime` older than
//! `leaseDurationSeconds`), or when it was released. Every change goes through the Lease's resource
//! version, so two replicas racing for it cannot both win: the loser's write fails with 409 Conflict.

use std::time::Duration;

use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta};
use k8s_openapi::jiff::Timestamp;
use kube::Api;
use kube::api::PostParams;
use tokio::sync::watch;
use tokio::time::Instant;
use tracing::{info, warn};

use super::FIELD_MANAGER;

/// The settings of leader election.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
#[non_exhaustive]
pub struct LeaseConfig {
    /// The Lease's name.
    pub name: String,
    /// This replica's identity (the pod name).
    pub identity: String,
    /// How long a Lease stays valid without renewal.
    pub lease_duration: Duration,
    /// How long the leader keeps leading while renewals fail.
    pub renew_deadline: Duration,
    /// How often the Lease is renewed or tried.
    pub retry_period: Duration,
}

impl LeaseConfig {
    /// The defaults of Kubernetes controllers (15 s lease, 10 s renew deadline, 2 s retry) for `identity`.
    pub fn new(name: impl Into<String>, identity: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            identity: identity.into(),
            lease_duration: Duration::from_secs(15),
            renew_deadline: Duration::from_secs(10),
            retry_period: Duration::from_secs(2),
        }
    }

    /// Sets how often the Lease is renewed or tried.
    pub fn retry_period(mut self, period: Duration) -> Self {
        self.retry_period = period;
        self
    }
}

/// Takes and keeps a Lease; publishes whether this replica leads.
#[derive(Debug)]
pub struct LeaderElector {
    api: Api<Lease>,
    config: LeaseConfig,
    leading: watch::Sender<bool>,
    last_renewal: Option<Instant>,
}

impl LeaderElector {
    /// An elector for the Lease `config.name` served by `api` (a namespaced `Api<Lease>`).
    pub fn new(api: Api<Lease>, config: LeaseConfig) -> Self {
        Self {
            api,
            config,
            leading: watch::Sender::new(false),
            last_renewal: None,
        }
    }

    /// A receiver of whether this replica leads.
    pub fn subscribe(&self) -> watch::Receiver<bool> {
        self.leading.subscribe()
    }

    /// Whether this replica leads.
    pub fn is_leading(&self) -> bool {
        *self.leading.borrow()
    }

    /// One round: renews the Lease when held, takes it when free or expired; returns whether this replica
    /// leads afterwards. A failed renewal keeps the lead until the renew deadline.
    pub async fn round(&mut self) -> bool {
        let leading = match self.try_acquire_or_renew().await {
            Ok(true) => {
                self.last_renewal = Some(Instant::now());
                true
            }
            Ok(false) => false,
            Err(e) => {
                warn!(lease = %self.config.name, error = %e, "cannot read or renew the lease");
                self.is_leading()
                    && self
                        .last_renewal
                        .is_some_and(|t| t.elapsed() < self.config.renew_deadline)
            }
        };
        self.set_leading(leading);
        leading
    }

    /// Runs rounds every retry period until `shutdown` completes, then releases the Lease if held.
    pub async fn run(mut self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            self.round().await;
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(self.config.retry_period) => {}
            }
        }
        self.release().await;
    }

    /// Gives the Lease up when held, so that a standby takes over without waiting for it to expire.
    pub async fn release(&mut self) {
        if !self.is_leading() {
            return;
        }
        self.set_leading(false);
        let result = async {
            let mut lease = self.api.get(&self.config.name).await?;
            let spec = lease.spec.get_or_insert_with(LeaseSpec::default);
            if spec.holder_identity.as_deref() != Some(self.config.identity.as_str()) {
                return Ok(());
            }
            spec.holder_identity = None;
            spec.lease_duration_seconds = Some(1);
            spec.renew_time = Some(MicroTime(Timestamp::now()));
            self.api
                .replace(&self.config.name, &post_params(), &lease)
                .await
                .map(|_| ())
        }
        .await;
        match result {
            Ok(()) => info!(lease = %self.config.name, "leadership released"),
            Err(e) => warn!(lease = %self.config.name, error = %e, "cannot release the lease"),
        }
    }

    fn set_leading(&self, leading: bool) {
        let changed = self.leading.send_if_modified(|current| {
            let changed = *current != leading;
            *current = leading;
            changed
        });
        if changed {
            info!(lease = %self.config.name, identity = %self.config.identity, leading,
                "leadership changed");
        }
    }

    async fn try_acquire_or_renew(&self) -> Result<bool, kube::Error> {
        let now = Timestamp::now();
        let Some(mut lease) = self.api.get_opt(&self.config.name).await? else {
            let lease = Lease {
                metadata: ObjectMeta {
                    name: Some(self.config.name.clone()),
                    ..ObjectMeta::default()
                },
                spec: Some(self.held_spec(now, 0)),
            };
            return conflict_is_false(self.api.create(&post_params(), &lease).await);
        };
        let spec = lease.spec.clone().unwrap_or_default();
        let holder = spec.holder_identity.as_deref().filter(|h| !h.is_empty());
        let transitions = spec.lease_transitions.unwrap_or(0);
        let new_spec = if holder == Some(self.config.identity.as_str()) {
            LeaseSpec {
                renew_time: Some(MicroTime(now)),
                lease_duration_seconds: Some(self.duration_seconds()),
                ..spec
            }
        } else if holder.is_none() || expired(&spec, now) {
            self.held_spec(now, transitions + 1)
        } else {
            return Ok(false);
        };
        lease.spec = Some(new_spec);
        conflict_is_false(
            self.api
                .replace(&self.config.name, &post_params(), &lease)
                .await,
        )
    }

    fn held_spec(&self, now: Timestamp, transitions: i32) -> LeaseSpec {
        LeaseSpec {
            holder_identity: Some(self.config.identity.clone()),
            lease_duration_seconds: Some(self.duration_seconds()),
            acquire_time: Some(MicroTime(now)),
            renew_time: Some(MicroTime(now)),
            lease_transitions: Some(transitions),
            ..LeaseSpec::default()
        }
    }

    fn duration_seconds(&self) -> i32 {
        i32::try_from(self.config.lease_duration.as_secs()).unwrap_or(i32::MAX)
    }
}

fn post_params() -> PostParams {
    PostParams {
        field_manager: Some(FIELD_MANAGER.to_owned()),
        ..PostParams::default()
    }
}

/// Whether the Lease's holder stopped renewing it for longer than its duration.
fn expired(spec: &LeaseSpec, now: Timestamp) -> bool {
    let Some(renewed) = spec.renew_time.as_ref().or(spec.acquire_time.as_ref()) else {
        return true;
    };
    let duration_ms = i64::from(spec.lease_duration_seconds.unwrap_or(0)) * 1000;
    now.as_millisecond() > renewed.0.as_millisecond().saturating_add(duration_ms)
}

/// `Ok(true)` for a write that went through, `Ok(false)` for one another replica won (409 Conflict).
fn conflict_is_false<T>(result: Result<T, kube::Error>) -> Result<bool, kube::Error> {
    match result {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(status)) if status.code == 409 => Ok(false),
        Err(e) => Err(e),
    }
}
