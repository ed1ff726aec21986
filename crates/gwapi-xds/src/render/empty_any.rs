//! Empty `google.protobuf.Any` values (no type URL, no bytes), which Envoy Gateway writes for the
//! per-route `FilterConfig` that only turns a filter on (`config: {}`). proto3 JSON libraries cannot
//! render an `Any` without a type, so those values are swapped for a placeholder before rendering and
//! rendered back as `{}`.

use prost::Message;
use prost_reflect::{DescriptorPool, DynamicMessage, ReflectMessage, Value as Field};
use serde_json::Value;

/// The full name of `google.protobuf.Any`.
const ANY: &str = "google.protobuf.Any";
/// The placeholder type of empty `Any` values: a message with no fields.
const PLACEHOLDER: &str = "google.protobuf.Empty";

fn placeholder_url() -> String {
    format!("type.googleapis.com/{PLACEHOLDER}")
}

/// Replaces every empty `Any` in `message` (also inside other `Any` values) with the placeholder.
pub(super) fn mark(pool: &DescriptorPool, message: &mut DynamicMessage) {
    for (_, value) in message.fields_mut() {
        mark_field(pool, value);
    }
}

fn mark_field(pool: &DescriptorPool, value: &mut Field) {
    match value {
        Field::Message(m) => mark_message(pool, m),
        Field::List(items) => items.iter_mut().for_each(|v| mark_field(pool, v)),
        Field::Map(entries) => entries.values_mut().for_each(|v| mark_field(pool, v)),
        _ => {}
    }
}

fn mark_message(pool: &DescriptorPool, message: &mut DynamicMessage) {
    if message.descriptor().full_name() != ANY {
        mark(pool, message);
        return;
    }
    let url = message
        .get_field_by_name("type_url")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let bytes = message
        .get_field_by_name("value")
        .and_then(|v| v.as_bytes().cloned())
        .unwrap_or_default();
    if url.is_empty() {
        if bytes.is_empty() {
            message.set_field_by_name("type_url", Field::String(placeholder_url()));
        }
        return;
    }
    let Some(inner) = url
        .rsplit('/')
        .next()
        .and_then(|name| pool.get_message_by_name(name))
    else {
        return;
    };
    let Ok(mut inner) = DynamicMessage::decode(inner, bytes.as_ref()) else {
        return;
    };
    mark(pool, &mut inner);
    message.set_field_by_name("value", Field::Bytes(inner.encode_to_vec().into()));
}

/// Renders placeholders back as `{}`.
pub(super) fn unmark(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let placeholder = map.get("@type").and_then(Value::as_str) == Some(&placeholder_url())
                && map.iter().all(|(k, v)| {
                    k == "@type" || v.as_object().is_some_and(serde_json::Map::is_empty)
                });
            if placeholder {
                return Value::Object(serde_json::Map::new());
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, unmark(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(unmark).collect()),
        other => other,
    }
}
