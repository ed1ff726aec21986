//! `envoy.filters.http.health_check`: the proxy answers health checks on a path itself (ClientTrafficPolicy
//! `healthCheck`).

use envoy_types::pb::envoy::config::route::v3::{
    HeaderMatcher, header_matcher::HeaderMatchSpecifier,
};
use envoy_types::pb::envoy::extensions::filters::http::health_check::v3::HealthCheck;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::envoy::r#type::matcher::v3::{StringMatcher, string_matcher::MatchPattern};
use gwapi_ir::ir::HttpListener;

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;
use crate::wkt::boolean;

/// The health check filter.
pub(crate) struct HealthCheckFilter;

impl HttpFilterBuilder for HealthCheckFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        let Some(settings) = &listener.health_check else {
            return Ok(None);
        };
        let config = HealthCheck {
            pass_through_mode: Some(boolean(false)),
            headers: vec![HeaderMatcher {
                name: ":path".to_owned(),
                header_match_specifier: Some(HeaderMatchSpecifier::StringMatch(StringMatcher {
                    match_pattern: Some(MatchPattern::Exact(settings.path.clone())),
                    ..StringMatcher::default()
                })),
                ..HeaderMatcher::default()
            }],
            ..HealthCheck::default()
        };
        Ok(Some(filter(
            "envoy.filters.http.health_check",
            pack(&config),
            false,
        )))
    }
}
