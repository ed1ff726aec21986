//! Rate limit service descriptors: one chain per rule, one link per match, the limit on the last link.

use gwapi_ir::ir::RateLimitRule;
use serde::Serialize;

use crate::filters::ratelimit_actions::masked_value;

/// One descriptor entry of the rate limit service configuration.
#[allow(
    clippy::struct_excessive_bools,
    reason = "mirrors the rate limit service's RateLimitDescriptor message field for field"
)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RateLimitDescriptor {
    /// The descriptor key the route action sends.
    pub key: String,
    /// The value that must match; empty to count each distinct value separately.
    pub value: String,
    /// The limit, on the last descriptor of a chain.
    pub rate_limit: Option<RateLimitPolicy>,
    /// The nested descriptors.
    pub descriptors: Vec<RateLimitDescriptor>,
    /// Whether the limit is only reported, not enforced.
    pub shadow_mode: bool,
    /// Whether the limit is a quota (never set by the gateway).
    pub quota_mode: bool,
    /// Whether detailed metrics are kept (never set by the gateway).
    pub detailed_metric: bool,
    /// Whether descriptor values appear in metric names (never set by the gateway).
    pub value_to_metric: bool,
    /// Whether the limit is shared by values matching a wildcard (never set by the gateway).
    pub share_threshold: bool,
}

impl RateLimitDescriptor {
    /// A descriptor whose value is its key.
    fn keyed(key: String) -> Self {
        Self {
            value: key.clone(),
            key,
            ..Self::default()
        }
    }

    /// A descriptor named `key` (with the same value) holding `children`.
    pub(crate) fn parent(key: &str, children: Vec<Self>) -> Self {
        Self {
            descriptors: children,
            ..Self::keyed(key.to_owned())
        }
    }
}

/// A limit: so many requests per unit of time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RateLimitPolicy {
    /// Requests allowed per unit.
    pub requests_per_unit: u32,
    /// The unit of time.
    pub unit: RateLimitUnit,
    /// Whether there is no limit (never set by the gateway).
    pub unlimited: bool,
    /// The limit's name (never set by the gateway).
    pub name: String,
    /// Names of limits this one replaces (never set by the gateway).
    pub replaces: Vec<String>,
}

/// The unit of time of a limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RateLimitUnit {
    /// A unit the IR does not name.
    #[default]
    Unknown,
    /// Per second.
    Second,
    /// Per minute.
    Minute,
    /// Per hour.
    Hour,
    /// Per day.
    Day,
    /// Per week.
    Week,
    /// Per month.
    Month,
    /// Per year.
    Year,
}

impl RateLimitUnit {
    /// The unit the IR spells `unit` (case-insensitively).
    #[must_use]
    pub fn parse(unit: &str) -> Self {
        match unit.to_ascii_lowercase().as_str() {
            "second" => Self::Second,
            "minute" => Self::Minute,
            "hour" => Self::Hour,
            "day" => Self::Day,
            "week" => Self::Week,
            "month" => Self::Month,
            "year" => Self::Year,
            _ => Self::Unknown,
        }
    }
}

/// The key of match `m` of rule `rule` (`-1` for a rule without matches), as the route actions send it.
fn match_key(rule: usize, m: i64) -> String {
    format!("rule-{rule}-match-{m}")
}

fn index(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

/// The links of `rule` (the `index`-th of its domain on its route), outermost first.
fn links(rule: &RateLimitRule, index_in_domain: usize) -> Vec<RateLimitDescriptor> {
    let mut links = Vec::new();
    for (i, header) in rule.header_matches.iter().enumerate() {
        let key = match_key(index_in_domain, index(i));
        links.push(if header.distinct {
            RateLimitDescriptor {
                key,
                ..RateLimitDescriptor::default()
            }
        } else {
            RateLimitDescriptor::keyed(key)
        });
    }
    if !rule.method_matches.is_empty() {
        links.push(RateLimitDescriptor::keyed(format!(
            "rule-{index_in_domain}-method"
        )));
    }
    if rule.path_match.is_some() {
        links.push(RateLimitDescriptor::keyed(format!(
            "rule-{index_in_domain}-path"
        )));
    }
    let offset = rule.header_matches.len();
    for (i, query) in rule.query_param_matches.iter().enumerate() {
        let key = match_key(index_in_domain, index(offset + i));
        links.push(if query.distinct {
            RateLimitDescriptor {
                key,
                ..RateLimitDescriptor::default()
            }
        } else {
            RateLimitDescriptor::keyed(key)
        });
    }
    if let Some(cidr) = &rule.cidr_match {
        links.push(RateLimitDescriptor {
            key: "masked_remote_address".to_owned(),
            value: masked_value(cidr),
            ..RateLimitDescriptor::default()
        });
        if cidr.distinct {
            links.push(RateLimitDescriptor {
                key: "remote_address".to_owned(),
                ..RateLimitDescriptor::default()
            });
        }
    }
    if links.is_empty() {
        links.push(RateLimitDescriptor::keyed(match_key(index_in_domain, -1)));
    }
    links
}

/// The descriptor chain of `rule`, the `index_in_domain`-th rule of its route in its domain, with the
/// limit on its last link.
pub(crate) fn chain(rule: &RateLimitRule, index_in_domain: usize) -> RateLimitDescriptor {
    let mut links = links(rule, index_in_domain);
    let mut node = links.pop().unwrap_or_default();
    node.rate_limit = Some(RateLimitPolicy {
        requests_per_unit: rule.limit.requests,
        unit: RateLimitUnit::parse(&rule.limit.unit),
        ..RateLimitPolicy::default()
    });
    node.shadow_mode = rule.shadow_mode.unwrap_or(false);
    while let Some(mut parent) = links.pop() {
        parent.descriptors = vec![node];
        node = parent;
    }
    node
}
