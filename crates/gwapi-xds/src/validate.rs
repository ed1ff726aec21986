//! Envoy's own validation rules (protoc-gen-validate annotations in the descriptor set), checked on every
//! generated resource the way the reference's `Validate()` does: a resource that breaks one is not emitted.
//!
//! The rules checked are the ones generated resources can break: required messages, string and repeated
//! lengths, and numeric bounds; every nested message is checked, `Any` included.

// Bounds and lengths are compared as f64: the bounds in Envoy's rules are far below 2^52.
#![allow(clippy::cast_precision_loss)]

use prost::{Message, Name};
use prost_reflect::{
    DescriptorPool, DynamicMessage, ExtensionDescriptor, FieldDescriptor, ReflectMessage, Value,
};

use crate::render::descriptor_pool;
use crate::{Error, Result};

/// Checks `message` against its validation rules; `kind` and `name` go into the error.
pub(crate) fn check<M: Message + Name>(kind: &'static str, name: &str, message: &M) -> Result<()> {
    let pool = descriptor_pool()?;
    let desc = pool
        .get_message_by_name(&M::full_name())
        .ok_or_else(|| Error::UnknownMessage(M::full_name()))?;
    let dynamic =
        DynamicMessage::decode(desc, message.encode_to_vec().as_slice()).map_err(|source| {
            Error::Decode {
                name: M::full_name(),
                source,
            }
        })?;
    let Some(rules) = pool.get_extension_by_name("validate.rules") else {
        return Ok(());
    };
    let checker = Checker { pool, rules };
    checker
        .message(&dynamic, M::NAME)
        .map_err(|reason| Error::Validation {
            kind,
            name: name.to_owned(),
            reason,
        })
}

struct Checker {
    pool: DescriptorPool,
    rules: ExtensionDescriptor,
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

impl Checker {
    fn message(&self, message: &DynamicMessage, path: &str) -> Result<(), String> {
        let desc = message.descriptor();
        if desc.full_name() == "google.protobuf.Any" {
            return self.any(message, path);
        }
        for field in desc.fields() {
            let here = format!("{path}.{}", field.json_name());
            self.field(message, &field, &here)?;
            if !message.has_field(&field) {
                continue;
            }
            match &*message.get_field(&field) {
                Value::Message(m) => self.message(m, &here)?,
                Value::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Value::Message(m) = item {
                            self.message(m, &format!("{here}[{i}]"))?;
                        }
                    }
                }
                Value::Map(entries) => {
                    for value in entries.values() {
                        if let Value::Message(m) = value {
                            self.message(m, &here)?;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn any(&self, message: &DynamicMessage, path: &str) -> Result<(), String> {
        let type_url = message
            .get_field_by_name("type_url")
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let bytes = message
            .get_field_by_name("value")
            .and_then(|v| v.as_bytes().cloned())
            .unwrap_or_default();
        let name = type_url.rsplit('/').next().unwrap_or_default();
        let Some(desc) = self.pool.get_message_by_name(name) else {
            return Ok(());
        };
        let inner = DynamicMessage::decode(desc, bytes).map_err(|e| format!("{path}: {e}"))?;
        self.message(&inner, path)
    }

    fn field(
        &self,
        message: &DynamicMessage,
        field: &FieldDescriptor,
        path: &str,
    ) -> Result<(), String> {
        let options = field.options();
        if !options.has_extension(&self.rules) {
            return Ok(());
        }
        let rules = options.get_extension(&self.rules);
        let Value::Message(rules) = &*rules else {
            return Ok(());
        };
        let set = message.has_field(field);
        if field.containing_oneof().is_some() && !set {
            return Ok(());
        }
        let value = message.get_field(field);
        for (kind, rule) in rules.fields() {
            let Value::Message(rule) = rule else {
                continue;
            };
            match kind.name() {
                "message" => {
                    let required = rule
                        .get_field_by_name("required")
                        .is_some_and(|v| v.as_bool() == Some(true));
                    if required && !set {
                        return Err(format!("{path}: value is required"));
                    }
                }
                "string" => {
                    let text = value.as_str().unwrap_or_default();
                    let len = text.chars().count() as f64;
                    if bound(rule, "min_len").is_some_and(|min| len < min) {
                        return Err(format!("{path}: value length must be at least the minimum"));
                    }
                    if bound(rule, "min_bytes").is_some_and(|min| (text.len() as f64) < min) {
                        return Err(format!("{path}: value length must be at least the minimum"));
                    }
                }
                "repeated" => {
                    let len = value.as_list().map_or(0, <[Value]>::len) as f64;
                    if bound(rule, "min_items").is_some_and(|min| len < min) {
                        return Err(format!(
                            "{path}: value must contain at least the minimum items"
                        ));
                    }
                }
                "uint32" | "int32" | "uint64" | "int64" | "double" => {
                    let Some(v) = number(Some(&*value)) else {
                        continue;
                    };
                    let broken = bound(rule, "lt").is_some_and(|b| v >= b)
                        || bound(rule, "lte").is_some_and(|b| v > b)
                        || bound(rule, "gt").is_some_and(|b| v <= b)
                        || bound(rule, "gte").is_some_and(|b| v < b);
                    if broken
                        && rule
                            .get_field_by_name("ignore_empty")
                            .and_then(|v| v.as_bool())
                            != Some(true)
                    {
                        return Err(format!("{path}: value {v} is out of range"));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}
