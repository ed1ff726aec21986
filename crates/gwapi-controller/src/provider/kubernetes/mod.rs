//! Kubernetes mode (`gwapi-controller run`): the API server in, xDS, statuses and fleets out.
//!
//! ```text
//! watchers (one per kind, kube-runtime) --KindFeed--> SharedStore --TranslateLoop--> xDS (every replica)
//!                                          |                           |
//!                                   ObservedObjects              DesiredPublisher
//!                                (statuses as written)                 |
//!                                          +------> Writer (leader only, LeaderElector's Lease)
//!                                                   |- StatusWriter: server-side apply of changed statuses
//!                                                   '- InfraApplier: server-side apply of fleets + GC
//! ```
//!
//! The watchers feed the same [`Store`](crate::pipeline::Store) as the file provider; translation starts
//! once every kind has been listed, so that a half-read cluster never publishes (or garbage-collects).
//! Every replica serves xDS; only the replica holding the Lease writes.

mod desired;
mod feed;
mod infra;
mod kinds;
mod lease;
mod observed;
mod references;
mod run;
mod scope;
mod status;
mod status_writer;
mod subset;
mod watch;
mod writer;

pub use desired::{Desired, DesiredPublisher};
pub use feed::KindFeed;
pub use infra::{FleetObjectKey, InfraApplier, InfraReport, OWNER_LABEL, desired_objects};
pub use kinds::{
    ServedVersions, WatchedKind, fleet_kinds, watched_kind, watched_kinds, watched_versions,
};
pub use lease::{LeaderElector, LeaseConfig};
pub use observed::{Observed, ObservedObjects};
pub use references::{ReferenceGate, SharedGate, referenced_names};
pub use run::{KubernetesOptions, run};
pub use scope::Scope;
pub use status::{StatusContext, desired_status, status_patch, without_own_entries};
pub use status_writer::{StatusReport, StatusWriter};
pub use subset::is_subset;
pub use watch::{SyncTracker, watch_kind, watcher_config};
pub use writer::Writer;

/// The field manager of every write (server-side apply, Lease updates).
pub const FIELD_MANAGER: &str = "gwapi";
