//! The JSON text Envoy Gateway's messages quote: compact, written the way Go's `encoding/json` writes it
//! (`<`, `>` and `&` escaped), and the error Go's protojson gives for the first unknown field of a patched
//! resource (`proto: (line 1:COLUMN): unknown field "NAME"`).

use std::fmt::Write as _;

use prost_reflect::{Kind, MessageDescriptor};
use serde_json::Value;

use crate::render::descriptor_pool;

/// What a JSON value is expected to be while looking for unknown fields.
#[derive(Clone)]
enum Expect {
    /// A message of this type.
    Message(MessageDescriptor),
    /// A map whose values are of this kind.
    Map(Box<Expect>),
    /// Anything (scalars, well-known types written as free JSON).
    Free,
}

/// `value` as compact JSON text, the way Go writes it.
pub(crate) fn compact(value: &Value) -> String {
    let mut writer = Writer::default();
    writer.value(value, &Expect::Free);
    writer.out
}

/// The error Go's protojson gives when `value` (a message of type `full_name`) has a field its type does
/// not have; `None` when every field is known.
pub(crate) fn unmarshal_error(full_name: &str, value: &Value) -> Option<String> {
    let desc = descriptor_pool().ok()?.get_message_by_name(full_name)?;
    let mut writer = Writer::default();
    writer.value(value, &Expect::Message(desc));
    writer
        .unknown
        .map(|(column, name)| format!("proto: (line 1:{column}): unknown field {name:?}"))
}

/// `value` (a message of type `full_name`) with the keys of every message in declaration order, `@type`
/// first, and map and free-form keys sorted: the order Go's protojson writes them in.
pub(crate) fn in_declaration_order(full_name: &str, value: Value) -> Value {
    match descriptor_pool()
        .ok()
        .and_then(|pool| pool.get_message_by_name(full_name))
    {
        Some(desc) => reorder(value, &Expect::Message(desc)),
        None => value,
    }
}

fn reorder(value: Value, expect: &Expect) -> Value {
    match value {
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| reorder(v, expect)).collect())
        }
        Value::Object(map) => {
            let desc = match expect {
                Expect::Message(desc) if desc.full_name() == "google.protobuf.Any" => map
                    .get("@type")
                    .and_then(Value::as_str)
                    .and_then(|url| url.rsplit('/').next())
                    .and_then(|name| descriptor_pool().ok()?.get_message_by_name(name)),
                Expect::Message(desc) => Some(desc.clone()),
                Expect::Map(_) | Expect::Free => None,
            };
            let rank = |key: &str| -> (usize, String) {
                let position = desc.as_ref().and_then(|d| {
                    let field = d
                        .get_field_by_json_name(key)
                        .or_else(|| d.get_field_by_name(key))?;
                    d.descriptor_proto()
                        .field
                        .iter()
                        .position(|f| f.name() == field.name())
                });
                match (key, position) {
                    ("@type", _) => (0, String::new()),
                    (_, Some(i)) => (i + 1, String::new()),
                    (_, None) => (usize::MAX, key.to_owned()),
                }
            };
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by_cached_key(|(k, _)| rank(k));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        let child = match (expect, &desc) {
                            (Expect::Map(inner), _) => (**inner).clone(),
                            (_, Some(d)) => field(d, &k).unwrap_or(Expect::Free),
                            _ => Expect::Free,
                        };
                        let v = reorder(v, &child);
                        (k, v)
                    })
                    .collect(),
            )
        }
        other => other,
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    unknown: Option<(usize, String)>,
}

impl Writer {
    fn value(&mut self, value: &Value, expect: &Expect) {
        match value {
            Value::Object(map) => {
                let any_type = match expect {
                    Expect::Message(desc) if desc.full_name() == "google.protobuf.Any" => map
                        .get("@type")
                        .and_then(Value::as_str)
                        .and_then(|url| url.rsplit('/').next())
                        .and_then(|name| descriptor_pool().ok()?.get_message_by_name(name)),
                    _ => None,
                };
                self.out.push('{');
                for (i, (key, item)) in map.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    let column = self.out.chars().count() + 1;
                    self.string(key);
                    self.out.push(':');
                    let child = match expect {
                        Expect::Map(inner) => (**inner).clone(),
                        Expect::Message(_) if key == "@type" => Expect::Free,
                        Expect::Message(desc) => {
                            let desc = any_type.as_ref().unwrap_or(desc);
                            if let Some(child) = field(desc, key) {
                                child
                            } else {
                                if self.unknown.is_none() && !is_free_form(desc) {
                                    self.unknown = Some((column, key.clone()));
                                }
                                Expect::Free
                            }
                        }
                        Expect::Free => Expect::Free,
                    };
                    self.value(item, &child);
                }
                self.out.push('}');
            }
            Value::Array(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.value(item, expect);
                }
                self.out.push(']');
            }
            Value::String(s) => self.string(s),
            other => self.out.push_str(&other.to_string()),
        }
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                    let _ = write!(self.out, "\\u{:04x}", u32::from(c));
                }
                c if u32::from(c) < 0x20 => {
                    let _ = write!(self.out, "\\u{:04x}", u32::from(c));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

/// Well-known types written as free JSON (`Struct`, `Value`, ...), whose keys are not fields.
fn is_free_form(desc: &MessageDescriptor) -> bool {
    desc.full_name().starts_with("google.protobuf.") && desc.full_name() != "google.protobuf.Any"
}

/// What the value of field `key` (JSON or `.proto` name) of `desc` is expected to be.
fn field(desc: &MessageDescriptor, key: &str) -> Option<Expect> {
    let field = desc
        .get_field_by_json_name(key)
        .or_else(|| desc.get_field_by_name(key))?;
    let kind = if field.is_map() {
        match field.kind() {
            Kind::Message(entry) => entry.map_entry_value_field().kind(),
            other => other,
        }
    } else {
        field.kind()
    };
    let inner = match kind {
        Kind::Message(m) if !is_free_form(&m) => Expect::Message(m),
        _ => Expect::Free,
    };
    Some(if field.is_map() {
        Expect::Map(Box::new(inner))
    } else {
        inner
    })
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use serde_json::json;

    use super::*;

    #[test]
    fn compact_escapes_like_go() {
        assert_eq!(
            compact(&json!({"a": "<&>", "b": [1, true]})),
            r#"{"a":"\u003c\u0026\u003e","b":[1,true]}"#
        );
    }

    #[test]
    fn finds_the_first_unknown_field_and_its_column() {
        let listener =
            json!({"name": "l", "per_connection_buffer_limit_bytes": 1, "this": {"x": 1}});
        assert_eq!(
            unmarshal_error("envoy.config.listener.v3.Listener", &listener).unwrap(),
            r#"proto: (line 1:51): unknown field "this""#
        );
        let fine = json!({"name": "l", "address": {"socket_address": {"address": "::"}}});
        assert!(unmarshal_error("envoy.config.listener.v3.Listener", &fine).is_none());
    }
}
