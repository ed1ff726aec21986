//! One rule of an HTTP-like route (HTTPRoute, GRPCRoute): its filters, its backends and its matches as IR
//! routes, and the problems that become the route's conditions.

use super::backend_refs::{self, RouteRef, RuleBackend};
use super::filters::{self, CoreFilter, RuleRef};
use super::{NotAccepted, RuleOutcome};
use crate::ir::{DestinationFilters, DirectResponse, HttpRoute, Protocol, ResourceMetadata};
use crate::names;
use crate::translator::context::Context;
use gwapi_model::core::ObjectMeta;

/// A rule, in kind-neutral terms.
#[derive(Debug)]
pub(crate) struct RuleInput<'f> {
    /// The rule's index.
    pub index: usize,
    /// The rule's name (its section name), if any.
    pub section: Option<&'f str>,
    /// The rule's filters.
    pub filters: Vec<CoreFilter<'f>>,
    /// The rule's backends with their own filters.
    pub backends: Vec<(gwapi_model::gateway_api::BackendRef, Vec<CoreFilter<'f>>)>,
    /// The IR of each match, without name and hostname (none: one route that matches everything).
    pub matches: Vec<HttpRoute>,
    /// The rule's timeouts (HTTPRoute only).
    pub timeouts: Option<&'f gwapi_model::gateway_api::HttpRouteTimeouts>,
    /// The rule's retry policy (HTTPRoute only).
    pub retry: Option<&'f gwapi_model::gateway_api::HttpRouteRetry>,
    /// The rule's session persistence.
    pub session_persistence: Option<&'f gwapi_model::gateway_api::SessionPersistence>,
    /// Whether the rule is for HTTP/2 (gRPC).
    pub is_http2: bool,
    /// The protocol spoken to the backends.
    pub protocol: Protocol,
}

/// Translates every rule of a route of `kind` (given as rule inputs, in order) into HTTP IR routes: the
/// scaffolding every HTTP-like route kind shares.
pub(crate) fn translate_rules<'r>(
    ctx: &Context<'_>,
    kind: &'static str,
    meta: &ObjectMeta,
    rules: impl Iterator<Item = RuleInput<'r>>,
) -> RuleOutcome<Vec<HttpRoute>> {
    let annotations = super::metadata_annotations(meta);
    let route = RouteRef {
        kind,
        namespace: meta.namespace.as_deref().unwrap_or_default(),
        name: meta.name.as_deref().unwrap_or_default(),
        annotations: &annotations,
    };
    let mut outcome = RuleOutcome::default();
    for rule in rules {
        translate_rule(ctx, route, rule, &mut outcome);
    }
    outcome
}

