//! `admissionControl`: probabilistic load shedding when the backend's success rate drops.

use gwapi_model::KnownValues;
use gwapi_model::envoy_gateway::AdmissionControl;

use crate::ir::{
    AdmissionControl as IrAdmissionControl, AdmissionControlSuccessCriteria, GrpcSuccessCriteria,
    HttpSuccessCriteria,
};
use crate::translator::policy::duration::parse;

/// A non-negative number of the spec.
fn count(v: Option<i32>) -> Option<u32> {
    v.and_then(|v| u32::try_from(v).ok())
}

/// The IR admission control of a policy's `admissionControl`.
pub(crate) fn convert(ac: Option<&AdmissionControl>) -> Result<Option<IrAdmissionControl>, String> {
    let Some(ac) = ac else {
        return Ok(None);
    };
    Ok(Some(IrAdmissionControl {
        sampling_window: parse("SamplingWindow", ac.sampling_window.as_ref())?,
        min_success_rate: count(ac.min_success_rate),
        rejection_aggression: count(ac.rejection_aggression),
        min_request_rate: count(ac.min_request_rate),
        max_rejection_percent: count(ac.max_rejection_percent),
        success_criteria: ac
            .success_criteria
            .as_ref()
            .map(|c| AdmissionControlSuccessCriteria {
                http: c.http.as_ref().map(|h| HttpSuccessCriteria {
                    status_codes: h
                        .status_codes
                        .iter()
                        .filter_map(|s| u32::try_from(*s).ok())
                        .collect(),
                }),
                grpc: c.grpc.as_ref().map(|g| GrpcSuccessCriteria {
                    status_codes: g
                        .status_codes
                        .iter()
                        .map(|s| s.as_str().to_owned())
                        .collect(),
                }),
            }),
    }))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::AdmissionControl;

    use super::convert;

    #[test]
    fn window_and_grpc_codes() {
        let ac: AdmissionControl = serde_norway::from_str(
            "samplingWindow: 60s\nminSuccessRate: 90\nsuccessCriteria:\n  grpc:\n    statusCodes: [Ok, Cancelled]\n",
        )
        .unwrap();
        let v = serde_json::to_value(convert(Some(&ac)).unwrap().unwrap()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"samplingWindow": "1m0s", "minSuccessRate": 90,
                "successCriteria": {"grpc": {"statusCodes": ["Ok", "Cancelled"]}}})
        );
    }
}
