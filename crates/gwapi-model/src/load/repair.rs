//! Small edits of a YAML value at a field path, used to accept what Envoy Gateway's loader accepts.

use serde_norway::Value;

use super::field_path::{FieldPath, Segment};

fn value_at_mut<'v>(value: &'v mut Value, path: &[Segment]) -> Option<&'v mut Value> {
    let mut current = value;
    for segment in path {
        current = match (segment, current) {
            (Segment::Key(k), Value::Mapping(m)) => m.get_mut(k.as_str())?,
            (Segment::Index(i), Value::Sequence(s)) => s.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(current)
}

/// Renames the key at `path` to `to`, unless a key `to` is already there. Returns whether it renamed.
pub(crate) fn rename_key(value: &mut Value, path: &FieldPath, to: &str) -> bool {
    let Some((Segment::Key(from), parent)) = path.0.split_last() else {
        return false;
    };
    let Some(Value::Mapping(map)) = value_at_mut(value, parent) else {
        return false;
    };
    if map.contains_key(to) {
        return false;
    }
    match map.remove(from.as_str()) {
        Some(v) => {
            map.insert(to.into(), v);
            true
        }
        None => false,
    }
}

/// Replaces the number or boolean at `path` by its text; returns the text.
pub(crate) fn scalar_to_string(value: &mut Value, path: &FieldPath) -> Option<String> {
    let target = value_at_mut(value, &path.0)?;
    let text = match target {
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    *target = Value::String(text.clone());
    Some(text)
}
