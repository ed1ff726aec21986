//! `lua`: Lua scripts, inline or from a ConfigMap's `lua` key (`ir.Lua`), validated as the fleet's
//! EnvoyProxy asks. Lua has no fail-open: any failure fails the routes closed.

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{EnvoyProxy, Lua, LuaValueType};

use super::Built;
use super::lua_check;
use crate::ir::{Lua as IrLua, LuaKeyStyle};
use crate::translator::context::Context;

/// The script of `lua`: inline, or the `lua` key of a ConfigMap in the policy's namespace.
fn code(ctx: &Context<'_>, namespace: &str, lua: &Lua) -> Result<String, String> {
    let by_ref =
        lua.type_ == Some(LuaValueType::ValueRef) || (lua.type_.is_none() && lua.inline.is_none());
    if by_ref {
        let Some(reference) = &lua.value_ref else {
            return Err("valueRef is not set".to_owned());
        };
        let name = reference.name.as_str();
        let config_map = ctx
            .snapshot
            .config_maps()
            .find(|c| {
                c.metadata.namespace.as_deref() == Some(namespace)
                    && c.metadata.name.as_deref() == Some(name)
            })
            .ok_or_else(|| {
                format!("can't find the referenced configmap {name} in namespace {namespace}")
            })?;
        return config_map
            .data
            .as_ref()
            .and_then(|d| d.get("lua"))
            .cloned()
            .ok_or_else(|| format!("can't find the key lua in the referenced configmap {name}"));
    }
    lua.inline
        .clone()
        .ok_or_else(|| "inline is not set".to_owned())
}

/// The IR Lua filters of a policy's `lua` list, named `envoyextensionpolicy/<ns>/<name>/lua/<index>`.
pub(super) fn convert(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    luas: &[Lua],
    proxy: Option<&EnvoyProxy>,
) -> Built<IrLua> {
    let mut built = Built::default();
    if luas.is_empty() {
        return built;
    }
    if !ctx.config.enable_lua {
        built.fail(
            "Skipping Lua EnvoyExtensionPolicy as feature is disabled in the Gateway".to_owned(),
        );
        return built;
    }
    let namespace = meta.namespace.as_deref().unwrap_or_default();
    let validation = lua_check::mode(proxy);
    for (i, lua) in luas.iter().enumerate() {
        let name = format!(
            "envoyextensionpolicy/{namespace}/{}/lua/{i}",
            meta.name.as_deref().unwrap_or_default()
        );
        let result = code(ctx, namespace, lua).and_then(|code| {
            lua_check::validate(&code, &validation).map_err(|e| {
                format!("validation failed for lua body in policy with name {name}: {e}")
            })?;
            Ok(IrLua {
                name,
                code: Some(code),
                filter_context: lua.filter_context.clone().filter(|v| !v.is_null()),
                key_style: LuaKeyStyle::GoFieldNames,
            })
        });
        built.push(result, false);
    }
    built
}
