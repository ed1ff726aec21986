//! `gwapi-controller crds`: prints the CustomResourceDefinitions of the Envoy Gateway kinds.

use std::process::ExitCode;

/// Arguments of `crds`.
#[derive(Debug, clap::Args)]
pub struct CrdsArgs {}

/// Runs `crds`: one YAML document per CRD on standard output.
pub fn run(_args: &CrdsArgs) -> anyhow::Result<ExitCode> {
    let mut out = String::new();
    for crd in gwapi_model::envoy_gateway::crds() {
        out.push_str("---\n");
        out.push_str(&serde_norway::to_string(&crd)?);
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
