//! `healthCheck`: active probes (HTTP, TCP, gRPC; their event log), passive outlier detection and the
//! panic threshold.

use std::collections::BTreeSet;

use gwapi_model::envoy_gateway::{
    ActiveHealthCheck, ActiveHealthCheckPayload, ActiveHealthCheckPayloadType,
    ActiveHealthCheckerType, HealthCheck, HttpActiveHealthChecker, PassiveHealthCheck,
};

use crate::ir::{
    ActiveHealthCheck as IrActive, Blob, GrpcHealthChecker, HealthCheck as IrHealthCheck,
    HealthCheckOverrides, HealthCheckPayload, HealthChecker, HttpHealthChecker, OutlierDetection,
    TcpHealthChecker,
};
use crate::translator::policy::duration::parse;
use crate::translator::telemetry::health_check_log;

/// The IR health checks of a policy's `healthCheck`.
pub(crate) fn convert(hc: Option<&HealthCheck>) -> Result<Option<IrHealthCheck>, String> {
    let Some(hc) = hc else {
        return Ok(None);
    };
    Ok(Some(IrHealthCheck {
        active: hc.active.as_ref().map(active).transpose()?,
        passive: hc.passive.as_ref().map(passive).transpose()?,
        panic_threshold: hc.panic_threshold,
    }))
}

fn active(a: &ActiveHealthCheck) -> Result<IrActive, String> {
    let checker = match &a.type_ {
        ActiveHealthCheckerType::Http => a.http.as_ref().map(http).map(HealthChecker::Http),
        ActiveHealthCheckerType::Tcp => a.tcp.as_ref().map(|t| {
            HealthChecker::Tcp(TcpHealthChecker {
                send: t.send.as_ref().and_then(payload),
                receive: t.receive.as_ref().and_then(payload),
            })
        }),
        ActiveHealthCheckerType::Grpc => Some(HealthChecker::Grpc(GrpcHealthChecker {
            service: a.grpc.as_ref().and_then(|g| g.service.clone()),
        })),
        ActiveHealthCheckerType::Unknown(t) => {
            return Err(format!("unknown active health checker type {t}"));
        }
    };
    Ok(IrActive {
        timeout: parse("Timeout", a.timeout.as_ref())?,
        interval: parse("Interval", a.interval.as_ref())?,
        unhealthy_threshold: a.unhealthy_threshold,
        healthy_threshold: a.healthy_threshold,
        checker,
        overrides: a.overrides.as_ref().map(|o| HealthCheckOverrides {
            port: o.port.and_then(|p| u32::try_from(p).ok()),
        }),
        backend_health_check_log: a.health_check_log.as_ref().map(health_check_log::translate),
    })
}

/// An HTTP probe: the method in upper case, expected statuses sorted without duplicates (200 when
/// none is given).
fn http(h: &HttpActiveHealthChecker) -> HttpHealthChecker {
    let codes = |list: &[i32]| -> Vec<u32> {
        list.iter()
            .filter_map(|c| u32::try_from(*c).ok())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let mut expected_statuses = codes(&h.expected_statuses);
    if expected_statuses.is_empty() {
        expected_statuses.push(200);
    }
    HttpHealthChecker {
        host: h.hostname.clone().unwrap_or_default(),
        path: h.path.clone(),
        method: h.method.as_ref().map(|m| m.to_uppercase()),
        expected_statuses,
        retriable_statuses: codes(&h.retriable_statuses),
        expected_response: h.expected_response.as_ref().and_then(payload),
        request_body: h.request_body.as_ref().and_then(payload),
    }
}

/// A probe payload: text, or base64 bytes.
fn payload(p: &ActiveHealthCheckPayload) -> Option<HealthCheckPayload> {
    match p.type_ {
        ActiveHealthCheckPayloadType::Text => p.text.clone().map(HealthCheckPayload::Text),
        ActiveHealthCheckPayloadType::Binary => p
            .binary
            .as_ref()
            .and_then(|b| crate::ir::decode_base64(b))
            .map(|bytes| HealthCheckPayload::Binary(Blob::new(bytes))),
        ActiveHealthCheckPayloadType::Unknown(_) => None,
    }
}

fn passive(p: &PassiveHealthCheck) -> Result<OutlierDetection, String> {
    Ok(OutlierDetection {
        interval: parse("Interval", p.interval.as_ref())?,
        split_external_local_origin_errors: p.split_external_local_origin_errors,
        consecutive_local_origin_failures: p.consecutive_local_origin_failures,
        consecutive_gateway_errors: p.consecutive_gateway_errors,
        consecutive_5xx_errors: p.consecutive_5xx_errors,
        base_ejection_time: parse("BaseEjectionTime", p.base_ejection_time.as_ref())?,
        max_ejection_percent: p.max_ejection_percent,
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

    use gwapi_model::envoy_gateway::HealthCheck;

    use super::convert;

    fn ir(yaml: &str) -> serde_json::Value {
        let hc: HealthCheck = serde_norway::from_str(yaml).unwrap();
        serde_json::to_value(convert(Some(&hc)).unwrap().unwrap()).unwrap()
    }

    #[test]
    fn http_probe_defaults_to_200_and_keeps_the_hostname() {
        let v = ir(
            "active:\n  type: HTTP\n  interval: 5s\n  http:\n    path: /healthz\n    \
                    hostname: h.example.com\n    method: get\n",
        );
        assert_eq!(
            v["active"]["http"]["expectedStatuses"],
            serde_json::json!([200])
        );
        assert_eq!(v["active"]["http"]["host"], "h.example.com");
        assert_eq!(v["active"]["http"]["method"], "GET");
        assert_eq!(v["active"]["interval"], "5s");
    }

    #[test]
    fn passive_and_panic_threshold() {
        let v = ir(
            "panicThreshold: 80\npassive:\n  baseEjectionTime: 180s\n  consecutive5XxErrors: 5\n",
        );
        assert_eq!(v["panicThreshold"], 80);
        assert_eq!(v["passive"]["baseEjectionTime"], "3m0s");
        assert_eq!(v["passive"]["consecutive5XxErrors"], 5);
    }

    #[test]
    fn health_check_log_of_failures() {
        let v = ir(
            "active:\n  type: TCP\n  healthCheckLog:\n    matches: [Failure]\n    \
                    sinks:\n    - type: File\n      file: {path: /var/log/hc.log}\n",
        );
        assert_eq!(
            v["active"]["backendHealthCheckLog"],
            serde_json::json!({"alwaysLogHealthCheckFailures": true,
                "alwaysLogHealthCheckSuccess": false, "fileSinks": [{"path": "/var/log/hc.log"}]})
        );
    }
}
