//! `BackendTrafficPolicy`: how Envoy talks to the backends of Gateways and routes (load balancing, retries,
//! health checks, timeouts, rate limits, fault injection, compression, response overrides, ...).

mod admission_control;
mod bandwidth_limit;
mod compression;
mod fault_injection;
mod http_upgrade;
mod rate_limit;
mod response_override;
mod spec;
mod telemetry;

pub use admission_control::*;
pub use bandwidth_limit::*;
pub use compression::*;
pub use fault_injection::*;
pub use http_upgrade::*;
pub use rate_limit::*;
pub use response_override::*;
pub use spec::*;
pub use telemetry::*;
