//! `envoy.filters.http.grpc_web` (gRPC-Web to gRPC) and `envoy.filters.http.grpc_stats` (per-method gRPC
//! statistics), both turned on by the listener's gRPC settings.

use envoy_types::pb::envoy::extensions::filters::http::grpc_stats::v3::{
    FilterConfig, filter_config::PerMethodStatSpecifier,
};
use envoy_types::pb::envoy::extensions::filters::http::grpc_web::v3::GrpcWeb;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpFilter, http_filter::ConfigType,
};
use gwapi_ir::ir::HttpListener;

use super::HttpFilterBuilder;
use crate::Result;
use crate::any::pack;
use crate::wkt::boolean;

/// The gRPC-Web filter.
pub(crate) struct GrpcWebFilter;

impl HttpFilterBuilder for GrpcWebFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        if !listener.grpc.as_ref().is_some_and(|g| g.enable_grpc_web) {
            return Ok(None);
        }
        Ok(Some(HttpFilter {
            name: "envoy.filters.http.grpc_web".to_owned(),
            config_type: Some(ConfigType::TypedConfig(pack(&GrpcWeb::default()))),
            ..HttpFilter::default()
        }))
    }
}

/// The gRPC statistics filter.
pub(crate) struct GrpcStatsFilter;

impl HttpFilterBuilder for GrpcStatsFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        if !listener.grpc.as_ref().is_some_and(|g| g.enable_grpc_stats) {
            return Ok(None);
        }
        let config = FilterConfig {
            emit_filter_state: true,
            per_method_stat_specifier: Some(PerMethodStatSpecifier::StatsForAllMethods(boolean(
                true,
            ))),
            ..FilterConfig::default()
        };
        Ok(Some(HttpFilter {
            name: "envoy.filters.http.grpc_stats".to_owned(),
            config_type: Some(ConfigType::TypedConfig(pack(&config))),
            ..HttpFilter::default()
        }))
    }
}
