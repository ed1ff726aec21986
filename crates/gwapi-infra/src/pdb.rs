//! The `PodDisruptionBudget` of the proxies (when `envoyPDB` is set).

use gwapi_ir::model::envoy_gateway::KubernetesPodDisruptionBudgetSpec;
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::Result;
use crate::fleet::Fleet;
use crate::labels::{selector, stable_selector_labels, standard_meta};
use crate::patch::assemble;

/// The `PodDisruptionBudget`: `minAvailable` or `maxUnavailable` as given, `minAvailable: 0` when neither is.
pub(crate) fn pdb(
    fleet: &Fleet<'_>,
    settings: &KubernetesPodDisruptionBudgetSpec,
) -> Result<PodDisruptionBudget> {
    let (min_available, max_unavailable) =
        match (&settings.min_available, &settings.max_unavailable) {
            (Some(min), _) => (Some(min.clone()), None),
            (None, Some(max)) => (None, Some(max.clone())),
            (None, None) => (Some(IntOrString::Int(0)), None),
        };
    let spec = PodDisruptionBudgetSpec {
        min_available,
        max_unavailable,
        selector: Some(selector(stable_selector_labels(fleet))),
        ..PodDisruptionBudgetSpec::default()
    };
    assemble(
        &standard_meta(fleet, &fleet.names.pdb),
        &spec,
        // The zero status, as Envoy Gateway writes it (these fields are optional in newer Kubernetes).
        &serde_json::json!({
            "currentHealthy": 0,
            "desiredHealthy": 0,
            "disruptionsAllowed": 0,
            "expectedPods": 0,
        }),
        settings.patch.as_ref(),
    )
}
