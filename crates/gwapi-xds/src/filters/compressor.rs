//! `envoy.filters.http.compressor`: response compression (BackendTrafficPolicy `compression`). The
//! listener gets one disabled filter per algorithm (`envoy.filters.http.compressor.<algorithm>`), each
//! compressing route turns its algorithms on.

use envoy_types::pb::envoy::config::core::v3::TypedExtensionConfig;
use envoy_types::pb::envoy::config::route::v3::Route;
use envoy_types::pb::envoy::extensions::compression::brotli::compressor::v3::Brotli;
use envoy_types::pb::envoy::extensions::compression::gzip::compressor::v3::Gzip;
use envoy_types::pb::envoy::extensions::compression::zstd::compressor::v3::Zstd;
use envoy_types::pb::envoy::extensions::filters::http::compressor::v3::{
    Compressor, CompressorOverrides, CompressorPerRoute, ResponseDirectionOverrides,
    compressor::{CommonDirectionConfig, ResponseDirectionConfig},
    compressor_per_route::Override,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{Compression, CompressorType, HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;
use crate::wkt::uint32;

/// Every algorithm, in chain order.
const ALGORITHMS: [CompressorType; 3] = [
    CompressorType::Brotli,
    CompressorType::Gzip,
    CompressorType::Zstd,
];

fn algorithm(kind: CompressorType) -> &'static str {
    match kind {
        CompressorType::Brotli => "brotli",
        CompressorType::Gzip => "gzip",
        CompressorType::Zstd => "zstd",
    }
}

fn name(kind: CompressorType) -> String {
    format!("envoy.filters.http.compressor.{}", algorithm(kind))
}

fn compressions(route: &HttpRoute) -> &[Compression] {
    route
        .traffic
        .as_ref()
        .map_or(&[], |t| t.compression.as_slice())
}

fn library(kind: CompressorType) -> TypedExtensionConfig {
    TypedExtensionConfig {
        name: format!("envoy.compression.{}.compressor", algorithm(kind)),
        typed_config: Some(match kind {
            CompressorType::Brotli => pack(&Brotli::default()),
            CompressorType::Gzip => pack(&Gzip::default()),
            CompressorType::Zstd => pack(&Zstd::default()),
        }),
    }
}

/// The compressor filters.
pub(crate) struct CompressorFilter;

impl HttpFilterBuilder for CompressorFilter {
    fn build(&self, _listener: &HttpListener) -> Result<Option<HttpFilter>> {
        Ok(None)
    }

    fn build_all(&self, listener: &HttpListener) -> Result<Vec<HttpFilter>> {
        let mut filters = Vec::new();
        for kind in ALGORITHMS {
            let Some(first) = listener
                .routes
                .iter()
                .flat_map(compressions)
                .find(|c| c.kind == kind)
            else {
                continue;
            };
            let config = Compressor {
                compressor_library: Some(library(kind)),
                choose_first: first.choose_first,
                response_direction_config: first.min_content_length.map(|length| {
                    ResponseDirectionConfig {
                        common_config: Some(CommonDirectionConfig {
                            min_content_length: Some(uint32(length)),
                            ..CommonDirectionConfig::default()
                        }),
                        ..ResponseDirectionConfig::default()
                    }
                }),
                ..Compressor::default()
            };
            filters.push(filter(name(kind), pack(&config), true));
        }
        Ok(filters)
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        compressions(route)
            .iter()
            .map(|c| {
                let config = CompressorPerRoute {
                    r#override: Some(Override::Overrides(CompressorOverrides {
                        response_direction_config: Some(ResponseDirectionOverrides::default()),
                        ..CompressorOverrides::default()
                    })),
                };
                (name(c.kind), pack(&config))
            })
            .collect()
    }

    /// Compressing routes drop the client's `Accept-Encoding`, so backends answer uncompressed.
    fn patch_route(&self, route: &HttpRoute, out: &mut Route) {
        if !compressions(route).is_empty() {
            out.request_headers_to_remove
                .push("accept-encoding".to_owned());
        }
    }
}
