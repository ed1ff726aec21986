//! The client certificate a Gateway presents to backends (`spec.tls.backend.clientCertificateRef`): checked
//! and reported as the Gateway's `ResolvedRefs` condition.

use gwapi_model::Condition;
use gwapi_model::gateway_api::Gateway;

use super::listener::GATEWAY_API_GROUP;
use crate::translator::conditions::{failed, ok, types};
use crate::translator::context::Context;
use crate::translator::reference_grant::RefSide;

/// The Gateway's `ResolvedRefs` condition for its backend client certificate, if it names one.
pub(super) fn condition(ctx: &Context<'_>, gateway: &Gateway) -> Option<Condition> {
    let r = gateway
        .spec
        .tls
        .as_ref()?
        .backend
        .as_ref()?
        .client_certificate_ref
        .as_ref()?;
    let invalid = |message: String| {
        Some(failed(
            types::RESOLVED_REFS,
            "InvalidClientCertificateRef",
            message,
        ))
    };
    let group = r.group.as_deref().unwrap_or_default();
    let kind = r.kind.as_deref().unwrap_or("Secret");
    if !group.is_empty() {
        return invalid(format!(
            "Invalid backend client certificate reference for gateway: invalid client certificate reference group: {group}"
        ));
    }
    if kind != "Secret" {
        return invalid(format!(
            "Invalid backend client certificate reference for gateway: invalid client certificate reference kind: {kind}"
        ));
    }
    let gateway_ns = gateway.metadata.namespace.as_deref().unwrap_or_default();
    let namespace = r.namespace.as_deref().unwrap_or(gateway_ns);
    let from = RefSide {
        group: GATEWAY_API_GROUP,
        kind: "Gateway",
        namespace: gateway_ns,
    };
    let to = RefSide {
        group: "",
        kind: "Secret",
        namespace,
    };
    if !ctx.permitted(from, to, &r.name) {
        return Some(failed(
            types::RESOLVED_REFS,
            "RefNotPermitted",
            "invalid cross-namespace reference to backend client certificate",
        ));
    }
    let Some(secret) = ctx.idx.secrets.get(&(namespace.to_owned(), r.name.clone())) else {
        return invalid("failed to get backend client certs for gateway".to_owned());
    };
    let data = secret.data.as_ref();
    let has = |key: &str| {
        data.and_then(|d| d.get(key))
            .is_some_and(|b| !b.0.is_empty())
    };
    if !has("tls.crt") || !has("tls.key") {
        return invalid(format!(
            "invalid backend client cert secret for gateway: secret {namespace}/{} must contain 'tls.crt' and 'tls.key' fields",
            r.name
        ));
    }
    Some(ok(
        types::RESOLVED_REFS,
        "ResolvedRefs",
        "Successfully resolved all TLS references for the gateway",
    ))
}
