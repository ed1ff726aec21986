//! ClientTrafficPolicy: how Envoy treats client connections on the targeted Gateways, ListenerSets and
//! their listeners. A listener's own policy (by `sectionName`) wins over its ListenerSet's, then its
//! Gateway's; the broader policy is then `Overridden` for those sections.

mod ca_bundle;
mod client_ip;
mod client_validation;
mod connection;
mod crl;
mod der;
mod features;
mod header_limit;
mod header_mutation;
mod headers;
mod http1;
mod http2;
mod http3;
mod keepalive;
mod path;
mod port_overlap;
mod string_match;
#[cfg(test)]
mod tests;
mod timeout;
mod tls;

pub(crate) use http3::mirror_to_infra as mirror_http3_to_infra;

use std::collections::{BTreeMap, BTreeSet};

use gwapi_model::envoy_gateway::{ClientTrafficPolicy, ClientTrafficPolicySpec};
use gwapi_model::resource::{ObjectKey, ResourceKind};

use self::features::Policy;
use super::ancestors::{PolicyStatusBuilder, msg};
use super::scope::{self, Level, ListenerRef, Reach, Scope, Unresolved};
use super::targets::{self, Target};
use crate::ir::Xds;
use crate::translator::conditions::ok;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::{ObjectStatus, Statuses};

const KIND: &str = "ClientTrafficPolicy";

struct Candidate {
    policy: usize,
    target: Target,
    scope: Scope,
}

/// The deprecated fields a spec sets, as warning messages.
fn deprecated_fields(spec: &ClientTrafficPolicySpec) -> Vec<String> {
    let mut out = Vec::new();
    if spec.enable_proxy_protocol.is_some() {
        out.push(
            "spec.enableProxyProtocol is deprecated, use spec.proxyProtocol instead".to_owned(),
        );
    }
    if spec
        .headers
        .as_ref()
        .is_some_and(|h| h.preserve_x_request_id.is_some())
    {
        out.push(
            "spec.headers.preserveXRequestID is deprecated, use spec.headers.requestID instead"
                .to_owned(),
        );
    }
    if spec
        .tls
        .as_ref()
        .and_then(|t| t.client_validation.as_ref())
        .is_some_and(|v| v.optional == Some(true))
    {
        out.push(
            "spec.tls.clientValidation.optional is deprecated, use spec.tls.clientValidation.mode \
             instead"
                .to_owned(),
        );
    }
    if targets::uses_target_ref(spec) {
        out.push(msg::DEPRECATED_TARGET_REF.to_owned());
    }
    out.sort();
    out
}

fn conflict_message(target: &Target) -> String {
    let what = match (target.kind.as_str(), target.section.as_deref()) {
        ("ListenerSet", Some(s)) => format!("Listener {}/{s}", target.name),
        (_, Some(_)) => format!("section of {}", target.name),
        (kind, None) => format!("{kind} {}", target.name),
    };
    format!("Unable to target {what}, another {KIND} has already attached to it")
}

/// Attaches a policy to the listeners it won (`whole_parent`: it targets a Gateway or ListenerSet as a
/// whole), listener by listener: a listener sharing its port is refused, the others get the features.
fn attach(
    ctx: &Context<'_>,
    policy: &Policy<'_>,
    won: &[ListenerRef],
    whole_parent: bool,
    xds: &mut BTreeMap<String, Xds>,
) -> features::Outcome {
    let mut outcome = features::Outcome::default();
    for l in won {
        let overlap = xds
            .get(&l.fleet)
            .and_then(|x| port_overlap::check(x, l, whole_parent));
        if let Some(e) = overlap {
            outcome.errors.push(e);
            continue;
        }
        let one = features::attach(ctx, policy, std::slice::from_ref(l), xds);
        outcome.errors.extend(one.errors);
        outcome.warnings.extend(one.warnings);
    }
    outcome
}

