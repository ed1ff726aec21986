//! Validation of Lua scripts before they reach Envoy, as strict as the fleet's EnvoyProxy asks
//! (`lua.validationType`, or the deprecated `luaValidation`; `Strict` by default).
//!
//! Without a Lua interpreter in the translator, every mode but `Disabled` checks what can be checked
//! without running the script: that it defines one of Envoy's entry points.

use gwapi_model::envoy_gateway::{EnvoyProxy, LuaValidation};

/// The validation mode of the fleet configured by `proxy`.
pub(super) fn mode(proxy: Option<&EnvoyProxy>) -> LuaValidation {
    proxy
        .and_then(|p| {
            p.spec
                .lua
                .as_ref()
                .and_then(|l| l.validation_type.clone())
                .or_else(|| p.spec.lua_validation.clone())
        })
        .unwrap_or(LuaValidation::Strict)
}

/// Checks `code` under `mode`; the reason it is invalid otherwise.
pub(super) fn validate(code: &str, mode: &LuaValidation) -> Result<(), String> {
    if *mode == LuaValidation::Disabled {
        return Ok(());
    }
    if !code.contains("envoy_on_request") && !code.contains("envoy_on_response") {
        return Err(
            "expected one of envoy_on_request() or envoy_on_response() to be defined".to_owned(),
        );
    }
    Ok(())
}
