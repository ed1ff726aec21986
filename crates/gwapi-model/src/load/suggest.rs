//! "Did you mean" hints: the closest known field or value for a misspelled one, and the kind a misplaced
//! field belongs to. Field names come from the JSON schema of the types, so hints follow the model.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use schemars::JsonSchema;
use serde_json::Value;

use super::field_path::{FieldPath, Segment};
use crate::resource::ResourceKind;

/// The JSON schema of `T`, as a JSON value.
pub(crate) fn schema_of<T: JsonSchema>() -> Value {
    schemars::SchemaGenerator::default()
        .into_root_schema_for::<T>()
        .to_value()
}

/// The property names of the object schema(s) at `path` in `root`.
fn properties_at(root: &Value, path: &FieldPath) -> Vec<String> {
    let mut nodes = vec![root];
    for segment in &path.0 {
        let mut next = Vec::new();
        for node in nodes {
            for n in expand(root, node) {
                match segment {
                    Segment::Key(k) => {
                        if let Some(p) = n.get("properties").and_then(|p| p.get(k)) {
                            next.push(p);
                        } else if let Some(a) =
                            n.get("additionalProperties").filter(|a| a.is_object())
                        {
                            next.push(a);
                        }
                    }
                    Segment::Index(_) => next.extend(n.get("items")),
                }
            }
        }
        nodes = next;
    }
    let mut names: Vec<String> = nodes
        .into_iter()
        .flat_map(|n| expand(root, n))
        .filter_map(|n| n.get("properties").and_then(Value::as_object))
        .flat_map(|p| p.keys().cloned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A schema node with its `$ref`, `anyOf`, `oneOf` and `allOf` resolved into the alternatives it stands for.
fn expand<'a>(root: &'a Value, node: &'a Value) -> Vec<&'a Value> {
    let mut out = Vec::new();
    let mut pending = vec![node];
    let mut guard = 0;
    while let Some(n) = pending.pop() {
        guard += 1;
        if guard > 64 {
            break;
        }
        if let Some(target) = n
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| resolve_ref(root, r))
        {
            pending.push(target);
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(alternatives) = n.get(key).and_then(Value::as_array) {
                pending.extend(alternatives.iter());
            }
        }
        out.push(n);
    }
    out
}

fn resolve_ref<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    root.pointer(pointer)
}

/// The words of a camelCase or snake_case name, lower-cased.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' || c == '.' {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether every word of `short` appears in `long`, in order, with the same first and last word.
fn words_embedded(short: &[String], long: &[String]) -> bool {
    if short.is_empty()
        || short.len() >= long.len()
        || short.first() != long.first()
        || short.last() != long.last()
    {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|l| l == w))
}

/// The Levenshtein distance between two strings.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let value = (diagonal + usize::from(ca != *cb))
                .min(above.saturating_add(1))
                .min(left.saturating_add(1));
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// The known name closest to `name`, if one is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let name_words = words(name);
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let score = if candidate.to_lowercase() == lower {
            0
        } else if words_embedded(&name_words, &words(candidate))
            || words_embedded(&words(candidate), &name_words)
        {
            1
        } else {
            let distance = edit_distance(&lower, &candidate.to_lowercase());
            if distance > (name.chars().count() / 4).max(1) {
                continue;
            }
            1 + distance
        };
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The schema's name for an unknown field at `path` that differs from a known one only in case.
pub(crate) fn case_insensitive_field(kind: ResourceKind, path: &FieldPath) -> Option<String> {
    let field = path.last_key()?;
    let parent = path.parent().unwrap_or_default();
    properties_at(kind.json_schema(), &parent)
        .into_iter()
        .find(|p| p != field && p.eq_ignore_ascii_case(field))
}

/// A hint for an unknown field at `path` of an object of `kind`.
pub(crate) fn unknown_field(kind: ResourceKind, path: &FieldPath) -> Option<String> {
    let field = path.last_key()?;
    let parent = path.parent().unwrap_or_default();
    let siblings = properties_at(kind.json_schema(), &parent);
    if let Some(best) = closest(field, siblings.iter().map(String::as_str)) {
        return Some(format!("did you mean `{best}`?"));
    }
    misplaced_field(field, &parent)
}

/// Property paths by the name of their last field.
type FieldIndex = BTreeMap<String, Vec<(ResourceKind, Vec<String>)>>;

/// How deep below `spec` the field index of [`misplaced_field`] looks.
const INDEX_DEPTH: usize = 6;

/// Every property path (below `spec`, or the top level for kinds without one) of every kind, by the name of
/// its last field; built once per process.
fn field_index() -> &'static FieldIndex {
    static INDEX: LazyLock<FieldIndex> = LazyLock::new(|| {
        let mut index = FieldIndex::new();
        for kind in ResourceKind::ALL.iter().copied() {
            for path in property_paths(kind.json_schema(), INDEX_DEPTH) {
                if let Some(last) = path.last() {
                    index.entry(last.clone()).or_default().push((kind, path));
                }
            }
        }
        index
    });
    &INDEX
}

