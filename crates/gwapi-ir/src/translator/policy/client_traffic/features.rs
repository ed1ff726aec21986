//! What a ClientTrafficPolicy sets on the IR listeners it wins: each feature converts in its own module;
//! a feature that does not convert makes the policy invalid, with the feature named in the message.

use std::collections::BTreeMap;

use gwapi_model::envoy_gateway::{ClientTrafficPolicySpec, SchemeHeaderTransform};

use super::{client_ip, connection, headers, http1, keepalive, path, timeout, tls};
use crate::ir::{
    ClientConnection, ClientTimeout, HealthCheckSettings, HttpListener, ProxyProtocolSettings, Xds,
};

/// The listener-independent features of a spec.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClientTraffic {
    timeout: Option<ClientTimeout>,
    connection: Option<ClientConnection>,
}

/// The value of a feature's conversion, or its error (prefixed with the feature) added to `errors`.
fn collect<T>(errors: &mut Vec<String>, feature: &str, result: Result<T, String>) -> Option<T> {
    result
        .map_err(|e| errors.push(format!("{feature}: {e}")))
        .ok()
}

/// Converts the features of `spec` that can fail; an error message when one does.
pub(crate) fn translate(spec: &ClientTrafficPolicySpec) -> Result<ClientTraffic, String> {
    let mut errors = Vec::new();
    let timeout = collect(
        &mut errors,
        "Timeout",
        timeout::convert(spec.timeout.as_ref()),
    )
    .flatten();
    let connection = collect(
        &mut errors,
        "Connection",
        connection::convert(spec.connection.as_ref()),
    )
    .flatten();
    if errors.is_empty() {
        Ok(ClientTraffic {
            timeout,
            connection,
        })
    } else {
        Err(errors.join("\n"))
    }
}

/// Sets the features of `spec` (converted as `features`) on an HTTP listener.
pub(crate) fn apply(
    spec: &ClientTrafficPolicySpec,
    features: &ClientTraffic,
    l: &mut HttpListener,
) {
    if let Some(k) = keepalive::convert(spec.tcp_keepalive.as_ref()) {
        l.tcp_keepalive = Some(k);
    }
    if let Some(p) = path::convert(spec.path.as_ref(), l.path.as_ref()) {
        l.path = Some(p);
    }
    if let Some(c) = client_ip::convert(spec.client_ip_detection.as_ref()) {
        l.client_ip_detection = Some(c);
    }
    if let Some(h) = http1::convert(spec.http1.as_ref(), &l.hostnames) {
        l.http1 = Some(h);
    }
    if let Some(t) = &features.timeout {
        l.timeout = Some(t.clone());
    }
    if let Some(c) = &features.connection {
        l.connection = Some(c.clone());
    }
    if let Some(p) = &spec.proxy_protocol {
        l.proxy_protocol = Some(ProxyProtocolSettings {
            optional: p.optional == Some(true),
        });
    } else if spec.enable_proxy_protocol == Some(true) {
        l.proxy_protocol = Some(ProxyProtocolSettings::default());
    }
    if let Some(h) = headers::convert(spec.headers.as_ref()) {
        l.headers = Some(h);
    }
    if let Some(h) = headers::host(spec.headers.as_ref()) {
        l.host = Some(h);
    }
    if spec.scheme.is_some() {
        l.match_backend_scheme = matches!(spec.scheme, Some(SchemeHeaderTransform::MatchBackend));
    }
    if let Some(t) = l.tls.as_mut() {
        tls::apply(spec.tls.as_ref(), t);
    }
    if let Some(h) = &spec.health_check {
        l.health_check = Some(HealthCheckSettings {
            path: h.path.clone(),
        });
    }
}

/// Translates `spec` and sets its features on the IR listeners (fleet, name) it won; the error
/// message when the spec is invalid (then no listener is changed).
pub(crate) fn attach(
    spec: &ClientTrafficPolicySpec,
    won: &[(String, String)],
    xds: &mut BTreeMap<String, Xds>,
) -> Result<(), String> {
    let features = translate(spec)?;
    for (fleet, name) in won {
        if let Some(l) = xds
            .get_mut(fleet)
            .and_then(|x| x.http.iter_mut().find(|l| l.name == *name))
        {
            apply(spec, &features, l);
        }
    }
    Ok(())
}
