//! The `eg-gatewayapi` harness: runs Envoy Gateway's translator golden cases (input resources -> statuses +
//! IR) through gwapi's [`gwapi_ir::Translator`] and scores the agreement.

mod fixtures;
mod outcome;
mod settings;
mod validate;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;
use gwapi_ir::Translator;
use gwapi_model::envoy_gateway::EnvoyProxy;
use gwapi_model::load::{CorpusMap, Loader, LoaderConfig};
use gwapi_model::resource::{Resource, UnstructuredObject};

pub use outcome::{CaseOutcome, ir_differences, status_differences};
pub use validate::validate_full_agreement;

use fixtures::{CaseWorld, SharedFixtures};

/// A corpus folder, ready to translate its cases.
pub struct Corpus {
    dir: std::path::PathBuf,
    loader: Loader,
    overrides: BTreeMap<String, String>,
    shared: SharedFixtures,
}

impl Corpus {
    /// Reads the fixtures every case of `dir` shares.
    ///
    /// # Errors
    /// When `FIXTURES.md`, `base/base.yaml` or `fixtures.yaml` cannot be read.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        let loader = Loader::new(LoaderConfig::default().default_namespace(None));
        let fixtures_md = dir.join("FIXTURES.md");
        let overrides = settings::overrides(
            &std::fs::read_to_string(&fixtures_md)
                .with_context(|| format!("reading {}", fixtures_md.display()))?,
        );
        let shared = SharedFixtures {
            base_secrets: load_map(&loader, &dir.join("base/base.yaml"))?
                .output
                .into_resources(),
            fixtures: load_map(&loader, &dir.join("fixtures.yaml"))?
                .output
                .into_resources(),
        };
        Ok(Self {
            dir: dir.to_owned(),
            loader,
            overrides,
            shared,
        })
    }

    /// The names of the cases (those containing `filter`), sorted.
    ///
    /// # Errors
    /// When the folder cannot be listed.
    pub fn names(&self, filter: Option<&str>) -> anyhow::Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)?
            .filter_map(|e| {
                e.ok()?
                    .file_name()
                    .to_str()?
                    .strip_suffix(".in.yaml")
                    .map(str::to_owned)
            })
            .filter(|n| filter.is_none_or(|f| n.contains(f)))
            .collect();
        names.sort();
        Ok(names)
    }

    /// Translates the case `name` the way the reference harness set it up.
    ///
    /// # Errors
    /// When the case's input cannot be read.
    pub fn translate(&self, name: &str) -> anyhow::Result<gwapi_ir::Translation> {
        let input = load_map(&self.loader, &self.dir.join(format!("{name}.in.yaml")))?;
        let mut config = settings::config_for(name, &self.overrides);
        if let Some(spec) = input.data.get("envoyproxydefaultspec") {
            config = config.envoy_proxy_defaults(serde_norway::from_value(spec.clone()).ok());
        }
        let (class_proxy, objects) = split_class_proxy(&input);
        let class_given = input.collections.iter().any(|c| c == "gatewayclass");
        let class_proxy_key = class_proxy.as_ref().map(|p| p.metadata.clone());
        let world = CaseWorld {
            name,
            objects,
            class_proxy,
            class_name: &config.gateway_class_name,
            controller_name: &config.controller_name,
            controller_namespace: &config.controller_namespace,
            gateway_namespace_mode: config.enable_gateway_namespace_mode,
        };
        let snapshot = fixtures::snapshot(world, &self.shared);
        let mut translation = Translator::new(config.clone()).translate(&snapshot);
        if !class_given && let Some(key) = &class_proxy_key {
            fixtures::forget_class_proxy_status(&mut translation, key);
        }
        Ok(translation)
    }
}

/// Runs every case of `dir` (or those whose name contains `filter`) and returns their outcomes, by name.
///
/// # Errors
/// When the corpus cannot be read.
pub fn run(dir: &Path, filter: Option<&str>) -> anyhow::Result<Vec<CaseOutcome>> {
    let corpus = Corpus::open(dir)?;
    let mut outcomes = Vec::new();
    for name in corpus.names(filter)? {
        let translation = corpus.translate(&name)?;
        let expected = load_map(&corpus.loader, &dir.join(format!("{name}.out.yaml")))?;
        outcomes.push(outcome::compare(&name, &expected, &translation));
    }
    Ok(outcomes)
}

fn load_map(loader: &Loader, file: &Path) -> anyhow::Result<CorpusMap> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    Ok(loader.load_corpus_map(&file.display().to_string(), &text))
}

/// The case's objects, and apart the EnvoyProxy of its `envoyProxyForGatewayClass` key.
fn split_class_proxy(input: &CorpusMap) -> (Option<EnvoyProxy>, Vec<Resource>) {
    let mut class_proxy = None;
    let mut objects = Vec::new();
    for (object, collection) in input.output.objects.iter().zip(&input.collections) {
        match &object.resource {
            Resource::EnvoyProxy(p)
                if collection == "envoyproxyforgatewayclass" && class_proxy.is_none() =>
            {
                class_proxy = Some(p.as_ref().clone());
            }
            other => objects.push(other.clone()),
        }
    }
    objects.extend(cluster_trust_bundles(input));
    (class_proxy, objects)
}

/// The case's ClusterTrustBundles (a kind gwapi-model keeps unstructured), as unstructured objects.
fn cluster_trust_bundles(input: &CorpusMap) -> Vec<Resource> {
    input
        .unstructured
        .iter()
        .filter(|(collection, _)| collection == "clustertrustbundles")
        .filter_map(|(_, value)| {
            let object: serde_json::Value = serde_json::to_value(value).ok()?;
            let metadata = serde_json::from_value(object.get("metadata")?.clone()).ok()?;
            Some(Resource::Unstructured(Box::new(UnstructuredObject {
                metadata,
                object,
            })))
        })
        .collect()
}

/// The group of a case: its name up to the first `-`.
fn group(name: &str) -> &str {
    name.split('-').next().unwrap_or(name)
}

/// The report: a table by group, the status agreement, and last `N passed, M failed` (passed = full
/// agreement).
pub fn report(outcomes: &[CaseOutcome]) -> String {
    let mut groups: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for o in outcomes {
        let g = groups.entry(group(&o.name)).or_default();
        g.0 += 1;
        g.1 += usize::from(o.status_ok());
        g.2 += usize::from(o.full_ok());
    }
    let mut out = format!(
        "{:<28} {:>6} {:>10} {:>8}\n",
        "group", "cases", "status ok", "full ok"
    );
    for (name, (cases, status, full)) in &groups {
        let _ = writeln!(out, "{name:<28} {cases:>6} {status:>10} {full:>8}");
    }
    let status = outcomes.iter().filter(|o| o.status_ok()).count();
    let passed = outcomes.iter().filter(|o| o.full_ok()).count();
    let _ = writeln!(out, "status: {status}/{}", outcomes.len());
    let _ = writeln!(out, "{passed} passed, {} failed", outcomes.len() - passed);
    out
}

/// A readable account of one case's differences.
pub fn explain(outcome: &CaseOutcome) -> String {
    let mut out = format!(
        "case {}: status {}, IR {}\n",
        outcome.name,
        if outcome.status_ok() { "ok" } else { "differs" },
        if outcome.ir_differences.is_empty() {
            "ok"
        } else {
            "differs"
        }
    );
    for d in outcome
        .status_differences
        .iter()
        .chain(&outcome.ir_differences)
    {
        out.push_str("  ");
        out.push_str(d);
        out.push('\n');
    }
    out
}
