//! Envoy's own validation rules (protoc-gen-validate annotations in the descriptor set), checked on every
//! generated resource the way the reference's `Validate()` does: a resource that breaks one is not emitted.
//!
//! The rules checked are the ones generated resources can break: required messages, string and repeated
//! lengths, and numeric bounds; every nested message is checked, `Any` included.
//!
//! The rules are read from the descriptors once (see [`rules::RuleSet`]): each message type keeps only
//! the fields that carry a rule or lead to a message that can, so a check visits no more than that. The
//! check reads the resource's encoding where it lies ([`wire`]): nothing is decoded into a dynamic
//! message, and only the fields with checks are looked at.

// Values are compared as f64, as Envoy's bounds are (far below 2^52); integers are read from the wire
// with protobuf's own conversions (`int32` is a truncated varint, ...).
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap
)]

mod rules;
mod wire;

use std::sync::LazyLock;

use prost::{Message, Name};

use crate::render::descriptor_pool;
use crate::{Error, Result};
use rules::{FieldCheck, FieldKind, Rule, RuleSet, Shape};
use wire::{Fields, Occurrence, decode_error, packed_varints};

/// Checks `message` against its validation rules; `kind` and `name` go into the error.
pub(crate) fn check<M: Message + Name>(kind: &'static str, name: &str, message: &M) -> Result<()> {
    let pool = descriptor_pool()?;
    let desc = pool
        .get_message_by_name(&M::full_name())
        .ok_or_else(|| Error::UnknownMessage(M::full_name()))?;
    let Some(rules) = RULES.as_ref() else {
        return Ok(());
    };
    let Some(&index) = rules.by_name.get(desc.full_name()) else {
        return Ok(());
    };
    let bytes = message.encode_to_vec();
    Checker { rules }
        .message(index, &bytes)
        .map_err(|failure| Error::Validation {
            kind,
            name: name.to_owned(),
            reason: failure.reason(M::NAME),
        })
}

/// The rules of every message type of the descriptor pool, read once.
static RULES: LazyLock<Option<RuleSet>> = LazyLock::new(|| {
    let pool = descriptor_pool().ok()?;
    RuleSet::new(&pool)
});

/// A broken rule: where (path segments, innermost first, added as the check unwinds) and why.
#[derive(Debug)]
struct Failure {
    /// Path segments from the broken field outwards (`.field`, `[i]`).
    path: Vec<String>,
    /// What is wrong (`value is required`).
    what: String,
}

impl Failure {
    fn new(what: String) -> Self {
        Self {
            path: Vec::new(),
            what,
        }
    }

    fn within(mut self, segment: String) -> Self {
        self.path.push(segment);
        self
    }

    /// The reason, with the path under the root type name `root`.
    fn reason(&self, root: &str) -> String {
        let mut path = root.to_owned();
        for segment in self.path.iter().rev() {
            path.push_str(segment);
        }
        format!("{path}: {}", self.what)
    }
}

/// The occurrences of one field in an encoding, in the order they are written.
type Found<'a> = [(usize, Occurrence<'a>)];

struct Checker<'r> {
    rules: &'r RuleSet,
}

