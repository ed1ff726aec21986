//! The client side of TLS towards backends, set per fleet: a Gateway's `tls.backend` client certificate, or
//! else its EnvoyProxy's `backendTLS` (client certificate, versions, ciphers, curves, signature algorithms,
//! ALPN). Settings a Backend gives itself are kept; versions not set anywhere default to 1.2 - 1.3.

use std::collections::BTreeMap;

use gwapi_model::KnownValues;

use super::client_certificate;
use crate::ir::{DestinationSetting, TlsCertificate, UpstreamTlsConfig, Xds};
use crate::translator::Statuses;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::index::ns_name;

/// The default lowest TLS version towards backends.
const DEFAULT_MIN_VERSION: &str = "1.2";
/// The default highest TLS version towards backends.
const DEFAULT_MAX_VERSION: &str = "1.3";

/// What one Gateway adds to the TLS settings of its backends.
#[derive(Debug, Default)]
struct ProxyClientTls {
    client_certificate: Option<TlsCertificate>,
    /// Why the EnvoyProxy's client certificate cannot be used, if it cannot.
    problem: Option<String>,
    defaults: UpstreamTlsConfig,
}

fn of_gateway(ctx: &Context<'_>, gateway: &GatewayCtx<'_>) -> ProxyClientTls {
    let own = gateway
        .gateway
        .spec
        .tls
        .as_ref()
        .and_then(|t| t.backend.as_ref())
        .and_then(|b| b.client_certificate_ref.as_ref());
    if let Some(r) = own {
        return ProxyClientTls {
            client_certificate: client_certificate(ctx, r, &gateway.namespace).ok(),
            problem: None,
            defaults: UpstreamTlsConfig::default(),
        };
    }
    let Some(proxy) = gateway.envoy_proxy.as_ref() else {
        return ProxyClientTls::default();
    };
    let Some(config) = proxy.spec.backend_tls.as_ref() else {
        return ProxyClientTls::default();
    };
    let (proxy_namespace, proxy_name) = ns_name(&proxy.metadata);
    let certificate = config.client_certificate_ref.as_ref().map(|r| {
        let namespace = r.namespace.as_deref().unwrap_or(&proxy_namespace);
        if namespace != proxy_namespace {
            return Err(format!(
                "ClientCertificateRef Secret is not located in the same namespace as EnvoyProxy. Secret namespace: {namespace} does not match EnvoyProxy namespace: {proxy_namespace}"
            ));
        }
        client_certificate(ctx, r, &proxy_namespace)
            .map_err(|e| format!("{e} specified in EnvoyProxy {proxy_namespace}/{proxy_name}"))
    });
    let (client_certificate, problem) = match certificate {
        Some(Ok(cert)) => (Some(cert), None),
        Some(Err(problem)) => (None, Some(problem)),
        None => (None, None),
    };
    ProxyClientTls {
        client_certificate,
        problem,
        defaults: UpstreamTlsConfig {
            min_version: config.min_version.as_ref().map(|v| v.as_str().to_owned()),
            max_version: config.max_version.as_ref().map(|v| v.as_str().to_owned()),
            ciphers: config.ciphers.clone(),
            ecdh_curves: config.ecdh_curves.clone(),
            signature_algorithms: config.signature_algorithms.clone(),
            alpn_protocols: Some(
                config
                    .alpn_protocols
                    .iter()
                    .map(|p| p.as_str().to_owned())
                    .collect::<Vec<_>>(),
            )
            .filter(|a| !a.is_empty()),
            ..UpstreamTlsConfig::default()
        },
    }
}

/// Fills what `tls` leaves unset from `proxy`.
fn fill(tls: &mut UpstreamTlsConfig, proxy: Option<&ProxyClientTls>) {
    if let Some(proxy) = proxy {
        if tls.client_certificates.is_empty() {
            tls.client_certificates
                .extend(proxy.client_certificate.clone());
        }
        let d = &proxy.defaults;
        if tls.min_version.is_none() {
            tls.min_version.clone_from(&d.min_version);
        }
        if tls.max_version.is_none() {
            tls.max_version.clone_from(&d.max_version);
        }
        for (mine, theirs) in [
            (&mut tls.ciphers, &d.ciphers),
            (&mut tls.ecdh_curves, &d.ecdh_curves),
            (&mut tls.signature_algorithms, &d.signature_algorithms),
        ] {
            if mine.is_empty() {
                mine.clone_from(theirs);
            }
        }
        if tls.alpn_protocols.is_none() {
            tls.alpn_protocols.clone_from(&d.alpn_protocols);
        }
    }
    tls.min_version
        .get_or_insert_with(|| DEFAULT_MIN_VERSION.to_owned());
    tls.max_version
        .get_or_insert_with(|| DEFAULT_MAX_VERSION.to_owned());
}

fn fill_settings<'s>(
    settings: impl Iterator<Item = &'s mut DestinationSetting>,
    proxy: Option<&ProxyClientTls>,
) {
    for setting in settings {
        if let Some(tls) = setting.tls.as_mut() {
            fill(tls, proxy);
        }
    }
}

/// Adds the client settings of each Gateway to the TLS settings of the backends its listeners route to.
pub(crate) fn apply_proxy_settings(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    let proxies: Vec<(String, String, ProxyClientTls)> = gateways
        .iter()
        .map(|g| {
            (
                g.ir_key.clone(),
                format!("{}/{}/", g.namespace, g.name),
                of_gateway(ctx, g),
            )
        })
        .collect();
    for (gateway, (_, _, proxy)) in gateways.iter().zip(&proxies) {
        if let Some(problem) = &proxy.problem {
            super::client_errors::report(ctx, gateway, problem, xds, statuses);
        }
    }
    for (key, fleet) in xds.iter_mut() {
        let proxy_of = |listener: &str| {
            proxies
                .iter()
                .find(|(k, prefix, _)| k == key && listener.starts_with(prefix.as_str()))
                .map(|(_, _, p)| p)
        };
        for listener in &mut fleet.http {
            let proxy = proxy_of(&listener.name);
            for route in &mut listener.routes {
                let mirrors = route.mirrors.iter_mut().map(|m| &mut m.destination);
                let destinations = route.destination.iter_mut().chain(mirrors);
                fill_settings(destinations.flat_map(|d| d.settings.iter_mut()), proxy);
            }
        }
        for listener in &mut fleet.tcp {
            let proxy = proxy_of(&listener.name);
            for route in &mut listener.routes {
                let destinations = route.destination.iter_mut();
                fill_settings(destinations.flat_map(|d| d.settings.iter_mut()), proxy);
            }
        }
    }
}

/// Fills what `tls` (of a telemetry backend of `gateway`'s fleet) leaves unset from the Gateway's client
/// settings.
pub(crate) fn fill_for_gateway(
    ctx: &Context<'_>,
    gateway: &GatewayCtx<'_>,
    tls: &mut UpstreamTlsConfig,
) {
    fill(tls, Some(&of_gateway(ctx, gateway)));
}
