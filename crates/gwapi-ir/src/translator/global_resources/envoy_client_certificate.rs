//! `globalResources.envoyClientCertificate`: the certificate Envoy presents to Envoy Gateway's services,
//! from the `envoy` Secret of the controller namespace. Every feature that calls such a service (global
//! rate limits, Wasm code fetched through the control plane) calls [`ensure`] on its fleet.

use crate::ir::{Blob, GlobalResources, TlsCertificate, Xds};
use crate::translator::context::Context;

/// The name of the Secret holding Envoy's client certificate, in the controller namespace.
pub(crate) const SECRET_NAME: &str = "envoy";

/// Sets the fleet's Envoy client certificate from the controller namespace's `envoy` Secret
/// (`tls.crt`, `tls.key`); nothing changes when the Secret is missing or already set.
pub(crate) fn ensure(ctx: &Context<'_>, xds: &mut Xds) {
    if xds
        .global_resources
        .as_ref()
        .is_some_and(|g| g.envoy_client_certificate.is_some())
    {
        return;
    }
    let Some(certificate) = certificate(ctx) else {
        return;
    };
    xds.global_resources
        .get_or_insert_with(GlobalResources::default)
        .envoy_client_certificate = Some(certificate);
}

/// The client certificate of the controller namespace's `envoy` Secret.
fn certificate(ctx: &Context<'_>) -> Option<TlsCertificate> {
    let namespace = &ctx.config.controller_namespace;
    let secret = ctx
        .idx
        .secrets
        .get(&(namespace.clone(), SECRET_NAME.to_owned()))?;
    let data = secret.data.as_ref();
    let get = |key: &str| {
        data.and_then(|d| d.get(key))
            .map(|b| Blob::new(b.0.clone()))
            .unwrap_or_default()
    };
    Some(TlsCertificate {
        name: format!("{namespace}/{SECRET_NAME}"),
        certificate: get("tls.crt"),
        private_key: get("tls.key"),
        ..TlsCertificate::default()
    })
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::Snapshot;
    use gwapi_model::builders::snapshot_in_order;
    use gwapi_model::core::Secret;

    use super::ensure;
    use crate::ir::Xds;
    use crate::translator::TranslatorConfig;
    use crate::translator::context::Context;

    #[test]
    fn the_envoy_secret_of_the_controller_namespace_is_the_client_certificate() {
        let secret: Secret = serde_norway::from_str(
            "metadata:\n  name: envoy\n  namespace: envoy-gateway-system\n\
             data:\n  tls.crt: Y2VydA==\n  tls.key: a2V5\n",
        )
        .unwrap();
        let snap = snapshot_in_order([secret.into()]);
        let config = TranslatorConfig::default();
        let ctx = Context::new(&config, &snap);
        let mut xds = Xds::default();
        ensure(&ctx, &mut xds);
        let cert = xds
            .global_resources
            .unwrap()
            .envoy_client_certificate
            .unwrap();
        assert_eq!(cert.name, "envoy-gateway-system/envoy");
        assert_eq!(cert.certificate.bytes, b"cert");
        assert_eq!(cert.private_key.bytes, b"key");
    }

    #[test]
    fn no_secret_no_certificate() {
        let snap = Snapshot::default();
        let config = TranslatorConfig::default();
        let ctx = Context::new(&config, &snap);
        let mut xds = Xds::default();
        ensure(&ctx, &mut xds);
        assert!(xds.global_resources.is_none());
    }
}
