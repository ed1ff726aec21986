//! Secrets (and ConfigMaps) a SecurityPolicy references: cross-namespace references need a ReferenceGrant
//! from SecurityPolicies of the policy's namespace.

use gwapi_model::core::Secret;
use gwapi_model::gateway_api::SecretObjectReference;

use crate::translator::context::Context;
use crate::translator::reference_grant::RefSide;

/// The Secret `r` of a policy in `from_namespace` names.
pub(crate) fn secret<'a>(
    ctx: &Context<'a>,
    from_namespace: &str,
    r: &SecretObjectReference,
) -> Result<&'a Secret, String> {
    let namespace = r.namespace.as_deref().unwrap_or(from_namespace);
    let from = RefSide {
        group: "gateway.envoyproxy.io",
        kind: "SecurityPolicy",
        namespace: from_namespace,
    };
    let to = RefSide {
        group: "",
        kind: "Secret",
        namespace,
    };
    if !ctx.permitted(from, to, &r.name) {
        return Err(format!(
            "ref to Secret {namespace}/{} not permitted by any ReferenceGrant",
            r.name
        ));
    }
    ctx.idx
        .secrets
        .get(&(namespace.to_owned(), r.name.clone()))
        .copied()
        .ok_or_else(|| format!("secret {namespace}/{} does not exist", r.name))
}

/// The bytes under `key` in `secret`, when there are any.
pub(crate) fn value<'s>(secret: &'s Secret, key: &str) -> Option<&'s [u8]> {
    secret
        .data
        .as_ref()
        .and_then(|d| d.get(key))
        .map(|b| b.0.as_slice())
        .filter(|b| !b.is_empty())
}

/// The namespace and name of `secret`, as messages write them.
pub(crate) fn label(secret: &Secret) -> String {
    format!(
        "{}/{}",
        secret.metadata.namespace.as_deref().unwrap_or_default(),
        secret.metadata.name.as_deref().unwrap_or_default()
    )
}
