//! `cors`: the allowed origins, methods and headers of cross-origin requests (`ir.CORS`).

use gwapi_model::envoy_gateway::Cors;

use crate::ir::{Cors as IrCors, MatchPattern, StringMatch};
use crate::translator::policy::duration;

/// An origin as a string match: origins with a `*` become a regular expression (`.` literal, `*` any
/// run of characters), the others match exactly.
fn origin(origin: &str) -> StringMatch {
    if origin.contains('*') {
        let regex = origin.replace('.', "\\.").replace('*', ".*");
        StringMatch::new(MatchPattern::SafeRegex(regex))
    } else {
        StringMatch::new(MatchPattern::Exact(origin.to_owned()))
    }
}

/// The IR CORS policy of a SecurityPolicy's `cors`.
pub(crate) fn convert(cors: Option<&Cors>) -> Result<Option<IrCors>, String> {
    let Some(c) = cors else {
        return Ok(None);
    };
    let max_age = duration::parse("maxAge", c.max_age.as_ref())?;
    Ok(Some(IrCors {
        allow_origins: c.allow_origins.iter().map(|o| origin(o)).collect(),
        allow_methods: c.allow_methods.clone(),
        allow_headers: c.allow_headers.clone(),
        expose_headers: c.expose_headers.clone(),
        max_age,
        allow_credentials: c.allow_credentials == Some(true),
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn wildcard_origins_become_regexes() {
        assert_eq!(
            origin("https://*.foo.org").pattern,
            Some(MatchPattern::SafeRegex("https://.*\\.foo\\.org".to_owned()))
        );
        assert_eq!(
            origin("https://a.org").pattern,
            Some(MatchPattern::Exact("https://a.org".to_owned()))
        );
    }
}
