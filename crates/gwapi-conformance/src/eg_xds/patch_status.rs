//! The EnvoyPatchPolicy statuses of a case (`<case>.envoypatchpolicies.yaml`): each policy's name,
//! namespace, generation and status, in IR order.

use std::path::Path;

use gwapi_ir::ir::EnvoyPatchPolicy;
use serde_json::{Value, json};

use crate::compare::differences;

/// The differences between the expected statuses in `path` and the policies the translation returned.
pub fn compare(path: &Path, policies: &[EnvoyPatchPolicy], limit: usize) -> Vec<String> {
    let expected: Value = match std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_norway::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => return vec![format!("{}: {e}", path.display())],
    };
    let actual = Value::Array(
        policies
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "namespace": p.namespace,
                    "generation": p.generation,
                    "status": p.status,
                })
            })
            .collect(),
    );
    differences(&expected, &actual, limit)
        .into_iter()
        .map(|d| format!("envoypatchpolicies: {d}"))
        .collect()
}
