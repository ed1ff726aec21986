//! Redirects, URL rewrites and direct responses.

use envoy_types::pb::envoy::config::core::v3::{
    SubstitutionFormatString, substitution_format_string,
};
use envoy_types::pb::envoy::config::route::v3::{
    DirectResponseAction, RedirectAction, RouteAction,
    redirect_action::{PathRewriteSpecifier, RedirectResponseCode, SchemeRewriteSpecifier},
    route_action::HostRewriteSpecifier,
};
use envoy_types::pb::envoy::r#type::matcher::v3::RegexMatchAndSubstitute;
use gwapi_ir::ir::{
    DirectResponse, HostModifier, MatchPattern, PathModifier, Redirect, RegexSubstitution,
    StringMatch, UrlRewrite,
};

use crate::listener::tls::inline;
use crate::route::matching::regex;
use crate::wkt::boolean;

/// The prefix of a prefix path match, if the route has one.
fn match_prefix(path: Option<&StringMatch>) -> Option<&str> {
    match path?.pattern.as_ref()? {
        MatchPattern::Prefix(p) => Some(p),
        _ => None,
    }
}

/// Replacing a matched prefix by nothing (or `/`) takes a regex, so that no double slash appears.
fn prefix_regex(path: Option<&StringMatch>, replacement: &str) -> Option<RegexMatchAndSubstitute> {
    let prefix = match_prefix(path)?;
    (replacement.is_empty() || replacement == "/").then(|| RegexMatchAndSubstitute {
        pattern: Some(regex(&format!("^{}\\/*", quote_meta(prefix)))),
        substitution: "/".to_owned(),
    })
}

fn substitution(s: &RegexSubstitution) -> RegexMatchAndSubstitute {
    RegexMatchAndSubstitute {
        pattern: Some(regex(&s.pattern)),
        substitution: s.substitution.clone(),
    }
}

/// The redirect action of `redirect` on a route matching `path`.
pub(crate) fn redirect(redirect: &Redirect, path: Option<&StringMatch>) -> RedirectAction {
    let mut action = RedirectAction {
        host_redirect: redirect.hostname.clone().unwrap_or_default(),
        scheme_rewrite_specifier: redirect
            .scheme
            .clone()
            .map(SchemeRewriteSpecifier::SchemeRedirect),
        ..RedirectAction::default()
    };
    let default_port = matches!(
        (redirect.scheme.as_deref(), redirect.port),
        (Some("https"), Some(443)) | (Some("http"), Some(80))
    );
    if !default_port {
        action.port_redirect = redirect.port.unwrap_or(0);
    }
    action.path_rewrite_specifier = match &redirect.path {
        Some(PathModifier::FullReplace(p)) => Some(PathRewriteSpecifier::PathRedirect(p.clone())),
        Some(PathModifier::PrefixMatchReplace(p)) => Some(match prefix_regex(path, p) {
            Some(r) => PathRewriteSpecifier::RegexRewrite(r),
            None => PathRewriteSpecifier::PrefixRewrite(p.clone()),
        }),
        Some(PathModifier::RegexMatchReplace(s)) => {
            Some(PathRewriteSpecifier::RegexRewrite(substitution(s)))
        }
        None => None,
    };
    let code = match redirect.status_code {
        Some(301) => Some(RedirectResponseCode::MovedPermanently),
        Some(302) => Some(RedirectResponseCode::Found),
        Some(303) => Some(RedirectResponseCode::SeeOther),
        Some(307) => Some(RedirectResponseCode::TemporaryRedirect),
        Some(308) => Some(RedirectResponseCode::PermanentRedirect),
        _ => None,
    };
    if let Some(code) = code {
        action.response_code = code.into();
    }
    action
}

/// Applies `rewrite` to `action` on a route matching `path`.
pub(crate) fn url_rewrite(
    action: &mut RouteAction,
    rewrite: &UrlRewrite,
    path: Option<&StringMatch>,
) {
    match &rewrite.path {
        Some(PathModifier::FullReplace(p)) => {
            action.regex_rewrite = Some(RegexMatchAndSubstitute {
                pattern: Some(regex("^/.*$")),
                substitution: p.clone(),
            });
        }
        Some(PathModifier::PrefixMatchReplace(p)) => match prefix_regex(path, p) {
            Some(r) => action.regex_rewrite = Some(r),
            None => action.prefix_rewrite.clone_from(p),
        },
        Some(PathModifier::RegexMatchReplace(s)) => action.regex_rewrite = Some(substitution(s)),
        None => {}
    }
    if let Some(host) = &rewrite.host {
        action.host_rewrite_specifier = Some(host_rewrite(host));
        action.append_x_forwarded_host = true;
    }
}

/// The host rewrite of `host`.
pub(crate) fn host_rewrite(host: &HostModifier) -> HostRewriteSpecifier {
    match host {
        HostModifier::Name(n) => HostRewriteSpecifier::HostRewriteLiteral(n.clone()),
        HostModifier::Header(h) => HostRewriteSpecifier::HostRewriteHeader(h.clone()),
        HostModifier::Backend => HostRewriteSpecifier::AutoHostRewrite(boolean(true)),
        HostModifier::PathRegex(s) => HostRewriteSpecifier::HostRewritePathRegex(substitution(s)),
    }
}

/// The direct response of `response`.
pub(crate) fn direct_response(response: &DirectResponse) -> DirectResponseAction {
    DirectResponseAction {
        status: response.status_code,
        body_format: response
            .body
            .as_ref()
            .filter(|b| !b.bytes.is_empty())
            .map(|b| SubstitutionFormatString {
                format: Some(substitution_format_string::Format::TextFormatSource(
                    inline(&b.bytes),
                )),
                ..SubstitutionFormatString::default()
            }),
        ..DirectResponseAction::default()
    }
}

/// Escapes the RE2 metacharacters of `text` (Go's `regexp.QuoteMeta`).
fn quote_meta(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
