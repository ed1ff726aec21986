//! The route filters: Gateway API's (header modifiers, redirect, URL rewrite, mirror) and Envoy Gateway's
//! `HTTPRouteFilter` (regex URL rewrite, direct response, credential injection, cookie matches). One file
//! per filter; each writes into the IR route of a rule and reports problems as route conditions.

mod cookie_match;
mod cors;
mod credential_injection;
mod direct_response;
mod extension;
mod headers;
mod mirror;
mod redirect;
mod regex_rewrite;
mod rewrite;

use gwapi_model::gateway_api::{
    GrpcRouteFilter, GrpcRouteFilterType, HttpCorsFilter, HttpHeaderFilter,
    HttpRequestMirrorFilter, HttpRequestRedirectFilter, HttpRouteFilter, HttpRouteFilterType,
    HttpUrlRewriteFilter, LocalObjectReference,
};

use super::NotAccepted;

/// The API group of Envoy Gateway's own filter kind (`HTTPRouteFilter`).
const EG_GROUP: &str = "gateway.envoyproxy.io";
use super::backend_refs::RouteRef;
use crate::ir::{HttpRoute, Protocol};
use crate::translator::context::Context;

pub(crate) use headers::HeaderTarget;

/// A filter of any route kind, by what it does.
#[derive(Clone, Copy, Debug)]
pub(crate) enum CoreFilter<'f> {
    /// Request header changes.
    RequestHeaders(&'f HttpHeaderFilter),
    /// Response header changes.
    ResponseHeaders(&'f HttpHeaderFilter),
    /// A redirect.
    Redirect(&'f HttpRequestRedirectFilter),
    /// A URL rewrite.
    Rewrite(&'f HttpUrlRewriteFilter),
    /// A mirror.
    Mirror(&'f HttpRequestMirrorFilter),
    /// A reference to an extension filter object.
    ExtensionRef(&'f LocalObjectReference),
    /// A CORS policy (HTTPRoute only).
    Cors(&'f HttpCorsFilter),
    /// A filter handled elsewhere (external auth) or malformed.
    Other,
}

impl<'f> From<&'f HttpRouteFilter> for CoreFilter<'f> {
    fn from(f: &'f HttpRouteFilter) -> Self {
        let picked = match f.type_ {
            HttpRouteFilterType::RequestHeaderModifier => {
                f.request_header_modifier.as_ref().map(Self::RequestHeaders)
            }
            HttpRouteFilterType::ResponseHeaderModifier => f
                .response_header_modifier
                .as_ref()
                .map(Self::ResponseHeaders),
            HttpRouteFilterType::RequestRedirect => f.request_redirect.as_ref().map(Self::Redirect),
            HttpRouteFilterType::UrlRewrite => f.url_rewrite.as_ref().map(Self::Rewrite),
            HttpRouteFilterType::RequestMirror => f.request_mirror.as_ref().map(Self::Mirror),
            HttpRouteFilterType::ExtensionRef => f.extension_ref.as_ref().map(Self::ExtensionRef),
            HttpRouteFilterType::Cors => f.cors.as_ref().map(Self::Cors),
            _ => None,
        };
        picked.unwrap_or(Self::Other)
    }
}

impl<'f> From<&'f GrpcRouteFilter> for CoreFilter<'f> {
    fn from(f: &'f GrpcRouteFilter) -> Self {
        let picked = match f.type_ {
            GrpcRouteFilterType::RequestHeaderModifier => {
                f.request_header_modifier.as_ref().map(Self::RequestHeaders)
            }
            GrpcRouteFilterType::ResponseHeaderModifier => f
                .response_header_modifier
                .as_ref()
                .map(Self::ResponseHeaders),
            GrpcRouteFilterType::RequestMirror => f.request_mirror.as_ref().map(Self::Mirror),
            GrpcRouteFilterType::ExtensionRef => f.extension_ref.as_ref().map(Self::ExtensionRef),
            GrpcRouteFilterType::Unknown(_) => None,
        };
        picked.unwrap_or(Self::Other)
    }
}

/// What applying a rule's filters decided.
#[derive(Debug, Default)]
pub(crate) struct FilterOutcome {
    /// Why the route is not accepted, in filter order.
    pub not_accepted: Vec<NotAccepted>,
    /// Why references of filters are unresolved, in filter order.
    pub unresolved: Vec<NotAccepted>,
    /// Why backends of filters have no endpoints.
    pub unavailable: Vec<NotAccepted>,
    /// Why the rule is dropped (filters of unknown kinds, incompatible filters).
    pub dropped: Vec<String>,
    /// The condition reason of the dropped rule.
    pub dropped_reason: Option<&'static str>,
    /// Why the whole route is rejected (it attaches nowhere).
    pub rejected: Vec<NotAccepted>,
    /// Whether a filter made the rule answer directly.
    pub direct_response: bool,
    /// Cookie matches added by filters: alternatives, each of cookies that must all match.
    pub cookie_matches: Vec<Vec<crate::ir::StringMatch>>,
}

/// The rule the filters belong to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RuleRef<'r> {
    /// The route.
    pub route: RouteRef<'r>,
    /// The destination name of the rule.
    pub rule_name: &'r str,
    /// The protocol of the rule's backends.
    pub protocol: Protocol,
}

/// Applies `filters` (in order) to the IR route `out` of a rule.
pub(crate) fn apply(
    ctx: &Context<'_>,
    rule: RuleRef<'_>,
    filters: &[CoreFilter<'_>],
    out: &mut HttpRoute,
) -> FilterOutcome {
    let mut outcome = FilterOutcome::default();
    for (i, filter) in filters.iter().enumerate() {
        let problems = &mut outcome.not_accepted;
        match filter {
            CoreFilter::RequestHeaders(h) => {
                problems.extend(headers::apply(h, HeaderTarget::Request, out));
            }
            CoreFilter::ResponseHeaders(h) => {
                problems.extend(headers::apply(h, HeaderTarget::Response, out));
            }
            CoreFilter::Redirect(r) => problems.extend(redirect::apply(r, out).err()),
            CoreFilter::Rewrite(r) => problems.extend(rewrite::apply(r, out).err()),
            CoreFilter::Mirror(m) => match mirror::apply(ctx, rule, i, m, out) {
                Ok(()) => {}
                Err(e) if e.reason == "EndpointsNotFound" => outcome.unavailable.push(e),
                Err(e) => outcome.unresolved.push(e),
            },
            CoreFilter::ExtensionRef(r) => {
                if r.group == EG_GROUP && r.kind == "HTTPRouteFilter" {
                    extension::apply(ctx, rule, r, out, &mut outcome);
                } else {
                    outcome.dropped.push(format!(
                        "Invalid filter ExtensionRef: unknown kind {}/{}",
                        r.group, r.kind
                    ));
                }
            }
            CoreFilter::Cors(c) => cors::apply(c, out),
            CoreFilter::Other => {}
        }
    }
    if outcome.direct_response && !out.mirrors.is_empty() {
        out.mirrors.clear();
        outcome.dropped.push(
            "RequestMirror filter cannot be used when the rule also configures a DirectResponse filter"
                .to_owned(),
        );
        outcome.dropped_reason = Some("IncompatibleFilters");
    }
    outcome
}
