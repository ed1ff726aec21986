//! Gateway: a set of listeners, the addresses they listen on, and their status.

mod listener;
mod spec;
mod status;
mod tls;

pub use listener::*;
pub use spec::*;
pub use status::*;
pub use tls::*;
