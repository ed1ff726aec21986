//! Route matches: path, headers, query parameters.

use envoy_types::pb::envoy::config::route::v3::{
    HeaderMatcher, QueryParameterMatcher, RouteMatch, header_matcher::HeaderMatchSpecifier,
    query_parameter_matcher::QueryParameterMatchSpecifier, route_match::ConnectMatcher,
    route_match::PathSpecifier,
};
use envoy_types::pb::envoy::r#type::matcher::v3::{
    RegexMatcher, StringMatcher, string_matcher::MatchPattern as EnvoyPattern,
};
use gwapi_ir::ir::{HttpRoute, MatchPattern, StringMatch};

/// The match of `route`: its path (a prefix of `/` when none; `CONNECT` requests instead on routes that
/// serve them), headers and query parameters.
pub(crate) fn route_match(route: &HttpRoute) -> RouteMatch {
    RouteMatch {
        path_specifier: Some(if crate::route::upgrade::is_connect(route) {
            PathSpecifier::ConnectMatcher(ConnectMatcher::default())
        } else {
            path(route.path_match.as_ref())
        }),
        headers: route.header_matches.iter().map(header).collect(),
        query_parameters: route.query_param_matches.iter().map(query).collect(),
        ..RouteMatch::default()
    }
}

fn path(m: Option<&StringMatch>) -> PathSpecifier {
    match m.and_then(|m| m.pattern.as_ref()) {
        Some(MatchPattern::Exact(p)) => PathSpecifier::Path(p.clone()),
        Some(MatchPattern::Prefix(p)) if p == "/" => PathSpecifier::Prefix(p.clone()),
        Some(MatchPattern::Prefix(p)) => {
            PathSpecifier::PathSeparatedPrefix(p.trim_end_matches('/').to_owned())
        }
        Some(MatchPattern::SafeRegex(r)) => PathSpecifier::SafeRegex(regex(r)),
        Some(MatchPattern::Suffix(_)) | None => PathSpecifier::Prefix("/".to_owned()),
    }
}

/// A RE2 regex matcher.
pub(crate) fn regex(r: &str) -> RegexMatcher {
    RegexMatcher {
        regex: r.to_owned(),
        ..RegexMatcher::default()
    }
}

/// The Envoy string matcher of `m`, if it has a pattern.
pub(crate) fn string_matcher(m: &StringMatch) -> Option<StringMatcher> {
    let pattern = match m.pattern.as_ref()? {
        MatchPattern::Exact(v) => EnvoyPattern::Exact(v.clone()),
        MatchPattern::Prefix(v) => EnvoyPattern::Prefix(v.clone()),
        MatchPattern::Suffix(v) => EnvoyPattern::Suffix(v.clone()),
        MatchPattern::SafeRegex(v) => EnvoyPattern::SafeRegex(regex(v)),
    };
    Some(StringMatcher {
        match_pattern: Some(pattern),
        ..StringMatcher::default()
    })
}

fn header(m: &StringMatch) -> HeaderMatcher {
    HeaderMatcher {
        name: m.name.clone(),
        invert_match: m.invert,
        header_match_specifier: Some(match string_matcher(m) {
            Some(s) => HeaderMatchSpecifier::StringMatch(s),
            None => HeaderMatchSpecifier::PresentMatch(true),
        }),
        ..HeaderMatcher::default()
    }
}

fn query(m: &StringMatch) -> QueryParameterMatcher {
    QueryParameterMatcher {
        name: m.name.clone(),
        query_parameter_match_specifier: Some(match string_matcher(m) {
            Some(s) => QueryParameterMatchSpecifier::StringMatch(s),
            None => QueryParameterMatchSpecifier::PresentMatch(true),
        }),
    }
}
