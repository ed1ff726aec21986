//! Every input in the corpus loads without an error, every field the upstream CRDs define is in the model
//! (an unknown field is only acceptable when the upstream schema does not have it either: then the input
//! itself is wrong and the warning is right), and every object survives load -> serialize -> load unchanged.
//! (Unknown enum values are allowed: some cases test them on purpose, and they load as data for the statuses
//! to report.)

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use gwapi_conformance::corpus_dir;
use std::collections::BTreeMap;

use gwapi_model::load::{Diagnostic, DiagnosticKind, LoadOutput, Loader, Segment, Severity};
use serde_json::Value;

fn files_below(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                pending.push(p);
            } else if keep(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn is_yaml(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "yaml")
}

/// Loads every corpus input: (file, output).
fn load_corpus() -> Vec<(String, LoadOutput)> {
    let corpus = corpus_dir().unwrap();
    let loader = Loader::default();
    let mut outputs = Vec::new();
    for file in files_below(&corpus.join("eg-gatewayapi"), &is_yaml) {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.display().to_string();
        outputs.push((name.clone(), loader.load_corpus_map(&name, &text).output));
    }
    let manifests = [
        corpus.join("eg-egctl/in"),
        corpus.join("gateway-api/manifests"),
    ];
    for file in manifests.iter().flat_map(|d| files_below(d, &is_yaml)) {
        let name = file.display().to_string();
        outputs.push((name, loader.load_path(&file).unwrap()));
    }
    outputs
}

/// The openAPIV3Schema of every upstream CRD in the corpus, by kind.
fn upstream_schemas() -> BTreeMap<String, Value> {
    let corpus = corpus_dir().unwrap();
    let mut schemas = BTreeMap::new();
    for dir in [
        corpus.join("crds/envoy-gateway"),
        corpus.join("crds/gateway-api/experimental"),
    ] {
        for file in files_below(&dir, &is_yaml) {
            let text = std::fs::read_to_string(&file).unwrap();
            for document in serde_norway::Deserializer::from_str(&text) {
                let Ok(crd) = <Value as serde::Deserialize>::deserialize(document) else {
                    continue;
                };
                let Some(kind) = crd.pointer("/spec/names/kind").and_then(Value::as_str) else {
                    continue;
                };
                if let Some(schema) = crd.pointer("/spec/versions/0/schema/openAPIV3Schema") {
                    schemas.insert(kind.to_owned(), schema.clone());
                }
            }
        }
    }
    schemas
}

/// Whether the upstream schema of the diagnostic's kind has the field it reports as unknown.
fn upstream_has_field(schemas: &BTreeMap<String, Value>, d: &Diagnostic) -> bool {
    let (Some(object), Some(field)) = (&d.object, &d.field) else {
        return true;
    };
    let Some(mut node) = schemas.get(object.kind.kind()) else {
        return true;
    };
    for segment in &field.0 {
        let next = match segment {
            Segment::Key(k) => node.get("properties").and_then(|p| p.get(k)),
            Segment::Index(_) => node.get("items"),
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
    true
}

#[test]
fn corpus_loads_cleanly_and_round_trips() {
    let schemas = upstream_schemas();
    assert!(
        schemas.len() > 15,
        "upstream CRD schemas found: {}",
        schemas.len()
    );
    let loaded = load_corpus();
    let files = loaded.len();
    let objects: usize = loaded.iter().map(|(_, o)| o.objects.len()).sum();
    let problems: Vec<&Diagnostic> = loaded
        .iter()
        .flat_map(|(_, o)| &o.diagnostics)
        .filter(|d| {
            d.severity == Severity::Error
                || (d.kind == DiagnosticKind::UnknownField && upstream_has_field(&schemas, d))
        })
        .collect();
    let unknown_upstream = loaded
        .iter()
        .flat_map(|(_, o)| &o.diagnostics)
        .filter(|d| d.kind == DiagnosticKind::UnknownField && !upstream_has_field(&schemas, d))
        .count();
    eprintln!(
        "{unknown_upstream} unknown fields that the upstream schemas do not define either (input mistakes)"
    );
    let lenient = loaded
        .iter()
        .flat_map(|(_, o)| &o.diagnostics)
        .filter(|d| d.kind == DiagnosticKind::Lenient)
        .count();
    eprintln!(
        "{files} files, {objects} objects, {lenient} fields accepted leniently (as Envoy Gateway does)"
    );
    for d in problems.iter().take(60) {
        eprintln!("{d}");
    }
    assert!(
        problems.is_empty(),
        "{} problems in {files} files ({objects} objects loaded)",
        problems.len()
    );
    assert!(
        files > 700,
        "expected the whole corpus, found {files} files"
    );
    assert!(
        objects > 5000,
        "expected the whole corpus, loaded {objects} objects"
    );
    round_trip(loaded);
}

fn round_trip(outputs: Vec<(String, LoadOutput)>) {
    let loader = Loader::default();
    let mut checked = 0;
    for (file, output) in outputs {
        for object in output.objects {
            let json = object.resource.to_json().unwrap();
            let yaml = serde_norway::to_string(&json).unwrap();
            let again = loader.load_str("round-trip.yaml", &yaml);
            let problems: Vec<_> = again
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error || d.kind == DiagnosticKind::UnknownField)
                .collect();
            assert!(problems.is_empty(), "{file}: {problems:?}");
            assert_eq!(again.objects.len(), 1, "{file}");
            assert_eq!(again.objects[0].resource, object.resource, "{file}: {yaml}");
            checked += 1;
        }
    }
    assert!(checked > 5000, "round-tripped {checked} objects");
}
