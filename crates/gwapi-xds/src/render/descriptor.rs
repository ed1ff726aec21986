//! The FileDescriptorSet shipped by envoy-types, embedded by `build.rs`.

use std::sync::LazyLock;

use prost_reflect::DescriptorPool;

use crate::{Error, Result};

static DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/envoy_types.bin"));

static POOL: LazyLock<Result<DescriptorPool, prost_reflect::DescriptorError>> =
    LazyLock::new(|| DescriptorPool::decode(DESCRIPTOR_SET).and_then(super::cel_descriptors::add));

/// The descriptor pool of every Envoy API message envoy-types knows.
///
/// ```
/// let pool = gwapi_xds::render::descriptor_pool().unwrap();
/// assert!(pool.get_message_by_name("envoy.config.listener.v3.Listener").is_some());
/// ```
pub fn descriptor_pool() -> Result<DescriptorPool> {
    match &*POOL {
        Ok(pool) => Ok(pool.clone()),
        Err(e) => Err(Error::Descriptors(e.to_string())),
    }
}
