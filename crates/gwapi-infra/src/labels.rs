//! Labels, annotations, selectors and owner references shared by every object of a fleet.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta, OwnerReference};

use crate::fleet::Fleet;
use crate::names::gateway_name;

/// The label with the name of the Gateway that owns a fleet.
pub const OWNING_GATEWAY_NAME: &str = "gateway.envoyproxy.io/owning-gateway-name";
/// The label with the namespace of the Gateway that owns a fleet.
pub const OWNING_GATEWAY_NAMESPACE: &str = "gateway.envoyproxy.io/owning-gateway-namespace";
/// The label with the `GatewayClass` that owns a merged fleet.
pub const OWNING_GATEWAY_CLASS: &str = "gateway.envoyproxy.io/owning-gatewayclass";
/// The Gateway API label with the Gateway's name, added in gateway-namespace mode.
pub const GATEWAY_NAME: &str = "gateway.networking.k8s.io/gateway-name";

/// The API version of owner references (the Gateway API group).
const OWNER_API_VERSION: &str = "gateway.networking.k8s.io/v1";

/// The labels every Envoy fleet object carries.
fn component_labels() -> [(&'static str, &'static str); 3] {
    [
        ("app.kubernetes.io/name", "envoy"),
        ("app.kubernetes.io/component", "proxy"),
        ("app.kubernetes.io/managed-by", "envoy-gateway"),
    ]
}

fn with_component_labels(mut labels: BTreeMap<String, String>) -> BTreeMap<String, String> {
    for (key, value) in component_labels() {
        labels.insert(key.to_owned(), value.to_owned());
    }
    labels
}

/// The labels of the fleet's objects: the IR metadata labels, the Gateway name label in gateway-namespace
/// mode, and the component labels.
pub(crate) fn object_labels(fleet: &Fleet<'_>) -> BTreeMap<String, String> {
    let mut labels = fleet
        .infra
        .metadata
        .as_ref()
        .map(|m| m.labels.clone())
        .unwrap_or_default();
    if fleet.config.gateway_namespace_mode {
        labels.insert(GATEWAY_NAME.to_owned(), gateway_name(fleet.infra));
    }
    with_component_labels(labels)
}

/// The labels that select the fleet's pods in a Deployment, `DaemonSet` or `PodDisruptionBudget`: only the
/// owner labels, so that adding IR labels never changes an immutable selector.
pub(crate) fn stable_selector_labels(fleet: &Fleet<'_>) -> BTreeMap<String, String> {
    let all = object_labels(fleet);
    let mut labels = BTreeMap::new();
    for key in [
        OWNING_GATEWAY_NAME,
        OWNING_GATEWAY_NAMESPACE,
        OWNING_GATEWAY_CLASS,
        GATEWAY_NAME,
    ] {
        if let Some(value) = all.get(key) {
            labels.insert(key.to_owned(), value.clone());
        }
    }
    with_component_labels(labels)
}

/// A label selector matching `labels`.
pub(crate) fn selector(labels: BTreeMap<String, String>) -> LabelSelector {
    LabelSelector {
        match_labels: Some(labels),
        ..LabelSelector::default()
    }
}

/// The IR metadata annotations.
pub(crate) fn infra_annotations(fleet: &Fleet<'_>) -> BTreeMap<String, String> {
    fleet
        .infra
        .metadata
        .as_ref()
        .map(|m| m.annotations.clone())
        .unwrap_or_default()
}

/// The owner references of the fleet's objects: the IR owner (a `GatewayClass` or a Gateway) with the
/// caller-supplied UID.
pub(crate) fn owner_references(fleet: &Fleet<'_>) -> Option<Vec<OwnerReference>> {
    let owner = fleet.infra.metadata.as_ref()?.owner_reference.as_ref()?;
    Some(vec![OwnerReference {
        api_version: OWNER_API_VERSION.to_owned(),
        kind: owner.kind.clone(),
        name: owner.name.clone(),
        uid: fleet.owner_uid.to_owned(),
        ..OwnerReference::default()
    }])
}

/// The metadata of a fleet object named `name`, with `labels` and `annotations` (empty maps are omitted).
pub(crate) fn object_meta(
    fleet: &Fleet<'_>,
    name: &str,
    labels: BTreeMap<String, String>,
    annotations: BTreeMap<String, String>,
) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_owned()),
        namespace: Some(fleet.names.namespace.clone()),
        labels: non_empty(labels),
        annotations: non_empty(annotations),
        owner_references: owner_references(fleet),
        ..ObjectMeta::default()
    }
}

/// The standard metadata: object labels and IR annotations.
pub(crate) fn standard_meta(fleet: &Fleet<'_>, name: &str) -> ObjectMeta {
    object_meta(fleet, name, object_labels(fleet), infra_annotations(fleet))
}

/// `Some(map)` unless the map is empty.
pub(crate) fn non_empty(map: BTreeMap<String, String>) -> Option<BTreeMap<String, String>> {
    (!map.is_empty()).then_some(map)
}
