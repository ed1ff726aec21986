//! Envoy Gateway's route precedence within a listener, with its comparator as written: path match type
//! (Exact before RegularExpression before PathPrefix, when both routes have a path match), then longer
//! paths (a prefix's trailing `/` not counted), then more header matches (then more exact ones), then more
//! query parameter matches (then more exact ones), then more cookie matches (then more exact ones); ties
//! keep the input order (oldest route first, then rule and match order).
//!
//! The comparator is not a total order (a route without a path match is not ranked by type), so the sort
//! is a hand-written stable merge sort that cannot panic on it.

use crate::ir::{HttpRoute, MatchPattern};

fn pattern(route: &HttpRoute) -> Option<&MatchPattern> {
    route.path_match.as_ref().and_then(|m| m.pattern.as_ref())
}

/// The type rank of a path match (greater goes first), `None` without one.
fn rank(route: &HttpRoute) -> Option<u8> {
    match pattern(route)? {
        MatchPattern::Exact(_) => Some(3),
        MatchPattern::SafeRegex(_) => Some(2),
        MatchPattern::Prefix(_) => Some(1),
        MatchPattern::Suffix(_) => None,
    }
}

/// The number of characters of the path match.
fn path_len(route: &HttpRoute) -> usize {
    match pattern(route) {
        Some(MatchPattern::Exact(p) | MatchPattern::SafeRegex(p) | MatchPattern::Suffix(p)) => {
            p.len()
        }
        Some(MatchPattern::Prefix(p)) => p.trim_end_matches('/').len(),
        None => 0,
    }
}

/// What the comparator reads of a route, computed once per route: the type rank of its path match,
/// then the lengths and counts compared in order.
struct SortKey {
    rank: Option<u8>,
    counts: (usize, usize, usize, usize, usize, usize, usize),
}

impl SortKey {
    fn of(route: &HttpRoute) -> Self {
        let exact = |matches: &[crate::ir::StringMatch]| {
            matches
                .iter()
                .filter(|m| matches!(m.pattern, Some(MatchPattern::Exact(_))))
                .count()
        };
        Self {
            rank: rank(route),
            counts: (
                path_len(route),
                route.header_matches.len(),
                exact(&route.header_matches),
                route.query_param_matches.len(),
                exact(&route.query_param_matches),
                route.cookie_matches.len(),
                exact(&route.cookie_matches),
            ),
        }
    }
}

/// Whether the route of `a` goes before the route of `b`.
fn before(a: &SortKey, b: &SortKey) -> bool {
    if let (Some(ra), Some(rb)) = (a.rank, b.rank)
        && ra != rb
    {
        return ra > rb;
    }
    a.counts > b.counts
}

/// Sorts `routes` by precedence, stably. The merge sort orders the routes' positions (the routes are
/// large: they move once, at the end).
pub(crate) fn sort_routes(routes: &mut Vec<HttpRoute>) {
    let keys: Vec<SortKey> = routes.iter().map(SortKey::of).collect();
    let order = merge_sort((0..routes.len()).collect(), &keys);
    let mut taken: Vec<Option<HttpRoute>> = std::mem::take(routes).into_iter().map(Some).collect();
    *routes = order
        .into_iter()
        .filter_map(|i| taken.get_mut(i).and_then(Option::take))
        .collect();
}

fn merge_sort(mut items: Vec<usize>, keys: &[SortKey]) -> Vec<usize> {
    if items.len() <= 1 {
        return items;
    }
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(items, keys);
    let right = merge_sort(right, keys);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        let take_right = match (left.peek(), right.peek()) {
            (Some(l), Some(r)) => match (keys.get(*r), keys.get(*l)) {
                (Some(r), Some(l)) => before(r, l),
                _ => false,
            },
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (None, None) => break,
        };
        let next = if take_right {
            right.next()
        } else {
            left.next()
        };
        out.extend(next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sort_routes;
    use crate::ir::{HttpRoute, MatchPattern, StringMatch};

    fn route(name: &str, pattern: Option<MatchPattern>, headers: usize) -> HttpRoute {
        HttpRoute {
            name: name.to_owned(),
            path_match: pattern.map(StringMatch::new),
            header_matches: vec![StringMatch::default(); headers],
            ..HttpRoute::default()
        }
    }

    fn names(routes: &[HttpRoute]) -> Vec<&str> {
        routes.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn exact_before_regex_before_prefix_then_longer_then_more_headers() {
        let mut routes = vec![
            route("prefix", Some(MatchPattern::Prefix("/".into())), 0),
            route("prefix-long", Some(MatchPattern::Prefix("/abc".into())), 0),
            route("regex", Some(MatchPattern::SafeRegex("/.*".into())), 0),
            route("exact", Some(MatchPattern::Exact("/a".into())), 0),
            route("prefix-headers", Some(MatchPattern::Prefix("/".into())), 2),
            route("prefix-again", Some(MatchPattern::Prefix("/".into())), 0),
        ];
        sort_routes(&mut routes);
        assert_eq!(
            names(&routes),
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

    #[test]
    fn more_exact_cookie_matches_go_first() {
        let cookie = |p: MatchPattern| StringMatch {
            name: "c".to_owned(),
            ..StringMatch::new(p)
        };
        let mut regex = route("regex-cookie", Some(MatchPattern::Exact("/a".into())), 0);
        regex.cookie_matches = vec![
            cookie(MatchPattern::Exact("x".into())),
            cookie(MatchPattern::SafeRegex("y.*".into())),
        ];
        let mut exact = route("exact-cookies", Some(MatchPattern::Exact("/a".into())), 0);
        exact.cookie_matches = vec![
            cookie(MatchPattern::Exact("x".into())),
            cookie(MatchPattern::Exact("y".into())),
        ];
        let mut routes = vec![regex, exact];
        sort_routes(&mut routes);
        assert_eq!(names(&routes), ["exact-cookies", "regex-cookie"]);
    }

    #[test]
    fn no_path_match_ties_with_the_root_prefix() {
        let mut routes = vec![
            route("headers-only", None, 1),
            route(
                "root-with-header",
                Some(MatchPattern::Prefix("/".into())),
                1,
            ),
            route("root", Some(MatchPattern::Prefix("/".into())), 0),
        ];
        sort_routes(&mut routes);
        assert_eq!(names(&routes), ["headers-only", "root-with-header", "root"]);
    }
}
