//! The Envoy extensions of one route.

use serde::{Deserialize, Serialize};

use crate::ir::{DynamicModule, ExtProc, Lua, Wasm};

/// What an EnvoyExtensionPolicy adds to a route (`ir.EnvoyExtensionFeatures`); each entry becomes an HTTP
/// filter of the listener, enabled per route.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyExtensionFeatures {
    /// External processors (`envoy.filters.http.ext_proc`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ext_procs: Vec<ExtProc>,
    /// Wasm filters (`envoy.filters.http.wasm`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wasms: Vec<Wasm>,
    /// Lua filters (`envoy.filters.http.lua`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub luas: Vec<Lua>,
    /// Dynamic module filters (`envoy.filters.http.dynamic_modules`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dynamic_modules: Vec<DynamicModule>,
}