impl Checker<'_> {
    /// Checks the encoded message `bytes` of the type `index`: each field with a check, in field order
    /// (its rules, then its values), the first broken rule reported.
    fn message(&self, index: usize, bytes: &[u8]) -> Result<(), Failure> {
        let Some(message) = self.rules.messages.get(index) else {
            return Ok(());
        };
        if message.any {
            return self.any(bytes);
        }
        let mut found = Vec::new();
        let mut fields = Fields::new(bytes);
        while let Some((number, value)) = fields.next_field().map_err(Failure::new)? {
            if let Ok(at) = message.numbers.binary_search_by_key(&number, |(n, _)| *n)
                && let Some((_, check)) = message.numbers.get(at)
            {
                found.push((*check, value));
            }
        }
        // Stable: the occurrences of a field keep their order.
        found.sort_by_key(|(check, _)| *check);
        let mut rest = found.as_slice();
        for (i, check) in message.checks.iter().enumerate() {
            let count = rest.iter().take_while(|(c, _)| *c == i).count();
            let (mine, tail) = rest.split_at_checked(count).unwrap_or((rest, &[]));
            rest = tail;
            self.field(check, mine)?;
        }
        Ok(())
    }

    /// Checks one field: its rules, then its values when they can break one.
    fn field(&self, check: &FieldCheck, found: &Found<'_>) -> Result<(), Failure> {
        let segment = || format!(".{}", check.json_name);
        if !check.rules.is_empty() {
            field_rules(check, found).map_err(|f| f.within(segment()))?;
        }
        let Some(target) = check.target else {
            return Ok(());
        };
        match check.shape {
            Shape::Single if found.len() > 1 => {
                // Occurrences of a message merge: their encodings concatenated.
                let mut merged = Vec::new();
                for (_, value) in found {
                    merged.extend_from_slice(message_bytes(*value)?);
                }
                self.message(target, &merged)
                    .map_err(|f| f.within(segment()))
            }
            Shape::Single => match found.first() {
                Some((_, value)) => self
                    .message(target, message_bytes(*value)?)
                    .map_err(|f| f.within(segment())),
                None => Ok(()),
            },
            Shape::List => {
                for (i, (_, value)) in found.iter().enumerate() {
                    self.message(target, message_bytes(*value)?)
                        .map_err(|f| f.within(format!("[{i}]")).within(segment()))?;
                }
                Ok(())
            }
            Shape::Map => {
                for (_, entry) in found {
                    self.message(target, map_value(message_bytes(*entry)?)?)
                        .map_err(|f| f.within(segment()))?;
                }
                Ok(())
            }
        }
    }

    /// Checks an encoded `Any` as the message it holds, when that type can break a rule.
    fn any(&self, bytes: &[u8]) -> Result<(), Failure> {
        let mut type_url: &[u8] = &[];
        let mut value: &[u8] = &[];
        let mut fields = Fields::new(bytes);
        while let Some((number, field)) = fields.next_field().map_err(Failure::new)? {
            match number {
                1 => type_url = message_bytes(field)?,
                2 => value = message_bytes(field)?,
                _ => {}
            }
        }
        let type_url = utf8(type_url)?;
        let name = type_url.rsplit('/').next().unwrap_or_default();
        match self.rules.by_name.get(name) {
            Some(&index) => self.message(index, value),
            None => Ok(()),
        }
    }
}

/// The bytes of a length-delimited value (a message, a string).
fn message_bytes(value: Occurrence<'_>) -> Result<&[u8], Failure> {
    value
        .bytes()
        .ok_or_else(|| Failure::new(decode_error("invalid wire type")))
}

fn utf8(bytes: &[u8]) -> Result<&str, Failure> {
    std::str::from_utf8(bytes).map_err(|_| {
        Failure::new(decode_error(
            "invalid string value: data is not UTF-8 encoded",
        ))
    })
}

/// The value of an encoded map entry (field 2; empty when absent: the default message).
fn map_value(entry: &[u8]) -> Result<&[u8], Failure> {
    let mut value: &[u8] = &[];
    let mut fields = Fields::new(entry);
    while let Some((number, field)) = fields.next_field().map_err(Failure::new)? {
        if number == 2 {
            value = message_bytes(field)?;
        }
    }
    Ok(value)
}

/// The number of values of a repeated field (packed scalars counted one by one).
fn items(check: &FieldCheck, found: &Found<'_>) -> usize {
    found
        .iter()
        .map(|(_, value)| match (check.kind, value) {
            (
                FieldKind::Bool
                | FieldKind::Enum
                | FieldKind::Int32
                | FieldKind::Sint32
                | FieldKind::Uint32
                | FieldKind::Int64
                | FieldKind::Sint64
                | FieldKind::Uint64,
                Occurrence::Len(bytes),
            ) => packed_varints(bytes),
            (FieldKind::Float | FieldKind::Sfixed32 | FieldKind::Fixed32, Occurrence::Len(b)) => {
                b.len() / 4
            }
            (FieldKind::Double | FieldKind::Sfixed64 | FieldKind::Fixed64, Occurrence::Len(b)) => {
                b.len() / 8
            }
            _ => 1,
        })
        .sum()
}

/// Whether a singular value is its type's default (a field without presence is then unset).
fn is_default(kind: FieldKind, value: Occurrence<'_>) -> bool {
    match value {
        Occurrence::Fixed64(v) if kind == FieldKind::Double => f64::from_bits(v) == 0.0,
        Occurrence::Varint(v) | Occurrence::Fixed64(v) => v == 0,
        Occurrence::Fixed32(v) if kind == FieldKind::Float => f32::from_bits(v) == 0.0,
        Occurrence::Fixed32(v) => v == 0,
        Occurrence::Len(bytes) => kind != FieldKind::Message && bytes.is_empty(),
    }
}

/// Whether the field is set (a repeated field: not empty).
fn is_set(check: &FieldCheck, found: &Found<'_>) -> bool {
    match (check.shape, found.last()) {
        (_, None) => false,
        (Shape::List, Some(_)) => items(check, found) > 0,
        (Shape::Map, Some(_)) => true,
        (Shape::Single, Some((_, value))) => check.presence || !is_default(check.kind, *value),
    }
}

