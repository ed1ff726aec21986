//! The validation rules of every message type, read once from the descriptors' `validate.rules`
//! options and compiled to what the checker needs: for each message type that can break a rule, the
//! fields to look at (by field number), their rules, and the message type their values are checked as.

// Bounds are kept as f64: the bounds in Envoy's rules are far below 2^52.
#![allow(clippy::cast_precision_loss)]

use std::collections::{BTreeMap, BTreeSet};

use prost_reflect::{
    DescriptorPool, DynamicMessage, FieldDescriptor, Kind, MessageDescriptor, Value,
};

/// One rule of a field.
#[derive(Clone, Debug)]
pub(super) enum Rule {
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

/// The type of a field's values, as the checker reads them from the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FieldKind {
    Message,
    String,
    Bytes,
    Bool,
    Enum,
    Float,
    Double,
    Int32,
    Sint32,
    Sfixed32,
    Uint32,
    Fixed32,
    Int64,
    Sint64,
    Sfixed64,
    Uint64,
    Fixed64,
}

impl FieldKind {
    fn of(kind: &Kind) -> Self {
        match kind {
            Kind::Message(_) => Self::Message,
            Kind::String => Self::String,
            Kind::Bytes => Self::Bytes,
            Kind::Bool => Self::Bool,
            Kind::Enum(_) => Self::Enum,
            Kind::Float => Self::Float,
            Kind::Double => Self::Double,
            Kind::Int32 => Self::Int32,
            Kind::Sint32 => Self::Sint32,
            Kind::Sfixed32 => Self::Sfixed32,
            Kind::Uint32 => Self::Uint32,
            Kind::Fixed32 => Self::Fixed32,
            Kind::Int64 => Self::Int64,
            Kind::Sint64 => Self::Sint64,
            Kind::Sfixed64 => Self::Sfixed64,
            Kind::Uint64 => Self::Uint64,
            Kind::Fixed64 => Self::Fixed64,
        }
    }
}

/// How many values a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Single,
    List,
    Map,
}

/// What is checked on one field: its rules (in the order of the rule message's fields) and, when its
/// values can break a rule, the message type they are checked as.
#[derive(Clone, Debug)]
pub(super) struct FieldCheck {
    /// The field's JSON name (the path of a failure).
    pub json_name: String,
    /// The type of its values (a map's value type).
    pub kind: FieldKind,
    pub shape: Shape,
    /// Whether it belongs to a oneof (rules of an unset member are not checked).
    pub in_oneof: bool,
    /// Whether it has presence (else a default value is unset).
    pub presence: bool,
    pub rules: Vec<Rule>,
    /// The message type (index in [`RuleSet::messages`]) its values are checked as.
    pub target: Option<usize>,
}

/// The checks of one message type, in field order.
#[derive(Debug, Default)]
pub(super) struct MessageChecks {
    /// Whether it is `google.protobuf.Any` (checked as the message it holds).
    pub any: bool,
    pub checks: Vec<FieldCheck>,
    /// Field numbers and the index of their check, by number.
    pub numbers: Vec<(u64, usize)>,
}

/// The validation rules of every message type; a type absent from `by_name` has nothing to check
/// anywhere below it.
#[derive(Debug)]
pub(super) struct RuleSet {
    pub messages: Vec<MessageChecks>,
    pub by_name: BTreeMap<String, usize>,
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

/// The kind of a field's values (a map's value type).
fn value_kind(field: &FieldDescriptor) -> FieldKind {
    if field.is_map()
        && let Some(entry) = field.kind().as_message()
    {
        return FieldKind::of(&entry.map_entry_value_field().kind());
    }
    FieldKind::of(&field.kind())
}

impl RuleSet {
    pub(super) fn new(pool: &DescriptorPool) -> Option<Self> {
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
        let by_name: BTreeMap<String, usize> = reaching
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), i))
            .collect();
        let mut messages = Vec::with_capacity(reaching.len());
        for name in &reaching {
            let Some(message) = pool.get_message_by_name(name) else {
                messages.push(MessageChecks::default());
                continue;
            };
            let own = rules.remove(name).unwrap_or_default();
            messages.push(compile(&message, own, &by_name));
        }
        Some(Self { messages, by_name })
    }
}

/// The checks of `message`: the fields with rules (`own`) or leading to a type in `by_name`.
fn compile(
    message: &MessageDescriptor,
    mut own: Vec<(FieldDescriptor, Vec<Rule>)>,
    by_name: &BTreeMap<String, usize>,
) -> MessageChecks {
    let mut checks = Vec::new();
    let mut numbers = Vec::new();
    for field in message.fields() {
        let target = value_message(&field).and_then(|m| by_name.get(m.full_name()).copied());
        let rules = own
            .iter()
            .position(|(f, _)| *f == field)
            .map(|i| own.swap_remove(i).1)
            .unwrap_or_default();
        if target.is_none() && rules.is_empty() {
            continue;
        }
        numbers.push((u64::from(field.number()), checks.len()));
        checks.push(FieldCheck {
            json_name: field.json_name().to_owned(),
            kind: value_kind(&field),
            shape: if field.is_map() {
                Shape::Map
            } else if field.is_list() {
                Shape::List
            } else {
                Shape::Single
            },
            in_oneof: field.containing_oneof().is_some(),
            presence: field.supports_presence(),
            rules,
            target,
        });
    }
    numbers.sort_unstable();
    MessageChecks {
        any: message.full_name() == "google.protobuf.Any",
        checks,
        numbers,
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
    if !rule.has_field_by_name(name) {
        return None;
    }
    match rule.get_field_by_name(name).as_deref()? {
        Value::U32(v) => Some(f64::from(*v)),
        Value::I32(v) => Some(f64::from(*v)),
        Value::U64(v) => Some(*v as f64),
        Value::I64(v) => Some(*v as f64),
        Value::F64(v) => Some(*v),
        _ => None,
    }
}
