//! Envoy Gateway's route precedence within a listener: path match type (Exact, then RegularExpression, then
//! PathPrefix), then longer paths, then more header matches, then more query parameter matches; ties keep
//! the input order (oldest route first, then rule and match order).

use std::cmp::Reverse;

use crate::ir::{HttpRoute, MatchPattern};

/// The precedence key of a route (greater sorts first).
fn key(route: &HttpRoute) -> (u8, usize, usize, usize) {
    let (rank, len) = match route.path_match.as_ref().and_then(|m| m.pattern.as_ref()) {
        Some(MatchPattern::Exact(p)) => (3, p.len()),
        Some(MatchPattern::SafeRegex(p)) => (2, p.len()),
        Some(MatchPattern::Prefix(p)) => (1, p.len()),
        Some(MatchPattern::Suffix(p)) => (0, p.len()),
        None => (0, 0),
    };
    (
        rank,
        len,
        route.header_matches.len(),
        route.query_param_matches.len(),
    )
}

/// Sorts `routes` by precedence, stably.
pub(crate) fn sort_routes(routes: &mut [HttpRoute]) {
    routes.sort_by_cached_key(|r| Reverse(key(r)));
}

#[cfg(test)]
mod tests {
    use super::sort_routes;
    use crate::ir::{HttpRoute, MatchPattern, StringMatch};

    fn route(name: &str, pattern: MatchPattern, headers: usize) -> HttpRoute {
        HttpRoute {
            name: name.to_owned(),
            path_match: Some(StringMatch::new(pattern)),
            header_matches: vec![StringMatch::default(); headers],
            ..HttpRoute::default()
        }
    }

    #[test]
    fn exact_before_regex_before_prefix_then_longer_then_more_headers() {
        let mut routes = vec![
            route("prefix", MatchPattern::Prefix("/".into()), 0),
            route("prefix-long", MatchPattern::Prefix("/abc".into()), 0),
            route("regex", MatchPattern::SafeRegex("/.*".into()), 0),
            route("exact", MatchPattern::Exact("/a".into()), 0),
            route("prefix-headers", MatchPattern::Prefix("/".into()), 2),
            route("prefix-again", MatchPattern::Prefix("/".into()), 0),
        ];
        sort_routes(&mut routes);
        let names: Vec<&str> = routes.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "exact",
                "regex",
                "prefix-long",
                "prefix-headers",
                "prefix",
                "prefix-again"
            ]
        );
    }
}
