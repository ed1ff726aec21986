//! The `eg-xds` harness: Envoy Gateway's IR -> xDS golden cases (`corpus/eg-xds`, described by its
//! `HARNESS.md`), compared semantically resource by resource, in order.

mod case;
mod patch_status;
mod ratelimit_config;
mod settings;
pub(crate) mod stand_in_certificates;
mod validate;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use case::{GROUPS, Outcome, run_case, translate_case};
pub use settings::HarnessSettings;
pub use validate::{
    ENVOY_TIMEOUT, Validation, ValidationReport, envoy_validate, holds_envoy_config,
    validate_passing,
};

/// The arguments of `gwapi-conformance eg-xds`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// The eg-xds corpus folder (default: `eg-xds` in the corpus directory).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Run only this case and show its differences.
    #[arg(long)]
    pub case: Option<String>,
    /// Also list every failing case with its first difference.
    #[arg(long)]
    pub failures: bool,
    /// Also give the resources of every passing case, as one static bootstrap, to `envoy --mode validate`
    /// (the Envoy of `$ENVOY_BIN` or `.tools/`) and report `validated: N/M`.
    #[arg(long)]
    pub validate: bool,
}

/// The outcome of a whole run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Every case, in corpus order.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// How many cases passed.
    pub fn passed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.passed()).count()
    }

    /// How many cases failed.
    pub fn failed(&self) -> usize {
        self.outcomes.len() - self.passed()
    }

    /// The summary table by case-name prefix, then `N passed, M failed`.
    pub fn table(&self) -> String {
        let mut rows: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for o in &self.outcomes {
            let row = rows.entry(o.prefix()).or_default();
            if o.passed() {
                row.0 += 1;
            } else {
                row.1 += 1;
            }
        }
        let mut out = String::new();
        let _ = writeln!(out, "{:<24} {:>6} {:>6}", "prefix", "passed", "failed");
        for (prefix, (passed, failed)) in &rows {
            let _ = writeln!(out, "{prefix:<24} {passed:>6} {failed:>6}");
        }
        let _ = writeln!(out, "{} passed, {} failed", self.passed(), self.failed());
        out
    }
}

/// The case names of a group: the stems of `in/<group>/*.yaml`, sorted.
fn case_names(corpus: &Path, group: &str) -> anyhow::Result<Vec<String>> {
    let dir = corpus.join("in").join(group);
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml")
            && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        {
            names.push(stem.to_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Runs every case of the corpus at `corpus` (or only `only`).
///
/// # Errors
/// When the corpus or its `HARNESS.md` cannot be read.
pub fn run(corpus: &Path, only: Option<&str>) -> anyhow::Result<Report> {
    let settings = HarnessSettings::parse(&std::fs::read_to_string(corpus.join("HARNESS.md"))?);
    let limit = if only.is_some() { 200 } else { 1 };
    let mut report = Report::default();
    for group in GROUPS {
        for name in case_names(corpus, group)? {
            if only.is_some_and(|o| o != name && o != format!("{group}/{name}")) {
                continue;
            }
            report
                .outcomes
                .push(run_case(corpus, &settings, group, &name, limit));
        }
    }
    Ok(report)
}

/// The `eg-xds` subcommand: prints the differences of `--case`, or the table of a full run.
///
/// # Errors
/// When the corpus cannot be read, or `--case` names no case.
pub fn main(args: &Args) -> anyhow::Result<()> {
    let corpus = match &args.corpus {
        Some(dir) => dir.clone(),
        None => crate::corpus_dir()?.join("eg-xds"),
    };
    let report = run(&corpus, args.case.as_deref())?;
    if let Some(case) = &args.case {
        anyhow::ensure!(!report.outcomes.is_empty(), "no case named {case}");
        for o in &report.outcomes {
            println!(
                "{}/{}: {}",
                o.group,
                o.name,
                if o.passed() { "passed" } else { "FAILED" }
            );
            for p in &o.problems {
                println!("  {p}");
            }
        }
    }
    if args.failures && args.case.is_none() {
        for o in report.outcomes.iter().filter(|o| !o.passed()) {
            let first = o.problems.first().map_or("", String::as_str);
            println!("{}/{}: {first}", o.group, o.name);
        }
    }
    print!("{}", report.table());
    if args.validate {
        let envoy = gwapi_testing::envoy_binary().map_err(anyhow::Error::msg)?;
        print!("{}", validate_passing(&corpus, &report, &envoy)?.summary());
    }
    Ok(())
}
