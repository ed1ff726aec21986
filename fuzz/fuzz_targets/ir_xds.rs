//! Fuzzes IR YAML -> xDS: an arbitrary document is read as an IR (`ir.Xds`, Envoy Gateway's `xdsIR` shape),
//! translated to Envoy resources (patch policies applied, resources validated), rendered as proto3 JSON and
//! put into a validation bootstrap. None of it may panic.
#![no_main]

use gwapi_xds::ir::ir::Xds;
use gwapi_xds::{ResourceKind, XdsConfig, XdsTranslator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ir) = serde_norway::from_str::<Xds>(text) else {
        return;
    };
    let _ = serde_norway::to_string(&ir);
    let config = XdsConfig::default()
        .rate_limit_url("grpc://envoy-ratelimit.envoy-gateway-system.svc.cluster.local:8081")
        .enable_xds_name_scheme_v2(data.len() % 2 == 1);
    let translated = XdsTranslator::new(config).translate_partial(&ir);
    for kind in ResourceKind::ALL {
        let _ = translated.resources.to_json(kind);
    }
    let _ = translated.resources.to_validation_bootstrap();
    let _ = gwapi_xds::ratelimit_config::rate_limit_configs(&ir);
});
