//! A policy's status, one entry per ancestor (the Gateways, or Gateway listeners, its targets hang from):
//! `Accepted` (or why not: `Invalid`, `Conflicted`, `TargetNotFound`), `Overridden`, `Merged`,
//! `Warning/DeprecatedField`, and the reference's cap on the number of ancestors (`Aggregated`).
//!
//! Every policy kind (BackendTrafficPolicy, ClientTrafficPolicy, SecurityPolicy, EnvoyExtensionPolicy,
//! BackendTLSPolicy, ...) builds its status through [`PolicyStatusBuilder`].

#![allow(dead_code)] // Helpers for every policy kind; each kind uses a part of them.

use gwapi_model::gateway_api::{ParentReference, PolicyAncestorStatus, PolicyStatus};
use gwapi_model::{Condition, ConditionStatus};

use crate::translator::conditions::{failed, ok, set_condition, types};

/// The most ancestors a policy status lists (the reference's cap); the rest are aggregated.
pub(crate) const MAX_ANCESTORS: usize = 16;

/// The API group of Gateway API objects.
pub(crate) const GATEWAY_API_GROUP: &str = "gateway.networking.k8s.io";

/// Policy condition types, reasons and messages.
pub(crate) mod msg {
    /// `Overridden`.
    pub const OVERRIDDEN: &str = "Overridden";
    /// `Merged`.
    pub const MERGED: &str = "Merged";
    /// `Warning`.
    pub const WARNING: &str = "Warning";
    /// `Aggregated`.
    pub const AGGREGATED: &str = "Aggregated";
    /// Reason of deprecated fields.
    pub const DEPRECATED_FIELD: &str = "DeprecatedField";
    /// Reason of an invalid policy.
    pub const INVALID: &str = "Invalid";
    /// Reason of a policy that lost its target to an older one.
    pub const CONFLICTED: &str = "Conflicted";
    /// Reason of a missing section.
    pub const TARGET_NOT_FOUND: &str = "TargetNotFound";
    /// Accepted.
    pub const ACCEPTED: &str = "Policy has been accepted.";
    /// The deprecated `targetRef`.
    pub const DEPRECATED_TARGET_REF: &str =
        "spec.targetRef is deprecated, use spec.targetRefs instead";
}

/// The ancestor reference of a Gateway, or of one of its listeners.
pub(crate) fn gateway_ancestor(
    namespace: &str,
    name: &str,
    section: Option<&str>,
) -> ParentReference {
    ParentReference {
        group: Some(GATEWAY_API_GROUP.to_owned()),
        kind: Some("Gateway".to_owned()),
        namespace: Some(namespace.to_owned()),
        name: name.to_owned(),
        section_name: section.map(str::to_owned),
        port: None,
    }
}

/// The ancestor reference of a route's parent, as the route names it (group, kind and namespace
/// defaulted: `gateway.networking.k8s.io`, `Gateway`, the route's namespace).
pub(crate) fn route_parent_ancestor(
    route_namespace: &str,
    parent: &ParentReference,
) -> ParentReference {
    ParentReference {
        group: Some(
            parent
                .group
                .clone()
                .unwrap_or_else(|| GATEWAY_API_GROUP.to_owned()),
        ),
        kind: Some(parent.kind.clone().unwrap_or_else(|| "Gateway".to_owned())),
        namespace: Some(
            parent
                .namespace
                .clone()
                .unwrap_or_else(|| route_namespace.to_owned()),
        ),
        name: parent.name.clone(),
        section_name: parent.section_name.clone(),
        port: parent.port,
    }
}

/// An error as a condition message: first letter upper case, ending with a period.
pub(crate) fn error_message(error: &str) -> String {
    let mut chars = error.chars();
    let mut message: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !message.ends_with('.') {
        message.push('.');
    }
    message
}

/// Builds a [`PolicyStatus`]: conditions are set per ancestor (added on first mention, in order).
#[derive(Clone, Debug)]
pub(crate) struct PolicyStatusBuilder {
    controller_name: String,
    ancestors: Vec<PolicyAncestorStatus>,
    /// Whether an ancestor was left out because the status already had [`MAX_ANCESTORS`].
    truncated: bool,
}

impl PolicyStatusBuilder {
    /// A status written by `controller_name`.
    pub fn new(controller_name: &str) -> Self {
        Self {
            controller_name: controller_name.to_owned(),
            ancestors: Vec::new(),
            truncated: false,
        }
    }

