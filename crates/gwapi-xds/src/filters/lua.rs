//! `envoy.filters.http.lua`: Lua scripts (EnvoyExtensionPolicy `lua`). The listener gets one disabled
//! filter per script (`envoy.filters.http.lua/<name>`), each route turns its scripts on, with their
//! filter context when they have one.

use envoy_types::pb::envoy::config::core::v3::{DataSource, data_source::Specifier};
use envoy_types::pb::envoy::extensions::filters::http::lua::v3::{Lua, LuaPerRoute};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::{Any, ListValue, Struct, Value, value::Kind};
use gwapi_ir::ir::{HttpListener, HttpRoute, Lua as IrLua};

use super::HttpFilterBuilder;
use super::per_route::{enabled, filter, instances};
use crate::Result;
use crate::any::pack;

fn luas(route: &HttpRoute) -> &[IrLua] {
    route
        .envoy_extensions
        .as_ref()
        .map_or(&[], |e| e.luas.as_slice())
}

fn name(lua: &IrLua) -> String {
    format!("envoy.filters.http.lua/{}", lua.name)
}

/// A JSON value as a protobuf `Value`.
pub(super) fn value(json: &serde_json::Value) -> Value {
    let kind = match json {
        serde_json::Value::Null => Kind::NullValue(0),
        serde_json::Value::Bool(b) => Kind::BoolValue(*b),
        serde_json::Value::Number(n) => Kind::NumberValue(n.as_f64().unwrap_or_default()),
        serde_json::Value::String(s) => Kind::StringValue(s.clone()),
        serde_json::Value::Array(items) => Kind::ListValue(ListValue {
            values: items.iter().map(value).collect(),
        }),
        serde_json::Value::Object(map) => Kind::StructValue(object(map)),
    };
    Value { kind: Some(kind) }
}

fn object(map: &serde_json::Map<String, serde_json::Value>) -> Struct {
    Struct {
        fields: map.iter().map(|(k, v)| (k.clone(), value(v))).collect(),
    }
}

/// The Lua filters.
pub(crate) struct LuaFilter;

impl HttpFilterBuilder for LuaFilter {
    fn build(&self, _listener: &HttpListener) -> Result<Option<HttpFilter>> {
        Ok(None)
    }

    fn build_all(&self, listener: &HttpListener) -> Result<Vec<HttpFilter>> {
        let all = listener.routes.iter().flat_map(luas).map(|l| (name(l), l));
        Ok(instances(all)
            .into_iter()
            .map(|(name, lua)| {
                let config = Lua {
                    default_source_code: Some(DataSource {
                        specifier: Some(Specifier::InlineString(
                            lua.code.clone().unwrap_or_default(),
                        )),
                        ..DataSource::default()
                    }),
                    ..Lua::default()
                };
                filter(name, pack(&config), true)
            })
            .collect())
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        luas(route)
            .iter()
            .map(|lua| {
                let config = match &lua.filter_context {
                    Some(serde_json::Value::Object(map)) => pack(&LuaPerRoute {
                        filter_context: Some(object(map)),
                        ..LuaPerRoute::default()
                    }),
                    _ => enabled(),
                };
                (name(lua), config)
            })
            .collect()
    }
}
