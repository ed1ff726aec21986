//! `envoy.filters.http.cors`: cross-origin resource sharing. The listener gets an empty filter, each
//! route its `CorsPolicy`; the route's own CORS filter wins over a SecurityPolicy's.

use envoy_types::pb::envoy::extensions::filters::http::cors::v3::{
    Cors as CorsFilterConfig, CorsPolicy,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{Cors, HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;
use crate::route::matching::string_matcher;
use crate::wkt::boolean;

/// The filter name, also the key of its per-route configuration.
const NAME: &str = "envoy.filters.http.cors";

fn cors(route: &HttpRoute) -> Option<&Cors> {
    route
        .cors
        .as_ref()
        .or_else(|| route.security.as_ref()?.cors.as_ref())
}

/// The CORS filter.
pub(crate) struct CorsFilter;

impl HttpFilterBuilder for CorsFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        if !listener.routes.iter().any(|r| cors(r).is_some()) {
            return Ok(None);
        }
        Ok(Some(filter(
            NAME,
            pack(&CorsFilterConfig::default()),
            false,
        )))
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        let Some(cors) = cors(route) else {
            return Vec::new();
        };
        let policy = CorsPolicy {
            allow_origin_string_match: cors
                .allow_origins
                .iter()
                .filter_map(string_matcher)
                .collect(),
            allow_methods: cors.allow_methods.join(", "),
            allow_headers: cors.allow_headers.join(", "),
            expose_headers: cors.expose_headers.join(", "),
            max_age: cors
                .max_age
                .as_ref()
                .map(|d| d.0.as_secs().to_string())
                .unwrap_or_default(),
            allow_credentials: Some(boolean(cors.allow_credentials)),
            forward_not_matching_preflights: Some(boolean(false)),
            ..CorsPolicy::default()
        };
        vec![(NAME.to_owned(), pack(&policy))]
    }
}
