//! `envoy.filters.http.rbac.dfp_loopback_deny`: routes to a dynamic resolver backend connect to
//! whatever host the request names, so each of them denies requests naming the proxy itself
//! (loopback addresses and host names, with or without a port) in the header the upstream host comes
//! from: `:authority`, or the header the route rewrites the host from.

use envoy_types::pb::envoy::extensions::filters::http::rbac::v3::{Rbac, RbacPerRoute};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::Any;
use envoy_types::pb::xds::r#type::matcher::v3::matcher::matcher_list::FieldMatcher;
use envoy_types::pb::xds::r#type::matcher::v3::matcher::matcher_list::predicate::MatchType;
use envoy_types::pb::xds::r#type::matcher::v3::matcher::{MatcherList, MatcherType};
use envoy_types::pb::xds::r#type::matcher::v3::{
    Matcher, RegexMatcher, regex_matcher, string_matcher,
};
use gwapi_ir::ir::{AuthorizationAction, HostModifier, HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::filter;
use super::rbac_matcher::{action, combine, header};
use crate::Result;
use crate::any::pack;

/// The filter name.
pub(crate) const NAME: &str = "envoy.filters.http.rbac.dfp_loopback_deny";

/// The host names and addresses that reach the proxy itself, as regular expressions.
const LOOPBACK_HOSTS: [&str; 7] = [
    r"127\.0\.0\.1",
    "localhost",
    r"localhost\.localdomain",
    "ip6-localhost",
    "ip6-loopback",
    r"\[::1\]",
    "::1",
];

/// The header the upstream host of `route` comes from, `None` when the route does not go to a
/// dynamic resolver backend or sets the host itself.
fn host_header(route: &HttpRoute) -> Option<&str> {
    let destination = route.destination.as_ref()?;
    if !destination.settings.iter().any(|s| s.is_dynamic_resolver) {
        return None;
    }
    match route.url_rewrite.as_ref().and_then(|r| r.host.as_ref()) {
        None => Some(":authority"),
        Some(HostModifier::Header(header)) => Some(header.as_str()),
        Some(_) => None,
    }
}

fn deny_loopback(header_name: &str) -> Matcher {
    let hosts = LOOPBACK_HOSTS
        .iter()
        .map(|host| {
            let regex = RegexMatcher {
                regex: format!("^{host}(?::\\d+)?$"),
                engine_type: Some(regex_matcher::EngineType::GoogleRe2(
                    regex_matcher::GoogleRe2::default(),
                )),
            };
            header(
                header_name,
                string_matcher::MatchPattern::SafeRegex(regex),
                false,
            )
        })
        .collect();
    Matcher {
        matcher_type: Some(MatcherType::MatcherList(MatcherList {
            matchers: vec![FieldMatcher {
                predicate: combine(hosts, MatchType::OrMatcher),
                on_match: Some(action("deny-loopback-host", AuthorizationAction::Deny)),
            }],
        })),
        on_no_match: Some(Box::new(action("default", AuthorizationAction::Allow))),
    }
}

/// The loopback-denying RBAC filter of dynamic resolver routes.
pub(crate) struct DfpLoopbackDenyFilter;

impl HttpFilterBuilder for DfpLoopbackDenyFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        if !listener.routes.iter().any(|r| host_header(r).is_some()) {
            return Ok(None);
        }
        Ok(Some(filter(NAME, pack(&Rbac::default()), false)))
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        host_header(route).map_or_else(Vec::new, |header_name| {
            let config = RbacPerRoute {
                rbac: Some(Rbac {
                    matcher: Some(deny_loopback(header_name)),
                    ..Rbac::default()
                }),
            };
            vec![(NAME.to_owned(), pack(&config))]
        })
    }
}
