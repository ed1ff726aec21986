//! `extAuth`: an external gRPC or HTTP authorization service called for each request (`ir.ExtAuth`).

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{ContextExtension, ContextExtensionValueType, ExtAuth};
use gwapi_model::gateway_api::SecretObjectReference;

use super::{backends, secret_ref};
use crate::ir::{
    BodyToExtAuth, ContextExtension as IrContextExtension, ExtAuth as IrExtAuth, ExtAuthService,
    GrpcExtAuthService, HttpExtAuthService, PrivateBytes, Protocol,
};
use crate::translator::context::Context;
use crate::translator::index::ns_name;
use crate::translator::policy::duration;

/// The IR external authorization of a SecurityPolicy's `extAuth`.
pub(crate) fn convert(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    ext_auth: Option<&ExtAuth>,
) -> Result<Option<IrExtAuth>, String> {
    let Some(e) = ext_auth else {
        return Ok(None);
    };
    let (namespace, name) = ns_name(meta);
    let (service, settings) = match (&e.grpc, &e.http) {
        (Some(grpc), None) => {
            let refs = backends::refs_of(grpc.backend_ref.as_ref(), &grpc.backend_refs);
            let destination =
                backends::destination(ctx, meta, "extauth", 0, &refs, Protocol::Grpc)?;
            let service = ExtAuthService::Grpc(GrpcExtAuthService {
                destination,
                authority: backends::authority(ctx, &namespace, &refs),
            });
            (service, grpc.backend_settings.as_ref())
        }
        (None, Some(http)) => {
            let refs = backends::refs_of(http.backend_ref.as_ref(), &http.backend_refs);
            let destination =
                backends::destination(ctx, meta, "extauth", 0, &refs, Protocol::Http)?;
            let service = ExtAuthService::Http(HttpExtAuthService {
                destination,
                authority: backends::authority(ctx, &namespace, &refs),
                path: http.path.clone().unwrap_or_default(),
                path_override: http.path_override.clone(),
                headers_to_backend: http.headers_to_backend.clone(),
            });
            (service, http.backend_settings.as_ref())
        }
        (Some(_), Some(_)) => return Err("only one of grpc or http can be specified".to_owned()),
        (None, None) => return Err("one of grpc or http must be specified".to_owned()),
    };
    let context_extensions = e
        .context_extensions
        .iter()
        .map(|c| context_extension(ctx, &namespace, c))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(IrExtAuth {
        name: format!("securitypolicy/{namespace}/{name}"),
        service,
        headers_to_ext_auth: e.headers_to_ext_auth.clone(),
        body_to_ext_auth: e.body_to_ext_auth.as_ref().map(|b| BodyToExtAuth {
            max_request_bytes: b.max_request_bytes,
        }),
        fail_open: e.fail_open == Some(true),
        traffic: crate::translator::policy::convert_backend_settings(settings)?,
        recompute_route: e.recompute_route == Some(true),
        timeout: duration::parse("Timeout", e.timeout.as_ref())?,
        include_route_metadata: e.include_route_metadata == Some(true),
        status_on_error: e.status_on_error.and_then(|s| u32::try_from(s).ok()),
        context_extensions,
    }))
}

/// One key-value pair sent to the service: given inline, or read from a ConfigMap or Secret key.
fn context_extension(
    ctx: &Context<'_>,
    namespace: &str,
    c: &ContextExtension,
) -> Result<IrContextExtension, String> {
    let by_ref = c.type_.as_ref() == Some(&ContextExtensionValueType::ValueRef)
        || (c.value.is_none() && c.value_ref.is_some());
    let value = if by_ref {
        let Some(r) = &c.value_ref else {
            return Err(format!("context extension {} has no valueRef", c.name));
        };
        if r.kind == "Secret" {
            secret_value(ctx, namespace, &r.name, &r.key)?
        } else {
            config_map_value(ctx, namespace, &r.name, &r.key)?
        }
    } else {
        c.value.clone().unwrap_or_default().into_bytes()
    };
    Ok(IrContextExtension {
        name: c.name.clone(),
        value: PrivateBytes::new(value),
    })
}

/// The bytes under `key` of Secret `namespace/name`.
fn secret_value(
    ctx: &Context<'_>,
    namespace: &str,
    name: &str,
    key: &str,
) -> Result<Vec<u8>, String> {
    let reference = SecretObjectReference {
        name: name.to_owned(),
        ..SecretObjectReference::default()
    };
    let secret = secret_ref::secret(ctx, namespace, &reference)?;
    secret_ref::value(secret, key)
        .map(<[u8]>::to_vec)
        .ok_or_else(|| {
            format!(
                "key {key} not found in secret {}",
                secret_ref::label(secret)
            )
        })
}

/// The text under `key` of ConfigMap `namespace/name`.
fn config_map_value(
    ctx: &Context<'_>,
    namespace: &str,
    name: &str,
    key: &str,
) -> Result<Vec<u8>, String> {
    let map = ctx
        .snapshot
        .config_maps()
        .find(|m| {
            m.metadata.namespace.as_deref() == Some(namespace)
                && m.metadata.name.as_deref() == Some(name)
        })
        .ok_or_else(|| format!("configmap {namespace}/{name} not found"))?;
    map.data
        .as_ref()
        .and_then(|d| d.get(key))
        .map(|v| v.as_bytes().to_vec())
        .ok_or_else(|| format!("key {key} not found in configmap {namespace}/{name}"))
}
