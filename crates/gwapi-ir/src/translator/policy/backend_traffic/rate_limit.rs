//! `rateLimit`: local limits (counted by each Envoy; the one rule without client selectors is the
//! route's default limit) and global limits (counted by the rate limit service), with their client
//! selectors (headers, methods, path, source CIDR, query parameters), costs and response headers.

use gwapi_model::KnownValues;
use gwapi_model::envoy_gateway::{
    HeaderMatch, HeaderMatchType, PathMatch, QueryParamMatch, QueryParamMatchType,
    RateLimitCostFrom, RateLimitCostSpecifier, RateLimitRule, RateLimitSelectCondition,
    RateLimitSpec, RateLimitType, SourceMatchType, XRateLimitHeadersOption,
};
use gwapi_model::gateway_api::PathMatchType;

use crate::ir::{
    GlobalRateLimit, LocalRateLimit, MatchPattern, RateLimit, RateLimitCost, RateLimitFromMetadata,
    RateLimitRule as IrRule, RateLimitValue, StringMatch, XRateLimitOption,
};
use crate::translator::policy::security::authorization::cidr;
use crate::translator::route::re2;

/// The IR rate limits of a policy's `rateLimit`: its global and its local limits (both may be set;
/// `type` only requires the one it names); rules are named `<policy>/rule/<index>`.
pub(crate) fn convert(
    spec: Option<&RateLimitSpec>,
    policy: &str,
) -> Result<Option<RateLimit>, String> {
    let Some(spec) = spec else {
        return Ok(None);
    };
    match &spec.type_ {
        Some(RateLimitType::Global) if spec.global.is_none() => {
            return Err("global configuration empty for rateLimit".to_owned());
        }
        Some(RateLimitType::Local) if spec.local.is_none() => {
            return Err("local configuration empty for rateLimit".to_owned());
        }
        Some(RateLimitType::Unknown(t)) => return Err(format!("invalid rateLimit type: {t}")),
        _ => {}
    }
    let global = spec
        .global
        .as_ref()
        .map(|g| {
            let rules = g
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| rule(r, policy, i))
                .collect::<Result<Vec<_>, _>>()?;
            Ok::<_, String>(GlobalRateLimit {
                rules,
                shared: None,
            })
        })
        .transpose()?;
    let local = spec
        .local
        .as_ref()
        .map(|l| local_limit(&l.rules, policy))
        .transpose()?;
    Ok(Some(RateLimit { local, global }))
}

/// A local limit: the rule without client selectors is the default (at most one; without one every
/// request is allowed), the others are rules.
fn local_limit(rules: &[RateLimitRule], policy: &str) -> Result<LocalRateLimit, String> {
    let mut default = None;
    let mut out = Vec::new();
    for (i, r) in rules.iter().enumerate() {
        if r.client_selectors.is_empty() {
            if default.is_some() {
                return Err(
                    "local rateLimit can not have more than one rule without clientSelectors"
                        .to_owned(),
                );
            }
            default = Some(value(r));
        } else {
            out.push(rule(r, policy, i)?);
        }
    }
    Ok(LocalRateLimit {
        default: Some(default.unwrap_or_else(|| RateLimitValue {
            requests: u32::MAX,
            unit: "Second".to_owned(),
            from_metadata: None,
        })),
        rules: out,
    })
}

/// The limit of a rule.
fn value(r: &RateLimitRule) -> RateLimitValue {
    RateLimitValue {
        requests: u32::try_from(r.limit.requests).unwrap_or(u32::MAX),
        unit: r.limit.unit.as_str().to_owned(),
        from_metadata: r
            .limit
            .from_metadata
            .as_ref()
            .map(|m| RateLimitFromMetadata {
                namespace: m.namespace.clone(),
                key: m.key.clone(),
            }),
    }
}

