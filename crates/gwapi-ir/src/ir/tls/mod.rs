//! TLS on listeners and towards backends, and the byte blobs (certificates, keys) they carry.

mod blob;
pub(crate) use blob::decode as decode_base64;
mod listener;
mod private_bytes;
mod upstream;

pub use blob::*;
pub use listener::*;
pub use private_bytes::*;
pub use upstream::*;
