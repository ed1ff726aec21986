//! Backends: what a backendRef points at, resolved to endpoints.

pub(crate) mod app_protocol;
pub(crate) mod eg_backend;
pub(crate) mod policy_backends;
pub(crate) mod service;
pub(crate) mod service_import;
