//! Rendering protobuf messages the way Go's `encoding/json` prints the generated Go structs (as Envoy
//! Gateway's golden files do): fields by their proto name (`descriptor_key`), zero values omitted, a
//! oneof as its CamelCase name holding its CamelCase variant (`ActionSpecifier: {GenericKey: ..}`), an
//! unset oneof as `null`, enums as numbers, wrappers and well-known types as plain messages.

use prost::{Message, Name};
use prost_reflect::{DynamicMessage, FieldDescriptor, MapKey, ReflectMessage, Value as Field};
use serde_json::{Map, Value};

use super::descriptor;
use crate::{Error, Result};

/// Renders `message` in the Go-struct shape.
///
/// ```
/// use envoy_types::pb::envoy::config::route::v3::rate_limit::{Action, action::ActionSpecifier,
///     action::GenericKey};
/// let action = Action {
///     action_specifier: Some(ActionSpecifier::GenericKey(GenericKey {
///         descriptor_key: "k".into(),
///         ..GenericKey::default()
///     })),
/// };
/// let json = gwapi_xds::render::to_go_struct(&action).unwrap();
/// assert_eq!(json, serde_json::json!({"ActionSpecifier": {"GenericKey": {"descriptor_key": "k"}}}));
/// ```
pub fn to_go_struct<M: Message + Name>(message: &M) -> Result<Value> {
    let name = M::full_name();
    let dynamic = DynamicMessage::decode(descriptor(&name)?, message.encode_to_vec().as_slice())
        .map_err(|source| Error::Decode { name, source })?;
    Ok(render_message(&dynamic))
}

/// Go's name of a proto identifier: CamelCase, with the first letter upper-cased.
fn go_name(proto: &str) -> String {
    let mut out = String::with_capacity(proto.len());
    let mut upper = true;
    for c in proto.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn render_message(message: &DynamicMessage) -> Value {
    let desc = message.descriptor();
    let mut out = Map::new();
    for oneof in desc.oneofs().filter(|o| !o.is_synthetic()) {
        let set = oneof.fields().find(|f| message.has_field(f));
        let value = set.map_or(Value::Null, |field| {
            let mut variant = Map::new();
            variant.insert(
                go_name(field.name()),
                render_field(&field, &message.get_field(&field)),
            );
            Value::Object(variant)
        });
        out.insert(go_name(oneof.name()), value);
    }
    for field in desc.fields() {
        let in_real_oneof = field.containing_oneof().is_some_and(|o| !o.is_synthetic());
        if in_real_oneof || !message.has_field(&field) {
            continue;
        }
        out.insert(
            field.name().to_owned(),
            render_field(&field, &message.get_field(&field)),
        );
    }
    Value::Object(out)
}

fn render_field(field: &FieldDescriptor, value: &Field) -> Value {
    render_value(value, field)
}

fn render_value(value: &Field, field: &FieldDescriptor) -> Value {
    match value {
        Field::Bool(b) => Value::Bool(*b),
        Field::I32(n) | Field::EnumNumber(n) => Value::from(*n),
        Field::I64(n) => Value::from(*n),
        Field::U32(n) => Value::from(*n),
        Field::U64(n) => Value::from(*n),
        Field::F32(n) => Value::from(f64::from(*n)),
        Field::F64(n) => Value::from(*n),
        Field::String(s) => Value::String(s.clone()),
        Field::Bytes(b) => Value::String(base64(b)),
        Field::Message(m) => render_message(m),
        Field::List(items) => Value::Array(items.iter().map(|v| render_value(v, field)).collect()),
        Field::Map(entries) => {
            let value_field = field
                .kind()
                .as_message()
                .map(prost_reflect::MessageDescriptor::map_entry_value_field);
            let mut out: Vec<(String, Value)> = entries
                .iter()
                .map(|(k, v)| {
                    let rendered = value_field
                        .as_ref()
                        .map_or(Value::Null, |vf| render_value(v, vf));
                    (map_key(k), rendered)
                })
                .collect();
            out.sort_by(|(a, _), (b, _)| a.cmp(b));
            Value::Object(out.into_iter().collect())
        }
    }
}

fn map_key(key: &MapKey) -> String {
    match key {
        MapKey::Bool(b) => b.to_string(),
        MapKey::I32(n) => n.to_string(),
        MapKey::I64(n) => n.to_string(),
        MapKey::U32(n) => n.to_string(),
        MapKey::U64(n) => n.to_string(),
        MapKey::String(s) => s.clone(),
    }
}

/// Standard base64 with padding, as Go encodes `[]byte`.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = usize::try_from((n >> (18 - 6 * i)) & 63).unwrap_or(0);
                out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'=')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::*;

    #[test]
    fn base64_pads_like_go() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
    }

    #[test]
    fn go_names_are_camel_case() {
        assert_eq!(go_name("action_specifier"), "ActionSpecifier");
        assert_eq!(go_name("safe_regex"), "SafeRegex");
    }
}
