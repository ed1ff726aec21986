//! Deprecated fields an EnvoyProxy sets: reported as `Warning/DeprecatedField` on each of its ancestors.

use gwapi_model::envoy_gateway::EnvoyProxy;

use crate::translator::context::Context;
use crate::translator::index::{NsName, ns_name};

/// The deprecation messages of the EnvoyProxy `key`, in order.
pub(crate) fn messages(ctx: &Context<'_>, key: &NsName) -> Vec<String> {
    ctx.snapshot
        .envoy_proxies()
        .find(|p| ns_name(&p.metadata) == *key)
        .map(of)
        .unwrap_or_default()
}

/// The deprecation messages of `proxy`.
fn of(proxy: &EnvoyProxy) -> Vec<String> {
    let mut out = Vec::new();
    if proxy.spec.lua_validation.is_some() {
        out.push(
            "spec.luaValidation is deprecated, use spec.lua.validationType instead".to_owned(),
        );
    }
    out
}
