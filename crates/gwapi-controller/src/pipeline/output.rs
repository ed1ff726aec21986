//! What one pipeline run produces.

use std::collections::BTreeMap;
use std::time::Duration;

use gwapi_ir::Statuses;
use gwapi_ir::ir::{Infra, Xds};
use gwapi_xds::XdsResources;

/// The published output of one IR key (one proxy fleet).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct KeyOutput {
    /// The fleet's xDS IR, as translated (after host adaptations in standalone mode).
    pub ir: Xds,
    /// The Envoy resources served to the fleet's proxies.
    pub resources: XdsResources,
    /// The error of the last IR -> xDS translation of this key, when it failed and the previous resources
    /// were kept.
    pub error: Option<String>,
}

/// What changed in one run of the [`Pipeline`](super::Pipeline).
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Update {
    /// The keys whose xDS resources changed (or appeared), with their new resources.
    pub changed: BTreeMap<String, XdsResources>,
    /// The keys that no longer exist.
    pub removed: Vec<String>,
    /// The new statuses, when any changed.
    pub statuses: Option<Statuses>,
    /// The new infrastructure IR, when any fleet's changed.
    pub infra: Option<BTreeMap<String, Infra>>,
    /// IR -> xDS translation errors, by key (the key's previous resources keep serving).
    pub errors: BTreeMap<String, String>,
    /// How long the translation took.
    pub duration: Duration,
}

impl Update {
    /// Whether nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
            && self.removed.is_empty()
            && self.statuses.is_none()
            && self.infra.is_none()
            && self.errors.is_empty()
    }
}
