//! HTTPRouteFilter `credentialInjection`: a credential from a Secret (its `credential` key) injected
//! into a request header (`Authorization` by default).

use gwapi_model::envoy_gateway::HttpCredentialInjectionFilter;

use crate::ir::{CredentialInjection, PrivateBytes};
use crate::translator::context::Context;

/// The credential injection of the HTTPRouteFilter `namespace/name`; `None` when the Secret or its
/// `credential` key is missing.
pub(crate) fn convert(
    ctx: &Context<'_>,
    namespace: &str,
    name: &str,
    filter: &HttpCredentialInjectionFilter,
) -> Option<CredentialInjection> {
    let reference = &filter.credential.value_ref;
    let secret_ns = reference.namespace.as_deref().unwrap_or(namespace);
    let secret = ctx
        .idx
        .secrets
        .get(&(secret_ns.to_owned(), reference.name.clone()))?;
    let credential = secret.data.as_ref()?.get("credential")?;
    Some(CredentialInjection {
        name: format!("httproutefilter/{namespace}/{name}"),
        header: filter.header.clone(),
        overwrite: filter.overwrite,
        credential: PrivateBytes::new(credential.0.clone()),
    })
}
