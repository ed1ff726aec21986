//! Envoy Gateway policies: their targets through the attachment graph, precedence between them, their
//! statuses per ancestor, and the features each kind adds to the IR.

pub(crate) mod ancestors;
mod backend_traffic;
mod client_traffic;
mod duration;
mod engine;
mod extension;
pub(crate) mod merge;
mod patch;
mod quantity;
mod route_index;
pub(crate) mod scope;
mod security;
pub(crate) mod targets;
#[cfg(test)]
mod test_support;

pub(crate) use backend_traffic::cluster_settings::convert as convert_backend_settings;
pub(crate) use backend_traffic::process as process_backend_traffic_policies;
pub(crate) use client_traffic::mirror_http3_to_infra;
pub(crate) use client_traffic::process as process_client_traffic_policies;
pub(crate) use extension::process as process_envoy_extension_policies;
pub(crate) use patch::process as process_envoy_patch_policies;
pub(crate) use security::backend_uses as security_policy_backends;
pub(crate) use security::process as process_security_policies;