/// Translates one rule, appending its IR routes (named `<rule>/match/<j>`) to `outcome`.
pub(crate) fn translate_rule(
    ctx: &Context<'_>,
    route: RouteRef<'_>,
    rule: RuleInput<'_>,
    outcome: &mut RuleOutcome<Vec<HttpRoute>>,
) {
    let rule_name = names::route_rule_name(route.kind, route.namespace, route.name, rule.index);
    let mut template = HttpRoute {
        is_http2: rule.is_http2,
        metadata: Some(ResourceMetadata {
            kind: route.kind.to_owned(),
            name: route.name.to_owned(),
            namespace: route.namespace.to_owned(),
            section_name: rule.section.unwrap_or_default().to_owned(),
            annotations: route.annotations.to_vec(),
            ..ResourceMetadata::default()
        }),
        ..HttpRoute::default()
    };
    let rule_ref = RuleRef {
        route,
        rule_name: &rule_name,
        protocol: rule.protocol,
    };
    if let Some(invalid) = invalid_regex(rule.index, &rule.matches) {
        // A rule with a match RE2 rejects has no IR routes.
        outcome.not_accepted.push(invalid);
        return;
    }
    super::timeouts::apply(rule.timeouts, rule.retry, &mut template);
    template.session_persistence =
        super::session_persistence::convert(rule.session_persistence, &rule_name);
    let filtered = filters::apply(ctx, rule_ref, &rule.filters, &mut template);
    outcome.rejected.extend(filtered.rejected.iter().cloned());
    let mut unresolved: Vec<NotAccepted> = filtered.unresolved.clone();
    let path_host_conflict = path_host_rewrite_conflict(ctx, route, &rule, &template);
    unresolved.extend(path_host_conflict.clone());
    let backends = rule_backends(ctx, rule_ref, &rule, &mut unresolved, outcome);
    if rule.backends.len() > 1
        && rule.backends.iter().any(|(b, _)| {
            crate::translator::backend::eg_backend::is_dynamic_resolver(ctx, route, b)
        })
    {
        unresolved.push(NotAccepted {
            reason: "InvalidBackendRef",
            message: format!(
                "Failed to process route rule {}: dynamic resolver is not supported for multiple backendRefs.",
                rule.index
            ),
        });
        outcome.unresolved.extend(unresolved);
        if template.redirect.is_none() {
            template.direct_response = Some(direct(500));
        }
        push_matches(&rule_name, template, rule.matches, &[], outcome);
        return;
    }
    let resolved = backend_refs::resolve_rule(
        ctx,
        route,
        rule.index,
        rule.section,
        &backends,
        rule.protocol,
    );
    unresolved.extend(resolved.errors);
    let mut unavailable = filtered.unavailable;
    unavailable.extend(resolved.unavailable.iter().map(|e| NotAccepted {
        reason: e.reason,
        message: format!("Failed to find endpoints: {}", e.message),
    }));
    if !filtered.dropped.is_empty() {
        let reason = filtered.dropped_reason.unwrap_or("UnsupportedValue");
        outcome.dropped.push((rule.index, filtered.dropped, reason));
        template.direct_response = Some(direct(500));
        push_matches(&rule_name, template, rule.matches, &[], outcome);
        return;
    }
    let filters_failed = !filtered.not_accepted.is_empty()
        || !filtered.unresolved.is_empty()
        || path_host_conflict.is_some();
    if filtered.direct_response && !filters_failed {
        // The filter's direct response answers; the backends are not used.
    } else if template.redirect.is_none() {
        template.direct_response = match (filters_failed, resolved.destination) {
            (false, Some(destination)) => {
                template.destination = Some(destination);
                None
            }
            (false, None) if !resolved.unavailable.is_empty() => Some(direct(503)),
            _ => Some(direct(500)),
        };
    }
    outcome.not_accepted.extend(filtered.not_accepted);
    outcome.unresolved.extend(unresolved);
    outcome.unavailable.extend(unavailable);
    push_matches(
        &rule_name,
        template,
        rule.matches,
        &filtered.cookie_matches,
        outcome,
    );
}

/// Why a rule is not accepted when one of its matches is not a valid RE2 regular expression.
fn invalid_regex(index: usize, matches: &[HttpRoute]) -> Option<NotAccepted> {
    matches
        .iter()
        .flat_map(|m| {
            m.path_match
                .iter()
                .chain(&m.header_matches)
                .chain(&m.query_param_matches)
        })
        .find_map(|m| match &m.pattern {
            Some(crate::ir::MatchPattern::SafeRegex(p)) => {
                super::re2::validate(p).err().map(|e| (p.clone(), e))
            }
            _ => None,
        })
        .map(|(pattern, error)| NotAccepted {
            reason: "UnsupportedValue",
            message: format!(
                "Failed to process route rule {index}: regex \"{pattern}\" is invalid: {error}."
            ),
        })
}

/// Why the host of a rule cannot be rewritten from its path: a dynamic resolver backend would
/// resolve a host taken from the request.
fn path_host_rewrite_conflict(
    ctx: &Context<'_>,
    route: RouteRef<'_>,
    rule: &RuleInput<'_>,
    template: &HttpRoute,
) -> Option<NotAccepted> {
    let rewrite = template.url_rewrite.as_ref()?;
    if !matches!(rewrite.host, Some(crate::ir::HostModifier::PathRegex(_))) {
        return None;
    }
    rule.backends
        .iter()
        .any(|(b, _)| crate::translator::backend::eg_backend::is_dynamic_resolver(ctx, route, b))
        .then(|| NotAccepted {
            reason: "UnsupportedValue",
            message: format!(
                "Failed to process route rule {}: host rewrite from path (PathRegex) is not supported with a dynamic resolver backend.",
                rule.index
            ),
        })
}