/// Looks for the kind where a field at this place exists, for fields written in the wrong kind.
fn misplaced_field(field: &str, parent: &FieldPath) -> Option<String> {
    let wanted: Vec<&str> = parent
        .0
        .iter()
        .filter_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
        .filter(|k| *k != "spec")
        .chain(std::iter::once(field))
        .collect();
    let mut found: Option<(usize, ResourceKind, String)> = None;
    for (kind, candidate) in field_index().get(field)? {
        let keys: Vec<&str> = candidate
            .iter()
            .map(String::as_str)
            .filter(|k| *k != "spec")
            .collect();
        if keys.len() < wanted.len() || !keys.ends_with(&wanted) {
            continue;
        }
        let extra = keys.len() - wanted.len();
        if found.as_ref().is_none_or(|(e, _, _)| extra < *e) {
            found = Some((extra, *kind, candidate.join(".")));
        }
    }
    found.map(|(_, kind, path)| {
        format!(
            "`{field}` is a field of {} (`{path}`), not of this kind",
            kind.kind()
        )
    })
}

/// Every property path of `root`, down to `depth` levels (`spec.x.y`, or `x.y` for kinds without a spec).
fn property_paths(root: &Value, depth: usize) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut pending: Vec<(Vec<String>, &Value)> = vec![(Vec::new(), root)];
    while let Some((path, node)) = pending.pop() {
        if path.len() >= depth {
            continue;
        }
        for n in expand(root, node) {
            let n = n.get("items").unwrap_or(n);
            for n in expand(root, n) {
                if let Some(properties) = n.get("properties").and_then(Value::as_object) {
                    for (name, child) in properties {
                        if path.is_empty() && matches!(name.as_str(), "metadata" | "status") {
                            continue;
                        }
                        let mut p = path.clone();
                        p.push(name.clone());
                        out.push(p.clone());
                        pending.push((p, child));
                    }
                }
            }
        }
    }
    out
}

/// A hint for a value that is not one of `known`.
pub(crate) fn unknown_value(value: &str, known: &[&str]) -> Option<String> {
    let normalize = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    };
    let v = normalize(value);
    let by_suffix = known
        .iter()
        .filter(|k| {
            let k = normalize(k);
            !k.is_empty() && (v == k || v.ends_with(&k))
        })
        .max_by_key(|k| normalize(k).len());
    by_suffix
        .copied()
        .or_else(|| closest(value, known.iter().copied()))
        .map(|best| format!("did you mean {best:?}?"))
}

/// A hint for an invalid value: a mapping or list written where a list holds scalars.
pub(crate) fn invalid_value(path: &FieldPath, message: &str) -> Option<String> {
    let (Some(Segment::Index(_)), Some(parent)) = (path.0.last(), path.parent()) else {
        return None;
    };
    let list = parent.last_key()?;
    let found = ["map", "sequence"]
        .into_iter()
        .find(|f| message.contains(&format!("invalid type: {f},")))?;
    let expected = if message.contains("expected u") || message.contains("expected i") {
        "integers"
    } else if message.contains("expected a string") {
        "strings"
    } else {
        return None;
    };
    let found = if found == "map" { "mappings" } else { "lists" };
    Some(format!("`{list}` is a list of {expected}, not of {found}"))
}

/// Rewords serde's messages for people who write YAML, not Rust.
pub(crate) fn explain_invalid(message: &str) -> String {
    let replacements = [
        ("expected u16", "expected an integer from 0 to 65535"),
        ("expected u32", "expected a non-negative integer"),
        ("expected u64", "expected a non-negative integer"),
        ("expected i32", "expected an integer (32-bit)"),
        ("expected i64", "expected an integer (64-bit)"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected struct ", "expected a mapping ("),
    ];
    let mut out = message.to_owned();
    for (from, to) in replacements {
        if out.contains(from) {
            out = out.replace(from, to);
            if to.ends_with('(') {
                out.push(')');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names() {
        let candidates = [
            "maxConnections",
            "maxParallelRequests",
            "maxRequestsPerConnection",
            "maxParallelRetries",
        ];
        assert_eq!(
            closest("maxRequests", candidates),
            Some("maxParallelRequests")
        );
        assert_eq!(
            closest("maxRetries", candidates),
            Some("maxParallelRetries")
        );
        assert_eq!(
            closest("maxconnections", candidates),
            Some("maxConnections")
        );
        assert_eq!(closest("timeout", candidates), None);
    }

    #[test]
    fn value_hints() {
        let tls = ["Auto", "1.0", "1.1", "1.2", "1.3"];
        assert_eq!(
            unknown_value("TLSv1_2", &tls).as_deref(),
            Some("did you mean \"1.2\"?")
        );
        assert_eq!(
            unknown_value("TLSv1.3", &tls).as_deref(),
            Some("did you mean \"1.3\"?")
        );
        assert_eq!(
            unknown_value("PathPrefx", &["Exact", "PathPrefix"]).as_deref(),
            Some("did you mean \"PathPrefix\"?")
        );
        assert_eq!(unknown_value("Whatever", &["Exact", "PathPrefix"]), None);
    }

    #[test]
    fn words_split() {
        assert_eq!(
            words("maxParallelRequests"),
            vec!["max", "parallel", "requests"]
        );
        assert_eq!(words("TLSv1_2"), vec!["tlsv1", "2"]);
    }
}
