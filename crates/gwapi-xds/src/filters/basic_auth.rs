//! `envoy.filters.http.basic_auth`: HTTP basic authentication (SecurityPolicy `basicAuth`). The listener
//! gets one disabled filter per policy (`envoy.filters.http.basic_auth/<policy>`), each protected route
//! turns its policy's filter on with the policy's users.

use envoy_types::pb::envoy::config::core::v3::{DataSource, data_source::Specifier};
use envoy_types::pb::envoy::extensions::filters::http::basic_auth::v3::{
    BasicAuth, BasicAuthPerRoute,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{BasicAuth as IrBasicAuth, HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::{filter, instances};
use crate::Result;
use crate::any::pack;

fn basic_auth(route: &HttpRoute) -> Option<&IrBasicAuth> {
    route.security.as_ref()?.basic_auth.as_ref()
}

fn name(auth: &IrBasicAuth) -> String {
    format!("envoy.filters.http.basic_auth/{}", auth.name)
}

fn users(auth: &IrBasicAuth) -> DataSource {
    DataSource {
        specifier: Some(Specifier::InlineBytes(auth.users.bytes.clone())),
        ..DataSource::default()
    }
}

/// The basic authentication filters.
pub(crate) struct BasicAuthFilter;

impl HttpFilterBuilder for BasicAuthFilter {
    fn build(&self, _listener: &HttpListener) -> Result<Option<HttpFilter>> {
        Ok(None)
    }

    fn build_all(&self, listener: &HttpListener) -> Result<Vec<HttpFilter>> {
        let auths = listener
            .routes
            .iter()
            .filter_map(basic_auth)
            .map(|a| (name(a), a));
        Ok(instances(auths)
            .into_iter()
            .map(|(name, auth)| {
                let config = BasicAuth {
                    users: Some(users(auth)),
                    forward_username_header: auth
                        .forward_username_header
                        .clone()
                        .unwrap_or_default(),
                    ..BasicAuth::default()
                };
                filter(name, pack(&config), true)
            })
            .collect())
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        basic_auth(route).map_or_else(Vec::new, |auth| {
            let config = BasicAuthPerRoute {
                users: Some(users(auth)),
            };
            vec![(name(auth), pack(&config))]
        })
    }
}
