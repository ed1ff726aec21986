//! EnvoyPatchPolicy: JSON patches of a fleet's generated xDS. This pass only attaches each policy to the
//! IR of the fleet it names (a Gateway, or the GatewayClass when gateways are merged), copies its
//! patches there and sets its status; applying the patches belongs to the xDS translation.
//!
//! A policy naming a fleet that does not exist gets no status, except with merged gateways, where it is
//! reported `Invalid`. A disabled feature or an unsupported target kind leaves the fleet unpatched.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use gwapi_model::Condition;
use gwapi_model::envoy_gateway::{EnvoyPatchPolicy, EnvoyResourceType, JsonPatchOperationType};
use gwapi_model::gateway_api::{ParentReference, PolicyStatus};
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::ancestors::{GATEWAY_API_GROUP, PolicyStatusBuilder, gateway_ancestor};
use crate::ir::{
    EnvoyPatchPolicy as IrPolicy, EnvoyPatchPolicyStatus, JsonPatchConfig, JsonPatchOp,
    JsonPatchOperation, PatchedResourceType, PolicyAncestorRef, PolicyAncestorStatus, Xds,
};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::index::ns_name;
use crate::translator::{ObjectStatus, Statuses};

/// The reason of a policy whose feature is disabled.
const DISABLED: &str = "Disabled";

/// Attaches every EnvoyPatchPolicy to the IR of its fleet and sets their statuses.
pub(crate) fn process(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    let merged = gateways.iter().any(|g| g.merged);
    for policy in ctx.snapshot.envoy_patch_policies() {
        let (namespace, name) = ns_name(&policy.metadata);
        let target = &policy.spec.target_ref;
        let (target_kind, ir_key, ancestor) = if merged {
            let ancestor = ParentReference {
                group: Some(GATEWAY_API_GROUP.to_owned()),
                kind: Some("GatewayClass".to_owned()),
                namespace: None,
                name: target.name.clone(),
                section_name: None,
                port: None,
            };
            ("GatewayClass", target.name.clone(), ancestor)
        } else {
            let key = format!("{namespace}/{}", target.name);
            (
                "Gateway",
                key,
                gateway_ancestor(&namespace, &target.name, None),
            )
        };
        let mut status = PolicyStatusBuilder::new(&ctx.config.controller_name);
        let Some(fleet) = xds.get_mut(&ir_key) else {
            if merged {
                status.invalid(
                    &ancestor,
                    &format!(
                        "TargetRef.Group:{} TargetRef.Kind:{} TargetRef.Namespace:{namespace} TargetRef.Name:{} not found or not accepted (MergeGateways={merged})",
                        target.group, target.kind, target.name
                    ),
                );
                set(statuses, &namespace, &name, status.build());
            }
            continue;
        };
        let mut patches = Vec::new();
        if !ctx.config.enable_envoy_patch_policy {
            status.refused(
                &ancestor,
                DISABLED,
                "EnvoyPatchPolicy is disabled in the EnvoyGateway configuration",
            );
        } else if target.group != GATEWAY_API_GROUP || target.kind != target_kind {
            status.invalid(
                &ancestor,
                &format!(
                    "TargetRef.Group:{} TargetRef.Kind:{}, only TargetRef.Group:{GATEWAY_API_GROUP} and TargetRef.Kind:{target_kind} is supported",
                    target.group, target.kind
                ),
            );
        } else {
            patches = convert_patches(policy);
            status.accepted(&ancestor);
        }
        let built = status.build();
        fleet.envoy_patch_policies.push(IrPolicy {
            name: name.clone(),
            namespace: namespace.clone(),
            generation: policy.metadata.generation,
            status: Some(ir_status(&built)),
            json_patches: patches,
        });
        set(statuses, &namespace, &name, built);
    }
}

fn set(statuses: &mut Statuses, namespace: &str, name: &str, status: PolicyStatus) {
    statuses.set(
        ObjectKey {
            kind: ResourceKind::EnvoyPatchPolicy,
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        },
        ObjectStatus::Policy(status),
    );
}

/// The policy status as the IR carries it.
fn ir_status(status: &PolicyStatus) -> EnvoyPatchPolicyStatus {
    EnvoyPatchPolicyStatus {
        ancestors: status
            .ancestors
            .iter()
            .map(|a| PolicyAncestorStatus {
                ancestor_ref: PolicyAncestorRef {
                    group: a.ancestor_ref.group.clone(),
                    kind: a.ancestor_ref.kind.clone(),
                    name: a.ancestor_ref.name.clone(),
                    namespace: a.ancestor_ref.namespace.clone(),
                    section_name: a.ancestor_ref.section_name.clone(),
                    port: a.ancestor_ref.port.and_then(|p| u32::try_from(p).ok()),
                },
                controller_name: a.controller_name.clone(),
                conditions: a.conditions.iter().map(Condition::clone).collect(),
            })
            .collect(),
    }
}

/// The policy's patches, in order (those of unknown resource types or operations are dropped).
fn convert_patches(policy: &EnvoyPatchPolicy) -> Vec<JsonPatchConfig> {
    policy
        .spec
        .json_patches
        .iter()
        .filter_map(|p| {
            Some(JsonPatchConfig {
                resource_type: resource_type(&p.type_)?,
                name: p.name.clone(),
                operation: JsonPatchOperation {
                    op: operation(&p.operation.op)?,
                    path: p.operation.path.clone(),
                    json_path: p.operation.json_path.clone(),
                    from: p.operation.from.clone(),
                    value: p.operation.value.clone(),
                },
            })
        })
        .collect()
}

fn resource_type(t: &EnvoyResourceType) -> Option<PatchedResourceType> {
    Some(match t {
        EnvoyResourceType::Listener => PatchedResourceType::Listener,
        EnvoyResourceType::RouteConfiguration => PatchedResourceType::RouteConfiguration,
        EnvoyResourceType::Cluster => PatchedResourceType::Cluster,
        EnvoyResourceType::ClusterLoadAssignment => PatchedResourceType::ClusterLoadAssignment,
        EnvoyResourceType::Secret => PatchedResourceType::Secret,
        EnvoyResourceType::Unknown(_) => return None,
    })
}

fn operation(op: &JsonPatchOperationType) -> Option<JsonPatchOp> {
    Some(match op {
        JsonPatchOperationType::Add => JsonPatchOp::Add,
        JsonPatchOperationType::Remove => JsonPatchOp::Remove,
        JsonPatchOperationType::Replace => JsonPatchOp::Replace,
        JsonPatchOperationType::Move => JsonPatchOp::Move,
        JsonPatchOperationType::Copy => JsonPatchOp::Copy,
        JsonPatchOperationType::Test => JsonPatchOp::Test,
        JsonPatchOperationType::Unknown(_) => return None,
    })
}
