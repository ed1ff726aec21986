//! RequestRedirect: scheme, hostname, path, port and status code of a redirect response.

use gwapi_model::KnownValues as _;
use gwapi_model::gateway_api::{HttpPathModifierType, HttpRequestRedirectFilter, RedirectScheme};

use crate::ir::{HttpRoute, PathModifier, Redirect};
use crate::translator::route::NotAccepted;

fn unsupported(message: String) -> NotAccepted {
    NotAccepted {
        reason: "UnsupportedValue",
        message,
    }
}

/// Applies a redirect to `out`.
pub(crate) fn apply(
    filter: &HttpRequestRedirectFilter,
    out: &mut HttpRoute,
) -> Result<(), NotAccepted> {
    let mut redirect = Redirect::default();
    if let Some(scheme) = &filter.scheme {
        if let RedirectScheme::Unknown(other) = scheme {
            return Err(unsupported(format!(
                "Scheme: {other} is unsupported, only 'https' and 'http' are supported."
            )));
        }
        redirect.scheme = Some(scheme.as_str().to_owned());
    }
    if let Some(message) = filter
        .hostname
        .as_deref()
        .and_then(crate::translator::route::hostname::subdomain_error)
    {
        return Err(unsupported(message));
    }
    redirect.hostname.clone_from(&filter.hostname);
    if let Some(path) = &filter.path {
        redirect.path = match path.type_ {
            HttpPathModifierType::ReplaceFullPath => path
                .replace_full_path
                .clone()
                .map(PathModifier::FullReplace),
            HttpPathModifierType::ReplacePrefixMatch => path
                .replace_prefix_match
                .clone()
                .map(PathModifier::PrefixMatchReplace),
            HttpPathModifierType::Unknown(ref other) => {
                return Err(unsupported(format!(
                    "Redirect path type: {other} is invalid, only \"ReplaceFullPath\" and \"ReplacePrefixMatch\" are supported."
                )));
            }
        };
    }
    if let Some(code) = filter.status_code {
        // Gateway API's extended redirect codes (303, 307, 308) are supported too: Envoy has them, and
        // where Envoy Gateway and the specification disagree the specification wins. Other codes keep
        // Envoy Gateway's message.
        if !matches!(code, 301 | 302 | 303 | 307 | 308) {
            return Err(unsupported(format!(
                "Status code {code} is invalid, only 302 and 301 are supported."
            )));
        }
        redirect.status_code = u32::try_from(code).ok();
    }
    redirect.port = filter
        .port
        .and_then(|p| u32::try_from(p).ok())
        .or(match filter.scheme {
            Some(RedirectScheme::Https) => Some(443),
            Some(RedirectScheme::Http) => Some(80),
            _ => None,
        });
    out.redirect = Some(redirect);
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    fn with_code(code: u16) -> Result<Option<u32>, NotAccepted> {
        let filter: HttpRequestRedirectFilter =
            serde_json::from_value(serde_json::json!({ "statusCode": code })).unwrap();
        let mut route = HttpRoute::default();
        apply(&filter, &mut route)?;
        Ok(route.redirect.unwrap().status_code)
    }

    #[test]
    fn extended_redirect_codes_are_supported() {
        for code in [301, 302, 303, 307, 308] {
            assert_eq!(with_code(code).unwrap(), Some(u32::from(code)));
        }
        let err = with_code(666).unwrap_err();
        assert_eq!(err.reason, "UnsupportedValue");
    }
}
