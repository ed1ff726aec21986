//! The `ratelimit-config` group: IR -> the global rate limit service's configuration, one YAML document
//! per domain (`out/ratelimit-config/<case>.yaml`), compared as data, document by document, in order; and
//! each route's rate limits by domain (`<case>.routes.yaml`).

use std::path::Path;

use gwapi_ir::ir::Xds;
use gwapi_xds::ratelimit_config::{rate_limit_configs, route_rate_limits};
use gwapi_xds::render::to_go_struct;
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
        let expected = match read_documents(&routes) {
            Ok(v) => v,
            Err(e) => return vec![format!("{}: {e}", routes.display())],
        };
        match render_routes(&ir) {
            Ok(actual) => problems.extend(
                differences(&expected, &actual, limit)
                    .into_iter()
                    .map(|d| format!("routes: {d}")),
            ),
            Err(e) => problems.push(format!("cannot render the routes' rate limits: {e}")),
        }
    }
    problems
}

/// Each rate-limited route's rate limits by domain, in the Go-struct shape of the golden files.
fn render_routes(ir: &Xds) -> Result<Value, gwapi_xds::Error> {
    let mut documents = Vec::new();
    for route in route_rate_limits(ir) {
        let mut domains = serde_json::Map::new();
        for (domain, limits) in &route.rate_limits_by_domain {
            let rendered = limits
                .iter()
                .map(to_go_struct)
                .collect::<Result<Vec<_>, _>>()?;
            domains.insert(domain.clone(), Value::Array(rendered));
        }
        documents.push(serde_json::json!({
            "routeName": route.route_name,
            "rateLimitsByDomain": domains,
        }));
    }
    Ok(Value::Array(documents))
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
