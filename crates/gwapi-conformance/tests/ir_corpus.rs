//! The IR types read every `xdsIR` / `infraIR` of the corpus (the golden outputs of `eg-gatewayapi` and the
//! inputs of `eg-xds`) without an unknown field, and write them back structurally equal (empty == absent).

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use gwapi_conformance::compare::differences;
use gwapi_conformance::corpus_dir;
use gwapi_ir::ir::{Infra, Xds};
use gwapi_model::load::Loader;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Lower-cases the top-level keys (the IR's top-level keys match case-insensitively: `accesslog`).
fn fold_top_level(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
        ),
        other => other,
    }
}

/// For hand-written IR (the eg-xds inputs), which Envoy Gateway reads with Go's case-insensitive field
/// matching and any duration spelling: lower-cases every key and writes every Go duration in Go's canonical
/// form, so that only differences of meaning remain.
fn fold_hand_written(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            // When a block spells a key twice (`caCertificate` and `CACertificate`), Go keeps the exact match
            // of the field name, which is the lower-camel spelling.
            let mut folded = serde_json::Map::new();
            let mut canonical = std::collections::BTreeSet::new();
            for (k, v) in map {
                let lower = k.to_lowercase();
                let is_canonical = k.starts_with(|c: char| c.is_ascii_lowercase());
                if canonical.contains(&lower) && !is_canonical {
                    continue;
                }
                if is_canonical {
                    canonical.insert(lower.clone());
                }
                folded.insert(lower, fold_hand_written(v));
            }
            Value::Object(folded)
        }
        // Go's YAML reader turns a number into text where the field is a string.
        Value::Number(n) if n.as_f64() != Some(0.0) => Value::String(n.to_string()),

        Value::Array(items) => Value::Array(items.into_iter().map(fold_hand_written).collect()),
        Value::String(s)
            if s.ends_with(|c: char| c.is_ascii_alphabetic())
                && s.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            match s.parse::<gwapi_ir::ir::GoDuration>() {
                Ok(d) => Value::String(d.to_string()),
                Err(_) => Value::String(s),
            }
        }
        other => other,
    }
}

/// The fields that are EG's `PrivateBytes`: the IR reads their bytes but always writes `[redacted]`.
const PRIVATE_FIELDS: [&str; 4] = ["users", "clientSecret", "hmacSecret", "credential"];

/// `value` as the IR writes it back: every non-empty private field (and context extension value) redacted.
fn redact_private_bytes(value: Value) -> Value {
    fn redacted(v: Value) -> Value {
        match v {
            Value::Null => Value::Null,
            Value::String(s) if s.is_empty() => Value::String(s),
            _ => Value::String("[redacted]".to_owned()),
        }
    }
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if PRIVATE_FIELDS.contains(&k.as_str()) {
                        redacted(v)
                    } else if k == "contextExtensions" {
                        redact_context_extensions(v)
                    } else {
                        redact_private_bytes(v)
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(redact_private_bytes).collect()),
        other => other,
    }
}

fn redact_context_extensions(value: Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| match item {
                    Value::Object(mut map) => {
                        if let Some(v) = map.remove("value") {
                            let v = if v.as_str().is_some_and(str::is_empty) {
                                v
                            } else {
                                Value::String("[redacted]".to_owned())
                            };
                            map.insert("value".to_owned(), v);
                        }
                        Value::Object(map)
                    }
                    other => other,
                })
                .collect(),
        ),
        other => other,
    }
}

/// Reads `value` as `T` and writes it back; returns the problems found.
fn check<T: DeserializeOwned + Serialize>(name: &str, value: &Value) -> Vec<String> {
    check_with::<T>(name, value, fold_top_level)
}

