//! Empty `google.protobuf.Any` values (no type URL, no bytes), which Envoy Gateway writes for the
//! per-route `FilterConfig` that only turns a filter on (`config: {}`). proto3 JSON libraries cannot
//! render an `Any` without a type, so those values are swapped for a placeholder before rendering and
//! rendered back as `{}`.

use prost::Message;
use prost_reflect::{
    DescriptorPool, DynamicMessage, FieldDescriptor, Kind, MessageDescriptor, ReflectMessage,
    Value as Field,
};
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
    swap(pool, message, true);
}

/// Turns every placeholder in `message` back into an empty `Any` (after parsing JSON).
pub(super) fn unmark_message(pool: &DescriptorPool, message: &mut DynamicMessage) {
    swap(pool, message, false);
}

fn swap(pool: &DescriptorPool, message: &mut DynamicMessage, to_placeholder: bool) {
    for (_, value) in message.fields_mut() {
        swap_field(pool, value, to_placeholder);
    }
}

fn swap_field(pool: &DescriptorPool, value: &mut Field, to_placeholder: bool) {
    match value {
        Field::Message(m) => swap_message(pool, m, to_placeholder),
        Field::List(items) => items
            .iter_mut()
            .for_each(|v| swap_field(pool, v, to_placeholder)),
        Field::Map(entries) => entries
            .values_mut()
            .for_each(|v| swap_field(pool, v, to_placeholder)),
        _ => {}
    }
}

fn swap_message(pool: &DescriptorPool, message: &mut DynamicMessage, to_placeholder: bool) {
    if message.descriptor().full_name() != ANY {
        swap(pool, message, to_placeholder);
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
    if to_placeholder && url.is_empty() && bytes.is_empty() {
        message.set_field_by_name("type_url", Field::String(placeholder_url()));
        return;
    }
    if !to_placeholder && url == placeholder_url() && bytes.is_empty() {
        message.set_field_by_name("type_url", Field::String(String::new()));
        return;
    }
    if url.is_empty() {
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
    swap(pool, &mut inner, to_placeholder);
    message.set_field_by_name("value", Field::Bytes(inner.encode_to_vec().into()));
}

/// Writes the placeholder for every empty `Any` (`{}`) of the JSON form of a `desc` message, so that
/// it parses.
pub(super) fn mark_json(pool: &DescriptorPool, desc: &MessageDescriptor, value: &Value) -> Value {
    let Value::Object(map) = value else {
        return value.clone();
    };
    let marked = map
        .iter()
        .map(|(key, v)| {
            let field = desc
                .get_field_by_json_name(key)
                .or_else(|| desc.get_field_by_name(key));
            let v = field.map_or_else(|| v.clone(), |f| mark_json_field(pool, &f, v));
            (key.clone(), v)
        })
        .collect();
    Value::Object(marked)
}

fn mark_json_field(pool: &DescriptorPool, field: &FieldDescriptor, value: &Value) -> Value {
    let kind = if field.is_map() {
        match field.kind() {
            Kind::Message(entry) => entry.map_entry_value_field().kind(),
            other => other,
        }
    } else {
        field.kind()
    };
    let Kind::Message(desc) = kind else {
        return value.clone();
    };
    let one = |v: &Value| mark_json_message(pool, &desc, v);
    match value {
        Value::Array(items) if field.is_list() => Value::Array(items.iter().map(one).collect()),
        Value::Object(map) if field.is_map() => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), one(v))).collect())
        }
        other => one(other),
    }
}

fn mark_json_message(pool: &DescriptorPool, desc: &MessageDescriptor, value: &Value) -> Value {
    if desc.full_name() != ANY {
        return mark_json(pool, desc, value);
    }
    let Value::Object(map) = value else {
        return value.clone();
    };
    if map.is_empty() {
        // `Empty` has a custom JSON form, so it is wrapped in `value` inside an `Any`.
        return serde_json::json!({ "@type": placeholder_url(), "value": {} });
    }
    let inner = map
        .get("@type")
        .and_then(Value::as_str)
        .and_then(|url| url.rsplit('/').next())
        .and_then(|name| pool.get_message_by_name(name))
        .filter(|d| !d.full_name().starts_with("google.protobuf."));
    match inner {
        Some(inner) => mark_json(pool, &inner, value),
        None => value.clone(),
    }
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

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use serde_json::json;

    #[test]
    fn empty_any_round_trips() {
        let route = json!({
            "name": "r",
            "typedPerFilterConfig": {
                "f": {"@type": "type.googleapis.com/envoy.config.route.v3.FilterConfig", "config": {}}
            }
        });
        let canonical =
            crate::render::canonical_json("envoy.config.route.v3.Route", &route).unwrap();
        assert_eq!(canonical, route);
    }
}
