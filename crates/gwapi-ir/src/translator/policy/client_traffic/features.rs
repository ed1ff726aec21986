//! What a ClientTrafficPolicy sets on the IR listeners it wins, listener by listener, as Envoy Gateway
//! does: the connection-level features (keepalive, connection, timeout) must all convert, else nothing is
//! set on the listener; TLS, headers and HTTP/2 problems are reported while the valid rest applies (an
//! HTTPS listener whose TLS settings fail answers every request with a 500).

use std::collections::BTreeMap;

use gwapi_model::envoy_gateway::{ClientTrafficPolicySpec, SchemeHeaderTransform};

use super::client_validation::{self, ClientValidation};
use super::{client_ip, connection, headers, http1, http2, keepalive, path, timeout, tls};
use crate::ir::{
    ClientConnection, ClientTimeout, DirectResponse, HealthCheckSettings, Http3Settings,
    HttpListener, ProxyProtocolSettings, TcpKeepalive, TcpListener, TlsConfig, Xds,
};
use crate::translator::context::Context;
use crate::translator::policy::scope::ListenerRef;

/// A policy being attached.
pub(crate) struct Policy<'a> {
    /// Its spec.
    pub spec: &'a ClientTrafficPolicySpec,
    /// Its namespace.
    pub namespace: &'a str,
    /// Its name.
    pub name: &'a str,
}

/// What attaching a policy found: its problems (one group per listener) and warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// The problems, in listener order.
    pub errors: Vec<String>,
    /// Warnings: (reason, message).
    pub warnings: Vec<(String, String)>,
}

/// The connection-level features, which must all convert for any of the policy to apply.
#[derive(Clone, Debug, Default)]
struct Common {
    keepalive: Option<TcpKeepalive>,
    connection: Option<ClientConnection>,
    timeout: Option<ClientTimeout>,
    proxy_protocol: Option<ProxyProtocolSettings>,
}

/// The value of a feature's conversion, or its error (prefixed with the feature) added to `errors`.
fn collect<T>(errors: &mut Vec<String>, feature: &str, result: Result<T, String>) -> Option<T> {
    result
        .map_err(|e| errors.push(format!("{feature}: {e}")))
        .ok()
}

/// Converts the connection-level features of `spec`; an error message when one does not convert.
fn connection_features(spec: &ClientTrafficPolicySpec) -> Result<Common, String> {
    let mut errors = Vec::new();
    let connection = collect(
        &mut errors,
        "Connection",
        connection::convert(spec.connection.as_ref()),
    )
    .flatten();
    let timeout = collect(
        &mut errors,
        "Timeout",
        timeout::convert(spec.timeout.as_ref()),
    )
    .flatten();
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    let proxy_protocol = if let Some(p) = &spec.proxy_protocol {
        Some(ProxyProtocolSettings {
            optional: p.optional == Some(true),
        })
    } else {
        (spec.enable_proxy_protocol == Some(true)).then(ProxyProtocolSettings::default)
    };
    Ok(Common {
        keepalive: keepalive::convert(spec.tcp_keepalive.as_ref()),
        connection,
        timeout,
        proxy_protocol,
    })
}

/// The policy's TLS settings for one TLS listener: parameters, then client validation. Whether it
/// failed is told by `errors`.
fn apply_tls(
    spec: &ClientTrafficPolicySpec,
    validation: Option<&(ClientValidation, Vec<String>)>,
    t: &mut TlsConfig,
    errors: &mut Vec<String>,
) -> bool {
    tls::apply(spec.tls.as_ref(), t);
    let Some((v, problems)) = validation else {
        return false;
    };
    client_validation::apply(v, t);
    if problems.is_empty() {
        return false;
    }
    errors.push(format!("TLS: {}", problems.join("\n")));
    true
}

