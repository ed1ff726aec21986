//! Rendering Envoy protos the way Envoy's admin `/config_dump` prints them: proto3 JSON (camelCase names,
//! `@type` on every `Any`, durations like `"10s"`) and YAML, and parsing them back.

mod cel_descriptors;
mod descriptor;
mod dump;
mod empty_any;
mod go_struct;

pub use descriptor::descriptor_pool;
pub use dump::config_dump;
pub use go_struct::to_go_struct;

use prost::{Message, Name};
use prost_reflect::{DeserializeOptions, DynamicMessage, MessageDescriptor, SerializeOptions};
use serde_json::Value;

use crate::{Error, Result};

fn descriptor(full_name: &str) -> Result<MessageDescriptor> {
    descriptor_pool()?
        .get_message_by_name(full_name)
        .ok_or_else(|| Error::UnknownMessage(full_name.to_owned()))
}

/// Renders an encoded message of type `full_name` as a proto3 JSON tree.
pub fn bytes_to_json(full_name: &str, bytes: &[u8]) -> Result<Value> {
    render_bytes(full_name, bytes, false).map(sort_keys)
}

/// Renders an encoded message of type `full_name` as a proto3 JSON tree with the `.proto` field names
/// (`per_connection_buffer_limit_bytes`), fields in declaration order: the form EnvoyPatchPolicy patches
/// address.
pub fn bytes_to_proto_name_json(full_name: &str, bytes: &[u8]) -> Result<Value> {
    render_bytes(full_name, bytes, true)
}

fn render_bytes(full_name: &str, bytes: &[u8], proto_names: bool) -> Result<Value> {
    let desc = descriptor(full_name)?;
    let mut dynamic = DynamicMessage::decode(desc, bytes).map_err(|source| Error::Decode {
        name: full_name.to_owned(),
        source,
    })?;
    let options = SerializeOptions::new()
        .skip_default_fields(true)
        .use_proto_field_name(proto_names);
    match dynamic.serialize_with_options(serde_json::value::Serializer, &options) {
        Ok(json) => Ok(json),
        Err(first) => {
            // Maybe empty `Any` values: render them as `{}`.
            empty_any::mark(&descriptor_pool()?, &mut dynamic);
            dynamic
                .serialize_with_options(serde_json::value::Serializer, &options)
                .map(empty_any::unmark)
                .map_err(|_| Error::Json(first))
        }
    }
}

/// Sorts the keys of every object: protobuf map fields are hash maps, so this makes the rendering
/// deterministic (and matches the key order of Envoy Gateway's golden files).
fn sort_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.cmp(b));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sort_keys(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

/// Parses a proto3 JSON tree as a message of type `full_name` and returns its encoding.
pub fn json_to_bytes(full_name: &str, value: &Value) -> Result<Vec<u8>> {
    let desc = descriptor(full_name)?;
    let options = DeserializeOptions::new().deny_unknown_fields(true);
    match DynamicMessage::deserialize_with_options(desc.clone(), value.clone(), &options) {
        Ok(dynamic) => Ok(dynamic.encode_to_vec()),
        Err(first) => {
            // Maybe empty `Any` values (`{}`): parse them through the placeholder.
            let pool = descriptor_pool()?;
            let marked = empty_any::mark_json(&pool, &desc, value);
            let mut dynamic = DynamicMessage::deserialize_with_options(desc, marked, &options)
                .map_err(|_| Error::Json(first))?;
            empty_any::unmark_message(&pool, &mut dynamic);
            Ok(dynamic.encode_to_vec())
        }
    }
}

/// Renders a message as a proto3 JSON tree.
///
/// ```
/// use envoy_types::pb::envoy::config::cluster::v3::Cluster;
/// use envoy_types::pb::google::protobuf::Duration;
/// let cluster = Cluster {
///     name: "c".into(),
///     connect_timeout: Some(Duration { seconds: 10, nanos: 0 }),
///     ..Cluster::default()
/// };
/// let json = gwapi_xds::render::to_json(&cluster).unwrap();
/// assert_eq!(json, serde_json::json!({"name": "c", "connectTimeout": "10s"}));
/// ```
pub fn to_json<M: Message + Name>(message: &M) -> Result<Value> {
    bytes_to_json(&M::full_name(), &message.encode_to_vec())
}

/// Parses a message from a proto3 JSON tree.
///
/// ```
/// use envoy_types::pb::envoy::config::cluster::v3::Cluster;
/// let cluster: Cluster = gwapi_xds::render::from_json(&serde_json::json!({"name": "c", "connectTimeout": "1.5s"})).unwrap();
/// assert_eq!(cluster.connect_timeout.unwrap().nanos, 500_000_000);
/// ```
pub fn from_json<M: Message + Name + Default>(value: &Value) -> Result<M> {
    let bytes = json_to_bytes(&M::full_name(), value)?;
    M::decode(bytes.as_slice()).map_err(|source| Error::Decode {
        name: M::full_name(),
        source,
    })
}

/// Renders a message as YAML (the proto3 JSON tree written as YAML).
pub fn to_yaml<M: Message + Name>(message: &M) -> Result<String> {
    serde_norway::to_string(&to_json(message)?).map_err(Error::Yaml)
}

/// Parses a message from YAML holding its proto3 JSON form.
pub fn from_yaml<M: Message + Name + Default>(yaml: &str) -> Result<M> {
    let value: Value = serde_norway::from_str(yaml).map_err(Error::Yaml)?;
    from_json(&value)
}

/// Canonicalizes a proto3 JSON tree of type `full_name`: parse, then render again (so `"10.000s"` and
/// `"10s"`, or `"5"` and `5` for 64-bit integers, become the same value).
pub fn canonical_json(full_name: &str, value: &Value) -> Result<Value> {
    bytes_to_json(full_name, &json_to_bytes(full_name, value)?)
}
