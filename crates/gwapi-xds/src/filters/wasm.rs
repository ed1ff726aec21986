//! `envoy.filters.http.wasm`: Wasm plugins (EnvoyExtensionPolicy `wasm`). The listener gets one disabled
//! filter per plugin (`envoy.filters.http.wasm/<name>`) whose code Envoy fetches from Envoy Gateway's
//! Wasm cache (`wasm_cluster`); each route turns its plugins on.

use envoy_types::pb::envoy::config::core::v3::{
    AsyncDataSource, BackoffStrategy, HttpUri, RemoteDataSource, RetryPolicy,
    async_data_source::Specifier, http_uri::HttpUpstreamType,
};
use envoy_types::pb::envoy::extensions::filters::http::wasm::v3::Wasm;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::envoy::extensions::wasm::v3::{
    EnvironmentVariables, PluginConfig, VmConfig, plugin_config::Vm,
};
use envoy_types::pb::google::protobuf::{Any, StringValue};
use gwapi_ir::ir::{HttpListener, HttpRoute, Wasm as IrWasm};

use super::HttpFilterBuilder;
use super::per_route::{enabled, filter, instances};
use crate::Result;
use crate::any::pack;
use crate::wkt::{seconds, uint32};

/// The cluster of Envoy Gateway's Wasm cache, which serves the code of every plugin.
const WASM_CLUSTER: &str = "wasm_cluster";
/// The Wasm runtime.
const RUNTIME: &str = "envoy.wasm.runtime.v8";
/// How many times a failed code fetch is retried.
const FETCH_RETRIES: u32 = 10;

fn wasms(route: &HttpRoute) -> &[IrWasm] {
    route
        .envoy_extensions
        .as_ref()
        .map_or(&[], |e| e.wasms.as_slice())
}

fn name(wasm: &IrWasm) -> String {
    format!("envoy.filters.http.wasm/{}", wasm.name)
}

fn code(wasm: &IrWasm) -> Option<AsyncDataSource> {
    let http = wasm.http_wasm_code.as_ref()?;
    Some(AsyncDataSource {
        specifier: Some(Specifier::Remote(RemoteDataSource {
            http_uri: Some(HttpUri {
                uri: http.serving_url.clone(),
                timeout: Some(seconds(10)),
                http_upstream_type: Some(HttpUpstreamType::Cluster(WASM_CLUSTER.to_owned())),
            }),
            sha256: http.sha256.clone(),
            retry_policy: Some(RetryPolicy {
                num_retries: Some(uint32(FETCH_RETRIES)),
                retry_back_off: Some(BackoffStrategy {
                    base_interval: Some(seconds(1)),
                    max_interval: Some(seconds(30)),
                }),
                ..RetryPolicy::default()
            }),
        })),
    })
}

// `fail_open` is deprecated for `failure_policy`, but it is what Envoy Gateway sets and Envoy still honours.
#[allow(deprecated)]
fn config(wasm: &IrWasm) -> Wasm {
    let configuration = wasm.config.as_ref().map(|c| {
        pack(&StringValue {
            value: serde_json::to_string(c).unwrap_or_default(),
        })
    });
    Wasm {
        config: Some(PluginConfig {
            name: wasm.wasm_name.clone(),
            root_id: wasm.root_id.clone().unwrap_or_default(),
            configuration,
            fail_open: wasm.fail_open,
            vm: Some(Vm::VmConfig(VmConfig {
                vm_id: wasm.name.clone(),
                runtime: RUNTIME.to_owned(),
                code: code(wasm),
                environment_variables: (!wasm.host_keys.is_empty()).then(|| EnvironmentVariables {
                    host_env_keys: wasm.host_keys.clone(),
                    ..EnvironmentVariables::default()
                }),
                ..VmConfig::default()
            })),
            ..PluginConfig::default()
        }),
    }
}

/// The Wasm filters.
pub(crate) struct WasmFilter;

impl HttpFilterBuilder for WasmFilter {
    fn build(&self, _listener: &HttpListener) -> Result<Option<HttpFilter>> {
        Ok(None)
    }

    fn build_all(&self, listener: &HttpListener) -> Result<Vec<HttpFilter>> {
        let all = listener.routes.iter().flat_map(wasms).map(|w| (name(w), w));
        Ok(instances(all)
            .into_iter()
            .map(|(name, wasm)| filter(name, pack(&config(wasm)), true))
            .collect())
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        wasms(route).iter().map(|w| (name(w), enabled())).collect()
    }
}
