//! `envoy.filters.http.header_mutation`: response headers changed last, after every other filter
//! (ClientTrafficPolicy `headers.lateResponseHeaders`).

use envoy_types::pb::envoy::config::common::mutation_rules::v3::{
    HeaderMutation as Mutation, header_mutation::Action, header_mutation::RemoveOnMatch,
};
use envoy_types::pb::envoy::extensions::filters::http::header_mutation::v3::{
    HeaderMutation, Mutations,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use gwapi_ir::ir::HttpListener;

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;
use crate::route::headers::options;
use crate::route::matching::string_matcher;

/// The late header mutation filter.
pub(crate) struct HeaderMutationFilter;

impl HttpFilterBuilder for HeaderMutationFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        let Some(headers) = &listener.headers else {
            return Ok(None);
        };
        let mut mutations: Vec<Mutation> = options(&headers.late_add_response_headers)
            .into_iter()
            .map(|o| Mutation {
                action: Some(Action::Append(o)),
            })
            .collect();
        mutations.extend(
            headers
                .late_remove_response_headers
                .iter()
                .map(|h| Mutation {
                    action: Some(Action::Remove(h.clone())),
                }),
        );
        mutations.extend(
            headers
                .late_remove_response_headers_on_match
                .iter()
                .filter_map(string_matcher)
                .map(|m| Mutation {
                    action: Some(Action::RemoveOnMatch(RemoveOnMatch {
                        key_matcher: Some(m),
                    })),
                }),
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
