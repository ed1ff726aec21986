//! Checks of an EnvoyProxy's telemetry that make the whole EnvoyProxy invalid (a sink whose type names a
//! field that is not set), with the messages Envoy Gateway reports.

use gwapi_model::envoy_gateway::{EnvoyProxySpec, ProxyAccessLogSinkType};

/// The problems of `spec`'s telemetry, in order.
pub(crate) fn problems(spec: &EnvoyProxySpec) -> Vec<String> {
    let mut out = Vec::new();
    let Some(telemetry) = spec.telemetry.as_ref() else {
        return out;
    };
    for setting in telemetry.access_log.iter().flat_map(|a| &a.settings) {
        for sink in &setting.sinks {
            match sink.type_ {
                ProxyAccessLogSinkType::File if sink.file.is_none() => out.push(
                    "unable to configure access log when using File sink type but \"file\" field being empty"
                        .to_owned(),
                ),
                ProxyAccessLogSinkType::OpenTelemetry if sink.open_telemetry.is_none() => out.push(
                    "unable to configure access log when using OpenTelemetry sink type but \"openTelemetry\" field being empty"
                        .to_owned(),
                ),
                _ => {}
            }
        }
    }
    out
}

/// Several problems as one message, as Kubernetes aggregates errors (`[a, b]`; one alone is bare).
pub(crate) fn aggregate(problems: &[String]) -> String {
    match problems {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    }
}
