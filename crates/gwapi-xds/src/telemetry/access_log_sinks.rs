//! The typed configuration of each kind of access log sink: file (text or JSON), gRPC access log
//! service (HTTP or TCP) and OpenTelemetry.

use std::collections::BTreeMap;

use envoy_types::pb::envoy::config::core::v3::{
    ApiVersion, DataSource, GrpcService, HeaderValue, SubstitutionFormatString, data_source,
    grpc_service::EnvoyGrpc, grpc_service::TargetSpecifier, substitution_format_string,
};
use envoy_types::pb::envoy::extensions::access_loggers::file::v3::{
    FileAccessLog, file_access_log::AccessLogFormat,
};
use envoy_types::pb::envoy::extensions::access_loggers::grpc::v3::{
    CommonGrpcAccessLogConfig, HttpGrpcAccessLogConfig, TcpGrpcAccessLogConfig,
};
use envoy_types::pb::envoy::extensions::access_loggers::open_telemetry::v3::OpenTelemetryAccessLogConfig;
use envoy_types::pb::google::protobuf::{Any, Struct, Value, value::Kind};
use envoy_types::pb::opentelemetry::proto::common::v1::{
    AnyValue, KeyValue, KeyValueList, any_value,
};
use gwapi_ir::ir::{
    AlsAccessLog, AlsAccessLogType, JsonAccessLog, OpenTelemetryAccessLog, TelemetryAttribute,
    TextAccessLog,
};

use crate::any::pack;
use crate::{Error, Result};

/// Envoy's name of the file access logger.
pub(super) const FILE: &str = "envoy.access_loggers.file";
/// Envoy's name of the HTTP gRPC access logger.
const HTTP_GRPC: &str = "envoy.access_loggers.http_grpc";
/// Envoy's name of the TCP gRPC access logger.
const TCP_GRPC: &str = "envoy.access_loggers.tcp_grpc";
/// Envoy's name of the OpenTelemetry access logger.
pub(super) const OPEN_TELEMETRY: &str = "envoy.access_loggers.open_telemetry";
/// The log name of OpenTelemetry access logs.
const OTEL_LOG_NAME: &str = "otel_envoy_accesslog";

/// Envoy Gateway's default JSON access log format (field, command operator), used by a JSON sink that
/// names no field.
const DEFAULT_JSON_FORMAT: [(&str, &str); 24] = [
    ("start_time", "%START_TIME%"),
    ("method", "%REQ(:METHOD)%"),
    ("x-envoy-origin-path", "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%"),
    ("protocol", "%PROTOCOL%"),
    ("response_code", "%RESPONSE_CODE%"),
    ("response_flags", "%RESPONSE_FLAGS%"),
    ("response_code_details", "%RESPONSE_CODE_DETAILS%"),
    (
        "connection_termination_details",
        "%CONNECTION_TERMINATION_DETAILS%",
    ),
    (
        "upstream_transport_failure_reason",
        "%UPSTREAM_TRANSPORT_FAILURE_REASON%",
    ),
    ("bytes_received", "%BYTES_RECEIVED%"),
    ("bytes_sent", "%BYTES_SENT%"),
    ("duration", "%DURATION%"),
    (
        "x-envoy-upstream-service-time",
        "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%",
    ),
    ("x-forwarded-for", "%REQ(X-FORWARDED-FOR)%"),
    ("user-agent", "%REQ(USER-AGENT)%"),
    ("x-request-id", "%REQ(X-REQUEST-ID)%"),
    (":authority", "%REQ(:AUTHORITY)%"),
    ("upstream_host", "%UPSTREAM_HOST%"),
    ("upstream_cluster", "%UPSTREAM_CLUSTER%"),
    ("upstream_local_address", "%UPSTREAM_LOCAL_ADDRESS%"),
    ("downstream_local_address", "%DOWNSTREAM_LOCAL_ADDRESS%"),
    ("downstream_remote_address", "%DOWNSTREAM_REMOTE_ADDRESS%"),
    ("requested_server_name", "%REQUESTED_SERVER_NAME%"),
    ("route_name", "%ROUTE_NAME%"),
];

/// The resource attributes every OpenTelemetry access log carries: the proxy pod's namespace and name.
const POD_ATTRIBUTES: [(&str, &str); 2] = [
    ("k8s.namespace.name", "%ENVIRONMENT(ENVOY_POD_NAMESPACE)%"),
    ("k8s.pod.name", "%ENVIRONMENT(ENVOY_POD_NAME)%"),
];

/// A text file sink.
///
/// # Errors
/// When the sink has no format.
pub(super) fn text(text: &TextAccessLog) -> Result<FileAccessLog> {
    let format = text
        .format
        .as_ref()
        .ok_or_else(|| Error::Unsupported("text.Format is nil".to_owned()))?;
    Ok(FileAccessLog {
        path: text.path.clone(),
        access_log_format: Some(AccessLogFormat::LogFormat(SubstitutionFormatString {
            format: Some(substitution_format_string::Format::TextFormatSource(
                DataSource {
                    specifier: Some(data_source::Specifier::InlineString(format.clone())),
                    ..DataSource::default()
                },
            )),
            ..SubstitutionFormatString::default()
        })),
    })
}

