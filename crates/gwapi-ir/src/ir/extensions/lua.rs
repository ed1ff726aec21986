//! Lua filters (EnvoyExtensionPolicy `lua`); become Envoy's `envoy.filters.http.lua`.
//!
//! EG's IR writes a Lua filter's keys with Go field names (`Name`, `Code`, `FilterContext`) and reads them
//! case-insensitively; both spellings are read here, and the spelling read is written back.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// A Lua filter of a route (`ir.Lua`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(from = "RawLua")]
pub struct Lua {
    /// A unique name (`envoyextensionpolicy/<namespace>/<name>/lua/<index>`); names the filter.
    pub name: String,
    /// The Lua source (`default_source_code.inline_string`).
    pub code: Option<String>,
    /// Free-form values the script reads as its filter context (`filter_context`).
    pub filter_context: Option<serde_json::Value>,
    /// How the keys are spelled on the wire.
    pub key_style: LuaKeyStyle,
}

/// How the keys of a [`Lua`] are spelled in YAML.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LuaKeyStyle {
    /// Go field names (`Name`, `Code`, `FilterContext`), as EG writes them.
    #[default]
    GoFieldNames,
    /// Lower camel case (`name`, `code`, `filterContext`).
    CamelCase,
}

/// The wire form of [`Lua`], in either spelling.
#[derive(Deserialize)]
struct RawLua {
    #[serde(default, rename = "Name")]
    go_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default, rename = "Code")]
    go_code: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default, rename = "FilterContext")]
    go_filter_context: Option<serde_json::Value>,
    #[serde(default, rename = "filterContext")]
    filter_context: Option<serde_json::Value>,
}

impl From<RawLua> for Lua {
    fn from(raw: RawLua) -> Self {
        let camel = raw.name.is_some() || raw.code.is_some() || raw.filter_context.is_some();
        let go = raw.go_name.is_some() || raw.go_code.is_some() || raw.go_filter_context.is_some();
        Self {
            name: raw.go_name.or(raw.name).unwrap_or_default(),
            code: raw.go_code.or(raw.code),
            filter_context: raw
                .go_filter_context
                .or(raw.filter_context)
                .filter(|v| !v.is_null()),
            key_style: if camel && !go {
                LuaKeyStyle::CamelCase
            } else {
                LuaKeyStyle::GoFieldNames
            },
        }
    }
}

impl Serialize for Lua {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (name, code, filter_context) = match self.key_style {
            LuaKeyStyle::GoFieldNames => ("Name", "Code", "FilterContext"),
            LuaKeyStyle::CamelCase => ("name", "code", "filterContext"),
        };
        let mut out = s.serialize_struct("Lua", 3)?;
        out.serialize_field(name, &self.name)?;
        if let Some(source) = &self.code {
            out.serialize_field(code, source)?;
        } else {
            out.skip_field(code)?;
        }
        if let Some(context) = &self.filter_context {
            out.serialize_field(filter_context, context)?;
        } else {
            out.skip_field(filter_context)?;
        }
        out.end()
    }
}