    /// The ancestors mentioned so far, in order.
    pub fn ancestor_refs(&self) -> Vec<ParentReference> {
        self.ancestors
            .iter()
            .map(|a| a.ancestor_ref.clone())
            .collect()
    }

    /// Whether no ancestor has been mentioned.
    pub fn is_empty(&self) -> bool {
        self.ancestors.is_empty()
    }

    /// Changes the conditions of `ancestor` (added when new).
    pub fn update(&mut self, ancestor: &ParentReference, change: impl FnOnce(&mut Vec<Condition>)) {
        let position = self
            .ancestors
            .iter()
            .position(|a| a.ancestor_ref == *ancestor);
        let index = position.unwrap_or_else(|| {
            self.ancestors.push(PolicyAncestorStatus {
                ancestor_ref: ancestor.clone(),
                controller_name: self.controller_name.clone(),
                conditions: Vec::new(),
            });
            self.ancestors.len() - 1
        });
        if let Some(entry) = self.ancestors.get_mut(index) {
            change(&mut entry.conditions);
        }
    }

    /// Mentions `ancestor` without setting a condition (keeps its place in the order).
    pub fn mention(&mut self, ancestor: &ParentReference) {
        self.update(ancestor, |_| {});
    }

    /// Sets `condition` for `ancestor`, replacing one of the same type.
    pub fn set(&mut self, ancestor: &ParentReference, condition: Condition) {
        self.update(ancestor, |c| set_condition(c, condition));
    }

    /// `Accepted=True` for `ancestor`, unless something already refused the policy there.
    pub fn accepted(&mut self, ancestor: &ParentReference) {
        self.update(ancestor, |conditions| {
            let refused = conditions
                .iter()
                .any(|c| c.type_ == types::ACCEPTED && c.status == ConditionStatus::False);
            if !refused {
                set_condition(conditions, ok(types::ACCEPTED, "Accepted", msg::ACCEPTED));
            }
        });
    }

    /// `Accepted=True` for each of `ancestors` (see [`Self::accepted`]); when the new ones do not all
    /// fit under [`MAX_ANCESTORS`], they are taken in order of namespace, name and section, and those
    /// past the cap are left out.
    pub fn accepted_all(&mut self, ancestors: &[ParentReference]) {
        let (known, mut new): (Vec<&ParentReference>, Vec<&ParentReference>) = ancestors
            .iter()
            .partition(|a| self.ancestors.iter().any(|s| s.ancestor_ref == **a));
        for a in known {
            self.accepted(a);
        }
        if self.ancestors.len() + new.len() > MAX_ANCESTORS {
            new.sort_by(|a, b| ref_key(a).cmp(&ref_key(b)));
        }
        for a in new {
            if self.ancestors.len() >= MAX_ANCESTORS {
                self.truncated = true;
                continue;
            }
            self.accepted(a);
        }
    }

    /// `Accepted=False` for `ancestor`, with `reason` and `message` as given.
    pub fn refused(
        &mut self,
        ancestor: &ParentReference,
        reason: &str,
        message: impl Into<String>,
    ) {
        self.set(ancestor, failed(types::ACCEPTED, reason, message));
    }

    /// `Accepted=False, Invalid` for `ancestor`; the message is the error, capitalized, with a period.
    pub fn invalid(&mut self, ancestor: &ParentReference, error: &str) {
        self.refused(ancestor, msg::INVALID, error_message(error));
    }

    /// `Accepted=False, Conflicted` for `ancestor`.
    pub fn conflicted(&mut self, ancestor: &ParentReference, message: impl Into<String>) {
        self.refused(ancestor, msg::CONFLICTED, message);
    }

    /// `Overridden=True` for `ancestor`.
    pub fn overridden(&mut self, ancestor: &ParentReference, message: &str) {
        self.set(ancestor, ok(msg::OVERRIDDEN, msg::OVERRIDDEN, message));
    }

    /// `Merged=True` for `ancestor`.
    pub fn merged(&mut self, ancestor: &ParentReference, message: &str) {
        self.set(ancestor, ok(msg::MERGED, msg::MERGED, message));
    }

