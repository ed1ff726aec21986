//! `gwapi-controller lint PATH...`: loads manifests and prints every diagnostic.

use std::path::PathBuf;
use std::process::ExitCode;

use gwapi_model::Snapshot;
use gwapi_model::load::{Loader, Severity};

/// Arguments of `lint`.
#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Manifest files or directories (YAML, multi-document, kubectl style).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Also print informational diagnostics (skipped kinds).
    #[arg(long)]
    verbose: bool,
}

/// Runs `lint`: exit status 1 when any error or warning was found.
pub fn run(args: &LintArgs) -> anyhow::Result<ExitCode> {
    let loader = Loader::default();
    let mut output = gwapi_model::load::LoadOutput::default();
    for path in &args.paths {
        output.extend(loader.load_path(path)?);
    }
    let objects = output.objects.len();
    let (_, diagnostics) = Snapshot::from_load(output);
    let mut problems = 0;
    for d in &diagnostics {
        if d.severity > Severity::Info {
            problems += 1;
        }
        if d.severity > Severity::Info || args.verbose {
            println!("{d}");
        }
    }
    eprintln!("{objects} objects loaded, {problems} problems");
    Ok(if problems == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
