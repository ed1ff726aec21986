//! The EnvoyExtensionPolicies that attached somewhere become ancestors of the BackendTLSPolicies of their
//! external processors' backends.

use gwapi_model::envoy_gateway::EnvoyExtensionPolicy;
use gwapi_model::gateway_api::ParentReference;
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::destination::{self, Owner};
use super::ext_proc;
use crate::translator::Statuses;
use crate::translator::backend_tls::record_policy_backend_use;
use crate::translator::context::Context;
use crate::translator::index::ns_name;

/// Records every attached policy's use of the BackendTLSPolicies of its backends.
pub(super) fn record(
    ctx: &Context<'_>,
    policies: &[&EnvoyExtensionPolicy],
    statuses: &mut Statuses,
) {
    for policy in policies {
        let (namespace, name) = ns_name(&policy.metadata);
        let key = ObjectKey {
            kind: ResourceKind::EnvoyExtensionPolicy,
            namespace: namespace.clone(),
            name: name.clone(),
        };
        if statuses.get(&key).is_none() {
            continue;
        }
        let owner = Owner {
            kind: "EnvoyExtensionPolicy",
            namespace: &namespace,
            name: &name,
        };
        let ancestor = ParentReference {
            group: Some("gateway.envoyproxy.io".to_owned()),
            kind: Some("EnvoyExtensionPolicy".to_owned()),
            namespace: Some(namespace.clone()),
            name: name.clone(),
            section_name: None,
            port: None,
        };
        for ext in &policy.spec.ext_proc {
            for r in ext_proc::backend_refs(ext) {
                let backend = destination::as_backend_ref(owner, &r);
                if destination::validate(ctx, owner, &backend).is_ok() {
                    record_policy_backend_use(ctx, statuses, &backend, &namespace, &ancestor);
                }
            }
        }
    }
}
