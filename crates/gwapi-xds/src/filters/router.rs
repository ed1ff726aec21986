//! `envoy.filters.http.router`: the terminal filter of every HTTP chain.

use envoy_types::pb::envoy::extensions::filters::http::router::v3::Router;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpFilter, http_filter::ConfigType,
};
use gwapi_ir::ir::HttpListener;

use super::HttpFilterBuilder;
use crate::Result;
use crate::any::pack;

/// The router filter: Envoy's `x-envoy-*` response headers suppressed.
pub(crate) struct RouterFilter;

impl HttpFilterBuilder for RouterFilter {
    fn build(&self, _listener: &HttpListener) -> Result<Option<HttpFilter>> {
        let router = Router {
            suppress_envoy_headers: true,
            ..Router::default()
        };
        Ok(Some(HttpFilter {
            name: "envoy.filters.http.router".to_owned(),
            config_type: Some(ConfigType::TypedConfig(pack(&router))),
            ..HttpFilter::default()
        }))
    }
}
