//! Running one case of the eg-xds corpus.

use std::path::Path;

use gwapi_ir::ir::Xds;
use gwapi_xds::render::canonical_json;
use gwapi_xds::{ResourceKind, Translated, XdsConfig, XdsTranslator};
use serde_json::Value;

use crate::compare::differences;
use crate::eg_xds::HarnessSettings;

/// The groups of the corpus: input folder under `in/`, expected output folder under `out/`.
pub const GROUPS: [&str; 3] = ["xds-ir", "extension-xds-ir", "ratelimit-config"];

/// The result of one case: passed, or the reasons it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The group (`xds-ir`, ...).
    pub group: String,
    /// The case name (the input file stem).
    pub name: String,
    /// Why the case failed; empty when it passed.
    pub problems: Vec<String>,
}

impl Outcome {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }

    /// The row of the summary table the case counts in: its name up to the first `-` (the group name for
    /// the groups other than `xds-ir`).
    pub fn prefix(&self) -> String {
        if self.group == "xds-ir" {
            self.name.split('-').next().unwrap_or(&self.name).to_owned()
        } else {
            self.group.clone()
        }
    }
}

/// The translator settings for `case`.
fn config_for(settings: &HarnessSettings, case: &str) -> XdsConfig {
    let mut config = XdsConfig::default()
        .enable_xds_name_scheme_v2(settings.flag(case, "XDSNameSchemeV2"))
        .enable_per_resource_system_ca_secret(settings.flag(case, "PerResourceSystemCASecret"));
    if let Some(domain) = settings.dns_domain.get(case) {
        config = config.dns_domain(domain.clone());
    }
    config
}

/// Runs one case of `group`; `limit` bounds the number of differences reported per resource kind.
pub fn run_case(
    corpus: &Path,
    settings: &HarnessSettings,
    group: &str,
    name: &str,
    limit: usize,
) -> Outcome {
    let problems = match group {
        "xds-ir" => run_xds_ir(corpus, settings, name, limit),
        "extension-xds-ir" => {
            vec!["extension servers are not supported by the harness yet".to_owned()]
        }
        _ => crate::eg_xds::ratelimit_config::run(corpus, name, limit),
    };
    Outcome {
        group: group.to_owned(),
        name: name.to_owned(),
        problems,
    }
}

/// Reads the IR of the `xds-ir` case `name` and translates it with the case's settings.
///
/// # Errors
/// When the IR cannot be read.
pub fn translate_case(
    corpus: &Path,
    settings: &HarnessSettings,
    name: &str,
) -> Result<Translated, String> {
    let input = corpus.join("in/xds-ir").join(format!("{name}.yaml"));
    let ir: Xds = std::fs::read_to_string(&input)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_norway::from_str::<Value>(&text).map_err(|e| e.to_string()))
        .and_then(|value| serde_json::from_value(value).map_err(|e| e.to_string()))
        .map_err(|e| format!("cannot read the IR: {e}"))?;
    Ok(XdsTranslator::new(config_for(settings, name)).translate_partial(&ir))
}

fn run_xds_ir(corpus: &Path, settings: &HarnessSettings, name: &str, limit: usize) -> Vec<String> {
    let translated = match translate_case(corpus, settings, name) {
        Ok(translated) => translated,
        Err(e) => return vec![e],
    };
    let mut problems = Vec::new();
    let out = corpus.join("out/xds-ir");
    if let Some(expected) = settings.expected_error(name) {
        match &translated.error {
            Some(e) if e.to_string().contains(expected) => {}
            Some(e) => problems.push(format!(
                "expected an error containing {expected:?}, got {e}"
            )),
            None => problems.push(format!(
                "expected an error containing {expected:?}, got none"
            )),
        }
        return problems;
    }
    match (&translated.error, settings.is_partial(name)) {
        (None, true) => problems.push("expected an error with the partial output, got none".into()),
        (Some(e), false) => problems.push(format!("unexpected error: {e}")),
        _ => {}
    }
    if settings.patch_policy_status.contains(name) {
        problems.extend(crate::eg_xds::patch_status::compare(
            &out.join(format!("{name}.envoypatchpolicies.yaml")),
            &translated.patch_policies,
            limit,
        ));
    }
    for kind in ResourceKind::ALL {
        let path = out.join(format!("{name}.{}.yaml", kind.plural()));
        let expected = match read_expected(&path, kind) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let actual = match translated.resources.to_json(kind) {
            Ok(v) => Value::Array(v),
            Err(e) => {
                problems.push(format!("{}: cannot render: {e}", kind.plural()));
                continue;
            }
        };
        problems.extend(
            differences(&expected, &actual, limit)
                .into_iter()
                .map(|d| format!("{}: {d}", kind.plural())),
        );
    }
    problems
}

/// Reads an expected output file (absent means no resource) and canonicalizes every resource through its
/// protobuf type, so that spellings of the same value compare equal.
fn read_expected(path: &Path, kind: ResourceKind) -> Result<Value, String> {
    if !path.exists() {
        return Ok(Value::Array(Vec::new()));
    }
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let value: Value = serde_norway::from_str(&text).map_err(|e| e.to_string())?;
    let items = match value {
        Value::Array(items) => items,
        Value::Null => Vec::new(),
        other => vec![other],
    };
    Ok(Value::Array(
        items
            .into_iter()
            .map(|item| canonical_json(kind.message_name(), &item).unwrap_or(item))
            .collect(),
    ))
}
