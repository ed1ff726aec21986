//! The controller's shared core: an input [`Store`] fed by the providers, and a [`Pipeline`] that
//! translates it (Snapshot -> IR + statuses -> xDS per IR key) and reports only what changed since the last
//! run, so that xDS snapshots, status writes and infra changes happen only when needed.
//!
//! Both are synchronous and need no runtime: the standalone and Kubernetes modes drive them from their own
//! loops (see [`crate::standalone`]).

mod host;
mod output;
mod status_file;
mod store;
mod table;
mod translate;

pub use host::HostConfig;
pub use output::{KeyOutput, Update};
pub use status_file::statuses_yaml;
pub use store::Store;
pub use table::summary_table;
pub use translate::{Pipeline, PipelineConfig};
