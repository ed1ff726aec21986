//! The statuses a translation computes, as data: the controller writes them, the harness compares them.

use std::collections::BTreeMap;

use gwapi_model::envoy_gateway::{BackendStatus, EnvoyProxyStatus};
use gwapi_model::gateway_api::{
    GatewayClassStatus, GatewayStatus, ListenerSetStatus, PolicyStatus, RouteStatus,
};
use gwapi_model::resource::ObjectKey;
use serde::Serialize;

/// The status of one object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ObjectStatus {
    /// A GatewayClass's status.
    GatewayClass(GatewayClassStatus),
    /// A Gateway's status.
    Gateway(GatewayStatus),
    /// A ListenerSet's status.
    ListenerSet(ListenerSetStatus),
    /// A route's status (every route kind).
    Route(RouteStatus),
    /// A policy's status (every policy kind, and BackendTLSPolicy).
    Policy(PolicyStatus),
    /// A Backend's status.
    Backend(BackendStatus),
    /// An EnvoyProxy's status.
    EnvoyProxy(EnvoyProxyStatus),
}

/// Every status a translation computed, by object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Statuses {
    entries: BTreeMap<ObjectKey, ObjectStatus>,
}

impl Statuses {
    /// Sets the status of `key`.
    pub fn set(&mut self, key: ObjectKey, status: ObjectStatus) {
        self.entries.insert(key, status);
    }

    /// The status of `key`.
    #[must_use]
    pub fn get(&self, key: &ObjectKey) -> Option<&ObjectStatus> {
        self.entries.get(key)
    }

    /// The status of `key`, for changes.
    pub fn get_mut(&mut self, key: &ObjectKey) -> Option<&mut ObjectStatus> {
        self.entries.get_mut(key)
    }

    /// Every status, ordered by object key.
    pub fn iter(&self) -> impl Iterator<Item = (&ObjectKey, &ObjectStatus)> {
        self.entries.iter()
    }

    /// The number of objects with a status.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no object has a status.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
