//! Dynamic module filters (EnvoyExtensionPolicy `dynamicModule`); become Envoy's
//! `envoy.filters.http.dynamic_modules`.

use serde::{Deserialize, Serialize};

/// A dynamic module filter of a route (`ir.DynamicModule`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawDynamicModule", into = "RawDynamicModule")]
pub struct DynamicModule {
    /// A unique name (`envoyextensionpolicy/<namespace>/<name>/dynamic-module/<index>`); names the filter.
    pub name: String,
    /// The filter implementation inside the module (`filter_name`).
    pub filter_name: String,
    /// Where the shared library comes from.
    pub source: DynamicModuleSource,
    /// The filter configuration, free-form JSON (`filter_config`).
    pub config: Option<serde_json::Value>,
    /// Whether the module answers requests itself, without an upstream (`terminal_filter`).
    pub terminal_filter: bool,
    /// Whether the library stays loaded when unused (`do_not_close`).
    pub do_not_close: bool,
    /// Whether the library is loaded with `RTLD_GLOBAL` (`load_globally`).
    pub load_globally: bool,
}

/// Where a dynamic module's shared library comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DynamicModuleSource {
    /// A file on the proxy (`path`).
    Local(String),
    /// Downloaded by Envoy (`remote`).
    Remote(RemoteDynamicModule),
}

/// A shared library Envoy downloads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteDynamicModule {
    /// The URL.
    #[serde(default)]
    pub url: String,
    /// The SHA-256 of the library, hex.
    #[serde(default)]
    pub sha256: String,
}

/// The wire form of [`DynamicModule`]: `path` and `remote` are siblings.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDynamicModule {
    #[serde(default)]
    name: String,
    #[serde(default)]
    filter_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    remote: Option<RemoteDynamicModule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    config: Option<serde_json::Value>,
    #[serde(default)]
    terminal_filter: bool,
    #[serde(default)]
    do_not_close: bool,
    #[serde(default)]
    load_globally: bool,
}

impl TryFrom<RawDynamicModule> for DynamicModule {
    type Error = String;

    fn try_from(raw: RawDynamicModule) -> Result<Self, Self::Error> {
        let source = match (raw.path, raw.remote) {
            (Some(path), None) => DynamicModuleSource::Local(path),
            (None, Some(remote)) => DynamicModuleSource::Remote(remote),
            (Some(_), Some(_)) => {
                return Err(format!(
                    "dynamic module {:?} has both path and remote",
                    raw.name
                ));
            }
            (None, None) => {
                return Err(format!(
                    "dynamic module {:?} has neither path nor remote",
                    raw.name
                ));
            }
        };
        Ok(Self {
            name: raw.name,
            filter_name: raw.filter_name,
            source,
            config: raw.config,
            terminal_filter: raw.terminal_filter,
            do_not_close: raw.do_not_close,
            load_globally: raw.load_globally,
        })
    }
}

impl From<DynamicModule> for RawDynamicModule {
    fn from(module: DynamicModule) -> Self {
        let (path, remote) = match module.source {
            DynamicModuleSource::Local(path) => (Some(path), None),
            DynamicModuleSource::Remote(remote) => (None, Some(remote)),
        };
        Self {
            name: module.name,
            filter_name: module.filter_name,
            path,
            remote,
            config: module.config,
            terminal_filter: module.terminal_filter,
            do_not_close: module.do_not_close,
            load_globally: module.load_globally,
        }
    }
}
