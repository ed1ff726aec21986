//! HTTPRoute matches as IR string matches: path (Exact, PathPrefix, RegularExpression), headers, query
//! parameters, and the method (as a `:method` header match).

use gwapi_model::KnownValues as _;
use gwapi_model::gateway_api::{
    HeaderMatchType, HttpRouteMatch, PathMatchType, QueryParamMatchType,
};

use crate::ir::{MatchPattern, StringMatch};

/// The IR matches of one HTTPRoute match.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct IrMatch {
    /// The path match.
    pub path: Option<StringMatch>,
    /// Header matches (the method included).
    pub headers: Vec<StringMatch>,
    /// Query parameter matches.
    pub query_params: Vec<StringMatch>,
}

/// A named string match.
fn named(name: &str, pattern: MatchPattern) -> StringMatch {
    StringMatch {
        name: name.to_owned(),
        ..StringMatch::new(pattern)
    }
}

/// Converts one HTTPRoute match.
pub(crate) fn convert_match(m: &HttpRouteMatch) -> IrMatch {
    let path = m.path.as_ref().map(|p| {
        let value = p.value.clone().unwrap_or_else(|| "/".to_owned());
        StringMatch::new(match p.type_.as_ref() {
            Some(PathMatchType::Exact) => MatchPattern::Exact(value),
            Some(PathMatchType::RegularExpression) => MatchPattern::SafeRegex(value),
            _ => MatchPattern::Prefix(value),
        })
    });
    let mut headers: Vec<StringMatch> = m
        .headers
        .iter()
        .map(|h| {
            let value = h.value.clone();
            named(
                &h.name,
                match h.type_ {
                    Some(HeaderMatchType::RegularExpression) => MatchPattern::SafeRegex(value),
                    _ => MatchPattern::Exact(value),
                },
            )
        })
        .collect();
    if let Some(method) = &m.method {
        headers.push(named(
            ":method",
            MatchPattern::Exact(method.as_str().to_owned()),
        ));
    }
    let query_params = m
        .query_params
        .iter()
        .map(|q| {
            let value = q.value.clone();
            named(
                &q.name,
                match q.type_ {
                    Some(QueryParamMatchType::RegularExpression) => MatchPattern::SafeRegex(value),
                    _ => MatchPattern::Exact(value),
                },
            )
        })
        .collect();
    IrMatch {
        path,
        headers,
        query_params,
    }
}
