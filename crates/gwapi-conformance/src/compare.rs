//! Structural comparison of JSON trees the way the reference compares its golden files: an empty list, an
//! empty map, an empty string, `false`, `0` and a missing field are all the same.

use serde_json::Value;

/// Removes every "empty" value (null, false, 0, "", [], {}) recursively; the result compares equal exactly
/// when the reference would call the two trees equal.
///
/// ```
/// use gwapi_conformance::compare::normalize;
/// use serde_json::json;
/// assert_eq!(normalize(json!({"a": [], "b": {"c": false, "d": 0}, "e": "x"})), json!({"e": "x"}));
/// assert_eq!(normalize(json!([{"a": null}, 1])), json!([{}, 1]));
/// assert_eq!(normalize(json!({})), json!(null));
/// ```
#[must_use]
pub fn normalize(value: Value) -> Value {
    let value = normalize_inner(value);
    if is_empty(&value) { Value::Null } else { value }
}

fn normalize_inner(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, normalize_inner(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalize_inner).collect()),
        other => other,
    }
}

/// Whether a (normalized) value counts as absent.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

/// The paths where two trees differ (after [`normalize`]), each with both sides, at most `limit` of them.
///
/// ```
/// use gwapi_conformance::compare::differences;
/// use serde_json::json;
/// let d = differences(&json!({"a": {"b": 1, "c": [1, 2]}}), &json!({"a": {"b": 2, "c": [1]}}), 10);
/// assert_eq!(d, vec!["a.b: expected 1, got 2", "a.c: expected 2 items, got 1", "a.c[1]: expected 2, got (absent)"]);
/// ```
#[must_use]
pub fn differences(expected: &Value, actual: &Value, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    diff(
        &normalize(expected.clone()),
        &normalize(actual.clone()),
        "",
        &mut out,
        limit,
    );
    out
}

fn show(value: Option<&Value>) -> String {
    value.map_or_else(
        || "(absent)".to_owned(),
        |v| {
            let s = v.to_string();
            if s.len() > 120 {
                format!("{}...", s.chars().take(117).collect::<String>())
            } else {
                s
            }
        },
    )
}

fn diff(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit || expected == actual {
        return;
    }
    let here = if path.is_empty() { "(root)" } else { path };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let mut keys: Vec<&String> = e.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match (e.get(k), a.get(k)) {
                    (Some(ev), Some(av)) => diff(ev, av, &child, out, limit),
                    (ev, av) => {
                        if out.len() < limit {
                            out.push(format!("{child}: expected {}, got {}", show(ev), show(av)));
                        }
                    }
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!(
                    "{here}: expected {} items, got {}",
                    e.len(),
                    a.len()
                ));
            }
            for i in 0..e.len().max(a.len()) {
                let child = format!("{path}[{i}]");
                match (e.get(i), a.get(i)) {
                    (Some(ev), Some(av)) => diff(ev, av, &child, out, limit),
                    (ev, av) => {
                        if out.len() < limit {
                            out.push(format!("{child}: expected {}, got {}", show(ev), show(av)));
                        }
                    }
                }
            }
        }
        _ => out.push(format!(
            "{here}: expected {}, got {}",
            show(Some(expected)),
            show(Some(actual))
        )),
    }
}
