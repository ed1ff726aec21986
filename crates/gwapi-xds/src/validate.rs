//! Envoy's own validation rules (protoc-gen-validate annotations in the descriptor set), checked on every
//! generated resource the way the reference's `Validate()` does: a resource that breaks one is not emitted.
//!
//! The rules checked are the ones generated resources can break: required messages, string and repeated
//! lengths, and numeric bounds; every nested message is checked, `Any` included.
//!
//! The rules are read from the descriptors once (see [`RuleSet`]): each message type keeps only the
//! fields that carry a rule or lead to a message that can, so a check visits no more than that.

// Bounds and lengths are compared as f64: the bounds in Envoy's rules are far below 2^52.
#![allow(clippy::cast_precision_loss)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use prost::{Message, Name};
use prost_reflect::{
    DescriptorPool, DynamicMessage, FieldDescriptor, MessageDescriptor, ReflectMessage, Value,
};

use crate::render::descriptor_pool;
use crate::{Error, Result};

/// Checks `message` against its validation rules; `kind` and `name` go into the error.
pub(crate) fn check<M: Message + Name>(kind: &'static str, name: &str, message: &M) -> Result<()> {
    let pool = descriptor_pool()?;
    let desc = pool
        .get_message_by_name(&M::full_name())
        .ok_or_else(|| Error::UnknownMessage(M::full_name()))?;
    let Some(rules) = RULES.as_ref() else {
        return Ok(());
    };
    if !rules.reaches(desc.full_name()) {
        return Ok(());
    }
    let dynamic =
        DynamicMessage::decode(desc, message.encode_to_vec().as_slice()).map_err(|source| {
            Error::Decode {
                name: M::full_name(),
                source,
            }
        })?;
    let checker = Checker { pool, rules };
    checker
        .message(&dynamic)
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

/// One rule of a field.
#[derive(Clone, Debug)]
enum Rule {
    /// The message must be set.
    Required,
    /// String bounds: characters, bytes.
    String {
        min_len: Option<f64>,
        min_bytes: Option<f64>,
    },
    /// The list must have at least this many items.
    MinItems(Option<f64>),
    /// Numeric bounds, ignored on an empty value when `ignore_empty`.
    Range {
        lt: Option<f64>,
        lte: Option<f64>,
        gt: Option<f64>,
        gte: Option<f64>,
        ignore_empty: bool,
    },
}

/// What is checked on one field: its rules (in the order of the rule message's fields) and whether
/// its messages are visited.
#[derive(Clone, Debug)]
struct FieldCheck {
    field: FieldDescriptor,
    rules: Vec<Rule>,
    descend: bool,
}

/// The validation rules of every message type, by full name: only the fields to look at, in field
/// order; a type absent from the map has nothing to check anywhere below it.
struct RuleSet {
    messages: BTreeMap<String, Vec<FieldCheck>>,
}

/// The message type of a field's values (a map's value type), if they are messages.
fn value_message(field: &FieldDescriptor) -> Option<MessageDescriptor> {
    let kind = field.kind();
    let desc = kind.as_message()?;
    if field.is_map() {
        return desc.map_entry_value_field().kind().as_message().cloned();
    }
    Some(desc.clone())
}

impl RuleSet {
    fn new(pool: &DescriptorPool) -> Option<Self> {
        let extension = pool.get_extension_by_name("validate.rules")?;
        let mut rules: BTreeMap<String, Vec<(FieldDescriptor, Vec<Rule>)>> = BTreeMap::new();
        // Message types that can hold a rule somewhere below them (`Any` always can).
        let mut reaching: BTreeSet<String> = BTreeSet::new();
        for message in pool.all_messages() {
            let mut fields = Vec::new();
            for field in message.fields() {
                let options = field.options();
                if !options.has_extension(&extension) {
                    continue;
                }
                let value = options.get_extension(&extension);
                let Value::Message(field_rules) = &*value else {
                    continue;
                };
                fields.push((field.clone(), parse_rules(field_rules)));
            }
            if message.full_name() == "google.protobuf.Any" || !fields.is_empty() {
                reaching.insert(message.full_name().to_owned());
            }
            rules.insert(message.full_name().to_owned(), fields);
        }
        loop {
            let before = reaching.len();
            for message in pool.all_messages() {
                if reaching.contains(message.full_name()) {
                    continue;
                }
                let reaches = message
                    .fields()
                    .any(|f| value_message(&f).is_some_and(|m| reaching.contains(m.full_name())));
                if reaches {
                    reaching.insert(message.full_name().to_owned());
                }
            }
            if reaching.len() == before {
                break;
            }
        }
        let mut messages = BTreeMap::new();
        for message in pool.all_messages() {
            if !reaching.contains(message.full_name()) {
                continue;
            }
            let mut own = rules.remove(message.full_name()).unwrap_or_default();
            let mut checks = Vec::new();
            for field in message.fields() {
                let descend =
                    value_message(&field).is_some_and(|m| reaching.contains(m.full_name()));
                let rules = own
                    .iter()
                    .position(|(f, _)| *f == field)
                    .map(|i| own.swap_remove(i).1)
                    .unwrap_or_default();
                if descend || !rules.is_empty() {
                    checks.push(FieldCheck {
                        field,
                        rules,
                        descend,
                    });
                }
            }
            messages.insert(message.full_name().to_owned(), checks);
        }
        Some(Self { messages })
    }

    /// Whether messages of the type `name` can break a rule.
    fn reaches(&self, name: &str) -> bool {
        self.messages.contains_key(name)
    }
}

/// The rules of a field's `validate.rules` option that the checker knows.
fn parse_rules(field_rules: &DynamicMessage) -> Vec<Rule> {
    let mut out = Vec::new();
    for (kind, rule) in field_rules.fields() {
        let Value::Message(rule) = rule else {
            continue;
        };
        match kind.name() {
            "message" => {
                let required = rule
                    .get_field_by_name("required")
                    .is_some_and(|v| v.as_bool() == Some(true));
                if required {
                    out.push(Rule::Required);
                }
            }
            "string" => out.push(Rule::String {
                min_len: bound(rule, "min_len"),
                min_bytes: bound(rule, "min_bytes"),
            }),
            "repeated" => out.push(Rule::MinItems(bound(rule, "min_items"))),
            "uint32" | "int32" | "uint64" | "int64" | "double" => out.push(Rule::Range {
                lt: bound(rule, "lt"),
                lte: bound(rule, "lte"),
                gt: bound(rule, "gt"),
                gte: bound(rule, "gte"),
                ignore_empty: rule
                    .get_field_by_name("ignore_empty")
                    .and_then(|v| v.as_bool())
                    == Some(true),
            }),
            _ => {}
        }
    }
    out
}

/// The numeric rule `name` of `rule`, when it is set.
fn bound(rule: &DynamicMessage, name: &str) -> Option<f64> {
    if rule.has_field_by_name(name) {
        number(rule.get_field_by_name(name).as_deref())
    } else {
        None
    }
}

fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::U32(v) => Some(f64::from(*v)),
        Value::I32(v) => Some(f64::from(*v)),
        Value::U64(v) => Some(*v as f64),
        Value::I64(v) => Some(*v as f64),
        Value::F64(v) => Some(*v),
        _ => None,
    }
}

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

