//! HTTP listeners and the client-facing settings they carry (from ClientTrafficPolicy).

mod client_settings;
mod connection;
mod headers;
mod http;

pub use client_settings::*;
pub use connection::*;
pub use headers::*;
pub use http::*;
