//! The Envoy rate limit actions of a route's global rate limit rules, grouped by domain: the descriptors
//! each request sends to the rate limit service. Shared by the route translation
//! (`envoy.filters.http.ratelimit` per-route configuration) and [`crate::ratelimit_config`].
//!
//! Rules that are not shared count per route, in the listener's domain, under a descriptor named after
//! the route. Shared rules count once for every route they apply to, in a domain named after their policy
//! (the rule name without `/rule/<index>`), under a descriptor named after the rule. Match descriptors are
//! numbered by the rule's index among its route's rules of the same domain.

use envoy_types::pb::envoy::config::route::v3::{
    HeaderMatcher, QueryParameterMatcher, RateLimit as RouteRateLimit,
    header_matcher::HeaderMatchSpecifier,
    query_parameter_matcher::QueryParameterMatchSpecifier,
    rate_limit::{
        Action, HitsAddend, Override, action::ActionSpecifier, action::GenericKey,
        action::HeaderValueMatch, action::QueryParameterValueMatch, action::QueryParameters,
        action::RemoteAddressMatch, action::RequestHeaders, r#override::DynamicMetadata,
        r#override::OverrideSpecifier,
    },
};
use envoy_types::pb::envoy::r#type::matcher::v3::AddressMatcher;
use envoy_types::pb::envoy::r#type::metadata::v3::{
    MetadataKey, metadata_key::PathSegment, metadata_key::path_segment::Segment,
};
use envoy_types::pb::google::protobuf::UInt64Value;
use envoy_types::pb::xds::core::v3::CidrRange;
use gwapi_ir::ir::{
    CidrMatch, GlobalRateLimit, HttpRoute, RateLimitCost, RateLimitRule, StringMatch,
};

use crate::route::matching::string_matcher;
use crate::wkt::boolean;

/// The `X-RateLimit-*` header option of the rate limit of `rule` (unspecified: the filter's setting).
pub(crate) fn x_ratelimit_option(rule: &RateLimitRule) -> i32 {
    use envoy_types::pb::envoy::config::route::v3::rate_limit::XRateLimitOption as Envoy;
    use gwapi_ir::ir::XRateLimitOption as Ir;
    match rule.x_rate_limit_option {
        None => Envoy::Unspecified,
        Some(Ir::Off) => Envoy::Off,
        Some(Ir::DraftVersion03) => Envoy::DraftVersion03,
    }
    .into()
}

/// The global rate limit of `route`, if it has one.
pub(crate) fn global(route: &HttpRoute) -> Option<&GlobalRateLimit> {
    route.traffic.as_ref()?.rate_limit.as_ref()?.global.as_ref()
}

/// Whether `rule` counts once across every route it applies to.
pub(crate) fn is_shared(rule: &RateLimitRule, global: &GlobalRateLimit) -> bool {
    rule.shared.or(global.shared).unwrap_or(false)
}

/// The domain of a shared rule: its name without the trailing `/rule/<index>`.
pub(crate) fn shared_domain(rule: &RateLimitRule) -> &str {
    rule.name
        .rsplit_once("/rule/")
        .map_or(rule.name.as_str(), |(policy, _)| policy)
}

/// The rate limits of `route` by domain (`listener_domain` for rules that are not shared): the
/// listener's domain first, then each shared domain in the order its first rule appears.
pub(crate) fn rate_limits_by_domain(
    route: &HttpRoute,
    listener_domain: &str,
) -> Vec<(String, Vec<RouteRateLimit>)> {
    let Some(global) = global(route) else {
        return Vec::new();
    };
    let mut domains: Vec<(String, Vec<&RateLimitRule>)> = Vec::new();
    for rule in &global.rules {
        let domain = if is_shared(rule, global) {
            shared_domain(rule)
        } else {
            listener_domain
        };
        match domains.iter_mut().find(|(d, _)| d == domain) {
            Some((_, rules)) => rules.push(rule),
            None => domains.push((domain.to_owned(), vec![rule])),
        }
    }
    if let Some(at) = domains.iter().position(|(d, _)| d == listener_domain) {
        let own = domains.remove(at);
        domains.insert(0, own);
    }
    domains
        .into_iter()
        .map(|(domain, rules)| {
            let limits = rules
                .iter()
                .enumerate()
                .flat_map(|(index, rule)| {
                    let key = if is_shared(rule, global) {
                        rule.name.as_str()
                    } else {
                        route.name.as_str()
                    };
                    rule_rate_limits(key, rule, index)
                })
                .collect();
            (domain, limits)
        })
        .collect()
}

