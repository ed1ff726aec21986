//! The statuses of EnvoyProxy objects: one ancestor per GatewayClass or Gateway that uses it, accepted or
//! not (`InvalidParameters`, with the problems found).

use std::collections::BTreeMap;

use gwapi_model::envoy_gateway::{EnvoyProxyAncestorStatus, EnvoyProxyStatus};
use gwapi_model::gateway_api::ParentReference;
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::GatewayCtx;
use super::envoy_proxy::{self, ProxyCheck, ProxyOrigin};
use super::envoy_proxy_deprecations;
use super::listener::GATEWAY_API_GROUP;
use crate::translator::conditions::{failed, ok, types};
use crate::translator::context::Context;
use crate::translator::index::NsName;
use crate::translator::{ObjectStatus, Statuses};

/// The class's EnvoyProxy (merged over the defaults) and its problems, when the class names one.
pub(crate) fn class_check(ctx: &Context<'_>) -> Option<ProxyCheck> {
    let class = ctx.snapshot.gateway_classes().find(|c| {
        c.metadata.name.as_deref() == Some(ctx.config.gateway_class_name.as_str())
            && c.spec.controller_name == ctx.config.controller_name
    })?;
    let proxy = envoy_proxy::of_class(ctx, class)?;
    Some(ProxyCheck {
        origin: ProxyOrigin::Class,
        key: crate::translator::index::ns_name(&proxy.metadata),
        problems: envoy_proxy::problems(&proxy.spec),
        conflict: None,
    })
}

fn ancestor(
    reference: ParentReference,
    check: &ProxyCheck,
    deprecated: &[String],
) -> EnvoyProxyAncestorStatus {
    let condition = if check.problems.is_empty() {
        ok(types::ACCEPTED, "Accepted", "EnvoyProxy has been accepted.")
    } else {
        failed(types::ACCEPTED, "InvalidParameters", check.message())
    };
    let mut conditions = vec![condition];
    if !deprecated.is_empty() {
        conditions.push(ok("Warning", "DeprecatedField", &deprecated.join("; ")));
    }
    EnvoyProxyAncestorStatus {
        ancestor_ref: reference,
        conditions,
    }
}

/// The status of every EnvoyProxy in use, by namespace and name.
pub(crate) fn statuses_by_proxy(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
) -> BTreeMap<NsName, EnvoyProxyStatus> {
    let mut out: BTreeMap<NsName, EnvoyProxyStatus> = BTreeMap::new();
    if let Some(check) = class_check(ctx) {
        let reference = ParentReference {
            group: Some(GATEWAY_API_GROUP.to_owned()),
            kind: Some("GatewayClass".to_owned()),
            name: ctx.config.gateway_class_name.clone(),
            ..ParentReference::default()
        };
        out.entry(check.key.clone())
            .or_default()
            .ancestors
            .push(ancestor(
                reference,
                &check,
                &envoy_proxy_deprecations::messages(ctx, &check.key),
            ));
    }
    for gateway in gateways {
        let check = &gateway.proxy_check;
        if check.origin != ProxyOrigin::Gateway {
            continue;
        }
        let reference = ParentReference {
            group: Some(GATEWAY_API_GROUP.to_owned()),
            kind: Some("Gateway".to_owned()),
            namespace: Some(gateway.namespace.clone()),
            name: gateway.name.clone(),
            ..ParentReference::default()
        };
        out.entry(check.key.clone())
            .or_default()
            .ancestors
            .push(ancestor(
                reference,
                check,
                &envoy_proxy_deprecations::messages(ctx, &check.key),
            ));
    }
    out
}

/// Sets the status of every EnvoyProxy in use.
pub(crate) fn envoy_proxy_statuses(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    statuses: &mut Statuses,
) {
    for ((namespace, name), status) in statuses_by_proxy(ctx, gateways) {
        statuses.set(
            ObjectKey {
                kind: ResourceKind::EnvoyProxy,
                namespace,
                name,
            },
            ObjectStatus::EnvoyProxy(status),
        );
    }
}
