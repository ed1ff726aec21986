//! Active health checks (HTTP, TCP, gRPC probes) and passive outlier detection of clusters.

use std::fmt::Write as _;

use envoy_types::pb::envoy::config::cluster::v3::OutlierDetection as EnvoyOutlierDetection;
use envoy_types::pb::envoy::config::core::v3::TypedExtensionConfig;
use envoy_types::pb::envoy::config::core::v3::{
    HealthCheck as EnvoyHealthCheck, RequestMethod,
    health_check::{
        GrpcHealthCheck, HealthChecker as EnvoyChecker, HttpHealthCheck, Payload, TcpHealthCheck,
        payload,
    },
};
use envoy_types::pb::envoy::extensions::health_check::event_sinks::file::v3::HealthCheckEventFileSink;
use envoy_types::pb::envoy::r#type::v3::Int64Range;
use gwapi_ir::ir::{
    ActiveHealthCheck, HealthCheckLog, HealthCheckPayload, HealthChecker, HttpHealthChecker,
    OutlierDetection,
};

use crate::any::pack;
use crate::wkt::{duration, seconds, uint32};

/// The event sink writing health check events to a file.
const FILE_SINK: &str = "envoy.health_check.event_sinks.file";

/// Envoy Gateway's API defaults of an active health check (`timeout`, `interval`, `unhealthyThreshold`,
/// `healthyThreshold`), which Envoy requires.
const DEFAULT_TIMEOUT_SECONDS: i64 = 1;
const DEFAULT_INTERVAL_SECONDS: i64 = 3;
const DEFAULT_UNHEALTHY_THRESHOLD: u32 = 3;
const DEFAULT_HEALTHY_THRESHOLD: u32 = 1;

/// Envoy's enforcement percentage for consecutive gateway failures when the reference sets it.
const ENFORCE_ALL: u32 = 100;

/// The Envoy health check of `active`; its events go to the backend's own log, else to `fleet_log`.
pub(crate) fn active(
    active: &ActiveHealthCheck,
    fleet_log: Option<&HealthCheckLog>,
) -> EnvoyHealthCheck {
    let log = active.backend_health_check_log.as_ref().or(fleet_log);
    EnvoyHealthCheck {
        always_log_health_check_failures: log.is_some_and(|l| l.always_log_health_check_failures),
        always_log_health_check_success: log.is_some_and(|l| l.always_log_health_check_success),
        event_logger: log
            .map(|l| {
                l.file_sinks
                    .iter()
                    .map(|sink| TypedExtensionConfig {
                        name: FILE_SINK.to_owned(),
                        typed_config: Some(pack(&HealthCheckEventFileSink {
                            event_log_path: sink.path.clone(),
                        })),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        // Envoy requires all four; an IR built without the API's defaults gets them here.
        timeout: Some(
            active
                .timeout
                .as_ref()
                .map_or_else(|| seconds(DEFAULT_TIMEOUT_SECONDS), duration),
        ),
        interval: Some(
            active
                .interval
                .as_ref()
                .map_or_else(|| seconds(DEFAULT_INTERVAL_SECONDS), duration),
        ),
        unhealthy_threshold: Some(uint32(
            active
                .unhealthy_threshold
                .unwrap_or(DEFAULT_UNHEALTHY_THRESHOLD),
        )),
        healthy_threshold: Some(uint32(
            active
                .healthy_threshold
                .unwrap_or(DEFAULT_HEALTHY_THRESHOLD),
        )),
        health_checker: active.checker.as_ref().map(checker),
        ..EnvoyHealthCheck::default()
    }
}

fn checker(checker: &HealthChecker) -> EnvoyChecker {
    match checker {
        HealthChecker::Http(http) => EnvoyChecker::HttpHealthCheck(http_check(http)),
        HealthChecker::Tcp(tcp) => EnvoyChecker::TcpHealthCheck(TcpHealthCheck {
            send: tcp.send.as_ref().map(payload_of),
            receive: tcp.receive.as_ref().map(payload_of).into_iter().collect(),
            ..TcpHealthCheck::default()
        }),
        HealthChecker::Grpc(grpc) => EnvoyChecker::GrpcHealthCheck(GrpcHealthCheck {
            service_name: grpc.service.clone().unwrap_or_default(),
            ..GrpcHealthCheck::default()
        }),
    }
}

fn http_check(http: &HttpHealthChecker) -> HttpHealthCheck {
    HttpHealthCheck {
        host: http.host.clone(),
        path: http.path.clone(),
        method: method(http.method.as_deref()).into(),
        send: http.request_body.as_ref().map(payload_of),
        receive: http
            .expected_response
            .as_ref()
            .map(payload_of)
            .into_iter()
            .collect(),
        expected_statuses: ranges(&http.expected_statuses),
        retriable_statuses: ranges(&http.retriable_statuses),
        ..HttpHealthCheck::default()
    }
}

/// The statuses as half-open ranges, ascending, consecutive statuses merged.
fn ranges(statuses: &[u32]) -> Vec<Int64Range> {
    let mut sorted = statuses.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out: Vec<Int64Range> = Vec::new();
    for s in sorted {
        let s = i64::from(s);
        match out.last_mut() {
            Some(last) if last.end == s => last.end = s + 1,
            _ => out.push(Int64Range {
                start: s,
                end: s + 1,
            }),
        }
    }
    out
}

fn method(method: Option<&str>) -> RequestMethod {
    match method.map(str::to_ascii_uppercase).as_deref() {
        Some("GET") => RequestMethod::Get,
        Some("HEAD") => RequestMethod::Head,
        Some("POST") => RequestMethod::Post,
        Some("PUT") => RequestMethod::Put,
        Some("DELETE") => RequestMethod::Delete,
        Some("CONNECT") => RequestMethod::Connect,
        Some("OPTIONS") => RequestMethod::Options,
        Some("TRACE") => RequestMethod::Trace,
        Some("PATCH") => RequestMethod::Patch,
        _ => RequestMethod::MethodUnspecified,
    }
}

/// A probe payload: text goes on the wire hex-encoded, binary as is.
fn payload_of(p: &HealthCheckPayload) -> Payload {
    let inner = match p {
        HealthCheckPayload::Text(text) => {
            payload::Payload::Text(text.bytes().fold(String::new(), |mut hex, b| {
                let _ = write!(hex, "{b:02x}");
                hex
            }))
        }
        HealthCheckPayload::Binary(blob) => payload::Payload::Binary(blob.bytes.clone()),
    };
    Payload {
        payload: Some(inner),
    }
}

/// The outlier detection of `passive`.
pub(crate) fn outlier_detection(passive: &OutlierDetection) -> EnvoyOutlierDetection {
    EnvoyOutlierDetection {
        interval: passive.interval.as_ref().map(duration),
        base_ejection_time: passive.base_ejection_time.as_ref().map(duration),
        max_ejection_percent: passive
            .max_ejection_percent
            .and_then(|p| u32::try_from(p).ok())
            .map(uint32),
        consecutive_5xx: passive.consecutive_5xx_errors.map(uint32),
        consecutive_gateway_failure: passive.consecutive_gateway_errors.map(uint32),
        enforcing_consecutive_gateway_failure: passive
            .consecutive_gateway_errors
            .map(|_| uint32(ENFORCE_ALL)),
        consecutive_local_origin_failure: passive.consecutive_local_origin_failures.map(uint32),
        split_external_local_origin_errors: passive
            .split_external_local_origin_errors
            .unwrap_or(false),
        ..EnvoyOutlierDetection::default()
    }
}
