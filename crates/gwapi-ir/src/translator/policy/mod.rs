//! Envoy Gateway policies: their targets through the attachment graph, precedence between them, their
//! statuses per ancestor, and the features each kind adds to the IR.

pub(crate) mod ancestors;
mod backend_traffic;
mod client_traffic;
mod engine;
mod merge;
mod scope;
mod targets;

pub(crate) use backend_traffic::process as process_backend_traffic_policies;
pub(crate) use client_traffic::process as process_client_traffic_policies;
