//! HTTPRouteFilter `urlRewrite`: Envoy Gateway's URL rewrites beyond Gateway API's (path by regex
//! substitution; host from a header, from the backend, or from the path by regex substitution). A rule
//! has at most one URL rewrite, of either kind.

use gwapi_model::envoy_gateway::{
    EgHttpPathModifierType, EgHttpUrlRewriteFilter, HttpHostnameModifier, HttpHostnameModifierType,
};

use crate::ir::{HostModifier, HttpRoute, PathModifier, RegexSubstitution};
use crate::translator::route::{NotAccepted, re2};

fn unsupported(message: &str) -> NotAccepted {
    NotAccepted {
        reason: "UnsupportedValue",
        message: message.to_owned(),
    }
}

/// Applies an Envoy Gateway URL rewrite to `out`; it may complete a rewrite of the rule that changes
/// the other part of the URL (host or path), not replace one.
pub(crate) fn apply(
    filter: &EgHttpUrlRewriteFilter,
    out: &mut HttpRoute,
) -> Result<(), NotAccepted> {
    let mut rewrite = out.url_rewrite.clone().unwrap_or_default();
    if (filter.path.is_some() && rewrite.path.is_some())
        || (filter.hostname.is_some() && rewrite.host.is_some())
    {
        return Err(unsupported(
            "Cannot configure multiple urlRewrite filters for a single HTTPRouteRule.",
        ));
    }
    if let Some(path) = &filter.path {
        rewrite.path = Some(match &path.type_ {
            EgHttpPathModifierType::ReplaceRegexMatch => {
                let Some(r) = path
                    .replace_regex_match
                    .as_ref()
                    .filter(|r| !r.pattern.is_empty())
                else {
                    return Err(unsupported(
                        "ReplaceRegexMatch Pattern must be set when rewrite path type is \"ReplaceRegexMatch\".",
                    ));
                };
                if re2::validate(&r.pattern).is_err() {
                    return Err(unsupported(
                        "ReplaceRegexMatch must be a valid RE2 regular expression.",
                    ));
                }
                PathModifier::RegexMatchReplace(RegexSubstitution {
                    pattern: r.pattern.clone(),
                    substitution: r.substitution.clone(),
                })
            }
            EgHttpPathModifierType::Unknown(other) => {
                return Err(unsupported(&format!(
                    "Rewrite path type: {other} is invalid, only \"ReplaceRegexMatch\" is supported."
                )));
            }
        });
    }
    if let Some(host) = &filter.hostname {
        rewrite.host = Some(host_modifier(host)?);
    }
    out.url_rewrite = Some(rewrite);
    Ok(())
}

/// The host modifier of a hostname rewrite.
fn host_modifier(host: &HttpHostnameModifier) -> Result<HostModifier, NotAccepted> {
    match &host.type_ {
        HttpHostnameModifierType::Header => match host.header.as_deref() {
            Some(h) if !h.is_empty() => Ok(HostModifier::Header(h.to_owned())),
            _ => Err(unsupported(
                "Header must be set when rewrite path type is \"Header\".",
            )),
        },
        HttpHostnameModifierType::Backend => Ok(HostModifier::Backend),
        HttpHostnameModifierType::PathRegex => {
            let Some(r) = host
                .path_regex
                .as_ref()
                .filter(|r| !r.pattern.is_empty() && !r.substitution.is_empty())
            else {
                return Err(unsupported(
                    "PathRegex Pattern and Substitution must be set when rewrite hostname type is \"PathRegex\".",
                ));
            };
            if re2::validate(&r.pattern).is_err() {
                return Err(unsupported(
                    "PathRegex must be a valid RE2 regular expression.",
                ));
            }
            Ok(HostModifier::PathRegex(RegexSubstitution {
                pattern: r.pattern.clone(),
                substitution: r.substitution.clone(),
            }))
        }
        HttpHostnameModifierType::Unknown(other) => Err(unsupported(&format!(
            "Rewrite hostname type: {other} is invalid, only \"Header\", \"Backend\" and \"PathRegex\" are supported."
        ))),
    }
}