/// The text of a singular string field (empty for any other field, as for an unset one).
fn text<'a>(check: &FieldCheck, found: &Found<'a>) -> Result<&'a str, Failure> {
    if check.shape != Shape::Single || check.kind != FieldKind::String {
        return Ok("");
    }
    match found.last() {
        Some((_, value)) => utf8(message_bytes(*value)?),
        None => Ok(""),
    }
}

/// The number of a singular numeric field (its default when unset); `None` for any other field.
fn number(check: &FieldCheck, found: &Found<'_>) -> Result<Option<f64>, Failure> {
    if check.shape != Shape::Single {
        return Ok(None);
    }
    let value = found.last().map(|(_, v)| *v);
    let wrong = || Failure::new(decode_error("invalid wire type"));
    let n = match (check.kind, value) {
        (
            FieldKind::Message
            | FieldKind::String
            | FieldKind::Bytes
            | FieldKind::Bool
            | FieldKind::Enum
            | FieldKind::Float,
            _,
        ) => return Ok(None),
        (_, None) => 0.0,
        (FieldKind::Int32, Some(Occurrence::Varint(v))) => f64::from(v as i32),
        (FieldKind::Uint32, Some(Occurrence::Varint(v))) => f64::from(v as u32),
        (FieldKind::Sint32, Some(Occurrence::Varint(v))) => {
            let v = v as u32;
            f64::from(((v >> 1) as i32) ^ -((v & 1) as i32))
        }
        (FieldKind::Int64, Some(Occurrence::Varint(v)))
        | (FieldKind::Sfixed64, Some(Occurrence::Fixed64(v))) => v as i64 as f64,
        (FieldKind::Uint64, Some(Occurrence::Varint(v)))
        | (FieldKind::Fixed64, Some(Occurrence::Fixed64(v))) => v as f64,
        (FieldKind::Sint64, Some(Occurrence::Varint(v))) => {
            (((v >> 1) as i64) ^ -((v & 1) as i64)) as f64
        }
        (FieldKind::Fixed32, Some(Occurrence::Fixed32(v))) => f64::from(v),
        (FieldKind::Sfixed32, Some(Occurrence::Fixed32(v))) => f64::from(v as i32),
        (FieldKind::Double, Some(Occurrence::Fixed64(v))) => f64::from_bits(v),
        _ => return Err(wrong()),
    };
    Ok(Some(n))
}