/// Appends one IR route per match of the rule (`<rule>/match/<j>`), each combined with every
/// alternative of cookie matches of its filters, or one that matches everything (`<rule>/match/-1`)
/// when there are neither.
fn push_matches(
    rule_name: &str,
    template: HttpRoute,
    matches: Vec<HttpRoute>,
    cookies: &[Vec<crate::ir::StringMatch>],
    outcome: &mut RuleOutcome<Vec<HttpRoute>>,
) {
    let no_matches = matches.is_empty() && cookies.is_empty();
    let bases = if matches.is_empty() && !cookies.is_empty() {
        vec![HttpRoute::default()]
    } else {
        matches
    };
    let alternatives: Vec<Option<&Vec<crate::ir::StringMatch>>> = if cookies.is_empty() {
        vec![None]
    } else {
        cookies.iter().map(Some).collect()
    };
    let mut j = 0;
    for m in bases {
        for alternative in &alternatives {
            let mut r = template.clone();
            r.name = format!("{rule_name}/match/{j}");
            r.path_match.clone_from(&m.path_match);
            r.header_matches.clone_from(&m.header_matches);
            r.query_param_matches.clone_from(&m.query_param_matches);
            r.cookie_matches = alternative.cloned().unwrap_or_default();
            outcome.ir.push(r);
            j += 1;
        }
    }
    if no_matches {
        let mut r = template;
        r.name = format!("{rule_name}/match/-1");
        outcome.ir.push(r);
    }
}

/// The backends of a rule with their own filters (a backend whose filters fail becomes invalid).
fn rule_backends(
    ctx: &Context<'_>,
    rule_ref: RuleRef<'_>,
    rule: &RuleInput<'_>,
    unresolved: &mut Vec<NotAccepted>,
    outcome: &mut RuleOutcome<Vec<HttpRoute>>,
) -> Vec<RuleBackend> {
    let route = rule_ref.route;
    rule.backends
        .iter()
        .enumerate()
        .map(|(k, (backend, fs))| {
            let (filters, error) = backend_filters(ctx, rule_ref, fs);
            let invalid = error.is_some();
            if let Some(e) = error {
                unresolved.push(NotAccepted {
                    reason: e.reason,
                    message: format!(
                        "Failed to process route rule {} backendRef {k}: {}",
                        rule.index, e.message
                    ),
                });
            }
            outcome.backends.push(backend_id(route, backend));
            RuleBackend {
                backend: backend.clone(),
                filters,
                invalid,
            }
        })
        .collect()
}

/// A direct response with `code`.
fn direct(code: u32) -> DirectResponse {
    DirectResponse {
        status_code: code,
        ..DirectResponse::default()
    }
}

/// The backend a reference names: kind, namespace, name.
fn backend_id(
    route: RouteRef<'_>,
    backend: &gwapi_model::gateway_api::BackendRef,
) -> (String, String, String) {
    (
        backend.kind.clone().unwrap_or_else(|| "Service".to_owned()),
        backend
            .namespace
            .clone()
            .unwrap_or_else(|| route.namespace.to_owned()),
        backend.name.clone(),
    )
}

