//! Gateway API v1.6 kinds (`gateway.networking.k8s.io`): every spec and status field, with Rust casing in
//! the types and the upstream names on the wire.

mod backend_tls_policy;
mod gateway;
mod gateway_class;
mod grpc_route;
mod http_filters;
mod http_match;
mod http_route;
mod listener_set;
mod policy;
mod reference_grant;
mod references;
mod service_import;
mod tcp_route;
mod tls_route;
mod udp_route;

pub use backend_tls_policy::*;
pub use gateway::*;
pub use gateway_class::*;
pub use grpc_route::*;
pub use http_filters::*;
pub use http_match::*;
pub use http_route::*;
pub use listener_set::*;
pub use policy::*;
pub use reference_grant::*;
pub use references::*;
pub use service_import::*;
pub use tcp_route::*;
pub use tls_route::*;
pub use udp_route::*;

/// The API group of the Gateway API kinds.
pub const GROUP: &str = "gateway.networking.k8s.io";
