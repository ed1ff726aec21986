//! The matcher tree of an authorization (SecurityPolicy `authorization`), shared by the HTTP and the
//! network RBAC filters: one matcher per rule, in order (the first matching rule decides), whose
//! predicate is the conjunction of the rule's conditions, and the default action when none matches.

use envoy_types::pb::envoy::config::core::v3::CidrRange;
use envoy_types::pb::envoy::config::rbac::v3::{Action, rbac::Action as RbacAction};
use envoy_types::pb::envoy::extensions::matching::common_inputs::network::v3::{
    DynamicMetadataInput, SourceIpInput, dynamic_metadata_input::PathSegment,
    dynamic_metadata_input::path_segment::Segment,
};
use envoy_types::pb::envoy::extensions::matching::input_matchers::ip::v3::Ip;
use envoy_types::pb::envoy::extensions::matching::input_matchers::metadata::v3::Metadata;
use envoy_types::pb::envoy::r#type::matcher::v3::{
    HttpRequestHeaderMatchInput, ListMatcher, StringMatcher as EnvoyStringMatcher, ValueMatcher,
    list_matcher, string_matcher::MatchPattern as EnvoyPattern, value_matcher,
};
use envoy_types::pb::xds::core::v3::TypedExtensionConfig;
use envoy_types::pb::xds::r#type::matcher::v3::matcher::matcher_list::predicate::{
    MatchType, PredicateList, SinglePredicate, single_predicate,
};
use envoy_types::pb::xds::r#type::matcher::v3::matcher::matcher_list::{FieldMatcher, Predicate};
use envoy_types::pb::xds::r#type::matcher::v3::matcher::{
    MatcherList, MatcherType, OnMatch, on_match,
};
use envoy_types::pb::xds::r#type::matcher::v3::{
    Matcher, RegexMatcher, StringMatcher, regex_matcher, string_matcher,
};
use gwapi_ir::ir::{
    Authorization, AuthorizationAction, AuthorizationPathMatch, AuthorizationRule, CidrMatch,
    JwtClaim, JwtClaimValueType, JwtPrincipal, PathMatchType,
};

use envoy_types::pb::google::protobuf::Any;
use prost::Message as _;

use crate::any::pack;
use crate::wkt::uint32;

/// The filter whose metadata holds the verified JWT payloads (keyed by provider name).
const JWT_METADATA_FILTER: &str = "envoy.filters.http.jwt_authn";

/// The claims that can hold a token's scopes.
const SCOPE_CLAIMS: [&str; 2] = ["scope", "scp"];

fn extension(name: &str, config: Any) -> TypedExtensionConfig {
    TypedExtensionConfig {
        name: name.to_owned(),
        typed_config: Some(config),
    }
}

/// The RBAC action `action` named `name`.
pub(crate) fn action(name: &str, action: AuthorizationAction) -> OnMatch {
    let config = match action {
        AuthorizationAction::Allow => Action {
            name: "ALLOW".to_owned(),
            action: RbacAction::Allow.into(),
        },
        AuthorizationAction::Deny => Action {
            name: "DENY".to_owned(),
            action: RbacAction::Deny.into(),
        },
    };
    OnMatch {
        on_match: Some(on_match::OnMatch::Action(extension(name, pack(&config)))),
        ..OnMatch::default()
    }
}

fn predicate(match_type: MatchType) -> Predicate {
    Predicate {
        match_type: Some(match_type),
    }
}

/// One predicate for all of `predicates` (`None` when there are none) combined with `combine`
/// (`MatchType::OrMatcher` or `MatchType::AndMatcher`); a single predicate stands alone.
pub(crate) fn combine(
    mut predicates: Vec<Predicate>,
    combine: fn(PredicateList) -> MatchType,
) -> Option<Predicate> {
    if predicates.len() > 1 {
        Some(predicate(combine(PredicateList {
            predicate: predicates,
        })))
    } else {
        predicates.pop()
    }
}

/// A predicate on the request header `name` matching `matcher`.
pub(crate) fn header(
    name: &str,
    matcher: string_matcher::MatchPattern,
    ignore_case: bool,
) -> Predicate {
    let input = HttpRequestHeaderMatchInput {
        header_name: name.to_owned(),
    };
    predicate(MatchType::SinglePredicate(SinglePredicate {
        input: Some(extension("http_header", pack(&input))),
        matcher: Some(single_predicate::Matcher::ValueMatch(StringMatcher {
            ignore_case,
            match_pattern: Some(matcher),
        })),
    }))
}

