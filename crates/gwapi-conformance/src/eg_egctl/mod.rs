//! The `eg-egctl` harness: Envoy Gateway's end-to-end translations (`egctl x translate`: Kubernetes YAML ->
//! statuses, IR and Envoy config dumps), run through gwapi's whole pipeline and compared part by part.
//!
//! Each `in/<case>.yaml` is loaded as a manifest (objects without a namespace go to `envoy-gateway-system`),
//! completed the way egctl completes it ([`gwapi_model::offline`]), translated to IR and xDS; then every
//! `out/<case>.<type>.<yaml|json>` is compared: the statuses of the objects it lists, its `xdsIR`/`infraIR`,
//! and the listeners, routes, clusters and endpoints of its `xds` dumps (semantically: canonical protobuf
//! JSON, empty == absent). The bootstrap is rendered by the fleet renderer and is not part of this score.

mod dump;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use gwapi_controller::offline::{self, DEFAULT_NAMESPACE, OfflineOptions};
use gwapi_ir::Translation;
use gwapi_model::load::{Loader, LoaderConfig};
use gwapi_xds::{ResourceKind, XdsConfig, XdsTranslator};
use serde_json::Value;

use crate::compare::differences;
use crate::eg_gatewayapi::{ir_differences, status_differences};

/// The most differences kept per compared part.
const LIMIT: usize = 20;

/// The result of one case.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Outcome {
    /// The case name (the input file stem).
    pub name: String,
    /// The expected output files compared.
    pub outputs: Vec<String>,
    /// Why the case does not agree; empty when it does.
    pub problems: Vec<String>,
}

impl Outcome {
    /// Whether every compared part agrees.
    pub fn passed(&self) -> bool {
        self.problems.is_empty() && !self.outputs.is_empty()
    }
}

/// Runs every case of `dir` (`in/`, `out/`) whose name contains `filter`.
pub fn run(dir: &Path, filter: Option<&str>) -> anyhow::Result<Vec<Outcome>> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("in"))
        .with_context(|| format!("reading {}", dir.join("in").display()))?
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_str()?.to_owned();
            name.strip_suffix(".yaml").map(str::to_owned)
        })
        .filter(|n| filter.is_none_or(|f| n.contains(f)))
        .collect();
    names.sort();
    let mut outputs: Vec<PathBuf> = std::fs::read_dir(dir.join("out"))
        .with_context(|| format!("reading {}", dir.join("out").display()))?
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    outputs.sort();
    names
        .into_iter()
        .map(|name| {
            let mine: Vec<&PathBuf> = outputs
                .iter()
                .filter(|p| {
                    p.file_name()
                        .and_then(|f| f.to_str())
                        .and_then(|f| f.strip_prefix(name.as_str()))
                        .is_some_and(|rest| rest.starts_with('.'))
                })
                .collect();
            run_case(dir, &name, &mine)
        })
        .collect()
}

fn run_case(dir: &Path, name: &str, outputs: &[&PathBuf]) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome {
        name: name.to_owned(),
        ..Outcome::default()
    };
    let loader = Loader::new(LoaderConfig::default().default_namespace(Some(DEFAULT_NAMESPACE)));
    let input = loader
        .load_path(&dir.join("in").join(format!("{name}.yaml")))?
        .into_resources();
    // egctl's default: `--add-missing-resources` is off (nothing in a case says it was on).
    let translated = offline::translate(input, &OfflineOptions::default()).map(|o| o.translation);
    if outputs.is_empty() {
        // The reference printed nothing: it refused the input, and so must we.
        outcome
            .outputs
            .push("(none: the input must be refused)".to_owned());
        if translated.is_ok() {
            outcome
                .problems
                .push("the reference refuses this input; we translated it".to_owned());
        }
        return Ok(outcome);
    }
    let translation = match translated {
        Ok(translation) => translation,
        Err(e) => {
            outcome.problems.push(format!("refused: {e}"));
            return Ok(outcome);
        }
    };
    let xds = render_xds(&translation, &mut outcome.problems);
    let expected_loader = Loader::new(LoaderConfig::default().default_namespace(None));
    for path in outputs {
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default()
            .to_owned();
        let text = std::fs::read_to_string(path)?;
        let mut map = expected_loader.load_corpus_map(&file, &text);
        // Outputs of some reference versions print objects without their status: nothing to compare.
        map.output.objects.retain(|o| {
            o.resource
                .to_json()
                .is_ok_and(|j| j.get("status").is_some_and(|s| !s.is_null()))
        });
        let compared = &mut outcome.problems;
        compared.extend(
            status_differences(&map, &translation)
                .into_iter()
                .map(|d| format!("{file}: {d}")),
        );
        for (section, ours) in [
            ("xdsir", serde_json::to_value(&translation.xds)?),
            ("infrair", serde_json::to_value(&translation.infra)?),
        ] {
            if let Some(wanted) = map.data.get(section) {
                let wanted = serde_json::to_value(wanted)?;
                compared.extend(
                    ir_differences(section, wanted, ours)
                        .into_iter()
                        .map(|d| format!("{file}: {d}")),
                );
            }
        }
        let raw: Value =
            serde_norway::from_str(&text).with_context(|| format!("reading {}", path.display()))?;
        if let Some(section) = raw.get("xds") {
            compare_xds(&file, section, &xds, compared);
        }
        outcome.outputs.push(file);
    }
    Ok(outcome)
}

/// Our xDS resources per IR key, rendered as canonical JSON by kind.
fn render_xds(
    translation: &Translation,
    problems: &mut Vec<String>,
) -> BTreeMap<String, BTreeMap<ResourceKind, Vec<Value>>> {
    let translator = XdsTranslator::new(XdsConfig::default());
    let mut rendered = BTreeMap::new();
    for (key, ir) in &translation.xds {
        let translated = translator.translate_partial(ir);
        if let Some(e) = &translated.error {
            problems.push(format!("{key}: xDS translation error: {e}"));
        }
        let mut by_kind = BTreeMap::new();
        for kind in ResourceKind::ALL {
            match translated.resources.to_json(kind) {
                Ok(items) => {
                    by_kind.insert(kind, items);
                }
                Err(e) => problems.push(format!("{key}: cannot render {}: {e}", kind.plural())),
            }
        }
        rendered.insert(key.clone(), by_kind);
    }
    rendered
}

fn compare_xds(
    file: &str,
    section: &Value,
    ours: &BTreeMap<String, BTreeMap<ResourceKind, Vec<Value>>>,
    problems: &mut Vec<String>,
) {
    for (key, expected) in dump::read_xds(section) {
        let Some(ours) = ours.get(&key) else {
            problems.push(format!(
                "{file}: xds {key}: no such IR key in our translation"
            ));
            continue;
        };
        for (kind, wanted) in expected {
            let got = ours.get(&kind).cloned().unwrap_or_default();
            problems.extend(
                differences(&Value::Array(wanted), &Value::Array(got), LIMIT)
                    .into_iter()
                    .map(|d| format!("{file}: xds {key} {}: {d}", kind.plural())),
            );
        }
    }
}

/// The report: one line per case, then `N passed, M failed`.
pub fn report(outcomes: &[Outcome], verbose: bool) -> String {
    let mut out = String::new();
    for o in outcomes {
        let verdict = if o.passed() { "ok" } else { "FAILED" };
        let _ = writeln!(out, "{:<45} {verdict}", o.name);
        if verbose {
            for p in &o.problems {
                let _ = writeln!(out, "    {p}");
            }
        }
    }
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    let _ = writeln!(
        out,
        "{passed} passed, {} failed",
        outcomes.len().saturating_sub(passed)
    );
    out
}
