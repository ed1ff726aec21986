//! Backends: what a backendRef points at, resolved to endpoints.

pub(crate) mod service;
