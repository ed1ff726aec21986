//! The EnvoyExtensionPolicies that attached somewhere become ancestors of the BackendTLSPolicies of their
//! external processors' backends; TLS towards those backends gets the client settings of each Gateway.

use std::collections::BTreeMap;

use gwapi_model::envoy_gateway::EnvoyExtensionPolicy;
use gwapi_model::gateway_api::ParentReference;
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::destination::{self, Owner};
use super::ext_proc;
use crate::ir::Xds;
use crate::translator::Statuses;
use crate::translator::backend_tls::{fill_for_gateway, record_policy_backend_use};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
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

/// Fills the TLS settings of the external processors' backends of each Gateway's routes with the
/// Gateway's client settings (client certificate, versions, ...).
pub(super) fn fill_client_settings(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
) {
    for gateway in gateways {
        let Some(fleet) = xds.get_mut(&gateway.ir_key) else {
            continue;
        };
        let prefix = format!("{}/{}/", gateway.namespace, gateway.name);
        let listeners = fleet
            .http
            .iter_mut()
            .filter(|l| l.name.starts_with(&prefix));
        let settings = listeners
            .flat_map(|l| &mut l.routes)
            .filter_map(|r| r.envoy_extensions.as_mut())
            .flat_map(|e| &mut e.ext_procs)
            .flat_map(|p| &mut p.destination.settings);
        for tls in settings.filter_map(|s| s.tls.as_mut()) {
            fill_for_gateway(ctx, gateway, tls);
        }
    }
}