fn exact(value: &str) -> string_matcher::MatchPattern {
    string_matcher::MatchPattern::Exact(value.to_owned())
}

fn custom(input: TypedExtensionConfig, matcher: TypedExtensionConfig) -> Predicate {
    predicate(MatchType::SinglePredicate(SinglePredicate {
        input: Some(input),
        matcher: Some(single_predicate::Matcher::CustomMatch(matcher)),
    }))
}

fn client_cidrs(cidrs: &[CidrMatch]) -> Option<Predicate> {
    if cidrs.is_empty() {
        return None;
    }
    let ranges = cidrs
        .iter()
        .map(|c| CidrRange {
            address_prefix: c
                .cidr
                .split_once('/')
                .map_or(c.cidr.as_str(), |(address, _)| address)
                .to_owned(),
            prefix_len: Some(uint32(c.mask_len)),
        })
        .collect();
    let matcher = Ip {
        cidr_ranges: ranges,
        stat_prefix: "client_ip".to_owned(),
    };
    Some(custom(
        extension("client_ip", pack(&SourceIpInput::default())),
        extension("ip_matcher", pack(&matcher)),
    ))
}

/// A predicate on the JWT payload of `provider` at `path` matching `value`.
fn metadata(
    provider: &str,
    path: &[&str],
    input: &str,
    matcher: &str,
    value: ValueMatcher,
) -> Predicate {
    let segments = std::iter::once(provider)
        .chain(path.iter().copied())
        .map(|key| PathSegment {
            segment: Some(Segment::Key(key.to_owned())),
        })
        .collect();
    let metadata_input = DynamicMetadataInput {
        filter: JWT_METADATA_FILTER.to_owned(),
        path: segments,
    };
    let metadata_matcher = Metadata {
        value: Some(value),
        ..Metadata::default()
    };
    custom(
        extension(input, pack(&metadata_input)),
        extension(matcher, pack(&metadata_matcher)),
    )
}

fn string_value(value: &str) -> ValueMatcher {
    ValueMatcher {
        match_pattern: Some(value_matcher::MatchPattern::StringMatch(
            EnvoyStringMatcher {
                match_pattern: Some(EnvoyPattern::Exact(value.to_owned())),
                ..EnvoyStringMatcher::default()
            },
        )),
    }
}

fn list_element(value: &str) -> ValueMatcher {
    ValueMatcher {
        match_pattern: Some(value_matcher::MatchPattern::ListMatch(Box::new(
            ListMatcher {
                match_pattern: Some(list_matcher::MatchPattern::OneOf(Box::new(string_value(
                    value,
                )))),
            },
        ))),
    }
}

/// One predicate per scope: the scope is one of the `scope` or `scp` claim's elements.
fn scopes(jwt: &JwtPrincipal) -> impl Iterator<Item = Predicate> + '_ {
    jwt.scopes.iter().filter_map(|scope| {
        let alternatives = SCOPE_CLAIMS
            .iter()
            .map(|claim| {
                metadata(
                    &jwt.provider,
                    &[claim],
                    "scope",
                    "scope_matcher",
                    list_element(scope),
                )
            })
            .collect();
        combine(alternatives, MatchType::OrMatcher)
    })
}

/// One predicate per claim: the claim (a dotted path for nested claims) has one of its values.
fn claims<'a>(provider: &'a str, claims: &'a [JwtClaim]) -> impl Iterator<Item = Predicate> + 'a {
    claims.iter().filter_map(move |claim| {
        let path: Vec<&str> = claim.name.split('.').collect();
        let alternatives = claim
            .values
            .iter()
            .map(|value| {
                let matcher = match claim.value_type {
                    Some(JwtClaimValueType::StringArray) => list_element(value),
                    _ => string_value(value),
                };
                metadata(provider, &path, "claim", "claim_matcher", matcher)
            })
            .collect();
        combine(alternatives, MatchType::OrMatcher)
    })
}

