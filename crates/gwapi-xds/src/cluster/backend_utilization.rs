//! Two load balancing policies around the algorithms of `load_balancer`: client-side weighted round robin
//! from the utilization endpoints report (`backendUtilization`, ORCA, in band or out of band), and host
//! override (`endpointOverride`: a request header names the endpoint, the algorithm is the fallback).

use envoy_types::pb::envoy::config::cluster::v3::LoadBalancingPolicy;
use envoy_types::pb::envoy::extensions::load_balancing_policies::client_side_weighted_round_robin::v3::ClientSideWeightedRoundRobin;
use envoy_types::pb::envoy::extensions::load_balancing_policies::common::v3::{
    OrcaOobReportingConfig, SlowStartConfig,
};
use envoy_types::pb::envoy::extensions::load_balancing_policies::override_host::v3::{
    OverrideHost, override_host::OverrideHostSource,
};
use envoy_types::pb::google::protobuf::{Any, FloatValue};
use gwapi_ir::ir::{BackendUtilization, EndpointOverride};

use crate::any::pack;
use crate::wkt::{boolean, duration};

/// The client-side weighted round robin configuration of `settings`.
pub(crate) fn weighted_round_robin(settings: &BackendUtilization) -> Any {
    let oob = settings.out_of_band.as_ref();
    #[allow(clippy::cast_precision_loss)]
    let penalty = settings
        .error_utilization_penalty_percent
        .map(|p| FloatValue {
            value: p as f32 / 100.0,
        });
    pack(&ClientSideWeightedRoundRobin {
        enable_oob_load_report: oob.map(|_| boolean(true)),
        oob_reporting_period: oob.and_then(|o| o.reporting_period.as_ref()).map(duration),
        oob_reporting_config: oob
            .filter(|o| o.port.is_some() || o.authority.is_some())
            .map(|o| OrcaOobReportingConfig {
                port_value: o.port.unwrap_or_default(),
                authority: o.authority.clone().unwrap_or_default(),
                ..OrcaOobReportingConfig::default()
            }),
        blackout_period: settings.blackout_period.as_ref().map(duration),
        weight_expiration_period: settings.weight_expiration_period.as_ref().map(duration),
        weight_update_period: settings.weight_update_period.as_ref().map(duration),
        error_utilization_penalty: penalty,
        metric_names_for_computing_utilization: settings
            .metric_names_for_computing_utilization
            .clone(),
        slow_start_config: settings
            .slow_start
            .as_ref()
            .and_then(|s| s.window.as_ref())
            .map(|w| SlowStartConfig {
                slow_start_window: Some(duration(w)),
                ..SlowStartConfig::default()
            }),
    })
}

/// The host override policy of `sources`, falling back to `fallback`.
pub(crate) fn override_host(sources: &EndpointOverride, fallback: LoadBalancingPolicy) -> Any {
    pack(&OverrideHost {
        override_host_sources: sources
            .extract_from
            .iter()
            .filter_map(|s| s.header.clone())
            .map(|header| OverrideHostSource {
                header,
                ..OverrideHostSource::default()
            })
            .collect(),
        fallback_policy: Some(fallback),
        ..OverrideHost::default()
    })
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_ir::ir::LoadBalancer;
    use serde_json::json;

    use crate::cluster::load_balancer::policy_of;

    fn policy(lb: serde_json::Value) -> serde_json::Value {
        let lb: LoadBalancer = serde_json::from_value(lb).unwrap();
        crate::render::to_json(&policy_of(&lb).unwrap()).unwrap()["policies"][0]
            ["typedExtensionConfig"]
            .clone()
    }

    #[test]
    fn backend_utilization_is_client_side_weighted_round_robin() {
        let config = policy(json!({"backendUtilization": {
            "blackoutPeriod": "10s", "errorUtilizationPenaltyPercent": 150,
            "outOfBand": {"reportingPeriod": "5s", "port": 9001}
        }}));
        assert_eq!(
            config["name"],
            "envoy.load_balancing_policies.client_side_weighted_round_robin"
        );
        let typed = &config["typedConfig"];
        assert_eq!(typed["blackoutPeriod"], "10s");
        assert_eq!(typed["errorUtilizationPenalty"], 1.5);
        assert_eq!(typed["enableOobLoadReport"], true);
        assert_eq!(typed["oobReportingPeriod"], "5s");
        assert_eq!(typed["oobReportingConfig"]["portValue"], 9001);
    }

    #[test]
    fn endpoint_override_falls_back_to_the_algorithm_without_localities() {
        let config = policy(json!({
            "roundRobin": {}, "endpointOverride": {"extractFrom": [{"header": "x-host"}]}
        }));
        assert_eq!(
            config["name"],
            "envoy.load_balancing_policies.override_host"
        );
        let typed = &config["typedConfig"];
        assert_eq!(typed["overrideHostSources"], json!([{"header": "x-host"}]));
        let fallback = &typed["fallbackPolicy"]["policies"][0]["typedExtensionConfig"];
        assert_eq!(
            fallback["name"],
            "envoy.load_balancing_policies.round_robin"
        );
        assert!(fallback["typedConfig"].get("localityLbConfig").is_none());
        let default = policy(json!({"endpointOverride": {"extractFrom": [{"header": "h"}]}}));
        assert_eq!(
            default["typedConfig"]["fallbackPolicy"]["policies"][0]["typedExtensionConfig"]["name"],
            "envoy.load_balancing_policies.least_request"
        );
    }
}
