//! RFC 6902 JSON patch operations on a JSON tree, addressed by RFC 6901 JSON pointers, with the behaviour
//! of the library Envoy Gateway uses: `add` creates the missing parents of its target
//! (`EnsurePathExistsOnAdd`), an array index equal to the length (or `-`) appends.

use serde_json::Value;

/// The segments of a JSON pointer (`/a/b~1c` -> `["a", "b/c"]`); the empty pointer is the whole document.
pub(crate) fn segments(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(format!(
            "invalid JSON pointer {pointer:?}: it must start with '/'"
        ));
    };
    Ok(rest
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect())
}

/// The index of `segment` in an array of `len` items; `len` itself (or `-`) when `allow_end`.
fn index(segment: &str, len: usize, allow_end: bool) -> Option<usize> {
    if segment == "-" {
        return allow_end.then_some(len);
    }
    if segment.len() > 1 && segment.starts_with('0') {
        return None;
    }
    let i: usize = segment.parse().ok()?;
    (i < len || (allow_end && i == len)).then_some(i)
}

fn is_index(segment: &str) -> bool {
    segment == "-" || (!segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()))
}

/// The value at `pointer`.
pub(crate) fn get<'v>(doc: &'v Value, pointer: &str) -> Result<&'v Value, String> {
    let mut here = doc;
    for segment in segments(pointer)? {
        here = match here {
            Value::Object(map) => map.get(&segment),
            Value::Array(items) => index(&segment, items.len(), false).and_then(|i| items.get(i)),
            _ => None,
        }
        .ok_or_else(|| format!("doc is missing path: {pointer:?}"))?;
    }
    Ok(here)
}

/// The container holding the last segment of `pointer`, creating missing parents when `create`.
fn parent<'v>(
    doc: &'v mut Value,
    segments: &[String],
    create: bool,
    pointer: &str,
) -> Result<&'v mut Value, String> {
    let mut here = doc;
    let Some((_, parents)) = segments.split_last() else {
        return Ok(here);
    };
    for (i, segment) in parents.iter().enumerate() {
        let next_is_index = segments.get(i + 1).is_some_and(|s| is_index(s));
        here = match here {
            Value::Object(map) => {
                if create && !map.contains_key(segment) {
                    let fresh = if next_is_index {
                        Value::Array(Vec::new())
                    } else {
                        Value::Object(serde_json::Map::new())
                    };
                    map.insert(segment.clone(), fresh);
                }
                map.get_mut(segment)
            }
            Value::Array(items) => {
                let len = items.len();
                index(segment, len, false).and_then(|i| items.get_mut(i))
            }
            _ => None,
        }
        .ok_or_else(|| format!("doc is missing path: {pointer:?}"))?;
    }
    Ok(here)
}

/// Adds `value` at `pointer` (RFC 6902 `add`), creating missing parents.
pub(crate) fn add(doc: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let segments = segments(pointer)?;
    let Some(last) = segments.last() else {
        *doc = value;
        return Ok(());
    };
    match parent(doc, &segments, true, pointer)? {
        Value::Object(map) => {
            map.insert(last.clone(), value);
            Ok(())
        }
        Value::Array(items) => {
            let i = index(last, items.len(), true).ok_or_else(|| {
                format!("add operation does not apply: doc is missing path: {pointer:?}")
            })?;
            items.insert(i, value);
            Ok(())
        }
        _ => Err(format!(
            "add operation does not apply: doc is missing path: {pointer:?}"
        )),
    }
}

/// Removes and returns the value at `pointer` (RFC 6902 `remove`).
pub(crate) fn remove(doc: &mut Value, pointer: &str) -> Result<Value, String> {
    let segments = segments(pointer)?;
    let missing = || format!("remove operation does not apply: doc is missing path: {pointer:?}");
    let Some(last) = segments.last() else {
        return Err(missing());
    };
    match parent(doc, &segments, false, pointer).map_err(|_| missing())? {
        Value::Object(map) => map.shift_remove(last).ok_or_else(missing),
        Value::Array(items) => {
            let i = index(last, items.len(), false).ok_or_else(missing)?;
            Ok(items.remove(i))
        }
        _ => Err(missing()),
    }
}

/// Replaces the value at `pointer`, which must exist (RFC 6902 `replace`).
pub(crate) fn replace(doc: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let segments = segments(pointer)?;
    let missing = || format!("replace operation does not apply: doc is missing key: {pointer}");
    let Some(last) = segments.last() else {
        *doc = value;
        return Ok(());
    };
    let slot = match parent(doc, &segments, false, pointer).map_err(|_| missing())? {
        Value::Object(map) => map.get_mut(last),
        Value::Array(items) => {
            let len = items.len();
            index(last, len, false).and_then(|i| items.get_mut(i))
        }
        _ => None,
    }
    .ok_or_else(missing)?;
    *slot = value;
    Ok(())
}

/// Moves the value at `from` to `to` (RFC 6902 `move`).
pub(crate) fn move_value(doc: &mut Value, from: &str, to: &str) -> Result<(), String> {
    if to.starts_with(&format!("{from}/")) {
        return Err(format!(
            "move operation does not apply: {from:?} is a prefix of {to:?}"
        ));
    }
    let value = remove(doc, from).map_err(|_| {
        format!("move operation does not apply: doc is missing from path: {from:?}")
    })?;
    add(doc, to, value)
}

/// Copies the value at `from` to `to` (RFC 6902 `copy`).
pub(crate) fn copy(doc: &mut Value, from: &str, to: &str) -> Result<(), String> {
    let value = get(doc, from)
        .map_err(|_| format!("copy operation does not apply: doc is missing from path: {from:?}"))?
        .clone();
    add(doc, to, value)
}

/// Checks that the value at `pointer` equals `value` (RFC 6902 `test`).
pub(crate) fn test(doc: &Value, pointer: &str, value: &Value) -> Result<(), String> {
    match get(doc, pointer) {
        Ok(found) if found == value => Ok(()),
        _ => Err(format!("testing value {pointer:?} failed: test failed")),
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

    use super::*;

    #[test]
    fn add_creates_missing_parents_and_inserts_into_arrays() {
        let mut doc = json!({"a": [1, 2]});
        add(&mut doc, "/a/0", json!(0)).unwrap();
        add(&mut doc, "/a/-", json!(3)).unwrap();
        add(&mut doc, "/b/c/0", json!("x")).unwrap();
        add(&mut doc, "/d~1e", json!(true)).unwrap();
        assert_eq!(
            doc,
            json!({"a": [0, 1, 2, 3], "b": {"c": ["x"]}, "d/e": true})
        );
        assert!(add(&mut doc, "/a/9", json!(0)).is_err());
    }

    #[test]
    fn replace_remove_move_copy_and_test() {
        let mut doc = json!({"a": {"w": 1}, "l": [{"w": 2}, {}]});
        replace(&mut doc, "/a/w", json!(5)).unwrap();
        assert!(replace(&mut doc, "/a/missing", json!(5)).is_err());
        move_value(&mut doc, "/l/0/w", "/l/1/w").unwrap();
        copy(&mut doc, "/l/1/w", "/l/0/w").unwrap();
        assert_eq!(remove(&mut doc, "/a/w").unwrap(), json!(5));
        test(&doc, "/l/0/w", &json!(2)).unwrap();
        assert!(test(&doc, "/l/0/w", &json!(3)).is_err());
        assert_eq!(doc, json!({"a": {}, "l": [{"w": 2}, {"w": 2}]}));
    }
}
