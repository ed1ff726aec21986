//! `gwapi-controller render MANIFESTS... --out DIR`: translates manifests and writes the Kubernetes objects
//! of each Envoy fleet as YAML, one file per fleet.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use gwapi_infra::{InfraConfig, InfraRenderer};
use gwapi_ir::{Translator, TranslatorConfig};
use gwapi_model::Snapshot;
use gwapi_model::load::{LoadOutput, Loader, Severity};

/// Arguments of `render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Manifest files or directories.
    #[arg(required = true)]
    manifests: Vec<PathBuf>,
    /// The folder to write the fleets' objects to (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// The GatewayClass to translate.
    #[arg(long, default_value = "eg")]
    gateway_class: String,
    /// The namespace the controller and the fleets run in.
    #[arg(long, default_value = "envoy-gateway-system")]
    namespace: String,
}

/// Runs `render`.
pub fn run(args: &RenderArgs) -> anyhow::Result<ExitCode> {
    let mut output = LoadOutput::default();
    for path in &args.manifests {
        output.extend(Loader::default().load_path(path)?);
    }
    let (snapshot, diagnostics) = Snapshot::from_load(output);
    for d in diagnostics.iter().filter(|d| d.severity > Severity::Info) {
        eprintln!("{d}");
    }
    let config = TranslatorConfig::default()
        .gateway_class_name(args.gateway_class.as_str())
        .controller_namespace(args.namespace.as_str());
    let translation = Translator::new(config).translate(&snapshot);
    let renderer =
        InfraRenderer::new(InfraConfig::default().controller_namespace(args.namespace.as_str()));
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    for (key, infra) in &translation.infra {
        let fleet = renderer.render_infra(infra, "")?;
        let file = args.out.join(format!("{}.yaml", key.replace('/', "-")));
        std::fs::write(&file, fleet.to_yaml()?)
            .with_context(|| format!("writing {}", file.display()))?;
        eprintln!("{key}: {}", file.display());
    }
    eprintln!("{} fleets rendered", translation.infra.len());
    Ok(ExitCode::SUCCESS)
}
