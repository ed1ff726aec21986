//! HTTPRouteFilter `matches`: cookie matches added to a rule. Each filter match is an alternative (all
//! its cookies must match); the rule's own matches are combined with every alternative.

use gwapi_model::envoy_gateway::{CookieMatchType, HttpRouteMatchFilter};

use crate::ir::{MatchPattern, StringMatch};

/// The cookie matches of each alternative.
pub(crate) fn convert(matches: &[HttpRouteMatchFilter]) -> Vec<Vec<StringMatch>> {
    matches
        .iter()
        .map(|m| {
            m.cookies
                .iter()
                .map(|c| {
                    let pattern = match c.type_ {
                        Some(CookieMatchType::RegularExpression) => {
                            MatchPattern::SafeRegex(c.value.clone())
                        }
                        _ => MatchPattern::Exact(c.value.clone()),
                    };
                    StringMatch {
                        name: c.name.clone(),
                        ..StringMatch::new(pattern)
                    }
                })
                .collect()
        })
        .collect()
}