/// Sets what attaching found on the policy's `ancestors`: accepted or invalid, and the warnings.
fn report(
    b: &mut PolicyStatusBuilder,
    ancestors: &[gwapi_model::gateway_api::ParentReference],
    outcome: &features::Outcome,
) {
    for a in ancestors {
        if outcome.errors.is_empty() {
            b.accepted(a);
        } else {
            b.invalid(a, &outcome.errors.join("\n"));
        }
        for (reason, message) in &outcome.warnings {
            b.set(a, ok(msg::WARNING, reason, message));
        }
    }
}

/// Attaches every ClientTrafficPolicy (oldest first) to listeners and sets their statuses.
pub(crate) fn process(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    let policies: Vec<&ClientTrafficPolicy> = ctx.snapshot.client_traffic_policies().collect();
    let mut builders: Vec<PolicyStatusBuilder> = policies
        .iter()
        .map(|_| PolicyStatusBuilder::new(&ctx.config.controller_name))
        .collect();
    let mut candidates = Vec::new();
    for (i, policy) in policies.iter().enumerate() {
        for target in targets::resolve(ctx, KIND, &policy.metadata, &policy.spec) {
            if !matches!(target.kind.as_str(), "Gateway" | "ListenerSet") {
                continue;
            }
            match scope::resolve(ctx, gateways, &target) {
                Ok(scope) => candidates.push(Candidate {
                    policy: i,
                    target,
                    scope,
                }),
                Err(Unresolved::SectionNotFound(ancestors, message)) => {
                    if let Some(b) = builders.get_mut(i) {
                        for a in &ancestors {
                            b.refused(a, msg::TARGET_NOT_FOUND, message.clone());
                        }
                    }
                }
                Err(Unresolved::Ignored) => {}
            }
        }
    }
    candidates.sort_by_key(|c| (c.scope.level, c.policy));
    let mut winners: BTreeSet<Target> = BTreeSet::new();
    let mut claimed: BTreeMap<(String, String), String> = BTreeMap::new();
    for c in &candidates {
        let Some(b) = builders.get_mut(c.policy) else {
            continue;
        };
        if !winners.insert(c.target.clone()) {
            let message = conflict_message(&c.target);
            for a in &c.scope.ancestors {
                b.conflicted(a, message.clone());
            }
            continue;
        }
        let mut overriding = BTreeSet::new();
        let mut won = Vec::new();
        if let Reach::Listeners(listeners) = &c.scope.reach {
            for l in listeners {
                if let Some(section) = claimed.get(&l.key()) {
                    overriding.insert(section.clone());
                } else {
                    let section = c.target.section.clone().unwrap_or_default();
                    claimed.insert(l.key(), section);
                    won.push(l.clone());
                }
            }
        }
        let Some(policy) = policies.get(c.policy) else {
            continue;
        };
        let attached = Policy {
            spec: &policy.spec,
            namespace: policy.metadata.namespace.as_deref().unwrap_or_default(),
            name: policy.metadata.name.as_deref().unwrap_or_default(),
        };
        let outcome = attach(ctx, &attached, &won, c.target.section.is_none(), xds);
        report(b, &c.scope.ancestors, &outcome);
        let overriding: Vec<&str> = overriding
            .iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        if !overriding.is_empty() && c.scope.level > Level::ListenerSetListener {
            let message = format!(
                "There are existing ClientTrafficPolicies that are overriding these sections [{}]",
                overriding.join(" ")
            );
            for a in &c.scope.ancestors {
                b.overridden(a, &message);
            }
        }
    }
    for (policy, mut b) in policies.iter().zip(builders) {
        if b.is_empty() {
            continue;
        }
        let deprecated = deprecated_fields(&policy.spec);
        b.deprecated_where_attached(&deprecated);
        let key = ObjectKey {
            kind: ResourceKind::ClientTrafficPolicy,
            namespace: policy.metadata.namespace.clone().unwrap_or_default(),
            name: policy.metadata.name.clone().unwrap_or_default(),
        };
        statuses.set(key, ObjectStatus::Policy(b.build()));
    }
}
