//! EnvoyProxy `telemetry.healthCheckLog` as the fleet's health check event log: which outcomes are
//! always logged and the files events go to (stdout by default).

use gwapi_model::envoy_gateway::{ProxyHealthCheckLog, ProxyHealthCheckLogEventType};

use crate::ir::{HealthCheckLog, HealthCheckLogFileSink};

/// The health check event log; no `matches` logs every failure and every success.
pub(crate) fn translate(log: &ProxyHealthCheckLog) -> HealthCheckLog {
    let wants =
        |t: &ProxyHealthCheckLogEventType| log.matches.is_empty() || log.matches.contains(t);
    let mut file_sinks: Vec<HealthCheckLogFileSink> = log
        .sinks
        .iter()
        .filter_map(|s| s.file.as_ref())
        .map(|f| HealthCheckLogFileSink {
            path: f.path.clone(),
        })
        .collect();
    if log.sinks.is_empty() {
        file_sinks.push(HealthCheckLogFileSink {
            path: "/dev/stdout".to_owned(),
        });
    }
    HealthCheckLog {
        always_log_health_check_failures: wants(&ProxyHealthCheckLogEventType::Failure),
        always_log_health_check_success: wants(&ProxyHealthCheckLogEventType::Success),
        file_sinks,
    }
}
