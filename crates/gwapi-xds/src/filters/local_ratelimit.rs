//! `envoy.filters.http.local_ratelimit`: per-proxy token buckets. The listener gets the filter, each
//! limited route its buckets, descriptors and the actions that fill them.

use envoy_types::pb::envoy::config::core::v3::RuntimeFractionalPercent;
use envoy_types::pb::envoy::config::route::v3::{
    HeaderMatcher, RateLimit as RouteRateLimit,
    header_matcher::HeaderMatchSpecifier,
    rate_limit::{
        Action, action::ActionSpecifier, action::HeaderValueMatch, action::RequestHeaders,
    },
};
use envoy_types::pb::envoy::extensions::common::ratelimit::v3::{
    LocalRateLimitDescriptor, XRateLimitHeadersRfcVersion, rate_limit_descriptor::Entry,
};
use envoy_types::pb::envoy::extensions::filters::http::local_ratelimit::v3::LocalRateLimit;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpFilter, http_filter::ConfigType,
};
use envoy_types::pb::envoy::r#type::matcher::v3::{StringMatcher, string_matcher::MatchPattern};
use envoy_types::pb::envoy::r#type::v3::{FractionalPercent, TokenBucket};
use envoy_types::pb::google::protobuf::{Any, Duration};
use gwapi_ir::ir::{
    HttpListener, HttpRoute, LocalRateLimit as IrLocal, RateLimitRule, RateLimitValue, StringMatch,
};

use super::HttpFilterBuilder;
use crate::Result;
use crate::any::pack;
use crate::route::matching::string_matcher;
use crate::wkt::{boolean, uint32};

/// The filter name, also the key of its per-route configuration.
pub(crate) const NAME: &str = "envoy.filters.http.local_ratelimit";
/// The stat prefix of the filter.
const STAT_PREFIX: &str = "http_local_rate_limiter";
/// How many descriptors distinct values may create.
const MAX_DYNAMIC_DESCRIPTORS: u32 = 10_000;

fn local(route: &HttpRoute) -> Option<&IrLocal> {
    route.traffic.as_ref()?.rate_limit.as_ref()?.local.as_ref()
}

/// The local rate limit filter.
pub(crate) struct LocalRateLimitFilter;

impl HttpFilterBuilder for LocalRateLimitFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        if !listener.routes.iter().any(|r| local(r).is_some()) {
            return Ok(None);
        }
        let config = LocalRateLimit {
            stat_prefix: STAT_PREFIX.to_owned(),
            max_dynamic_descriptors: Some(uint32(MAX_DYNAMIC_DESCRIPTORS)),
            ..LocalRateLimit::default()
        };
        Ok(Some(HttpFilter {
            name: NAME.to_owned(),
            config_type: Some(ConfigType::TypedConfig(pack(&config))),
            ..HttpFilter::default()
        }))
    }
}

/// The bucket of `limit`: refilled with all its tokens once per unit.
fn bucket(limit: &RateLimitValue) -> TokenBucket {
    let seconds = match limit.unit.as_str() {
        "Second" => 1,
        "Minute" => 60,
        "Hour" => 3600,
        "Day" => 86_400,
        _ => 0,
    };
    TokenBucket {
        max_tokens: limit.requests,
        tokens_per_fill: Some(uint32(limit.requests)),
        fill_interval: Some(Duration { seconds, nanos: 0 }),
    }
}

fn all() -> RuntimeFractionalPercent {
    RuntimeFractionalPercent {
        default_value: Some(FractionalPercent {
            numerator: 100,
            ..FractionalPercent::default()
        }),
        ..RuntimeFractionalPercent::default()
    }
}