struct Checker<'r> {
    pool: DescriptorPool,
    rules: &'r RuleSet,
}

impl Checker<'_> {
    fn message(&self, message: &DynamicMessage) -> Result<(), Failure> {
        let desc = message.descriptor();
        if desc.full_name() == "google.protobuf.Any" {
            return self.any(message);
        }
        let Some(checks) = self.rules.messages.get(desc.full_name()) else {
            return Ok(());
        };
        for check in checks {
            let field = &check.field;
            let segment = || format!(".{}", field.json_name());
            if !check.rules.is_empty() {
                field_rules(message, field, &check.rules).map_err(|f| f.within(segment()))?;
            }
            if !check.descend || !message.has_field(field) {
                continue;
            }
            match &*message.get_field(field) {
                Value::Message(m) => self.message(m).map_err(|f| f.within(segment()))?,
                Value::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Value::Message(m) = item {
                            self.message(m)
                                .map_err(|f| f.within(format!("[{i}]")).within(segment()))?;
                        }
                    }
                }
                Value::Map(entries) => {
                    for value in entries.values() {
                        if let Value::Message(m) = value {
                            self.message(m).map_err(|f| f.within(segment()))?;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn any(&self, message: &DynamicMessage) -> Result<(), Failure> {
        let type_url = message
            .get_field_by_name("type_url")
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let name = type_url.rsplit('/').next().unwrap_or_default();
        if !self.rules.reaches(name) {
            return Ok(());
        }
        let Some(desc) = self.pool.get_message_by_name(name) else {
            return Ok(());
        };
        let bytes = message
            .get_field_by_name("value")
            .and_then(|v| v.as_bytes().cloned())
            .unwrap_or_default();
        let inner = DynamicMessage::decode(desc, bytes).map_err(|e| Failure::new(e.to_string()))?;
        self.message(&inner)
    }
}

/// Checks the rules of one field of `message`.
fn field_rules(
    message: &DynamicMessage,
    field: &FieldDescriptor,
    rules: &[Rule],
) -> Result<(), Failure> {
    let set = message.has_field(field);
    if field.containing_oneof().is_some() && !set {
        return Ok(());
    }
    let value = message.get_field(field);
    for rule in rules {
        match rule {
            Rule::Required => {
                if !set {
                    return Err(Failure::new("value is required".to_owned()));
                }
            }
            Rule::String { min_len, min_bytes } => {
                let text = value.as_str().unwrap_or_default();
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
                let len = value.as_list().map_or(0, <[Value]>::len) as f64;
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
                let Some(v) = number(Some(&*value)) else {
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
    use envoy_types::pb::envoy::config::route::v3::{RouteConfiguration, VirtualHost};

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
}
