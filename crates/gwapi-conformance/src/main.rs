//! `gwapi-conformance`: runs the corpus harnesses.

use clap::{Parser, Subcommand};

/// Scores gwapi against the corpora in `../shared/corpus`.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Envoy Gateway's IR -> xDS golden cases.
    EgXds(gwapi_conformance::eg_xds::Args),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::EgXds(args) => gwapi_conformance::eg_xds::main(&args),
    }
}
