//! The observed state of a Gateway (`GatewayStatus`) and of its listeners (`ListenerStatus`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::RouteGroupKind;
use crate::Condition;

/// The observed state of a Gateway (`GatewayStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GatewayStatus {
    /// The addresses the Gateway is reachable on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<GatewayStatusAddress>,
    /// The conditions of the Gateway, e.g. `Accepted` and `Programmed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// The status of each listener.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listeners: Vec<ListenerStatus>,
    /// How many `ListenerSets` are attached to the Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attached_listener_sets: Option<i32>,
}

/// An address a Gateway is reachable on (`GatewayStatusAddress`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct GatewayStatusAddress {
    /// The address type: `IPAddress` (the default), `Hostname`, `NamedAddress` or a domain-prefixed
    /// implementation-specific type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The address.
    pub value: String,
}

/// The observed state of one listener of a Gateway or `ListenerSet` (`ListenerStatus`; also a `ListenerSet`'s
/// `ListenerEntryStatus`, which has the same fields).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListenerStatus {
    /// The listener's name.
    pub name: String,
    /// The route kinds the listener accepts.
    #[serde(default)]
    pub supported_kinds: Vec<RouteGroupKind>,
    /// How many routes are attached to the listener.
    pub attached_routes: i32,
    /// The conditions of the listener, e.g. `Accepted`, `Programmed`, `ResolvedRefs`, `Conflicted`.
    #[serde(default)]
    pub conditions: Vec<Condition>,
}