/// One IR rule.
fn rule(r: &RateLimitRule, policy: &str, index: usize) -> Result<IrRule, String> {
    let mut out = IrRule {
        name: format!("{policy}/rule/{index}"),
        limit: value(r),
        shared: r.shared,
        shadow_mode: r.shadow_mode,
        x_rate_limit_option: r.x_rate_limit_headers.as_ref().and_then(|o| match o {
            XRateLimitHeadersOption::Off => Some(XRateLimitOption::Off),
            XRateLimitHeadersOption::DraftVersion03 => Some(XRateLimitOption::DraftVersion03),
            XRateLimitHeadersOption::Unknown(_) => None,
        }),
        ..IrRule::default()
    };
    for selector in &r.client_selectors {
        select(selector, &mut out)?;
    }
    if let Some(cost) = &r.cost {
        out.request_cost = cost.request.as_ref().map(cost_of).transpose()?;
        out.response_cost = cost.response.as_ref().map(cost_of).transpose()?;
    }
    Ok(out)
}

/// Adds the matches of one client selector to `out`.
fn select(s: &RateLimitSelectCondition, out: &mut IrRule) -> Result<(), String> {
    if s.headers.is_empty()
        && s.methods.is_empty()
        && s.path.is_none()
        && s.source_cidr.is_none()
        && s.query_params.is_empty()
    {
        return Err(
            "unable to translate rateLimit. At least one of the header or method or path \
                    or sourceCIDR or queryParams must be specified"
                .to_owned(),
        );
    }
    for h in &s.headers {
        out.header_matches.push(header(h)?);
    }
    for m in &s.methods {
        out.method_matches.push(StringMatch {
            pattern: Some(MatchPattern::Exact(m.value.as_str().to_owned())),
            invert: m.invert == Some(true),
            ..StringMatch::default()
        });
    }
    if let Some(p) = &s.path {
        out.path_match = Some(path(p)?);
    }
    if let Some(source) = &s.source_cidr {
        let mut m =
            cidr(&source.value).map_err(|e| format!("unable to translate rateLimit: {e}"))?;
        m.distinct = source.type_ == Some(SourceMatchType::Distinct);
        m.invert = source.invert == Some(true);
        out.cidr_match = Some(m);
    }
    for q in &s.query_params {
        out.query_param_matches.push(query_param(q)?);
    }
    Ok(())
}

/// A match on a named value: exact (the default), regular expression, or distinct (each value counted
/// apart; not invertible).
fn named_match(
    name: &str,
    kind: NamedKind,
    value: Option<&String>,
    invert: bool,
    what: &str,
) -> Result<StringMatch, String> {
    let base = StringMatch {
        name: name.to_owned(),
        invert,
        ..StringMatch::default()
    };
    match (kind, value) {
        (NamedKind::Exact, Some(v)) => Ok(StringMatch {
            pattern: Some(MatchPattern::Exact(v.clone())),
            ..base
        }),
        (NamedKind::Regex, Some(v)) => {
            regex(v)?;
            Ok(StringMatch {
                pattern: Some(MatchPattern::SafeRegex(v.clone())),
                ..base
            })
        }
        (NamedKind::Distinct, None) => {
            if invert {
                return Err(format!(
                    "unable to translate rateLimit.Invert is not applicable for distinct {what} \
                     match type"
                ));
            }
            Ok(StringMatch {
                distinct: true,
                ..base
            })
        }
        _ => Err(format!(
            "unable to translate rateLimit. Either the {what}.Type is not valid or the {what} is \
             missing a value"
        )),
    }
}

/// The kinds of named matches.
#[derive(Clone, Copy)]
enum NamedKind {
    Exact,
    Regex,
    Distinct,
    Invalid,
}

fn header(h: &HeaderMatch) -> Result<StringMatch, String> {
    let kind = match &h.type_ {
        None | Some(HeaderMatchType::Exact) => NamedKind::Exact,
        Some(HeaderMatchType::RegularExpression) => NamedKind::Regex,
        Some(HeaderMatchType::Distinct) => NamedKind::Distinct,
        Some(HeaderMatchType::Unknown(_)) => NamedKind::Invalid,
    };
    named_match(
        &h.name,
        kind,
        h.value.as_ref(),
        h.invert == Some(true),
        "header",
    )
}