    /// `Warning=True, DeprecatedField` for `ancestor`: the deprecated fields' messages joined by `; `.
    pub fn deprecated(&mut self, ancestor: &ParentReference, messages: &[String]) {
        if messages.is_empty() {
            return;
        }
        let message = messages.join("; ");
        self.set(ancestor, ok(msg::WARNING, msg::DEPRECATED_FIELD, &message));
    }

    /// `Warning=True, DeprecatedField` for every ancestor with an `Accepted` verdict other than conflicted
    /// or missing target (those, and merge notes, say nothing else).
    pub fn deprecated_where_attached(&mut self, messages: &[String]) {
        if messages.is_empty() {
            return;
        }
        let message = messages.join("; ");
        for a in &mut self.ancestors {
            let attached = a.conditions.iter().any(|c| {
                c.type_ == types::ACCEPTED
                    && c.reason != msg::CONFLICTED
                    && c.reason != msg::TARGET_NOT_FOUND
            });
            let skip = !attached;
            if !skip {
                set_condition(
                    &mut a.conditions,
                    ok(msg::WARNING, msg::DEPRECATED_FIELD, &message),
                );
            }
        }
    }

    /// Sets `condition` for every ancestor mentioned so far.
    pub fn set_all(&mut self, condition: &Condition) {
        for a in &mut self.ancestors {
            set_condition(&mut a.conditions, condition.clone());
        }
    }

    /// The status, capped at [`MAX_ANCESTORS`] ancestors: past the cap the ancestors are ordered (those
    /// refused first, then those overridden, then the rest by namespace, name and section), the first ones
    /// are kept and the last kept one gets `Aggregated=True`.
    pub fn build(self) -> PolicyStatus {
        let mut ancestors = self.ancestors;
        if self.truncated || ancestors.len() > MAX_ANCESTORS {
            ancestors.sort_by(|a, b| {
                (priority(a), ancestor_key(a)).cmp(&(priority(b), ancestor_key(b)))
            });
            ancestors.truncate(MAX_ANCESTORS);
            if let Some(last) = ancestors.last_mut() {
                let message = format!(
                    "Ancestors have been truncated because the number of policy ancestors exceeds \
                     {MAX_ANCESTORS}."
                );
                set_condition(
                    &mut last.conditions,
                    ok(msg::AGGREGATED, msg::AGGREGATED, &message),
                );
            }
        }
        PolicyStatus { ancestors }
    }
}

fn priority(a: &PolicyAncestorStatus) -> u8 {
    if a.conditions
        .iter()
        .any(|c| c.type_ == types::ACCEPTED && c.status == ConditionStatus::False)
    {
        0
    } else if a.conditions.iter().any(|c| c.type_ == msg::OVERRIDDEN) {
        1
    } else {
        2
    }
}

fn ancestor_key(a: &PolicyAncestorStatus) -> (Option<&str>, &str, Option<&str>) {
    ref_key(&a.ancestor_ref)
}

fn ref_key(r: &ParentReference) -> (Option<&str>, &str, Option<&str>) {
    (
        r.namespace.as_deref(),
        r.name.as_str(),
        r.section_name.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::{PolicyStatusBuilder, error_message, gateway_ancestor, msg};

    #[test]
    fn error_messages_are_capitalized_with_a_period() {
        assert_eq!(error_message("timeout: bad."), "Timeout: bad.");
        assert_eq!(error_message("bad value"), "Bad value.");
    }

    #[test]
    fn refused_is_not_accepted_again() {
        let mut b = PolicyStatusBuilder::new("c");
        let gw = gateway_ancestor("ns", "gw", None);
        b.conflicted(&gw, "taken");
        b.accepted(&gw);
        let status = b.build();
        assert_eq!(status.ancestors.len(), 1);
        assert_eq!(status.ancestors[0].conditions[0].reason, msg::CONFLICTED);
    }

    #[test]
    fn ancestors_are_capped() {
        let mut b = PolicyStatusBuilder::new("c");
        for i in 0..20 {
            b.accepted(&gateway_ancestor("ns", &format!("gw-{i}"), None));
        }
        let status = b.build();
        assert_eq!(status.ancestors.len(), super::MAX_ANCESTORS);
        let last = status.ancestors.last().unwrap();
        assert!(last.conditions.iter().any(|c| c.type_ == msg::AGGREGATED));
        assert_eq!(status.ancestors[0].ancestor_ref.name, "gw-0");
        assert_eq!(status.ancestors[2].ancestor_ref.name, "gw-10");
    }
}
