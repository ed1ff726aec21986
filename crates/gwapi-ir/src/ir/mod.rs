//! The intermediate representation: what one proxy fleet needs, independent of Gateway API and of Envoy's
//! protos. Idiomatic inside (enums for one-of fields, typed durations), while the serde form reads and writes
//! exactly Envoy Gateway's `xdsIR` / `infraIR` YAML, so each stage has its own golden tests.

mod destination;
mod duration;
mod extensions;
mod global;
mod infra;
mod listener;
mod matching;
mod metadata;
mod observability;
mod patch;
mod route;
mod security;
mod tcp;
mod tls;
pub(crate) use tls::decode_base64;
mod traffic;
mod udp;
mod xds;

pub use destination::*;
pub use duration::*;
pub use extensions::*;
pub use global::*;
pub use infra::*;
pub use listener::*;
pub use matching::*;
pub use metadata::*;
pub use observability::*;
pub use patch::*;
pub use route::*;
pub use security::*;
pub use tcp::*;
pub use tls::*;
pub use traffic::*;
pub use udp::*;
pub use xds::*;
