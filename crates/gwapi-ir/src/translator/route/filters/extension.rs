//! `extensionRef` filters naming Envoy Gateway's `HTTPRouteFilter`: the filter object is looked up in
//! the route's namespace and each of its parts applied by its own module (URL rewrite, direct response,
//! credential injection, cookie matches).

use gwapi_model::gateway_api::LocalObjectReference;

use super::direct_response::{self, DirectResponseError};
use super::{FilterOutcome, RuleRef, cookie_match, credential_injection, regex_rewrite};
use crate::ir::HttpRoute;
use crate::translator::context::Context;
use crate::translator::route::NotAccepted;

/// Why an HTTPRouteFilter cannot be used (missing, or referring to something missing).
fn untranslatable(namespace: &str, name: &str) -> NotAccepted {
    NotAccepted {
        reason: "UnsupportedValue",
        message: format!("Unable to translate HTTPRouteFilter: {namespace}/{name}."),
    }
}

/// Applies the HTTPRouteFilter `reference` names to `out`, recording what it decided in `outcome`.
pub(crate) fn apply(
    ctx: &Context<'_>,
    rule: RuleRef<'_>,
    reference: &LocalObjectReference,
    out: &mut HttpRoute,
    outcome: &mut FilterOutcome,
) {
    let namespace = rule.route.namespace;
    let name = reference.name.as_str();
    let Some(filter) = ctx.snapshot.http_route_filters().find(|f| {
        f.metadata.namespace.as_deref() == Some(namespace)
            && f.metadata.name.as_deref() == Some(name)
    }) else {
        outcome.unresolved.push(untranslatable(namespace, name));
        return;
    };
    let spec = &filter.spec;
    if let Some(rewrite) = &spec.url_rewrite
        && let Err(e) = regex_rewrite::apply(rewrite, out)
    {
        outcome.not_accepted.push(e);
    }
    if let Some(direct) = &spec.direct_response {
        match direct_response::apply(ctx, namespace, rule.protocol, direct, out) {
            Ok(()) => outcome.direct_response = true,
            Err(DirectResponseError::Unresolved) => {
                outcome.unresolved.push(untranslatable(namespace, name));
            }
            Err(DirectResponseError::Rejected(e)) => outcome.rejected.push(e),
            Err(DirectResponseError::Invalid(problems)) => outcome.not_accepted.extend(problems),
        }
    }
    if let Some(injection) = &spec.credential_injection {
        match credential_injection::convert(ctx, namespace, name, injection) {
            Some(c) => out.credential_injection = Some(c),
            None => outcome.unresolved.push(untranslatable(namespace, name)),
        }
    }
    outcome
        .cookie_matches
        .extend(cookie_match::convert(&spec.matches));
}
