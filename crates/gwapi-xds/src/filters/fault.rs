//! `envoy.filters.http.fault`: injected delays and aborts (BackendTrafficPolicy `faultInjection`). The
//! listener gets an empty filter, each route its faults.

use envoy_types::pb::envoy::extensions::filters::common::fault::v3::{
    FaultDelay, fault_delay::FaultDelaySecifier,
};
use envoy_types::pb::envoy::extensions::filters::http::fault::v3::{
    FaultAbort, HttpFault, fault_abort::ErrorType,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::envoy::r#type::v3::{FractionalPercent, fractional_percent::DenominatorType};
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{AbortStatus, FaultInjection, HttpListener, HttpRoute, Percent};

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;
use crate::wkt::duration;

/// The filter name, also the key of its per-route configuration.
const NAME: &str = "envoy.filters.http.fault";

fn fault(route: &HttpRoute) -> Option<&FaultInjection> {
    route.traffic.as_ref()?.fault_injection.as_ref()
}

/// A percentage as parts per million.
pub(super) fn per_million(percent: Percent) -> FractionalPercent {
    let parts = (percent.0 * 10_000.0).round().clamp(0.0, 1_000_000.0);
    // Clamped to [0, 1e6] above: the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let numerator = parts as u32;
    FractionalPercent {
        numerator,
        denominator: DenominatorType::Million.into(),
    }
}

/// The fault injection filter.
pub(crate) struct FaultFilter;

impl HttpFilterBuilder for FaultFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        if !listener.routes.iter().any(|r| fault(r).is_some()) {
            return Ok(None);
        }
        Ok(Some(filter(NAME, pack(&HttpFault::default()), false)))
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        let Some(fault) = fault(route) else {
            return Vec::new();
        };
        if fault.delay.is_none() && fault.abort.is_none() {
            return Vec::new();
        }
        let config = HttpFault {
            delay: fault.delay.as_ref().map(|d| FaultDelay {
                percentage: d.percentage.map(per_million),
                fault_delay_secifier: d
                    .fixed_delay
                    .as_ref()
                    .map(|f| FaultDelaySecifier::FixedDelay(duration(f))),
            }),
            abort: fault.abort.as_ref().map(|a| FaultAbort {
                percentage: a.percentage.map(per_million),
                error_type: a.status.map(|s| match s {
                    AbortStatus::Http(code) => ErrorType::HttpStatus(code),
                    AbortStatus::Grpc(code) => ErrorType::GrpcStatus(code),
                }),
                ..FaultAbort::default()
            }),
            ..HttpFault::default()
        };
        vec![(NAME.to_owned(), pack(&config))]
    }
}
