//! `apiKeyAuth`: API keys read from Secrets (each key of a Secret is a client ID, its value the client's
//! key) and where requests carry them (`ir.APIKeyAuth`). A key given to two clients is an error.

use std::collections::BTreeSet;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::ApiKeyAuth;

use super::secret_ref;
use crate::ir::{ApiKeyAuth as IrApiKeyAuth, ApiKeyCredential, ApiKeyExtractFrom, Blob};
use crate::translator::context::Context;
use crate::translator::index::ns_name;

/// The IR API key authentication of a SecurityPolicy's `apiKeyAuth`.
pub(crate) fn convert(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    api_key_auth: Option<&ApiKeyAuth>,
) -> Result<Option<IrApiKeyAuth>, String> {
    let Some(a) = api_key_auth else {
        return Ok(None);
    };
    let (namespace, _) = ns_name(meta);
    let mut credentials = Vec::new();
    let mut clients = BTreeSet::new();
    let mut keys = BTreeSet::new();
    for r in &a.credential_refs {
        let secret = secret_ref::secret(ctx, &namespace, r)?;
        for (client, key) in secret.data.iter().flatten() {
            // A client named twice keeps its first key.
            if !clients.insert(client.clone()) {
                continue;
            }
            if !keys.insert(key.0.clone()) {
                return Err("duplicated API key".to_owned());
            }
            credentials.push(ApiKeyCredential {
                client: Blob::new(client.as_bytes().to_vec()),
                key: Blob::new(key.0.clone()),
            });
        }
    }
    Ok(Some(IrApiKeyAuth {
        credentials,
        extract_from: a
            .extract_from
            .iter()
            .map(|e| ApiKeyExtractFrom {
                headers: e.headers.clone(),
                params: e.params.clone(),
                cookies: e.cookies.clone(),
            })
            .collect(),
        forward_client_id_header: a.forward_client_id_header.clone(),
        sanitize: a.sanitize == Some(true),
    }))
}
