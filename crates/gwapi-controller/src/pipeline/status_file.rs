//! The statuses as one deterministic YAML document (standalone mode writes it to a file).

use gwapi_ir::{ObjectStatus, Statuses};
use serde::Serialize;

#[derive(Serialize)]
struct Entry<'a> {
    kind: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    namespace: &'a str,
    name: &'a str,
    status: &'a ObjectStatus,
}

/// Every status as a YAML list of `{kind, namespace, name, status}`, ordered by kind, namespace and name.
///
/// ```
/// let yaml = gwapi_controller::pipeline::statuses_yaml(&gwapi_ir::Statuses::default()).unwrap();
/// assert_eq!(yaml, "[]\n");
/// ```
pub fn statuses_yaml(statuses: &Statuses) -> Result<String, serde_norway::Error> {
    let entries: Vec<Entry<'_>> = statuses
        .iter()
        .map(|(key, status)| Entry {
            kind: key.kind.to_string(),
            namespace: &key.namespace,
            name: &key.name,
            status,
        })
        .collect();
    serde_norway::to_string(&entries)
}
