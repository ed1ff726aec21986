//! RFC 6902 JSON patches (add, remove, replace, move, copy, test) addressed with RFC 6901 pointers.

use gwapi_ir::model::envoy_gateway::{JsonPatchOperation, JsonPatchOperationType};
use serde_json::Value;

use crate::{Error, Result};

/// Applies `operations` to `document` in order; stops at the first one that fails.
pub(crate) fn apply_json_patch(
    document: &mut Value,
    operations: &[JsonPatchOperation],
) -> Result<()> {
    for (index, operation) in operations.iter().enumerate() {
        let path = operation.path.clone().unwrap_or_default();
        let fail = |reason: String| Error::JsonPatch {
            index,
            op: operation.op.to_string(),
            path: path.clone(),
            reason,
        };
        let value = || {
            operation
                .value
                .clone()
                .ok_or_else(|| fail("no value".to_owned()))
        };
        let from = || {
            operation
                .from
                .clone()
                .ok_or_else(|| fail("no from".to_owned()))
        };
        match &operation.op {
            JsonPatchOperationType::Add => add(document, &path, value()?).map_err(fail)?,
            JsonPatchOperationType::Remove => {
                remove(document, &path).map_err(fail)?;
            }
            JsonPatchOperationType::Replace => {
                remove(document, &path).map_err(fail)?;
                add(document, &path, value()?).map_err(fail)?;
            }
            JsonPatchOperationType::Move => {
                let moved = remove(document, &from()?).map_err(fail)?;
                add(document, &path, moved).map_err(fail)?;
            }
            JsonPatchOperationType::Copy => {
                let copied = document
                    .pointer(&from()?)
                    .cloned()
                    .ok_or_else(|| fail("from not found".to_owned()))?;
                add(document, &path, copied).map_err(fail)?;
            }
            JsonPatchOperationType::Test => {
                if document.pointer(&path) != Some(&value()?) {
                    return Err(fail("test failed".to_owned()));
                }
            }
            JsonPatchOperationType::Unknown(op) => return Err(fail(format!("unknown op {op}"))),
        }
    }
    Ok(())
}

/// Splits a pointer into its parent pointer and its unescaped last token.
fn split(path: &str) -> std::result::Result<(&str, String), String> {
    let (parent, last) = path
        .rsplit_once('/')
        .ok_or_else(|| format!("invalid pointer {path:?}"))?;
    Ok((parent, last.replace("~1", "/").replace("~0", "~")))
}

fn add(document: &mut Value, path: &str, value: Value) -> std::result::Result<(), String> {
    if path.is_empty() {
        *document = value;
        return Ok(());
    }
    let (parent, key) = split(path)?;
    match document.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(key, value);
            Ok(())
        }
        Some(Value::Array(items)) => {
            let index = if key == "-" {
                items.len()
            } else {
                key.parse::<usize>().map_err(|e| e.to_string())?
            };
            if index > items.len() {
                return Err(format!("index {index} out of range"));
            }
            items.insert(index, value);
            Ok(())
        }
        _ => Err("parent not found".to_owned()),
    }
}

fn remove(document: &mut Value, path: &str) -> std::result::Result<Value, String> {
    let (parent, key) = split(path)?;
    match document.pointer_mut(parent) {
        Some(Value::Object(map)) => map.remove(&key).ok_or_else(|| "not found".to_owned()),
        Some(Value::Array(items)) => {
            let index = key.parse::<usize>().map_err(|e| e.to_string())?;
            if index >= items.len() {
                return Err(format!("index {index} out of range"));
            }
            Ok(items.remove(index))
        }
        _ => Err("parent not found".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn op(op: JsonPatchOperationType, path: &str, value: Option<Value>) -> JsonPatchOperation {
        JsonPatchOperation {
            op,
            path: Some(path.to_owned()),
            json_path: None,
            from: None,
            value,
        }
    }

    #[test]
    fn adds_replaces_and_removes() {
        let mut doc = json!({"a": [1, 2], "b": {"c": 1}});
        apply_json_patch(
            &mut doc,
            &[
                op(JsonPatchOperationType::Add, "/a/-", Some(json!(3))),
                op(JsonPatchOperationType::Replace, "/b/c", Some(json!(2))),
                op(JsonPatchOperationType::Remove, "/a/0", None),
            ],
        )
        .unwrap();
        assert_eq!(doc, json!({"a": [2, 3], "b": {"c": 2}}));
    }
}
