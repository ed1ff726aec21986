//! A Gateway's `spec.infrastructure.parametersRef`: only Envoy Gateway's EnvoyProxy can configure a fleet; a
//! reference to anything else refuses the Gateway (`Accepted: False, InvalidParameters`). A missing
//! EnvoyProxy is not an error: the fleet falls back to the class's configuration.

use gwapi_model::condition::{Condition, ConditionStatus};
use gwapi_model::gateway_api::Gateway;

/// The API group of the EnvoyProxy kind.
const ENVOY_PROXY_GROUP: &str = "gateway.envoyproxy.io";

/// The condition refusing `gateway` for its parametersRef, if it names an unsupported kind.
pub(super) fn condition(gateway: &Gateway) -> Option<Condition> {
    let reference = gateway
        .spec
        .infrastructure
        .as_ref()?
        .parameters_ref
        .as_ref()?;
    if reference.group == ENVOY_PROXY_GROUP && reference.kind == "EnvoyProxy" {
        return None;
    }
    Some(Condition::new(
        "Accepted",
        ConditionStatus::False,
        "InvalidParameters",
        format!(
            "Invalid parametersRef: {}/{} is not supported, only {ENVOY_PROXY_GROUP}/EnvoyProxy is",
            reference.group, reference.kind
        ),
    ))
}
