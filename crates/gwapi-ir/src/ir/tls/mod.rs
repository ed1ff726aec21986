//! TLS on listeners and towards backends, and the byte blobs (certificates, keys) they carry.

mod blob;
mod listener;
mod upstream;

pub use blob::*;
pub use listener::*;
pub use upstream::*;
