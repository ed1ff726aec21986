//! `basicAuth`: the users of an htpasswd Secret (key `.htpasswd`) checked with HTTP basic authentication
//! (`ir.BasicAuth`).

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::BasicAuth;

use super::secret_ref;
use crate::ir::{BasicAuth as IrBasicAuth, PrivateBytes};
use crate::translator::context::Context;
use crate::translator::index::ns_name;

/// The key of the users file in the Secret.
const USERS_KEY: &str = ".htpasswd";

/// The IR basic authentication of a SecurityPolicy's `basicAuth`.
pub(crate) fn convert(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    basic_auth: Option<&BasicAuth>,
) -> Result<Option<IrBasicAuth>, String> {
    let Some(b) = basic_auth else {
        return Ok(None);
    };
    let (namespace, name) = ns_name(meta);
    let secret = secret_ref::secret(ctx, &namespace, &b.users)?;
    let users = secret_ref::value(secret, USERS_KEY).ok_or_else(|| {
        format!(
            "users secret not found in secret {}",
            secret_ref::label(secret)
        )
    })?;
    Ok(Some(IrBasicAuth {
        name: format!("securitypolicy/{namespace}/{name}"),
        users: PrivateBytes::new(users.to_vec()),
        forward_username_header: b.forward_username_header.clone(),
    }))
}