fn query_param(q: &QueryParamMatch) -> Result<StringMatch, String> {
    let kind = match &q.type_ {
        None | Some(QueryParamMatchType::Exact) => NamedKind::Exact,
        Some(QueryParamMatchType::RegularExpression) => NamedKind::Regex,
        Some(QueryParamMatchType::Distinct) => NamedKind::Distinct,
        Some(QueryParamMatchType::Unknown(_)) => NamedKind::Invalid,
    };
    named_match(
        &q.name,
        kind,
        q.value.as_ref(),
        q.invert == Some(true),
        "queryParam",
    )
}

/// A path selector: a prefix ending in `/` stays a prefix; other prefixes match whole segments
/// through a regular expression.
fn path(p: &PathMatch) -> Result<StringMatch, String> {
    let pattern = match &p.type_ {
        None | Some(PathMatchType::PathPrefix) => {
            if p.value.ends_with('/') {
                MatchPattern::Prefix(p.value.clone())
            } else {
                MatchPattern::SafeRegex(format!(
                    r"^{}(/.*|\?.*|#.*|;.*|$)",
                    regex_syntax::escape(&p.value)
                ))
            }
        }
        Some(PathMatchType::Exact) => MatchPattern::Exact(p.value.clone()),
        Some(PathMatchType::RegularExpression) => {
            regex(&p.value)?;
            MatchPattern::SafeRegex(p.value.clone())
        }
        Some(PathMatchType::Unknown(t)) => {
            return Err(format!(
                "unable to translate rateLimit. Unknown path type {t}"
            ));
        }
    };
    Ok(StringMatch {
        pattern: Some(pattern),
        invert: p.invert == Some(true),
        ..StringMatch::default()
    })
}

/// Checks an RE2 expression, with Envoy Gateway's message.
fn regex(pattern: &str) -> Result<(), String> {
    re2::validate(pattern).map_err(|e| format!("regex \"{pattern}\" is invalid: {e}"))
}

/// The IR cost of a request or response.
fn cost_of(c: &RateLimitCostSpecifier) -> Result<RateLimitCost, String> {
    match (&c.from, c.number, &c.metadata) {
        (RateLimitCostFrom::Number, Some(n), _) => u64::try_from(n)
            .map(RateLimitCost::Number)
            .map_err(|_| format!("invalid rateLimit cost number {n}")),
        (RateLimitCostFrom::Metadata, _, Some(m)) => Ok(RateLimitCost::Format(format!(
            "%DYNAMIC_METADATA({}:{})%",
            m.namespace, m.key
        ))),
        _ => {
            Err("unable to translate rateLimit cost: the number or metadata is missing".to_owned())
        }
    }
}

/// Names the rules of a merged policy's limits after the policy each rule comes from: a rule of the
/// parent (not also in the policy's own spec) keeps the parent's name and index.
pub(crate) fn name_merged_rules(
    rl: &mut RateLimit,
    own: Option<&RateLimitSpec>,
    merged: Option<&RateLimitSpec>,
    parent: Option<&RateLimitSpec>,
    parent_name: &str,
) {
    let global = |s: Option<&RateLimitSpec>| -> Vec<RateLimitRule> {
        s.and_then(|s| s.global.as_ref())
            .map(|g| g.rules.clone())
            .unwrap_or_default()
    };
    let local = |s: Option<&RateLimitSpec>| -> Vec<RateLimitRule> {
        s.and_then(|s| s.local.as_ref())
            .map(|l| l.rules.clone())
            .unwrap_or_default()
    };
    if let Some(g) = rl.global.as_mut() {
        rename(
            &mut g.rules,
            &global(own),
            &global(merged),
            &global(parent),
            parent_name,
        );
    }
    if let Some(l) = rl.local.as_mut() {
        rename(
            &mut l.rules,
            &local(own),
            &local(merged),
            &local(parent),
            parent_name,
        );
    }
}

