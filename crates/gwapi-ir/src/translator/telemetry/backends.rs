//! Every backend the telemetry of an EnvoyProxy sends to (access log services and collectors, the tracing
//! provider, metric sinks), for the passes that look at backends rather than at one sink.

use gwapi_model::envoy_gateway::{EgBackendRef, EnvoyProxy, HasBackendCluster};

/// The `backendRefs` of every telemetry sink of `proxy`, in the order the EnvoyProxy lists them.
pub(crate) fn backend_refs(proxy: &EnvoyProxy) -> Vec<&EgBackendRef> {
    let Some(telemetry) = proxy.spec.telemetry.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<&EgBackendRef> = Vec::new();
    for sink in telemetry
        .access_log
        .iter()
        .flat_map(|log| &log.settings)
        .flat_map(|setting| &setting.sinks)
    {
        if let Some(als) = &sink.als {
            out.extend(als.backend_refs());
        }
        if let Some(otel) = &sink.open_telemetry {
            out.extend(otel.backend_refs());
        }
    }
    if let Some(tracing) = &telemetry.tracing {
        out.extend(tracing.provider.backend_refs());
    }
    for sink in telemetry.metrics.iter().flat_map(|m| &m.sinks) {
        if let Some(otel) = &sink.open_telemetry {
            out.extend(otel.backend_refs());
        }
    }
    out
}
