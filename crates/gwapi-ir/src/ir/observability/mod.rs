//! Access logs, tracing and metrics.

mod access_log;
mod health_check_log;
mod metrics;
mod telemetry;
mod tracing;

pub use access_log::*;
pub use health_check_log::*;
pub use metrics::*;
pub use telemetry::*;
pub use tracing::*;
