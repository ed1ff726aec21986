//! Admission control (BackendTrafficPolicy `admissionControl`): an upstream HTTP filter of the route's
//! cluster that rejects requests when the backend's success rate falls, and the upstream codec filter every
//! upstream filter chain ends with.

use envoy_types::pb::envoy::config::core::v3::{
    RuntimeDouble, RuntimeFeatureFlag, RuntimePercent, RuntimeUInt32,
};
use envoy_types::pb::envoy::extensions::filters::http::admission_control::v3::{
    AdmissionControl as AdmissionControlConfig,
    admission_control::{
        EvaluationCriteria, SuccessCriteria,
        success_criteria::{GrpcCriteria, HttpCriteria},
    },
};
use envoy_types::pb::envoy::extensions::filters::http::upstream_codec::v3::UpstreamCodec;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpFilter, http_filter::ConfigType,
};
use envoy_types::pb::envoy::r#type::v3::{Int32Range, Percent};
use gwapi_ir::ir::AdmissionControl;

use crate::any::pack;
use crate::wkt::{boolean, duration};

/// The admission control filter of `settings`.
pub(crate) fn filter(settings: &AdmissionControl) -> HttpFilter {
    let percent = |value: u32| RuntimePercent {
        default_value: Some(Percent {
            value: f64::from(value),
        }),
        ..RuntimePercent::default()
    };
    let criteria = settings.success_criteria.as_ref();
    let config = AdmissionControlConfig {
        enabled: Some(RuntimeFeatureFlag {
            default_value: Some(boolean(true)),
            ..RuntimeFeatureFlag::default()
        }),
        sampling_window: settings.sampling_window.as_ref().map(duration),
        aggression: settings.rejection_aggression.map(|a| RuntimeDouble {
            default_value: f64::from(a),
            ..RuntimeDouble::default()
        }),
        sr_threshold: settings.min_success_rate.map(percent),
        rps_threshold: settings.min_request_rate.map(|r| RuntimeUInt32 {
            default_value: r,
            ..RuntimeUInt32::default()
        }),
        max_rejection_probability: settings.max_rejection_percent.map(percent),
        evaluation_criteria: Some(EvaluationCriteria::SuccessCriteria(SuccessCriteria {
            http_criteria: criteria
                .and_then(|c| c.http.as_ref())
                .map(|h| HttpCriteria {
                    http_success_status: h
                        .status_codes
                        .iter()
                        .filter_map(|code| i32::try_from(*code).ok())
                        .map(|code| Int32Range {
                            start: code,
                            end: code.saturating_add(1),
                        })
                        .collect(),
                }),
            grpc_criteria: criteria
                .and_then(|c| c.grpc.as_ref())
                .map(|g| GrpcCriteria {
                    grpc_success_status: g
                        .status_codes
                        .iter()
                        .filter_map(|c| grpc_code(c))
                        .collect(),
                }),
        })),
    };
    HttpFilter {
        name: "envoy.filters.http.admission_control".to_owned(),
        config_type: Some(ConfigType::TypedConfig(pack(&config))),
        ..HttpFilter::default()
    }
}

/// The filter that ends every upstream HTTP filter chain.
pub(crate) fn upstream_codec() -> HttpFilter {
    HttpFilter {
        name: "envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec".to_owned(),
        config_type: Some(ConfigType::TypedConfig(pack(&UpstreamCodec::default()))),
        ..HttpFilter::default()
    }
}

/// The number of a gRPC status code name (`Ok`, `DeadlineExceeded`, ...).
fn grpc_code(name: &str) -> Option<u32> {
    const NAMES: [&str; 17] = [
        "Ok",
        "Cancelled",
        "Unknown",
        "InvalidArgument",
        "DeadlineExceeded",
        "NotFound",
        "AlreadyExists",
        "PermissionDenied",
        "ResourceExhausted",
        "FailedPrecondition",
        "Aborted",
        "OutOfRange",
        "Unimplemented",
        "Internal",
        "Unavailable",
        "DataLoss",
        "Unauthenticated",
    ];
    NAMES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(name) || n.to_uppercase() == name.replace('_', ""))
        .and_then(|i| u32::try_from(i).ok())
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::*;

    #[test]
    fn grpc_codes_by_name() {
        assert_eq!(grpc_code("Ok"), Some(0));
        assert_eq!(grpc_code("Cancelled"), Some(1));
        assert_eq!(grpc_code("Unauthenticated"), Some(16));
        assert_eq!(grpc_code("nope"), None);
    }

    #[test]
    fn http_codes_become_one_wide_ranges() {
        let settings: AdmissionControl = serde_json::from_value(serde_json::json!({
            "successCriteria": {"http": {"statusCodes": [200, 204]}}
        }))
        .unwrap();
        let json = crate::render::to_json(&filter(&settings)).unwrap();
        assert_eq!(
            json["typedConfig"]["successCriteria"]["httpCriteria"]["httpSuccessStatus"],
            serde_json::json!([{"start": 200, "end": 201}, {"start": 204, "end": 205}])
        );
        assert_eq!(json["typedConfig"]["enabled"]["defaultValue"], true);
    }
}
