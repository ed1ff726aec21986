//! Traffic features of routes and of auxiliary backends (from BackendTrafficPolicy, route rules and
//! `backendSettings`): rate limits, load balancing, health checks, retries, timeouts, connection settings.

mod admission_control;
mod bandwidth_limit;
mod circuit_breaker;
mod connection;
mod fault_injection;
mod features;
mod health_check;
mod http_settings;
mod load_balancer;
mod percent;
mod rate_limit;
mod response_override;
mod retry;
mod telemetry;
mod timeout;

pub use admission_control::*;
pub use bandwidth_limit::*;
pub use circuit_breaker::*;
pub use connection::*;
pub use fault_injection::*;
pub use features::*;
pub use health_check::*;
pub use http_settings::*;
pub use load_balancer::*;
pub use percent::*;
pub use rate_limit::*;
pub use response_override::*;
pub use retry::*;
pub use telemetry::*;
pub use timeout::*;