/// Checks the rules of one field.
fn field_rules(check: &FieldCheck, found: &Found<'_>) -> Result<(), Failure> {
    let set = is_set(check, found);
    if check.in_oneof && !set {
        return Ok(());
    }
    for rule in &check.rules {
        match rule {
            Rule::Required => {
                if !set {
                    return Err(Failure::new("value is required".to_owned()));
                }
            }
            Rule::String { min_len, min_bytes } => {
                let text = text(check, found)?;
                let len = text.chars().count() as f64;
                if min_len.is_some_and(|min| len < min)
                    || min_bytes.is_some_and(|min| (text.len() as f64) < min)
                {
                    return Err(Failure::new(
                        "value length must be at least the minimum".to_owned(),
                    ));
                }
            }
            Rule::MinItems(min_items) => {
                let len = if check.shape == Shape::List {
                    items(check, found) as f64
                } else {
                    0.0
                };
                if min_items.is_some_and(|min| len < min) {
                    return Err(Failure::new(
                        "value must contain at least the minimum items".to_owned(),
                    ));
                }
            }
            Rule::Range {
                lt,
                lte,
                gt,
                gte,
                ignore_empty,
            } => {
                let Some(v) = number(check, found)? else {
                    continue;
                };
                let broken = lt.is_some_and(|b| v >= b)
                    || lte.is_some_and(|b| v > b)
                    || gt.is_some_and(|b| v <= b)
                    || gte.is_some_and(|b| v < b);
                if broken && !ignore_empty {
                    return Err(Failure::new(format!("value {v} is out of range")));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use envoy_types::pb::envoy::config::core::v3::{
        Address, SocketAddress, address, socket_address,
    };
    use envoy_types::pb::envoy::config::endpoint::v3::{
        ClusterLoadAssignment, Endpoint, LbEndpoint, LocalityLbEndpoints, lb_endpoint,
    };
    use envoy_types::pb::envoy::config::route::v3::{RouteConfiguration, VirtualHost};
    use envoy_types::pb::envoy::extensions::filters::http::local_ratelimit::v3::LocalRateLimit;
    use prost::{Message, Name};

    use super::check;
    use crate::Error;

    fn reason(config: &RouteConfiguration) -> Option<String> {
        match check("RouteConfiguration", "r", config) {
            Ok(()) => None,
            Err(Error::Validation { reason, .. }) => Some(reason),
            Err(e) => Some(format!("unexpected: {e}")),
        }
    }

    fn config(hosts: Vec<VirtualHost>) -> RouteConfiguration {
        RouteConfiguration {
            name: "r".to_owned(),
            virtual_hosts: hosts,
            ..RouteConfiguration::default()
        }
    }

    #[test]
    fn a_valid_configuration_passes() {
        let host = VirtualHost {
            name: "v".to_owned(),
            domains: vec!["*".to_owned()],
            ..VirtualHost::default()
        };
        assert_eq!(reason(&config(vec![host])), None);
    }

    #[test]
    fn a_broken_rule_is_reported_with_its_path() {
        let ok = VirtualHost {
            name: "v".to_owned(),
            domains: vec!["*".to_owned()],
            ..VirtualHost::default()
        };
        let no_domains = VirtualHost {
            name: "w".to_owned(),
            ..VirtualHost::default()
        };
        assert_eq!(
            reason(&config(vec![ok, no_domains])).as_deref(),
            Some(
                "RouteConfiguration.virtualHosts[1].domains: value must contain at least the \
                 minimum items"
            )
        );
    }

    #[test]
    fn the_first_broken_field_in_field_order_is_reported() {
        let host = VirtualHost::default();
        assert_eq!(
            reason(&config(vec![host])).as_deref(),
            Some(
                "RouteConfiguration.virtualHosts[0].name: value length must be at least the minimum"
            )
        );
    }

    fn endpoints(port: socket_address::PortSpecifier) -> ClusterLoadAssignment {
        let address = Address {
            address: Some(address::Address::SocketAddress(SocketAddress {
                address: "10.0.0.1".to_owned(),
                port_specifier: Some(port),
                ..SocketAddress::default()
            })),
        };
        ClusterLoadAssignment {
            cluster_name: "c".to_owned(),
            endpoints: vec![LocalityLbEndpoints {
                lb_endpoints: vec![LbEndpoint {
                    host_identifier: Some(lb_endpoint::HostIdentifier::Endpoint(Endpoint {
                        address: Some(address),
                        ..Endpoint::default()
                    })),
                    ..LbEndpoint::default()
                }],
                ..LocalityLbEndpoints::default()
            }],
            ..ClusterLoadAssignment::default()
        }
    }

    #[test]
    fn numeric_bounds_are_checked_and_unset_oneof_members_are_not() {
        let out_of_range = endpoints(socket_address::PortSpecifier::PortValue(70_000));
        let got = check("ClusterLoadAssignment", "c", &out_of_range);
        assert!(
            matches!(&got, Err(Error::Validation { reason, .. }) if reason ==
                "ClusterLoadAssignment.endpoints[0].lbEndpoints[0].endpoint.address.socketAddress\
                 .portValue: value 70000 is out of range"),
            "{got:?}"
        );
        let in_range = endpoints(socket_address::PortSpecifier::PortValue(8080));
        assert!(check("ClusterLoadAssignment", "c", &in_range).is_ok());
        let named = endpoints(socket_address::PortSpecifier::NamedPort("http".to_owned()));
        assert!(check("ClusterLoadAssignment", "c", &named).is_ok());
    }

    #[test]
    fn the_message_in_an_any_of_a_map_is_checked() {
        let any = |limit: &LocalRateLimit| envoy_types::pb::google::protobuf::Any {
            type_url: format!("type.googleapis.com/{}", LocalRateLimit::full_name()),
            value: limit.encode_to_vec(),
        };
        let host = |limit: &LocalRateLimit| VirtualHost {
            name: "v".to_owned(),
            domains: vec!["*".to_owned()],
            typed_per_filter_config: [("f".to_owned(), any(limit))].into_iter().collect(),
            ..VirtualHost::default()
        };
        assert_eq!(
            reason(&config(vec![host(&LocalRateLimit::default())])).as_deref(),
            Some(
                "RouteConfiguration.virtualHosts[0].typedPerFilterConfig.statPrefix: value length \
                 must be at least the minimum"
            )
        );
        let named = LocalRateLimit {
            stat_prefix: "s".to_owned(),
            ..LocalRateLimit::default()
        };
        assert_eq!(reason(&config(vec![host(&named)])), None);
    }
}