/// Like [`check`], with `fold` applied to both sides before comparing.
fn check_with<T: DeserializeOwned + Serialize>(
    name: &str,
    value: &Value,
    fold: fn(Value) -> Value,
) -> Vec<String> {
    let mut ignored = Vec::new();
    let mut on_ignored = |p: serde_ignored::Path<'_>| ignored.push(p.to_string());
    let parsed: Result<T, _> =
        serde_path_to_error::deserialize(serde_ignored::Deserializer::new(value, &mut on_ignored));
    // Kubernetes objects embedded in the IR (the proxy's EnvoyProxy) take `apiVersion` and `kind` from their
    // type: those keys are read past and written back, not fields.
    let mut problems: Vec<String> = ignored
        .iter()
        .filter(|p| !(p.ends_with("config.?.apiVersion") || p.ends_with("config.?.kind")))
        .map(|p| format!("{name}: unknown field {p}"))
        .collect();
    match parsed {
        Err(e) => problems.push(format!("{name}: {} at {}", e.inner(), e.path())),
        Ok(ir) => {
            let written = serde_json::to_value(&ir).unwrap();
            let expected = fold(redact_private_bytes(value.clone()));
            let diffs = differences(&expected, &fold(written), 5);
            problems.extend(diffs.into_iter().map(|d| format!("{name}: {d}")));
        }
    }
    problems
}

struct Report {
    documents: usize,
    failed: Vec<Vec<String>>,
}

impl Report {
    fn add(&mut self, problems: Vec<String>) {
        self.documents += 1;
        if !problems.is_empty() {
            self.failed.push(problems);
        }
    }

    fn assert_clean(&self, what: &str) {
        for problems in self.failed.iter().take(40) {
            for p in problems.iter().take(4) {
                eprintln!("{p}");
            }
        }
        eprintln!(
            "{what}: {} of {} documents read and write back exactly",
            self.documents - self.failed.len(),
            self.documents
        );
        assert!(
            self.failed.is_empty(),
            "{what}: {} of {} documents differ",
            self.failed.len(),
            self.documents
        );
    }
}

fn golden_ir_sections(section: &str) -> Vec<(String, Value)> {
    let corpus = corpus_dir().unwrap();
    let mut out = Vec::new();
    for dir in [
        corpus.join("eg-gatewayapi"),
        corpus.join("eg-gatewayapi/extensions"),
    ] {
        for file in yaml_files(&dir)
            .into_iter()
            .filter(|f| f.to_string_lossy().ends_with(".out.yaml"))
        {
            let text = std::fs::read_to_string(&file).unwrap();
            let map = Loader::default().load_corpus_map(&file.display().to_string(), &text);
            let Some(serde_norway::Value::Mapping(irs)) = map.data.get(section) else {
                continue;
            };
            for (key, ir) in irs {
                let name = format!(
                    "{} {}",
                    file.file_name().unwrap().to_string_lossy(),
                    key.as_str().unwrap_or("?")
                );
                out.push((name, serde_json::to_value(ir).unwrap()));
            }
        }
    }
    out
}

#[test]
fn golden_xds_ir_round_trips() {
    let mut report = Report {
        documents: 0,
        failed: Vec::new(),
    };
    for (name, value) in golden_ir_sections("xdsir") {
        report.add(check::<Xds>(&name, &value));
    }
    report.assert_clean("eg-gatewayapi xdsIR");
}

#[test]
fn golden_infra_ir_round_trips() {
    let mut report = Report {
        documents: 0,
        failed: Vec::new(),
    };
    for (name, value) in golden_ir_sections("infrair") {
        report.add(check::<Infra>(&name, &value));
    }
    report.assert_clean("eg-gatewayapi infraIR");
}

#[test]
fn eg_xds_inputs_round_trip() {
    let corpus = corpus_dir().unwrap();
    let mut report = Report {
        documents: 0,
        failed: Vec::new(),
    };
    for dir in ["eg-xds/in/xds-ir", "eg-xds/in/extension-xds-ir"] {
        for file in yaml_files(&corpus.join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            let value: Value = serde_norway::from_str(&text).unwrap();
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            report.add(check_with::<Xds>(&name, &value, fold_hand_written));
        }
    }
    report.assert_clean("eg-xds inputs");
}
