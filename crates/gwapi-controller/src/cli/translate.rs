//! `gwapi-controller translate MANIFESTS...`: the equivalent of `egctl experimental translate`: translates
//! manifests offline and prints each fleet's Envoy config dump (`--to xds`), the IR (`--to ir`), the
//! objects with their statuses (`--to gateway-api`) or the fleets' Kubernetes objects (`--to infra`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use gwapi_controller::offline::{self, DEFAULT_NAMESPACE, DumpType, OfflineOptions};
use gwapi_infra::{InfraConfig, InfraRenderer};
use gwapi_model::load::{LoadOutput, Loader, LoaderConfig, Severity};
use serde::Deserialize as _;
use serde_json::Value;

/// What to translate to.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Target {
    /// Each fleet's Envoy config dump (`/config_dump` shape).
    Xds,
    /// The xDS and infrastructure IR of each fleet.
    Ir,
    /// The objects with the statuses the translation gives them.
    GatewayApi,
    /// The Kubernetes objects of each fleet.
    Infra,
}

/// Which part of the config dump (`--to xds`).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Part {
    All,
    Listener,
    Route,
    Cluster,
    Endpoint,
    Bootstrap,
}

/// The output format.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Format {
    Yaml,
    Json,
}

/// Arguments of `translate`.
#[derive(Debug, clap::Args)]
pub struct TranslateArgs {
    /// Manifest files or directories (YAML, multi-document, kubectl style). Objects without a namespace
    /// go to `envoy-gateway-system`, as with egctl.
    #[arg(required = true)]
    manifests: Vec<PathBuf>,
    /// What to translate to.
    #[arg(long, value_enum, default_value = "xds")]
    to: Target,
    /// Which part of each config dump to print (with `--to xds`).
    #[arg(long = "type", value_enum, default_value = "all")]
    part: Part,
    /// The output format.
    #[arg(long, short, value_enum, default_value = "yaml")]
    output: Format,
    /// Add an EnvoyProxy with the default settings for a GatewayClass that names none (egctl's flag).
    #[arg(long)]
    add_missing_resources: bool,
}

/// Runs `translate`: the translation on stdout, problems on stderr; exit status 1 when the input had
/// errors or a fleet did not translate completely (what did translate is still printed).
pub fn run(args: &TranslateArgs) -> anyhow::Result<ExitCode> {
    let loader = Loader::new(LoaderConfig::default().default_namespace(Some(DEFAULT_NAMESPACE)));
    let mut input = LoadOutput::default();
    for path in &args.manifests {
        input.extend(loader.load_path(path)?);
    }
    let mut failed = false;
    for d in input
        .diagnostics
        .iter()
        .filter(|d| d.severity > Severity::Info)
    {
        failed |= d.severity >= Severity::Error;
        eprintln!("{d}");
    }
    let options = OfflineOptions::default().add_missing_resources(args.add_missing_resources);
    let out = offline::translate(input.into_resources(), &options)?;
    let value = match args.to {
        Target::Xds => {
            let (dump, problems) = offline::xds_dump(&out, dump_type(args.part))?;
            for p in &problems {
                eprintln!("error: {p}");
            }
            failed |= !problems.is_empty();
            dump
        }
        Target::Ir => offline::ir_dump(&out)?,
        Target::GatewayApi => offline::gateway_api_dump(&out)?,
        Target::Infra => infra(&out)?,
    };
    let text = match args.output {
        Format::Yaml => serde_norway::to_string(&value)?,
        Format::Json => serde_json::to_string_pretty(&value)? + "\n",
    };
    print!("{text}");
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn dump_type(part: Part) -> DumpType {
    match part {
        Part::All => DumpType::All,
        Part::Listener => DumpType::Listener,
        Part::Route => DumpType::Route,
        Part::Cluster => DumpType::Cluster,
        Part::Endpoint => DumpType::Endpoint,
        Part::Bootstrap => DumpType::Bootstrap,
    }
}

/// `{infra: {<IR key>: [objects...]}}`.
fn infra(out: &offline::OfflineTranslation) -> anyhow::Result<Value> {
    let renderer = InfraRenderer::new(InfraConfig::default());
    let mut fleets = serde_json::Map::new();
    for (key, infra) in &out.translation.infra {
        let fleet = renderer
            .render_infra(infra, "")
            .with_context(|| format!("{key}: rendering the fleet"))?;
        let yaml = fleet.to_yaml()?;
        let objects = serde_norway::Deserializer::from_str(&yaml)
            .map(Value::deserialize)
            .collect::<Result<Vec<Value>, _>>()?;
        fleets.insert(key.clone(), Value::Array(objects));
    }
    Ok(serde_json::json!({ "infra": fleets }))
}