/// A predicate on the request path.
fn path(path: &AuthorizationPathMatch) -> Predicate {
    let pattern = match path.match_type.unwrap_or_default() {
        PathMatchType::Exact => exact(&path.value),
        PathMatchType::PathPrefix => string_matcher::MatchPattern::Prefix(path.value.clone()),
        PathMatchType::RegularExpression => string_matcher::MatchPattern::SafeRegex(RegexMatcher {
            regex: path.value.clone(),
            engine_type: Some(regex_matcher::EngineType::GoogleRe2(
                regex_matcher::GoogleRe2::default(),
            )),
        }),
    };
    let matches = header(":path", pattern, false);
    if path.invert {
        predicate(MatchType::NotMatcher(Box::new(matches)))
    } else {
        matches
    }
}

/// The conditions of `rule`, in order: CEL expression, methods, path, client addresses, JWT scopes and claims, headers.
fn conditions(rule: &AuthorizationRule) -> Vec<Predicate> {
    let mut out: Vec<Predicate> = rule.cel.as_deref().and_then(cel).into_iter().collect();
    if let Some(operation) = &rule.operation {
        let methods = operation
            .methods
            .iter()
            .map(|m| header(":method", exact(m), true))
            .collect();
        out.extend(combine(methods, MatchType::OrMatcher));
        out.extend(operation.path.as_ref().map(path));
    }
    let principal = &rule.principal;
    out.extend(client_cidrs(&principal.client_cidrs));
    if let Some(jwt) = &principal.jwt {
        out.extend(scopes(jwt));
        out.extend(claims(&jwt.provider, &jwt.claims));
    }
    for h in &principal.headers {
        let values = h
            .values
            .iter()
            .map(|v| header(&h.name, exact(v), false))
            .collect();
        out.extend(combine(values, MatchType::OrMatcher));
    }
    out
}

/// Whether every condition of `rule` can be expressed (geolocation and some CEL expressions cannot yet).
fn supported(rule: &AuthorizationRule) -> bool {
    rule.cel.as_deref().is_none_or(|e| cel(e).is_some())
        && rule.principal.client_ip_geo_locations.is_empty()
}

/// `full_name` configured by `config` (proto3 JSON), for the types envoy-types has no Rust type for.
fn dynamic_any(full_name: &str, config: serde_json::Value) -> Option<Any> {
    let desc = crate::render::descriptor_pool()
        .ok()?
        .get_message_by_name(full_name)?;
    let message = prost_reflect::DynamicMessage::deserialize(desc, config).ok()?;
    Some(Any {
        type_url: format!("type.googleapis.com/{full_name}"),
        value: crate::canonical_encoding::canonicalize(full_name, message.encode_to_vec()),
    })
}

/// A predicate on the CEL expression `expression` over the request's attributes, `None` when it
/// cannot be parsed (see [`super::cel`]).
fn cel(expression: &str) -> Option<Predicate> {
    let parsed = super::cel::parse(expression)?;
    let matcher = dynamic_any(
        "xds.type.matcher.v3.CelMatcher",
        serde_json::json!({ "exprMatch": { "celExprParsed": parsed } }),
    )?;
    let input = dynamic_any(
        "xds.type.matcher.v3.HttpAttributesCelMatchInput",
        serde_json::json!({}),
    )?;
    Some(custom(
        extension("cel", input),
        extension("cel_matcher", matcher),
    ))
}

/// A predicate every connection matches: a client address in `0.0.0.0/0` or `::/0`.
fn any_client() -> Predicate {
    let any = |address: &str| CidrMatch {
        cidr: format!("{address}/0"),
        ..CidrMatch::default()
    };
    client_cidrs(&[any("0.0.0.0"), any("::")]).unwrap_or_default()
}

/// The matcher of `authorization`: its rules in order, then its default action. A rule with no
/// condition matches every request. Conditions that cannot be expressed yet (see [`supported`])
/// fail closed: an `Allow` rule with one is left out, a `Deny` rule ignores them (and so denies more).
pub(crate) fn matcher(authorization: &Authorization) -> Matcher {
    let matchers: Vec<FieldMatcher> = authorization
        .rules
        .iter()
        .filter(|r| supported(r) || r.action == AuthorizationAction::Deny)
        .map(|rule| FieldMatcher {
            predicate: Some(
                combine(conditions(rule), MatchType::AndMatcher).unwrap_or_else(any_client),
            ),
            on_match: Some(action(&rule.name, rule.action)),
        })
        .collect();
    Matcher {
        on_no_match: Some(Box::new(action("default", authorization.default_action))),
        matcher_type: (!matchers.is_empty())
            .then_some(MatcherType::MatcherList(MatcherList { matchers })),
    }
}
