//! `envoy.filters.http.header_mutation`: response headers changed last, after every other filter
//! (ClientTrafficPolicy `headers.lateResponseHeaders`).

use envoy_types::pb::envoy::extensions::filters::http::header_mutation::v3::{
    HeaderMutation, Mutations,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use gwapi_ir::ir::HttpListener;

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;
use crate::route::headers::mutations;

/// The late header mutation filter.
pub(crate) struct HeaderMutationFilter;

impl HttpFilterBuilder for HeaderMutationFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        let Some(headers) = &listener.headers else {
            return Ok(None);
        };
        let mutations = mutations(
            &headers.late_add_response_headers,
            &headers.late_remove_response_headers,
            &headers.late_remove_response_headers_on_match,
        );
        if mutations.is_empty() {
            return Ok(None);
        }
        let config = HeaderMutation {
            mutations: Some(Mutations {
                response_mutations: mutations,
                ..Mutations::default()
            }),
            ..HeaderMutation::default()
        };
        Ok(Some(filter(
            "envoy.filters.http.header_mutation",
            pack(&config),
            false,
        )))
    }
}
