//! Fuzzes the whole pipeline on arbitrary snapshots: fuzzed YAML documents (Kubernetes manifests, or the
//! corpus' map format) are appended to a fixed base world (`base-world.yaml`: a GatewayClass, a Gateway with a
//! listener of each protocol, a Service, a TLS Secret, a route of each kind), the snapshot is translated to IR
//! and statuses, and each IR to xDS. None of it may panic.
#![no_main]

use std::sync::OnceLock;

use gwapi_ir::{Translator, TranslatorConfig};
use gwapi_model::Snapshot;
use gwapi_model::load::{LoadOutput, Loader};
use gwapi_xds::{ResourceKind, XdsConfig, XdsTranslator};
use libfuzzer_sys::fuzz_target;

const BASE_WORLD: &str = include_str!("../base-world.yaml");

fn base_world() -> &'static LoadOutput {
    static BASE: OnceLock<LoadOutput> = OnceLock::new();
    BASE.get_or_init(|| {
        let out = Loader::default().load_str("base-world.yaml", BASE_WORLD);
        assert!(!out.has_errors(), "base world: {:?}", out.diagnostics);
        out
    })
}

/// The translator's settings, chosen by the input's length so the fuzzer explores every variant.
fn config(variant: usize) -> TranslatorConfig {
    let config = TranslatorConfig::default()
        .gateway_class_name("envoy-gateway-class")
        .enable_envoy_patch_policy(true)
        .enable_backend(true)
        .enable_global_rate_limit(true);
    match variant % 4 {
        0 => config,
        1 => config
            .enable_gateway_namespace_mode(true)
            .enable_sds_secret_refs(true),
        2 => config
            .enable_running_on_host(true)
            .enable_per_resource_system_ca_secret(true)
            .enable_endpoint_routing(false),
        _ => config
            .enable_lua(false)
            .enable_backend(false)
            .current_time(Some(1_800_000_000)),
    }
}

fuzz_target!(|data: &[u8]| {
    let loader = Loader::default();
    let mut input = base_world().clone();
    let mut fuzzed = std::str::from_utf8(data)
        .map(|text| loader.load_corpus_map("fuzz.yaml", text).output)
        .unwrap_or_default();
    if fuzzed.objects.is_empty() {
        fuzzed = loader.load_bytes("fuzz.yaml", data);
    }
    input.extend(fuzzed);
    let (snapshot, _) = Snapshot::from_load(input);
    let translation = Translator::new(config(data.len())).translate(&snapshot);
    let xds = XdsTranslator::new(
        XdsConfig::default()
            .rate_limit_url("grpc://envoy-ratelimit.envoy-gateway-system.svc.cluster.local:8081"),
    );
    for ir in translation.xds.values() {
        let translated = xds.translate_partial(ir);
        for kind in ResourceKind::ALL {
            let _ = translated.resources.to_json(kind);
        }
    }
});
