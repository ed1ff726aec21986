//! `gwapi-conformance`: scores gwapi against the corpora in `../shared/corpus`.
//!
//! ```text
//! gwapi-conformance eg-gatewayapi [--corpus DIR] [--case NAME] [--json FILE]
//! gwapi-conformance eg-xds [--corpus DIR] [--case NAME] [--failures] [--validate]
//! gwapi-conformance eg-egctl [--corpus DIR] [--case NAME] [--failures]
//! gwapi-conformance gateway-api [--corpus DIR] [--case NAME]
//! ```

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Scores gwapi against the corpora of test oracles.
#[derive(Debug, Parser)]
#[command(name = "gwapi-conformance", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::enum_variant_names)] // named after the corpora
enum Command {
    /// Envoy Gateway's translator golden cases: resources -> statuses + IR.
    EgGatewayapi {
        /// The folder of the cases (default: the corpus' `eg-gatewayapi`).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Only the cases whose name contains this; with exactly one match, prints its differences.
        #[arg(long)]
        case: Option<String>,
        /// Writes the per-case results as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Also translate the IR of every case with full agreement to xDS and give it to
        /// `envoy --mode validate` (the Envoy of `$ENVOY_BIN` or `.tools/`); reports `validated: N/M`.
        #[arg(long)]
        validate: bool,
    },
    /// Envoy Gateway's IR -> xDS golden cases.
    EgXds(gwapi_conformance::eg_xds::Args),
    /// The Gateway API conformance suite (as data).
    GatewayApi {
        /// The folder of the suite (default: the corpus' `gateway-api`).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Only the tests whose name contains this.
        #[arg(long)]
        case: Option<String>,
        /// Writes the run as an upstream `ConformanceReport` (YAML) to this file.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Envoy Gateway's end-to-end translations (`egctl x translate`): manifests -> statuses, IR, config dumps.
    EgEgctl {
        /// The folder of the cases (default: the corpus' `eg-egctl`).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Only the cases whose name contains this.
        #[arg(long)]
        case: Option<String>,
        /// Prints every difference of the cases that do not agree.
        #[arg(long)]
        failures: bool,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::EgXds(args) => return gwapi_conformance::eg_xds::main(&args),
        Command::GatewayApi {
            corpus,
            case,
            report,
        } => {
            let dir = match corpus {
                Some(dir) => dir,
                None => gwapi_conformance::corpus_dir()?.join("gateway-api"),
            };
            let outcomes = gwapi_conformance::gateway_api::run(&dir, case.as_deref())?;
            print!("{}", gwapi_conformance::gateway_api::report(&outcomes));
            if let Some(path) = report {
                let report = gwapi_conformance::gateway_api::conformance_report::build(&outcomes);
                std::fs::write(&path, serde_norway::to_string(&report)?)?;
                println!("report: {}", path.display());
            }
        }
        Command::EgEgctl {
            corpus,
            case,
            failures,
        } => {
            let dir = match corpus {
                Some(dir) => dir,
                None => gwapi_conformance::corpus_dir()?.join("eg-egctl"),
            };
            let outcomes = gwapi_conformance::eg_egctl::run(&dir, case.as_deref())?;
            print!(
                "{}",
                gwapi_conformance::eg_egctl::report(&outcomes, failures || case.is_some())
            );
        }
        Command::EgGatewayapi {
            corpus,
            case,
            json,
            validate,
        } => {
            let dir = match corpus {
                Some(dir) => dir,
                None => gwapi_conformance::corpus_dir()?.join("eg-gatewayapi"),
            };
            let outcomes = gwapi_conformance::eg_gatewayapi::run(&dir, case.as_deref())?;
            if case.is_some() {
                for o in &outcomes {
                    if !o.full_ok() || outcomes.len() == 1 {
                        print!("{}", gwapi_conformance::eg_gatewayapi::explain(o));
                    }
                }
            }
            if let Some(file) = json {
                std::fs::write(file, serde_json::to_string_pretty(&outcomes)?)?;
            }
            print!("{}", gwapi_conformance::eg_gatewayapi::report(&outcomes));
            if validate {
                let envoy = gwapi_testing::envoy_binary().map_err(anyhow::Error::msg)?;
                let report = gwapi_conformance::eg_gatewayapi::validate_full_agreement(
                    &dir, &outcomes, &envoy,
                )?;
                print!("{}", report.summary());
            }
        }
    }
    Ok(())
}
