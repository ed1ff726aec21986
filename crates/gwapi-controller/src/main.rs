//! `gwapi-controller`: the gwapi reference controller and its command-line tools.
//!
//! Subcommands: `lint` (load manifests and report every problem with its location), `crds` (print the
//! CustomResourceDefinitions of the Envoy Gateway kinds), `translate` (offline, like `egctl experimental
//! translate`: xDS config dumps, IR, statuses or fleet objects), `render` (write each fleet's objects),
//! `standalone` (watch a directory, serve xDS, run Envoy) and `run` (Kubernetes mode).

use clap::{Parser, Subcommand};

mod cli;

/// gwapi's reference controller: translates Gateway API and Envoy Gateway resources for Envoy.
#[derive(Debug, Parser)]
#[command(name = "gwapi-controller", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load manifests (files or directories) and report every problem, with file, line and field.
    Lint(cli::lint::LintArgs),
    /// Print the CustomResourceDefinitions of the Envoy Gateway kinds as YAML.
    Crds(cli::crds::CrdsArgs),
    /// Translate manifests offline (like `egctl experimental translate`) and print the xDS config dumps,
    /// the IR, the objects with their statuses, or the fleets' Kubernetes objects.
    Translate(cli::translate::TranslateArgs),
    /// Translate manifests and write the Kubernetes objects of each Envoy fleet as YAML.
    Render(cli::render::RenderArgs),
    /// Watch a directory of manifests, serve xDS on 127.0.0.1 and run Envoy as host processes.
    Standalone(cli::standalone::StandaloneArgs),
    /// Kubernetes mode: watch the cluster, serve xDS, write statuses and apply fleets (leader only).
    Run(cli::run::RunArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lint(args) => cli::lint::run(&args),
        Command::Crds(args) => cli::crds::run(&args),
        Command::Translate(args) => cli::translate::run(&args),
        Command::Render(args) => cli::render::run(&args),
        Command::Standalone(args) => cli::standalone::run(args),
        Command::Run(args) => cli::run::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
