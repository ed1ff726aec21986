//! BackendTLSPolicies used by the backends of other policies (an external processor of an
//! EnvoyExtensionPolicy, ...): the using policy becomes an ancestor of the BackendTLSPolicy that wins the
//! backend (accepted there, or reporting its unusable CA references), and of the others (`Conflicted`).

use gwapi_model::gateway_api::{BackendRef, ParentReference};

use super::ancestors::{key_of, record_winner};
use super::target::BackendTarget;
use crate::translator::context::Context;
use crate::translator::index::ns_name;
use crate::translator::policy::ancestors::PolicyStatusBuilder;
use crate::translator::{ObjectStatus, Statuses};

/// Adds `ancestor` (the using policy) to the statuses of the BackendTLSPolicies of `backend`, a
/// reference from an object in `from_namespace`.
pub(crate) fn record(
    ctx: &Context<'_>,
    statuses: &mut Statuses,
    backend: &BackendRef,
    from_namespace: &str,
    ancestor: &ParentReference,
) {
    let policies = BackendTarget::of(ctx, backend, from_namespace).policies(ctx);
    let Some((winner, losers)) = policies.split_first() else {
        return;
    };
    let (namespace, name) = ns_name(&winner.metadata);
    let conflict = format!("Policy conflicts with BackendTLSPolicy {namespace}/{name}.");
    update(ctx, statuses, winner, ancestor, |status| {
        record_winner(ctx, winner, ancestor, status);
    });
    for loser in losers {
        update(ctx, statuses, loser, ancestor, |status| {
            status.conflicted(ancestor, conflict.clone());
        });
    }
}

/// Applies `change` to the status of `policy` when `ancestor` is new to it.
fn update(
    ctx: &Context<'_>,
    statuses: &mut Statuses,
    policy: &gwapi_model::gateway_api::BackendTlsPolicy,
    ancestor: &ParentReference,
    change: impl FnOnce(&mut PolicyStatusBuilder),
) {
    let key = key_of(policy);
    let mut existing = match statuses.get(&key) {
        Some(ObjectStatus::Policy(status)) => status.ancestors.clone(),
        _ => Vec::new(),
    };
    if existing.iter().any(|a| a.ancestor_ref == *ancestor) {
        return;
    }
    let mut builder = PolicyStatusBuilder::new(&ctx.config.controller_name);
    change(&mut builder);
    existing.extend(builder.build().ancestors);
    statuses.set(
        key,
        ObjectStatus::Policy(gwapi_model::gateway_api::PolicyStatus {
            ancestors: existing,
        }),
    );
}