fn string(value: &str) -> Value {
    Value {
        kind: Some(Kind::StringValue(value.to_owned())),
    }
}

/// A JSON file sink (Envoy Gateway's default fields when the sink names none).
pub(super) fn json(json: &JsonAccessLog) -> FileAccessLog {
    let fields = if json.json.is_empty() {
        DEFAULT_JSON_FORMAT
            .iter()
            .map(|(k, v)| ((*k).to_owned(), string(v)))
            .collect()
    } else {
        json.json
            .iter()
            .map(|a| (a.key.clone(), string(&a.value)))
            .collect()
    };
    FileAccessLog {
        path: json.path.clone(),
        access_log_format: Some(AccessLogFormat::LogFormat(SubstitutionFormatString {
            format: Some(substitution_format_string::Format::JsonFormat(Struct {
                fields,
            })),
            ..SubstitutionFormatString::default()
        })),
    }
}

fn grpc_service(
    destination: &gwapi_ir::ir::RouteDestination,
    authority: &str,
    headers: Vec<HeaderValue>,
) -> GrpcService {
    GrpcService {
        target_specifier: Some(TargetSpecifier::EnvoyGrpc(EnvoyGrpc {
            cluster_name: crate::names::cluster(&destination.name),
            authority: authority.to_owned(),
            ..EnvoyGrpc::default()
        })),
        initial_metadata: headers,
        ..GrpcService::default()
    }
}

/// A gRPC access log service sink: its logger name and configuration (TCP-typed sinks, and every sink
/// of a TCP proxy, use the TCP logger).
pub(super) fn als(als: &AlsAccessLog, tcp_proxy: bool) -> (&'static str, Any) {
    let common = CommonGrpcAccessLogConfig {
        log_name: als.name.clone(),
        grpc_service: Some(grpc_service(&als.destination, "", Vec::new())),
        transport_api_version: ApiVersion::V3.into(),
        ..CommonGrpcAccessLogConfig::default()
    };
    if tcp_proxy || als.als_type == AlsAccessLogType::Tcp {
        let config = TcpGrpcAccessLogConfig {
            common_config: Some(common),
        };
        return (TCP_GRPC, pack(&config));
    }
    let http = als.http.clone().unwrap_or_default();
    let config = HttpGrpcAccessLogConfig {
        common_config: Some(common),
        additional_request_headers_to_log: http.request_headers,
        additional_response_headers_to_log: http.response_headers,
        additional_response_trailers_to_log: http.response_trailers,
    };
    (HTTP_GRPC, pack(&config))
}

fn key_values<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<KeyValueList> {
    let sorted: BTreeMap<&str, &str> = pairs.into_iter().collect();
    (!sorted.is_empty()).then(|| KeyValueList {
        values: sorted
            .into_iter()
            .map(|(key, value)| KeyValue {
                key: key.to_owned(),
                value: Some(AnyValue {
                    value: Some(any_value::Value::StringValue(value.to_owned())),
                }),
                ..KeyValue::default()
            })
            .collect(),
    })
}

fn pairs(attributes: &[TelemetryAttribute]) -> impl Iterator<Item = (&str, &str)> {
    attributes
        .iter()
        .map(|a| (a.key.as_str(), a.value.as_str()))
}

#[allow(
    deprecated,
    reason = "Envoy Gateway still configures the collector through common_config"
)]
/// An OpenTelemetry sink: the body from its text, the pod's attributes and its own (sorted by key).
pub(super) fn open_telemetry(otel: &OpenTelemetryAccessLog) -> OpenTelemetryAccessLogConfig {
    let headers = otel
        .headers
        .iter()
        .map(|h| HeaderValue {
            key: h.name.clone(),
            value: h.value.clone(),
            ..HeaderValue::default()
        })
        .collect();
    OpenTelemetryAccessLogConfig {
        common_config: Some(CommonGrpcAccessLogConfig {
            log_name: OTEL_LOG_NAME.to_owned(),
            grpc_service: Some(grpc_service(&otel.destination, &otel.authority, headers)),
            transport_api_version: ApiVersion::V3.into(),
            ..CommonGrpcAccessLogConfig::default()
        }),
        body: otel.text.as_ref().map(|text| AnyValue {
            value: Some(any_value::Value::StringValue(text.clone())),
        }),
        attributes: key_values(POD_ATTRIBUTES.into_iter().chain(pairs(&otel.attributes))),
        resource_attributes: key_values(pairs(&otel.resource_attributes)),
        ..OpenTelemetryAccessLogConfig::default()
    }
}
