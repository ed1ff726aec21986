//! Shared helpers of the integration tests: the corpus location, the baseline infra of the eg-infra
//! references, the input files, and structural comparison.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use gwapi_infra::ir::ir::ProxyInfra;
use gwapi_infra::ir::model::envoy_gateway::{EnvoyProxy, EnvoyProxySpec};
use gwapi_infra::{InfraConfig, InfraRenderer, RenderedInfra};
use serde::Deserialize;
use serde_json::Value;

/// The corpus directory (see [`gwapi_testing::corpus_dir`]).
pub fn corpus_dir() -> PathBuf {
    gwapi_testing::corpus_dir().unwrap_or_else(|e| panic!("{e}"))
}

/// The baseline infra of the references (`eg-infra/README.md`).
pub const BASELINE: &str = r"
name: default
metadata:
  labels:
    gateway.envoyproxy.io/owning-gateway-namespace: default
    gateway.envoyproxy.io/owning-gateway-name: default
  ownerReference:
    kind: GatewayClass
    name: envoy-gateway-class
listeners:
- name: default/default/listener
  ports:
  - name: EnvoyHTTPPort
    protocol: TCP
    containerPort: 8080
  - name: EnvoyHTTPSPort
    protocol: TCP
    containerPort: 8443
";

/// The owner UID of the references.
pub const OWNER_UID: &str = "test-owner-reference-uid-for-gatewayclass";

/// One variation of the baseline: what an input file says.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Variation {
    /// A JSON merge patch of the baseline infra.
    #[serde(default)]
    pub infra: Option<Value>,
    /// The spec of the fleet's `EnvoyProxy`.
    #[serde(default)]
    pub envoy_proxy: Option<Value>,
    /// Several fleets (each a variation of its own), for references with several documents.
    #[serde(default)]
    pub fleets: Vec<Variation>,
    /// Gateway-namespace mode.
    #[serde(default)]
    pub gateway_namespace_mode: bool,
    /// The owner UID (the baseline's when unset).
    #[serde(default)]
    pub owner_uid: Option<String>,
    /// The shutdown-manager image of the controller.
    #[serde(default)]
    pub shutdown_manager_image: Option<String>,
}

/// RFC 7386 merge.
pub fn merge(target: &mut Value, patch: &Value) {
    if let (Value::Object(target), Value::Object(patch)) = (&mut *target, patch) {
        for (key, value) in patch {
            if value.is_null() {
                target.remove(key);
            } else {
                merge(target.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    } else {
        *target = patch.clone();
    }
}

impl Variation {
    /// Reads an input file (an empty one is the baseline).
    pub fn load(path: &Path) -> Self {
        let text = std::fs::read_to_string(path).unwrap();
        serde_norway::from_str::<Option<Self>>(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .unwrap_or_default()
    }

    /// The infra this variation describes.
    pub fn infra(&self) -> ProxyInfra {
        let mut value: Value = serde_norway::from_str(BASELINE).unwrap();
        if let Some(patch) = &self.infra {
            merge(&mut value, patch);
        }
        let mut infra: ProxyInfra = serde_json::from_value(value).unwrap();
        if let Some(spec) = &self.envoy_proxy {
            let spec: EnvoyProxySpec = serde_json::from_value(spec.clone()).unwrap();
            infra.config = Some(Box::new(EnvoyProxy::new("test", spec)));
        }
        infra
    }

    /// The renderer the variation asks for.
    pub fn renderer(&self) -> InfraRenderer {
        let mut config =
            InfraConfig::default().enable_gateway_namespace_mode(self.gateway_namespace_mode);
        if let Some(image) = &self.shutdown_manager_image {
            config = config.shutdown_manager_image(image.clone());
        }
        InfraRenderer::new(config)
    }

    /// Renders every fleet of the variation.
    pub fn render(&self) -> Vec<RenderedInfra> {
        let renderer = self.renderer();
        let uid = self.owner_uid.as_deref().unwrap_or(OWNER_UID);
        if self.fleets.is_empty() {
            vec![renderer.render(&self.infra(), uid).unwrap()]
        } else {
            self.fleets
                .iter()
                .map(|fleet| renderer.render(&fleet.infra(), uid).unwrap())
                .collect()
        }
    }
}

/// `value` without nulls, with `--config-yaml` arguments parsed as YAML.
pub fn normalize(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            if let Some(Value::Array(args)) = map.get_mut("args") {
                let mut parse_next = false;
                for arg in args.iter_mut() {
                    if parse_next
                        && let Value::String(text) = arg
                        && let Ok(parsed) = serde_norway::from_str::<Value>(text)
                        && parsed.is_object()
                    {
                        *arg = serde_json::json!({"parsed-config-yaml": parsed});
                    }
                    parse_next = arg.as_str() == Some("--config-yaml");
                }
            }
            for v in map.values_mut() {
                normalize(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize),
        _ => {}
    }
}

/// The paths where `actual` and `expected` differ, at most `limit`.
pub fn diff(path: &str, actual: &Value, expected: &Value, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit {
        return;
    }
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (key, ev) in e {
                match a.get(key) {
                    Some(av) => diff(&format!("{path}.{key}"), av, ev, out, limit),
                    None => out.push(format!("{path}.{key}: missing (expected {})", short(ev))),
                }
            }
            for (key, av) in a {
                if !e.contains_key(key) {
                    out.push(format!("{path}.{key}: unexpected {}", short(av)));
                }
            }
        }
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => {
            for (i, (av, ev)) in a.iter().zip(e).enumerate() {
                diff(&format!("{path}[{i}]"), av, ev, out, limit);
            }
        }
        _ if actual == expected => {}
        _ => out.push(format!(
            "{path}: got {} expected {}",
            short(actual),
            short(expected)
        )),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 160 {
        format!("{}...", &text[..160])
    } else {
        text
    }
}

/// The documents of a YAML file.
pub fn documents(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .map(|doc| Value::deserialize(doc).unwrap())
        .filter(|v| !v.is_null())
        .collect()
}
