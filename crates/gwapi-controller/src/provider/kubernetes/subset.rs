//! [`is_subset`]: whether one JSON value says at least everything another says.

use serde_json::Value;

/// Whether everything `desired` says, `observed` says too: every field of an object (`null` and absent
/// are the same), and lists with the same entries in the same order. Fields only `observed` has (defaults
/// the API server filled in, other field managers' fields) do not matter.
///
/// ```
/// use gwapi_controller::provider::kubernetes::is_subset;
/// use serde_json::json;
/// assert!(is_subset(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
/// assert!(!is_subset(&json!({"a": [1]}), &json!({"a": [1, 2]})));
/// assert!(is_subset(&json!({"a": null, "b": []}), &json!({})));
/// ```
pub fn is_subset(desired: &Value, observed: &Value) -> bool {
    match (desired, observed) {
        (Value::Null, _) => true,
        (Value::Object(fields), _) => fields
            .iter()
            .all(|(name, value)| is_subset(value, observed.get(name).unwrap_or(&Value::Null))),
        (Value::Array(items), Value::Array(written)) => {
            items.len() == written.len() && items.iter().zip(written).all(|(d, o)| is_subset(d, o))
        }
        (Value::Array(items), Value::Null) => items.is_empty(),
        _ => desired == observed,
    }
}
