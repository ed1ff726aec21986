//! Conditions as Envoy Gateway writes them: types, reasons and the messages users read.

use gwapi_model::{Condition, ConditionStatus};

/// Sets `condition` in `conditions`, replacing one of the same type (as `meta.SetStatusCondition` does).
pub(crate) fn set_condition(conditions: &mut Vec<Condition>, condition: Condition) {
    if let Some(existing) = conditions.iter_mut().find(|c| c.type_ == condition.type_) {
        *existing = condition;
    } else {
        conditions.push(condition);
    }
}

/// A `True` condition.
pub(crate) fn ok(type_: &str, reason: &str, message: &str) -> Condition {
    Condition::new(type_, ConditionStatus::True, reason, message)
}

/// A `False` condition.
pub(crate) fn failed(type_: &str, reason: &str, message: impl Into<String>) -> Condition {
    Condition::new(type_, ConditionStatus::False, reason, message)
}

/// Condition types.
pub(crate) mod types {
    /// `Accepted`.
    pub const ACCEPTED: &str = "Accepted";
    /// `Programmed`.
    pub const PROGRAMMED: &str = "Programmed";
    /// `ResolvedRefs`.
    pub const RESOLVED_REFS: &str = "ResolvedRefs";
    /// `Conflicted`.
    pub const CONFLICTED: &str = "Conflicted";
}

/// Listener messages.
pub(crate) mod listener {
    /// Programmed.
    pub const PROGRAMMED: &str = "Sending translated listener configuration to the data plane";
    /// Accepted.
    pub const ACCEPTED: &str = "Listener has been successfully translated";
    /// References resolved.
    pub const RESOLVED: &str = "Listener references have been resolved";
    /// Not programmed because of another condition.
    pub const INVALID: &str = "Listener is invalid, see other Conditions for details.";
}

/// Route messages.
pub(crate) mod route {
    /// Accepted.
    pub const ACCEPTED: &str = "Route is accepted";
    /// References resolved.
    pub const RESOLVED: &str = "Resolved all the Object references for the Route";
    /// No allowed listener.
    pub const NOT_ALLOWED: &str =
        "No listeners included by this parent ref allowed this attachment.";
}
