//! `envoy.filters.http.bandwidth_limit`: request and response bandwidth limits (BackendTrafficPolicy
//! `bandwidthLimit`). The listener gets one disabled filter per direction, each limited route its limit.

use envoy_types::pb::envoy::extensions::filters::http::bandwidth_limit::v3::{
    BandwidthLimit, bandwidth_limit::EnableMode,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::{Any, UInt64Value};
use gwapi_ir::ir::{BandwidthLimit as IrLimit, BandwidthLimitValue, HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;

/// The filter limiting requests.
const REQUEST: &str = "envoy.filters.http.bandwidth_limit/request";
/// The filter limiting responses.
const RESPONSE: &str = "envoy.filters.http.bandwidth_limit/response";
/// The stat prefix of both filters.
const STAT_PREFIX: &str = "http_bandwidth_limiter";

fn limit(route: &HttpRoute) -> Option<&IrLimit> {
    route.traffic.as_ref()?.bandwidth_limit.as_ref()
}

fn base() -> BandwidthLimit {
    BandwidthLimit {
        stat_prefix: STAT_PREFIX.to_owned(),
        ..BandwidthLimit::default()
    }
}

/// The bandwidth limit filters.
pub(crate) struct BandwidthLimitFilter;

impl HttpFilterBuilder for BandwidthLimitFilter {
    fn build(&self, _listener: &HttpListener) -> Result<Option<HttpFilter>> {
        Ok(None)
    }

    fn build_all(&self, listener: &HttpListener) -> Result<Vec<HttpFilter>> {
        let limits: Vec<_> = listener.routes.iter().filter_map(limit).collect();
        let mut filters = Vec::new();
        if limits.iter().any(|l| l.request.is_some()) {
            filters.push(filter(REQUEST, pack(&base()), true));
        }
        if limits.iter().any(|l| l.response.is_some()) {
            filters.push(filter(RESPONSE, pack(&base()), true));
        }
        Ok(filters)
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        let Some(limit) = limit(route) else {
            return Vec::new();
        };
        let config = |value: &BandwidthLimitValue, mode: EnableMode| {
            let trailers = value.response_trailers.as_ref();
            pack(&BandwidthLimit {
                enable_mode: mode.into(),
                limit_kbps: Some(UInt64Value {
                    value: value.limit_kibps,
                }),
                enable_response_trailers: trailers.is_some(),
                response_trailer_prefix: trailers.map(|t| t.prefix.clone()).unwrap_or_default(),
                ..base()
            })
        };
        let mut configs = Vec::new();
        if let Some(request) = &limit.request {
            configs.push((REQUEST.to_owned(), config(request, EnableMode::Request)));
        }
        if let Some(response) = &limit.response {
            configs.push((RESPONSE.to_owned(), config(response, EnableMode::Response)));
        }
        configs
    }
}
