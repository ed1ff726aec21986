//! The `DaemonSet` of the proxies (when `envoyDaemonSet` is set).

use gwapi_ir::model::envoy_gateway::KubernetesDaemonSetSpec;
use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetSpec, DaemonSetStatus, DaemonSetUpdateStrategy,
};

use crate::Result;
use crate::fleet::Fleet;
use crate::labels::{selector, stable_selector_labels, standard_meta};
use crate::patch::assemble;
use crate::pod::pod_template;

/// The `DaemonSet`.
pub(crate) fn daemon_set(
    fleet: &Fleet<'_>,
    spec: &KubernetesDaemonSetSpec,
    bootstrap: String,
) -> Result<DaemonSet> {
    let spec_value =
        DaemonSetSpec {
            selector: selector(stable_selector_labels(fleet)),
            template: pod_template(fleet, bootstrap),
            update_strategy: Some(spec.strategy.clone().unwrap_or_else(|| {
                DaemonSetUpdateStrategy {
                    type_: Some("RollingUpdate".to_owned()),
                    ..DaemonSetUpdateStrategy::default()
                }
            })),
            ..DaemonSetSpec::default()
        };
    assemble(
        &standard_meta(fleet, &fleet.names.daemon_set),
        &spec_value,
        &DaemonSetStatus::default(),
        spec.patch.as_ref(),
    )
}