/// Sets the features of `spec` on an HTTP listener; its problems go to `out`.
fn apply_http(
    spec: &ClientTrafficPolicySpec,
    common: &Common,
    validation: Option<&(ClientValidation, Vec<String>)>,
    section: &str,
    l: &mut HttpListener,
    out: &mut Outcome,
) {
    let mut errors = Vec::new();
    let tls_failed = l
        .tls
        .as_mut()
        .is_some_and(|t| apply_tls(spec, validation, t, &mut errors));
    if let Some(p) = path::convert(spec.path.as_ref(), l.path.as_ref()) {
        l.path = Some(p);
    }
    if let Some(c) = client_ip::convert(spec.client_ip_detection.as_ref()) {
        l.client_ip_detection = Some(c);
    }
    let (header_settings, header_errors) = headers::convert(spec.headers.as_ref());
    if let Some(h) = header_settings {
        l.headers = Some(h);
    }
    if !header_errors.is_empty() {
        errors.push(format!("Headers: {}", header_errors.join("\n")));
    }
    if let Some(h) = headers::host(spec.headers.as_ref()) {
        l.host = Some(h);
    }
    let (http1_settings, http1_error) = http1::convert(spec.http1.as_ref(), &l.hostnames);
    if let Some(h) = http1_settings {
        l.http1 = Some(h);
    }
    if let Some(e) = http1_error {
        errors.push(format!("HTTP1: {e}"));
    }
    match http2::convert(spec.http2.as_ref()) {
        Ok(Some(h)) => l.http2 = Some(h),
        Ok(None) => {}
        Err(e) => errors.push(format!("HTTP2: {e}")),
    }
    if spec.http3.is_some() && l.tls.is_some() {
        if validation.is_some() {
            out.warnings.push((
                "UnsupportedHTTP3ClientValidation".to_owned(),
                format!(
                    "HTTP/3 was disabled for listener \"{section}\" because Envoy does not support \
                     downstream client TLS validation over QUIC"
                ),
            ));
        } else {
            l.http3 = Some(Http3Settings::default());
        }
    }
    if let Some(h) = &spec.health_check {
        l.health_check = Some(HealthCheckSettings {
            path: h.path.clone(),
        });
    }
    if spec.scheme.is_some() {
        l.match_backend_scheme = matches!(spec.scheme, Some(SchemeHeaderTransform::MatchBackend));
    }
    set_if_some(&mut l.tcp_keepalive, common.keepalive.as_ref());
    set_if_some(&mut l.connection, common.connection.as_ref());
    set_if_some(&mut l.timeout, common.timeout.as_ref());
    set_if_some(&mut l.proxy_protocol, common.proxy_protocol.as_ref());
    if tls_failed {
        for r in &mut l.routes {
            r.direct_response = Some(DirectResponse {
                status_code: 500,
                body: None,
            });
        }
    }
    out.errors.extend(errors);
}

/// Sets the features of `spec` that apply to a TCP listener (and its TLS-terminating routes).
fn apply_tcp(
    spec: &ClientTrafficPolicySpec,
    common: &Common,
    validation: Option<&(ClientValidation, Vec<String>)>,
    l: &mut TcpListener,
    out: &mut Outcome,
) {
    let mut errors = Vec::new();
    if let Some(t) = l.tls.as_mut() {
        apply_tls(spec, validation, t, &mut errors);
    }
    for r in &mut l.routes {
        if let Some(t) = r.tls.as_mut().and_then(|t| t.terminate.as_mut()) {
            tls::apply(spec.tls.as_ref(), t);
            if let Some((v, _)) = validation {
                client_validation::apply(v, t);
            }
        }
    }
    set_if_some(&mut l.tcp_keepalive, common.keepalive.as_ref());
    set_if_some(&mut l.connection, common.connection.as_ref());
    set_if_some(&mut l.timeout, common.timeout.as_ref());
    set_if_some(&mut l.proxy_protocol, common.proxy_protocol.as_ref());
    out.errors.extend(errors);
}

/// Replaces `slot` by `value` when there is one.
fn set_if_some<T: Clone>(slot: &mut Option<T>, value: Option<&T>) {
    if let Some(v) = value {
        *slot = Some(v.clone());
    }
}

/// Translates the policy and sets its features on the IR listeners it won, in order.
pub(crate) fn attach(
    ctx: &Context<'_>,
    policy: &Policy<'_>,
    won: &[ListenerRef],
    xds: &mut BTreeMap<String, Xds>,
) -> Outcome {
    let spec = policy.spec;
    let mut out = Outcome::default();
    let common = connection_features(spec);
    let validation = spec
        .tls
        .as_ref()
        .and_then(|t| t.client_validation.as_ref())
        .map(|v| client_validation::convert(ctx, policy.namespace, policy.name, v));
    for l in won {
        let Some(x) = xds.get_mut(&l.fleet) else {
            continue;
        };
        let common = match &common {
            Ok(c) => c,
            Err(e) => {
                out.errors.push(e.clone());
                continue;
            }
        };
        let section = l.ancestor.section_name.as_deref().unwrap_or_default();
        if let Some(h) = x.http.iter_mut().find(|h| h.name == l.listener) {
            apply_http(spec, common, validation.as_ref(), section, h, &mut out);
        } else if let Some(t) = x.tcp.iter_mut().find(|t| t.name == l.listener) {
            apply_tcp(spec, common, validation.as_ref(), t, &mut out);
        }
    }
    out
}