/// The filters of one backendRef, as destination filters.
fn backend_filters(
    ctx: &Context<'_>,
    rule: RuleRef<'_>,
    fs: &[CoreFilter<'_>],
) -> (Option<DestinationFilters>, Option<NotAccepted>) {
    if fs.is_empty() {
        return (None, None);
    }
    if fs
        .iter()
        .any(|f| matches!(f, CoreFilter::Redirect(_) | CoreFilter::Mirror(_)))
    {
        return (
            None,
            Some(NotAccepted {
                reason: "UnsupportedRefValue",
                message: "Specific filter is not supported within BackendRef, only RequestHeaderModifier, ResponseHeaderModifier, URLRewrite and gateway.envoyproxy.io/HTTPRouteFilter are supported.".to_owned(),
            }),
        );
    }
    if fs
        .iter()
        .any(|f| matches!(f, CoreFilter::Rewrite(r) if r.path.is_some()))
    {
        return (
            None,
            Some(NotAccepted {
                reason: "UnsupportedRefValue",
                message: "URLRewrite path modifier is not supported within BackendRef.".to_owned(),
            }),
        );
    }
    let mut scratch = HttpRoute::default();
    let outcome = filters::apply(ctx, rule, fs, &mut scratch);
    let filters = DestinationFilters {
        add_request_headers: scratch.add_request_headers,
        remove_request_headers: scratch.remove_request_headers,
        add_response_headers: scratch.add_response_headers,
        remove_response_headers: scratch.remove_response_headers,
        url_rewrite: scratch.url_rewrite,
        credential_injection: scratch.credential_injection,
    };
    let unresolved = outcome.unresolved.into_iter().map(|e| NotAccepted {
        reason: "InvalidBackendFilters",
        ..e
    });
    let error = outcome.not_accepted.into_iter().chain(unresolved).next();
    (Some(filters), error)
}

/// Appends the IR routes of a rule set to listener `listener` of `xds`, once per hostname.
pub(crate) fn emit_http_routes(
    routes: &[HttpRoute],
    target: &super::EmitTarget<'_>,
    xds: &mut crate::ir::Xds,
) -> bool {
    let Some(listener) = xds.http.iter_mut().find(|l| l.name == target.listener) else {
        return false;
    };
    for host in target.hosts {
        for r in routes {
            let mut r = r.clone();
            r.name = format!("{}/{}", r.name, host.replace('.', "_"));
            r.hostname.clone_from(host);
            if let Some(redirect) = r.redirect.as_mut()
                && redirect.port.is_none()
                && redirect.scheme.is_none()
            {
                redirect.port = Some(target.port);
            }
            listener.routes.push(r);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{RuleOutcome, invalid_regex, push_matches};
    use crate::ir::{HttpRoute, MatchPattern, StringMatch};

    fn cookie(name: &str) -> StringMatch {
        StringMatch {
            name: name.to_owned(),
            ..StringMatch::new(MatchPattern::Exact("v".to_owned()))
        }
    }

    fn path(p: &str) -> HttpRoute {
        HttpRoute {
            path_match: Some(StringMatch::new(MatchPattern::Prefix(p.to_owned()))),
            ..HttpRoute::default()
        }
    }

    #[test]
    fn every_match_is_combined_with_every_cookie_alternative() {
        let mut outcome = RuleOutcome::<Vec<HttpRoute>>::default();
        let cookies = vec![vec![cookie("a")], vec![cookie("b"), cookie("c")]];
        push_matches(
            "r",
            HttpRoute::default(),
            vec![path("/x"), path("/y")],
            &cookies,
            &mut outcome,
        );
        let got: Vec<(String, usize)> = outcome
            .ir
            .iter()
            .map(|r| (r.name.clone(), r.cookie_matches.len()))
            .collect();
        assert_eq!(
            got,
            [
                ("r/match/0".to_owned(), 1),
                ("r/match/1".to_owned(), 2),
                ("r/match/2".to_owned(), 1),
                ("r/match/3".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn cookies_alone_make_numbered_matches_and_nothing_matches_all() {
        let mut outcome = RuleOutcome::<Vec<HttpRoute>>::default();
        push_matches(
            "r",
            HttpRoute::default(),
            Vec::new(),
            &[vec![cookie("a")]],
            &mut outcome,
        );
        push_matches("s", HttpRoute::default(), Vec::new(), &[], &mut outcome);
        let names: Vec<&str> = outcome.ir.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["r/match/0", "s/match/-1"]);
    }

    #[test]
    fn an_invalid_regex_match_is_reported_with_go_s_message() {
        let mut m = HttpRoute::default();
        m.header_matches.push(StringMatch {
            name: "x".to_owned(),
            ..StringMatch::new(MatchPattern::SafeRegex("(a".to_owned()))
        });
        let problem = invalid_regex(2, &[path("/ok"), m]).unwrap();
        assert_eq!(problem.reason, "UnsupportedValue");
        assert_eq!(
            problem.message,
            "Failed to process route rule 2: regex \"(a\" is invalid: error parsing regexp: missing closing ): `(a`."
        );
    }
}
