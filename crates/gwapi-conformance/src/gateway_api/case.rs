//! The case files of `corpus/gateway-api/cases/`: one upstream conformance test each, as data (see the
//! corpus README for every key).

use serde::Deserialize;
use serde_json::Value;

/// One conformance test.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    /// The upstream ShortName.
    pub name: String,
    /// The class: `R`, `R-dist`, `R-grpc`, `R-tls`, `R-sim`, `F`, `S`, `L4` or `T`.
    pub class: String,
    /// The upstream features the test exercises.
    #[serde(default)]
    pub features: Vec<String>,
    /// Whether the test is provisional upstream.
    #[serde(default)]
    pub provisional: bool,
    /// The test's manifests (paths under `manifests/`), applied after the base manifests.
    #[serde(default)]
    pub manifests: Vec<String>,
    /// The steps, in order.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// The test does nothing when one of these features is supported.
    #[serde(default)]
    pub skip_if_supported: Vec<String>,
    /// The test does nothing unless one of these features is supported.
    #[serde(default)]
    pub only_if_supported: Vec<String>,
}

/// One step of a test; exactly one of the fields is set.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// Manifests (paths) or objects (`{object: {...}}`) to apply.
    #[serde(default)]
    pub apply: Option<Vec<Value>>,
    /// Objects to delete.
    #[serde(default)]
    pub delete: Option<Vec<ObjectRef>>,
    /// A merge patch of one object.
    #[serde(default)]
    pub patch: Option<Patch>,
    /// Status assertions.
    #[serde(default)]
    pub expect_status: Option<Vec<StatusExpectation>>,
    /// Requests and what must come back (data-plane steps).
    #[serde(default)]
    pub requests: Option<Value>,
    /// Prose.
    #[serde(default)]
    pub note: Option<String>,
}

/// An object by kind, namespace and name.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ObjectRef {
    /// The kind.
    pub kind: String,
    /// The namespace (absent for cluster-scoped kinds).
    #[serde(default)]
    pub namespace: Option<String>,
    /// The name.
    pub name: String,
}

/// A `patch` step: an RFC 7386 merge patch of one object, or (EndpointSlices) endpoints set from the pods of
/// a Deployment.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Patch {
    /// The kind of the patched object.
    pub kind: String,
    /// Its namespace.
    #[serde(default)]
    pub namespace: Option<String>,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// The merge patch.
    #[serde(default, rename = "mergePatch")]
    pub merge: Value,
    /// The patched objects, when several are (EndpointSlices).
    #[serde(default)]
    pub names: Vec<String>,
    /// The Deployment whose pods become the endpoints of the patched EndpointSlices.
    #[serde(default)]
    pub endpoints_from_pods_of: Option<ObjectRef>,
}

/// One status assertion.
#[allow(clippy::struct_excessive_bools)] // the corpus format: one flag per upstream helper
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusExpectation {
    /// The kind of the object.
    pub kind: String,
    /// Its namespace.
    #[serde(default)]
    pub namespace: Option<String>,
    /// Its name.
    pub name: String,
    /// For routes: the parent whose status is asserted.
    #[serde(default)]
    pub parent_ref: Option<Value>,
    /// For policies: the ancestor whose status is asserted.
    #[serde(default)]
    pub ancestor_ref: Option<Value>,
    /// The controller name the parent status must carry.
    #[serde(default)]
    pub controller_name: Option<String>,
    /// Conditions that must be present (type, and status/reason when given).
    #[serde(default)]
    pub conditions: Vec<ConditionExpectation>,
    /// Listener assertions (Gateway, ListenerSet).
    #[serde(default)]
    pub listeners: Option<Vec<ListenerExpectation>>,
    /// The listeners must be exactly these.
    #[serde(default)]
    pub listeners_exact: bool,
    /// `status.addresses` has an entry with a type.
    #[serde(default)]
    pub address_assigned: bool,
    /// The route has no status for the parent.
    #[serde(default)]
    pub absent_parent: bool,
    /// The route has no accepted parent.
    #[serde(default)]
    pub no_accepted_parents: bool,
    /// The Gateway has no route attached.
    #[serde(default)]
    pub zero_attached_routes: bool,
    /// `status.attachedListenerSets` equals this.
    #[serde(default)]
    pub attached_listener_sets: Option<i64>,
    /// Every Gateway of the namespace is accepted and programmed.
    #[serde(default)]
    pub namespaces_must_be_ready: bool,
    /// Every condition carries the current generation.
    #[serde(default)]
    pub latest_observed_generation: bool,
    /// The generation changed with the last patch.
    #[serde(default)]
    pub generation_changed: bool,
    /// Static address assertions (GatewayStaticAddresses).
    #[serde(default)]
    pub status_addresses: Option<Value>,
}

/// An asserted condition; a missing status or reason means any.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ConditionExpectation {
    /// The condition type.
    #[serde(rename = "type")]
    pub type_: String,
    /// The status (`"True"`, `"False"`, `"Unknown"`).
    #[serde(default)]
    pub status: Option<String>,
    /// The reason.
    #[serde(default)]
    pub reason: Option<String>,
}

/// An asserted listener status.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListenerExpectation {
    /// The listener name, or `*` for every listener.
    pub name: String,
    /// The number of attached routes.
    #[serde(default)]
    pub attached_routes: Option<i64>,
    /// Kinds that must be supported (`[]`: none may be).
    #[serde(default)]
    pub supported_kinds: Option<Vec<Value>>,
    /// Conditions that must be present.
    #[serde(default)]
    pub conditions: Vec<ConditionExpectation>,
}
