//! A strategic merge patch over the JSON form of Kubernetes objects: like a JSON merge patch, except that
//! lists of named things (containers, env, volumes, ports, ...) merge element by element on their merge key,
//! and the `$patch: replace | delete` directives.

use serde_json::{Map, Value};

/// The merge key of the list under `field`, given a sample element: Kubernetes' `patchMergeKey`s.
fn merge_key(field: &str, sample: Option<&Value>) -> Option<&'static str> {
    match field {
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "env"
        | "volumes"
        | "imagePullSecrets"
        | "resourceClaims" => Some("name"),
        "volumeMounts" => Some("mountPath"),
        "volumeDevices" => Some("devicePath"),
        "hostAliases" => Some("ip"),
        "topologySpreadConstraints" => Some("topologyKey"),
        "ownerReferences" => Some("uid"),
        "conditions" => Some("type"),
        "ports" => {
            if sample.and_then(|s| s.get("containerPort")).is_some() {
                Some("containerPort")
            } else {
                Some("port")
            }
        }
        _ => None,
    }
}

/// Applies the strategic merge patch `patch` to `target`.
pub(crate) fn strategic_merge(target: &mut Value, patch: &Value) {
    let Value::Object(patch_map) = patch else {
        *target = patch.clone();
        return;
    };
    match patch_map.get("$patch").and_then(Value::as_str) {
        Some("replace") => {
            *target = Value::Object(without_directives(patch_map));
            return;
        }
        Some("delete") => {
            *target = Value::Null;
            return;
        }
        _ => {}
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(target_map) = target else {
        return;
    };
    for (key, value) in patch_map {
        if key.starts_with('$') {
            continue;
        }
        if value.is_null() {
            target_map.remove(key);
            continue;
        }
        let slot = target_map.entry(key.clone()).or_insert(Value::Null);
        match (slot, value) {
            (Value::Array(items), Value::Array(patch_items)) => {
                match merge_key(key, patch_items.first().or(items.first())) {
                    Some(merge_key) => merge_list(items, patch_items, merge_key),
                    None => items.clone_from(patch_items),
                }
            }
            (slot, value) => {
                if value.is_object() && slot.is_object() {
                    strategic_merge(slot, value);
                } else {
                    *slot = strip(value);
                }
            }
        }
        if target_map.get(key).is_some_and(Value::is_null) {
            target_map.remove(key);
        }
    }
}

/// Merges `patch` into the list `items`, matching elements on `key`, in Kubernetes' order: the patch's
/// elements (merged with their originals) and the original-only elements, each in their own order,
/// interleaved by original position; elements new in the patch come first.
fn merge_list(items: &mut Vec<Value>, patch: &[Value], key: &str) {
    let original = std::mem::take(items);
    let server_index = |item: &Value| {
        item.get(key)
            .and_then(|id| original.iter().position(|o| o.get(key) == Some(id)))
    };
    let mut patched = Vec::new();
    let mut deleted = Vec::new();
    for element in patch {
        let position = server_index(element);
        if element.get("$patch").and_then(Value::as_str) == Some("delete") {
            deleted.extend(position);
            continue;
        }
        let mut merged = position
            .and_then(|index| original.get(index).cloned())
            .unwrap_or(Value::Null);
        if merged.is_null() {
            merged = strip(element);
        } else {
            strategic_merge(&mut merged, element);
        }
        patched.push((position, merged));
    }
    let in_patch: Vec<usize> = patched.iter().filter_map(|(p, _)| *p).collect();
    let mut server_only = original
        .iter()
        .enumerate()
        .filter(|(index, _)| !in_patch.contains(index) && !deleted.contains(index))
        .map(|(index, item)| (index, item.clone()))
        .peekable();
    let mut patched = patched.into_iter().peekable();
    loop {
        let take_patched = match (patched.peek(), server_only.peek()) {
            (Some((Some(left), _)), Some((right, _))) => left < right,
            (Some(_), _) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_patched {
            patched.next().map(|(_, item)| item)
        } else {
            server_only.next().map(|(_, item)| item)
        };
        items.extend(next);
    }
}

fn without_directives(map: &Map<String, Value>) -> Map<String, Value> {
    map.iter()
        .filter(|(key, _)| !key.starts_with('$'))
        .map(|(key, value)| (key.clone(), strip(value)))
        .collect()
}

/// `value` without `$` directives, for values inserted as they are.
fn strip(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(without_directives(map)),
        Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn merges_containers_by_name_and_replaces_args() {
        let mut target = json!({"containers": [
            {"name": "a", "args": ["x"], "env": [{"name": "E", "value": "1"}]},
            {"name": "b"}
        ]});
        strategic_merge(
            &mut target,
            &json!({"containers": [{"name": "a", "args": ["y"], "env": [{"name": "F", "value": "2"}]}]}),
        );
        assert_eq!(
            target,
            json!({"containers": [
                {"name": "a", "args": ["y"], "env": [{"name": "F", "value": "2"}, {"name": "E", "value": "1"}]},
                {"name": "b"}
            ]})
        );
    }

    #[test]
    fn replace_directive_replaces_a_map() {
        let mut target = json!({"matchLabels": {"a": "1"}});
        strategic_merge(
            &mut target,
            &json!({"matchLabels": {"$patch": "replace", "b": "2"}}),
        );
        assert_eq!(target, json!({"matchLabels": {"b": "2"}}));
    }
}