fn rename(
    rules: &mut [IrRule],
    own: &[RateLimitRule],
    merged: &[RateLimitRule],
    parent: &[RateLimitRule],
    parent_name: &str,
) {
    for r in rules {
        let index = r
            .name
            .rsplit('/')
            .next()
            .and_then(|i| i.parse::<usize>().ok());
        let Some(source) = index.and_then(|i| merged.get(i)) else {
            continue;
        };
        if own.contains(source) {
            continue;
        }
        if let Some(j) = parent.iter().position(|p| p == source) {
            r.name = format!("{parent_name}/rule/{j}");
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::RateLimitSpec;

    use super::convert;
    use crate::ir::MatchPattern;

    fn spec(yaml: &str) -> RateLimitSpec {
        serde_norway::from_str(yaml).unwrap()
    }

    #[test]
    fn local_default_is_the_rule_without_selectors() {
        let s = spec(
            "type: Local\nlocal:\n  rules:\n  - limit: {requests: 10, unit: Minute}\n  \
             - clientSelectors:\n    - headers:\n      - {name: x-user, value: one}\n    \
             limit: {requests: 5, unit: Hour}\n",
        );
        let rl = convert(Some(&s), "ns/p").unwrap().unwrap();
        let local = rl.local.unwrap();
        assert_eq!(local.default.unwrap().requests, 10);
        assert_eq!(local.rules.len(), 1);
        assert_eq!(local.rules[0].name, "ns/p/rule/1");
    }

    #[test]
    fn local_without_default_allows_everything() {
        let s = spec(
            "type: Local\nlocal:\n  rules:\n  - clientSelectors:\n    - methods: [{value: GET}]\n    \
             limit: {requests: 5, unit: Hour}\n",
        );
        let local = convert(Some(&s), "ns/p").unwrap().unwrap().local.unwrap();
        let default = local.default.unwrap();
        assert_eq!(
            (default.requests, default.unit.as_str()),
            (u32::MAX, "Second")
        );
    }

    #[test]
    fn two_defaults_are_an_error() {
        let s = spec(
            "type: Local\nlocal:\n  rules:\n  - limit: {requests: 1, unit: Second}\n  \
             - limit: {requests: 2, unit: Second}\n",
        );
        assert_eq!(
            convert(Some(&s), "ns/p").unwrap_err(),
            "local rateLimit can not have more than one rule without clientSelectors"
        );
    }

    #[test]
    fn global_path_prefix_matches_segments_and_cidr_is_distinct() {
        let s = spec(
            "type: Global\nglobal:\n  rules:\n  - clientSelectors:\n    - path: {type: PathPrefix, value: /user}\n      \
             sourceCIDR: {type: Distinct, value: 10.0.0.0/8}\n    limit: {requests: 5, unit: Hour}\n    \
             cost:\n      response: {from: Metadata, metadata: {namespace: a, key: b}}\n",
        );
        let global = convert(Some(&s), "ns/p").unwrap().unwrap().global.unwrap();
        let r = &global.rules[0];
        assert_eq!(
            r.path_match.as_ref().unwrap().pattern,
            Some(MatchPattern::SafeRegex(
                r"^/user(/.*|\?.*|#.*|;.*|$)".to_owned()
            ))
        );
        let c = r.cidr_match.as_ref().unwrap();
        assert!(c.distinct);
        assert_eq!(c.mask_len, 8);
        assert_eq!(
            serde_json::to_value(r.response_cost.as_ref().unwrap()).unwrap(),
            serde_json::json!({"format": "%DYNAMIC_METADATA(a:b)%"})
        );
    }

    #[test]
    fn distinct_headers_cannot_be_inverted_and_regexes_are_checked() {
        let s = spec(
            "type: Global\nglobal:\n  rules:\n  - clientSelectors:\n    - headers:\n      \
             - {name: x, type: Distinct, invert: true}\n    limit: {requests: 5, unit: Hour}\n",
        );
        assert_eq!(
            convert(Some(&s), "ns/p").unwrap_err(),
            "unable to translate rateLimit.Invert is not applicable for distinct header match type"
        );
        let s = spec(
            "type: Global\nglobal:\n  rules:\n  - clientSelectors:\n    - headers:\n      \
             - {name: x, type: RegularExpression, value: '*.a'}\n    limit: {requests: 5, unit: Hour}\n",
        );
        assert!(
            convert(Some(&s), "ns/p")
                .unwrap_err()
                .starts_with("regex \"*.a\" is invalid: error parsing regexp")
        );
    }
}
