//! `mergeType`: a route's policy merged onto its parent's, as JSON (RFC 7386 merge patch) or as a
//! strategic merge (objects merged key by key, lists: the route's items, then the parent's items it
//! does not have).

use serde_json::Value;

/// `patch` merged onto `base`.
pub(crate) fn merge(base: &Value, patch: &Value, strategic: bool) -> Value {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            let mut out = b.clone();
            for (k, v) in p {
                if v.is_null() {
                    out.remove(k);
                    continue;
                }
                let merged = out
                    .get(k)
                    .map_or_else(|| v.clone(), |old| merge(old, v, strategic));
                out.insert(k.clone(), merged);
            }
            Value::Object(out)
        }
        (Value::Array(b), Value::Array(p)) if strategic => {
            let mut out = p.clone();
            out.extend(b.iter().filter(|item| !p.contains(item)).cloned());
            Value::Array(out)
        }
        (_, p) => p.clone(),
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

    use super::merge;

    #[test]
    fn json_merge_replaces_lists() {
        let base = json!({"a": [1], "b": {"c": 1, "d": 2}});
        let patch = json!({"a": [2], "b": {"c": 3}});
        assert_eq!(
            merge(&base, &patch, false),
            json!({"a": [2], "b": {"c": 3, "d": 2}})
        );
    }

    #[test]
    fn strategic_merge_appends_the_parent_items() {
        let base = json!({"a": [{"t": "g"}]});
        let patch = json!({"a": [{"t": "b"}, {"t": "z"}]});
        assert_eq!(
            merge(&base, &patch, true),
            json!({"a": [{"t": "b"}, {"t": "z"}, {"t": "g"}]})
        );
    }
}
