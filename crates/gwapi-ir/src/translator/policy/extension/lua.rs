//! `lua`: Lua scripts, inline or from a ConfigMap's `lua` key (`ir.Lua`).

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::Lua;

use crate::ir::{Lua as IrLua, LuaKeyStyle};
use crate::translator::context::Context;

/// The script of `lua`: inline, or the `lua` key of a ConfigMap in the policy's namespace.
fn code(ctx: &Context<'_>, namespace: &str, lua: &Lua) -> Result<String, String> {
    if let Some(reference) = &lua.value_ref {
        let name = reference.name.as_str();
        let config_map = ctx
            .snapshot
            .config_maps()
            .find(|c| {
                c.metadata.namespace.as_deref() == Some(namespace)
                    && c.metadata.name.as_deref() == Some(name)
            })
            .ok_or_else(|| {
                format!("can't find the referenced configmap {name} in namespace {namespace}.")
            })?;
        return config_map
            .data
            .as_ref()
            .and_then(|d| d.get("lua"))
            .cloned()
            .ok_or_else(|| format!("can't find the key lua in the referenced configmap {name}."));
    }
    lua.inline
        .clone()
        .ok_or_else(|| "neither inline nor valueRef is set".to_owned())
}

/// The IR Lua filters of a policy's `lua` list, named `envoyextensionpolicy/<ns>/<name>/lua/<index>`.
pub(crate) fn convert(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    luas: &[Lua],
) -> Result<Vec<IrLua>, String> {
    let namespace = meta.namespace.as_deref().unwrap_or_default();
    luas.iter()
        .enumerate()
        .map(|(i, lua)| {
            Ok(IrLua {
                name: format!(
                    "envoyextensionpolicy/{namespace}/{}/lua/{i}",
                    meta.name.as_deref().unwrap_or_default()
                ),
                code: Some(code(ctx, namespace, lua)?),
                filter_context: lua.filter_context.clone().filter(|v| !v.is_null()),
                key_style: LuaKeyStyle::GoFieldNames,
            })
        })
        .collect()
}
