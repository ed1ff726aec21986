//! The `ratelimit-config` group: IR -> the global rate limit service's configuration, one YAML document
//! per domain (`out/ratelimit-config/<case>.yaml`), compared as data, document by document, in order; and
//! each route's rate limits by domain (`<case>.routes.yaml`).

use std::path::Path;

use gwapi_ir::ir::Xds;
use gwapi_xds::ratelimit_config::rate_limit_configs;
use serde::Deserialize as _;
use serde_json::Value;

use crate::compare::differences;

const GROUP: &str = "ratelimit-config";

/// Runs the `ratelimit-config` case `name`; `limit` bounds the number of differences reported.
pub fn run(corpus: &Path, name: &str, limit: usize) -> Vec<String> {
    let input = corpus.join("in").join(GROUP).join(format!("{name}.yaml"));
    let ir: Xds = match std::fs::read_to_string(&input)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_norway::from_str::<Value>(&text).map_err(|e| e.to_string()))
        .and_then(|value| serde_json::from_value(as_xds(value)).map_err(|e| e.to_string()))
    {
        Ok(ir) => ir,
        Err(e) => return vec![format!("cannot read the IR: {e}")],
    };
    let path = corpus.join("out").join(GROUP).join(format!("{name}.yaml"));
    let expected = match read_documents(&path) {
        Ok(v) => v,
        Err(e) => return vec![format!("{}: {e}", path.display())],
    };
    let actual = match serde_json::to_value(rate_limit_configs(&ir)) {
        Ok(v) => v,
        Err(e) => return vec![format!("cannot render the configuration: {e}")],
    };
    let mut problems: Vec<String> = differences(&expected, &actual, limit)
        .into_iter()
        .map(|d| format!("configuration: {d}"))
        .collect();
    let routes = corpus
        .join("out")
        .join(GROUP)
        .join(format!("{name}.routes.yaml"));
    if routes.exists() {
        problems.push(format!(
            "{}: the routes' rate limits by domain are not produced yet",
            routes.display()
        ));
    }
    problems
}

/// The input as an IR: a whole `Xds`, or (as some cases are written) one HTTP listener.
fn as_xds(value: Value) -> Value {
    match value {
        Value::Object(map) if map.contains_key("routes") && !map.contains_key("http") => {
            serde_json::json!({ "http": [Value::Object(map)] })
        }
        other => other,
    }
}

/// Every YAML document of `path`, as one array (absent or empty means no configuration).
fn read_documents(path: &Path) -> Result<Value, String> {
    if !path.exists() {
        return Ok(Value::Array(Vec::new()));
    }
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut documents = Vec::new();
    for document in serde_norway::Deserializer::from_str(&text) {
        match Value::deserialize(document).map_err(|e| e.to_string())? {
            Value::Null => {}
            value => documents.push(value),
        }
    }
    Ok(Value::Array(documents))
}
