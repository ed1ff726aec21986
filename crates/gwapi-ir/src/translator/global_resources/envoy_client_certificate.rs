//! `globalResources.envoyClientCertificate`: the certificate Envoy presents to Envoy Gateway's own
//! services (the Wasm cache, the rate limit service): the `envoy` Secret of the controller namespace.

use crate::ir::{Blob, TlsCertificate, Xds};
use crate::translator::context::Context;

/// The name of the Secret holding Envoy's client certificate.
const SECRET_NAME: &str = "envoy";

/// Sets the fleet's client certificate when it is missing and the Secret has one.
pub(crate) fn ensure(ctx: &Context<'_>, xds: &mut Xds) {
    let globals = xds.global_resources.get_or_insert_with(Default::default);
    if globals.envoy_client_certificate.is_some() {
        return;
    }
    let namespace = ctx.config.controller_namespace.clone();
    let data = ctx
        .idx
        .secrets
        .get(&(namespace.clone(), SECRET_NAME.to_owned()))
        .and_then(|s| s.data.as_ref());
    let value = |k: &str| data.and_then(|d| d.get(k)).map(|b| b.0.clone());
    if let (Some(certificate), Some(private_key)) = (value("tls.crt"), value("tls.key")) {
        globals.envoy_client_certificate = Some(TlsCertificate {
            name: format!("{namespace}/{SECRET_NAME}"),
            certificate: Blob::new(certificate),
            private_key: Blob::new(private_key),
            ..TlsCertificate::default()
        });
    }
}
