//! CORS: the HTTPRoute filter that answers preflight requests and adds CORS headers to responses
//! (`ir.CORS` on the route; the SecurityPolicy's `cors` is converted elsewhere).

use std::time::Duration;

use gwapi_model::KnownValues as _;
use gwapi_model::gateway_api::HttpCorsFilter;

use crate::ir::{Cors, GoDuration, HttpRoute, MatchPattern, StringMatch};

/// An origin as a string match: an origin with a `*` becomes a regular expression (`.` literal, `*` any
/// run of characters), the others match exactly.
fn origin(origin: &str) -> StringMatch {
    if origin.contains('*') {
        let regex = origin.replace('.', "\\.").replace('*', ".*");
        StringMatch::new(MatchPattern::SafeRegex(regex))
    } else {
        StringMatch::new(MatchPattern::Exact(origin.to_owned()))
    }
}

/// Sets the route's CORS policy from `filter`.
pub(crate) fn apply(filter: &HttpCorsFilter, out: &mut HttpRoute) {
    let max_age = filter
        .max_age
        .and_then(|s| u64::try_from(s).ok())
        .filter(|s| *s > 0)
        .map(|s| GoDuration(Duration::from_secs(s)));
    out.cors = Some(Cors {
        allow_origins: filter.allow_origins.iter().map(|o| origin(o)).collect(),
        allow_methods: filter
            .allow_methods
            .iter()
            .map(|m| m.as_str().to_owned())
            .collect(),
        allow_headers: filter.allow_headers.clone(),
        expose_headers: filter.expose_headers.clone(),
        max_age,
        allow_credentials: filter.allow_credentials == Some(true),
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn converts_origins_methods_and_max_age() {
        let filter: HttpCorsFilter = serde_json::from_value(serde_json::json!({
            "allowOrigins": ["https://a.org", "https://*.b.org", "*"],
            "allowMethods": ["GET", "*"],
            "allowHeaders": ["x-a"],
            "allowCredentials": true,
            "maxAge": 90
        }))
        .unwrap();
        let mut route = HttpRoute::default();
        apply(&filter, &mut route);
        let cors = route.cors.unwrap();
        assert_eq!(
            cors.allow_origins
                .iter()
                .map(|o| o.pattern.clone().unwrap())
                .collect::<Vec<_>>(),
            vec![
                MatchPattern::Exact("https://a.org".to_owned()),
                MatchPattern::SafeRegex("https://.*\\.b\\.org".to_owned()),
                MatchPattern::SafeRegex(".*".to_owned()),
            ]
        );
        assert_eq!(cors.allow_methods, vec!["GET", "*"]);
        assert_eq!(cors.max_age, Some(GoDuration(Duration::from_secs(90))));
        assert!(cors.allow_credentials);
    }
}
