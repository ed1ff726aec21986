//! Golden test: re-creates the input of every reference manifest in `eg-infra` (the baseline plus the
//! variation in `tests/golden/<folder>/<name>.input.yaml`), renders it, and compares the rendered object with
//! the reference structurally (JSON trees, nulls dropped, the `--config-yaml` bootstrap compared as YAML).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::PathBuf;

use gwapi_infra::{ProxyWorkload, RenderedInfra};
use serde_json::Value;
use support::{Variation, corpus_dir, diff, documents, normalize};

/// The number of reference files known to match; the test fails below it.
const FLOOR: usize = 89;

/// The rendered object a reference file of `folder` shows.
fn object(folder: &str, stem: &str, rendered: &RenderedInfra) -> Option<Value> {
    let kind = if folder == "gateway-namespace-mode" {
        stem
    } else {
        folder
    };
    let value = match kind {
        "configmap" => serde_json::to_value(&rendered.config_map),
        "serviceaccount" => serde_json::to_value(&rendered.service_account),
        "services" | "service" => serde_json::to_value(&rendered.service),
        "hpa" => serde_json::to_value(rendered.hpa.as_ref()?),
        "pdb" => serde_json::to_value(rendered.pdb.as_ref()?),
        "deployments" | "deployment" => match &rendered.workload {
            ProxyWorkload::Deployment(d) => serde_json::to_value(d),
            ProxyWorkload::DaemonSet(_) => return None,
        },
        "daemonsets" => match &rendered.workload {
            ProxyWorkload::DaemonSet(d) => serde_json::to_value(d),
            ProxyWorkload::Deployment(_) => return None,
        },
        other => panic!("unknown reference folder {other}"),
    };
    Some(value.unwrap())
}

/// The `--config-yaml` texts in `documents`, byte for byte.
fn bootstraps(documents: &[Value]) -> Vec<String> {
    fn collect(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => map.values().for_each(|v| collect(v, out)),
            Value::Array(items) => {
                for pair in items.windows(2) {
                    if pair[0].as_str() == Some("--config-yaml") {
                        out.extend(pair[1].as_str().map(str::to_owned));
                    }
                }
                for v in items {
                    collect(v, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for d in documents {
        collect(d, &mut out);
    }
    out
}

#[test]
fn eg_infra_references() {
    let corpus = corpus_dir().join("eg-infra");
    let inputs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut references = Vec::new();
    for folder in std::fs::read_dir(&corpus).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder).unwrap() {
            references.push(file.unwrap().path());
        }
    }
    references.sort();
    let mut equal = 0;
    let mut failures = Vec::new();
    for reference in &references {
        let folder = reference
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        let stem = reference.file_stem().unwrap().to_str().unwrap();
        let id = format!("{folder}/{stem}");
        let input = inputs.join(folder).join(format!("{stem}.input.yaml"));
        if !input.is_file() {
            failures.push(format!("{id}: no input file"));
            continue;
        }
        let variation = Variation::load(&input);
        let rendered = variation.render();
        let mut expected = documents(&std::fs::read_to_string(reference).unwrap());
        let mut actual: Vec<Value> = rendered
            .iter()
            .filter_map(|r| object(folder, stem, r))
            .collect();
        let exact_bootstrap = bootstraps(&actual) == bootstraps(&expected);
        expected.iter_mut().for_each(normalize);
        actual.iter_mut().for_each(normalize);
        if actual == expected && exact_bootstrap {
            equal += 1;
            continue;
        }
        let mut lines = Vec::new();
        if !exact_bootstrap {
            lines.push("the --config-yaml bootstrap text differs".to_owned());
        }
        if actual.len() == expected.len() {
            for (i, (a, e)) in actual.iter().zip(&expected).enumerate() {
                diff(&format!("doc{i}"), a, e, &mut lines, 12);
            }
        } else {
            lines.push(format!(
                "{} documents rendered, {} expected",
                actual.len(),
                expected.len()
            ));
        }
        failures.push(format!("{id}:\n    {}", lines.join("\n    ")));
    }
    // Every input file belongs to a reference.
    for folder in std::fs::read_dir(&inputs).unwrap() {
        let folder = folder.unwrap().path();
        for file in std::fs::read_dir(&folder).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_str().unwrap();
            let stem = name.strip_suffix(".input.yaml").unwrap_or(name);
            let reference = corpus
                .join(folder.file_name().unwrap())
                .join(format!("{stem}.yaml"));
            assert!(reference.is_file(), "orphaned input {}", file.display());
        }
    }
    for failure in &failures {
        println!("MISMATCH {failure}");
    }
    println!("{equal} of {} reference files equal", references.len());
    assert!(
        equal >= FLOOR,
        "{equal} of {} reference files equal, fewer than the floor {FLOOR}",
        references.len()
    );
}
