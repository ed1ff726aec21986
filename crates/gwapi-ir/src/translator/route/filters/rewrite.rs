//! URLRewrite: the host and path of forwarded requests (each changed by at most one filter of a rule).

use gwapi_model::gateway_api::{HttpPathModifierType, HttpUrlRewriteFilter};

use crate::ir::{HostModifier, HttpRoute, PathModifier};
use crate::translator::route::NotAccepted;

fn unsupported(message: &str) -> NotAccepted {
    NotAccepted {
        reason: "UnsupportedValue",
        message: message.to_owned(),
    }
}

/// Applies a URL rewrite to `out`; it may complete a rewrite of the rule that changes the other part of
/// the URL (host or path), not replace one.
pub(crate) fn apply(filter: &HttpUrlRewriteFilter, out: &mut HttpRoute) -> Result<(), NotAccepted> {
    let mut rewrite = out.url_rewrite.clone().unwrap_or_default();
    if (filter.path.is_some() && rewrite.path.is_some())
        || (filter.hostname.is_some() && rewrite.host.is_some())
    {
        return Err(unsupported(
            "Cannot configure multiple urlRewrite filters for a single HTTPRouteRule.",
        ));
    }
    if let Some(host) = &filter.hostname {
        if let Some(message) = crate::translator::route::hostname::subdomain_error(host) {
            return Err(unsupported(&message));
        }
        rewrite.host = Some(HostModifier::Name(host.clone()));
    }
    if let Some(path) = &filter.path {
        let full = path.replace_full_path.clone();
        let prefix = path.replace_prefix_match.clone();
        rewrite.path = Some(match &path.type_ {
            HttpPathModifierType::ReplaceFullPath => match (full, prefix) {
                (_, Some(_)) => {
                    return Err(unsupported(
                        "ReplacePrefixMatch cannot be set when rewrite path type is \"ReplaceFullPath\".",
                    ));
                }
                (None, None) => {
                    return Err(unsupported(
                        "ReplaceFullPath must be set when rewrite path type is \"ReplaceFullPath\".",
                    ));
                }
                (Some(f), None) => PathModifier::FullReplace(f),
            },
            HttpPathModifierType::ReplacePrefixMatch => match (full, prefix) {
                (Some(_), _) => {
                    return Err(unsupported(
                        "ReplaceFullPath cannot be set when rewrite path type is \"ReplacePrefixMatch\".",
                    ));
                }
                (None, None) => {
                    return Err(unsupported(
                        "ReplacePrefixMatch must be set when rewrite path type is \"ReplacePrefixMatch\".",
                    ));
                }
                (None, Some(p)) => PathModifier::PrefixMatchReplace(p),
            },
            HttpPathModifierType::Unknown(other) => {
                return Err(unsupported(&format!(
                    "Rewrite path type: {other} is invalid, only \"ReplaceFullPath\" and \"ReplacePrefixMatch\" are supported."
                )));
            }
        });
    }
    out.url_rewrite = Some(rewrite);
    Ok(())
}
