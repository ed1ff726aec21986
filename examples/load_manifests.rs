//! Loads Kubernetes manifests (files or directories), prints every problem with its location, and lists the
//! Gateways and routes found.
//!
//! `cargo run -p gwapi-examples --example load_manifests -- path/to/manifests`

use gwapi_model::Snapshot;
use gwapi_model::load::Loader;

fn main() -> anyhow::Result<()> {
    let mut output = gwapi_model::load::LoadOutput::default();
    for path in std::env::args().skip(1) {
        output.extend(Loader::default().load_path(path.as_ref())?);
    }
    let (snapshot, diagnostics) = Snapshot::from_load(output);
    for d in &diagnostics {
        println!("{d}");
    }
    for gateway in snapshot.gateways() {
        let listeners: Vec<_> = gateway
            .spec
            .listeners
            .iter()
            .map(|l| format!("{}:{}", l.name, l.port))
            .collect();
        println!(
            "Gateway {}/{}: {}",
            gateway.metadata.namespace.as_deref().unwrap_or(""),
            gateway.metadata.name.as_deref().unwrap_or(""),
            listeners.join(", ")
        );
    }
    println!(
        "{} HTTPRoutes, {} GRPCRoutes",
        snapshot.http_routes().count(),
        snapshot.grpc_routes().count()
    );
    Ok(())
}
