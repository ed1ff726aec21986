//! HTTP routes: matches, header changes, redirects and rewrites, and where they send traffic.

mod filters;
mod headers;
mod http;

pub use filters::*;
pub use headers::*;
pub use http::*;