/// The per-route configuration of `route`, if it is locally rate limited.
pub(crate) fn per_route(route: &HttpRoute) -> Option<Any> {
    let local = local(route)?;
    let mut descriptors = Vec::new();
    let mut rate_limits = Vec::new();
    for (index, rule) in local.rules.iter().enumerate() {
        let (entries, actions) = rule_descriptor(index, rule);
        descriptors.push(LocalRateLimitDescriptor {
            entries,
            token_bucket: Some(bucket(&rule.limit)),
            ..LocalRateLimitDescriptor::default()
        });
        rate_limits.push(RouteRateLimit {
            actions,
            x_ratelimit_option: super::ratelimit_actions::x_ratelimit_option(rule),
            ..RouteRateLimit::default()
        });
    }
    Some(pack(&LocalRateLimit {
        stat_prefix: STAT_PREFIX.to_owned(),
        token_bucket: local.default.as_ref().map(bucket),
        filter_enabled: Some(all()),
        filter_enforced: Some(all()),
        descriptors,
        rate_limits,
        enable_x_ratelimit_headers: XRateLimitHeadersRfcVersion::DraftVersion03.into(),
        always_consume_default_token_bucket: Some(boolean(false)),
        ..LocalRateLimit::default()
    }))
}

fn value_match(key: String, header: HeaderMatcher, expect: bool) -> Action {
    Action {
        action_specifier: Some(ActionSpecifier::HeaderValueMatch(HeaderValueMatch {
            descriptor_value: key.clone(),
            descriptor_key: key,
            expect_match: Some(boolean(expect)),
            headers: vec![header],
            ..HeaderValueMatch::default()
        })),
    }
}

fn pseudo_header(name: &str, m: &StringMatch) -> HeaderMatcher {
    HeaderMatcher {
        name: name.to_owned(),
        header_match_specifier: string_matcher(m).map(HeaderMatchSpecifier::StringMatch),
        ..HeaderMatcher::default()
    }
}

/// The descriptor entries of rule `index` and the actions that produce them.
fn rule_descriptor(index: usize, rule: &RateLimitRule) -> (Vec<Entry>, Vec<Action>) {
    let mut entries = Vec::new();
    let mut actions = Vec::new();
    for (i, header) in rule.header_matches.iter().enumerate() {
        let key = format!("rule-{index}-match-{i}");
        if header.distinct {
            entries.push(Entry {
                key: key.clone(),
                value: String::new(),
            });
            actions.push(Action {
                action_specifier: Some(ActionSpecifier::RequestHeaders(RequestHeaders {
                    header_name: header.name.clone(),
                    descriptor_key: key,
                    ..RequestHeaders::default()
                })),
            });
        } else {
            entries.push(Entry {
                key: key.clone(),
                value: key.clone(),
            });
            actions.push(value_match(
                key,
                pseudo_header(&header.name, header),
                !header.invert,
            ));
        }
    }
    for method in &rule.method_matches {
        let key = format!("rule-{index}-method");
        entries.push(Entry {
            key: key.clone(),
            value: key.clone(),
        });
        actions.push(value_match(
            key,
            pseudo_header(":method", method),
            !method.invert,
        ));
    }
    if let Some(cidr) = &rule.cidr_match {
        let masked = format!("rule-{index}-masked-remote-address");
        let remote = format!("rule-{index}-remote-address");
        entries.push(Entry {
            key: masked.clone(),
            value: super::ratelimit_actions::masked_value(cidr),
        });
        if cidr.distinct {
            entries.push(Entry {
                key: remote.clone(),
                value: String::new(),
            });
        }
        actions.extend(super::ratelimit_actions::cidr_actions(
            cidr, &masked, &remote,
        ));
    }
    if let Some(path) = &rule.path_match {
        let key = format!("rule-{index}-path");
        entries.push(Entry {
            key: key.clone(),
            value: key.clone(),
        });
        let mut header = pseudo_header(":path", path);
        if header.header_match_specifier.is_none() {
            header.header_match_specifier =
                Some(HeaderMatchSpecifier::StringMatch(StringMatcher {
                    match_pattern: Some(MatchPattern::Prefix("/".to_owned())),
                    ..StringMatcher::default()
                }));
        }
        actions.push(value_match(key, header, !path.invert));
    }
    (entries, actions)
}