/// The rate limits of `rule`, the `index`-th of its domain on its route, under descriptor `key`: one per
/// method it matches (or one), each followed by its response-cost twin when the response costs too.
fn rule_rate_limits(key: &str, rule: &RateLimitRule, index: usize) -> Vec<RouteRateLimit> {
    let limit = rule.limit.from_metadata.as_ref().map(|m| Override {
        override_specifier: Some(OverrideSpecifier::DynamicMetadata(DynamicMetadata {
            metadata_key: Some(MetadataKey {
                key: m.namespace.clone(),
                path: vec![PathSegment {
                    segment: Some(Segment::Key(m.key.clone())),
                }],
            }),
        })),
    });
    let methods: Vec<Option<&StringMatch>> = if rule.method_matches.is_empty() {
        vec![None]
    } else {
        rule.method_matches.iter().map(Some).collect()
    };
    let mut out = Vec::new();
    for method in methods {
        let actions = actions(key, rule, index, method);
        out.push(RouteRateLimit {
            actions: actions.clone(),
            limit: limit.clone(),
            hits_addend: rule.request_cost.as_ref().map(hits),
            x_ratelimit_option: x_ratelimit_option(rule),
            ..RouteRateLimit::default()
        });
        if let Some(cost) = &rule.response_cost {
            out.push(RouteRateLimit {
                actions,
                limit: limit.clone(),
                hits_addend: Some(hits(cost)),
                apply_on_stream_done: true,
                x_ratelimit_option: x_ratelimit_option(rule),
                ..RouteRateLimit::default()
            });
        }
    }
    out
}

fn hits(cost: &RateLimitCost) -> HitsAddend {
    match cost {
        RateLimitCost::Number(n) => HitsAddend {
            number: Some(UInt64Value { value: *n }),
            ..HitsAddend::default()
        },
        RateLimitCost::Format(f) => HitsAddend {
            format: f.clone(),
            ..HitsAddend::default()
        },
    }
}

fn generic(key: &str) -> Action {
    Action {
        action_specifier: Some(ActionSpecifier::GenericKey(GenericKey {
            descriptor_key: key.to_owned(),
            descriptor_value: key.to_owned(),
            ..GenericKey::default()
        })),
    }
}

/// The descriptor key of match `m` of rule `rule` (`-1` for a rule without matches).
fn descriptor_key(rule: usize, m: i64) -> String {
    format!("rule-{rule}-match-{m}")
}

