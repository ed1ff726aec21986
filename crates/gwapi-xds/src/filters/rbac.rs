//! `envoy.filters.http.rbac`: authorization (SecurityPolicy `authorization`). The listener gets one
//! filter with no policy of its own; each route with an authorization carries its matcher tree
//! ([`super::rbac_matcher`]).

use envoy_types::pb::envoy::extensions::filters::http::rbac::v3::{Rbac, RbacPerRoute};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{Authorization, HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;

/// The filter name.
pub(crate) const NAME: &str = "envoy.filters.http.rbac";

fn authorization(route: &HttpRoute) -> Option<&Authorization> {
    route.security.as_ref()?.authorization.as_ref()
}

/// The RBAC filter.
pub(crate) struct RbacFilter;

impl HttpFilterBuilder for RbacFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        if !listener.routes.iter().any(|r| authorization(r).is_some()) {
            return Ok(None);
        }
        Ok(Some(filter(NAME, pack(&Rbac::default()), false)))
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        authorization(route).map_or_else(Vec::new, |authorization| {
            let config = RbacPerRoute {
                rbac: Some(Rbac {
                    matcher: Some(super::rbac_matcher::matcher(authorization)),
                    ..Rbac::default()
                }),
            };
            vec![(NAME.to_owned(), pack(&config))]
        })
    }
}