fn position(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

/// An action matching pseudo-header `name` (`:method`, `:path`) against `m`.
fn pseudo_header(key: String, name: &str, m: &StringMatch) -> Action {
    Action {
        action_specifier: Some(ActionSpecifier::HeaderValueMatch(HeaderValueMatch {
            descriptor_value: key.clone(),
            descriptor_key: key,
            expect_match: Some(boolean(!m.invert)),
            headers: vec![HeaderMatcher {
                name: name.to_owned(),
                header_match_specifier: string_matcher(m).map(HeaderMatchSpecifier::StringMatch),
                ..HeaderMatcher::default()
            }],
            ..HeaderValueMatch::default()
        })),
    }
}

fn header_action(header: &StringMatch, key: String) -> Action {
    let action = if header.distinct {
        ActionSpecifier::RequestHeaders(RequestHeaders {
            header_name: header.name.clone(),
            descriptor_key: key,
            ..RequestHeaders::default()
        })
    } else {
        ActionSpecifier::HeaderValueMatch(HeaderValueMatch {
            descriptor_value: key.clone(),
            descriptor_key: key,
            expect_match: Some(boolean(!header.invert)),
            headers: vec![HeaderMatcher {
                name: header.name.clone(),
                header_match_specifier: string_matcher(header)
                    .map(HeaderMatchSpecifier::StringMatch),
                ..HeaderMatcher::default()
            }],
            ..HeaderValueMatch::default()
        })
    };
    Action {
        action_specifier: Some(action),
    }
}

fn query_action(query: &StringMatch, key: String) -> Action {
    let action = if query.distinct {
        ActionSpecifier::QueryParameters(QueryParameters {
            query_parameter_name: query.name.clone(),
            descriptor_key: key,
            ..QueryParameters::default()
        })
    } else {
        ActionSpecifier::QueryParameterValueMatch(QueryParameterValueMatch {
            descriptor_value: key.clone(),
            descriptor_key: key,
            expect_match: Some(boolean(!query.invert)),
            query_parameters: vec![QueryParameterMatcher {
                name: query.name.clone(),
                query_parameter_match_specifier: string_matcher(query)
                    .map(QueryParameterMatchSpecifier::StringMatch),
            }],
            ..QueryParameterValueMatch::default()
        })
    };
    Action {
        action_specifier: Some(action),
    }
}

/// The actions of `rule` (the `index`-th of its domain) under descriptor `key`, matching `method`.
fn actions(
    key: &str,
    rule: &RateLimitRule,
    index: usize,
    method: Option<&StringMatch>,
) -> Vec<Action> {
    let mut actions = vec![generic(key)];
    for (i, header) in rule.header_matches.iter().enumerate() {
        actions.push(header_action(header, descriptor_key(index, position(i))));
    }
    if let Some(method) = method {
        actions.push(pseudo_header(
            format!("rule-{index}-method"),
            ":method",
            method,
        ));
    }
    if let Some(path) = &rule.path_match {
        actions.push(pseudo_header(format!("rule-{index}-path"), ":path", path));
    }
    let offset = rule.header_matches.len();
    for (i, query) in rule.query_param_matches.iter().enumerate() {
        actions.push(query_action(
            query,
            descriptor_key(index, position(offset + i)),
        ));
    }
    if let Some(cidr) = &rule.cidr_match {
        actions.extend(cidr_actions(
            cidr,
            "masked_remote_address",
            "remote_address",
        ));
    }
    if actions.len() == 1 {
        actions.push(generic(&descriptor_key(index, -1)));
    }
    actions
}

/// The actions of a client address range: the masked address, and the address itself when each address
/// counts separately.
pub(crate) fn cidr_actions(cidr: &CidrMatch, masked_key: &str, remote_key: &str) -> Vec<Action> {
    let (prefix, _) = cidr
        .cidr
        .split_once('/')
        .unwrap_or((cidr.cidr.as_str(), ""));
    let matcher = AddressMatcher {
        ranges: vec![CidrRange {
            address_prefix: prefix.to_owned(),
            prefix_len: Some(crate::wkt::uint32(cidr.mask_len)),
        }],
        invert_match: cidr.invert,
    };
    let masked = masked_value(cidr);
    let mut actions = vec![Action {
        action_specifier: Some(ActionSpecifier::RemoteAddressMatch(RemoteAddressMatch {
            address_matcher: Some(matcher.clone()),
            descriptor_key: masked_key.to_owned(),
            descriptor_value: masked,
            ..RemoteAddressMatch::default()
        })),
    }];
    if cidr.distinct {
        actions.push(Action {
            action_specifier: Some(ActionSpecifier::RemoteAddressMatch(RemoteAddressMatch {
                address_matcher: Some(matcher),
                descriptor_key: remote_key.to_owned(),
                descriptor_value: "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%".to_owned(),
                ..RemoteAddressMatch::default()
            })),
        });
    }
    actions
}

/// The descriptor value of a client address range (`invert:` marks an inverted match).
pub(crate) fn masked_value(cidr: &CidrMatch) -> String {
    if cidr.invert {
        format!("invert:{}", cidr.cidr)
    } else {
        cidr.cidr.clone()
    }
}
