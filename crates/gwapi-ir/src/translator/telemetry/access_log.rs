//! EnvoyProxy `telemetry.accessLog` as the fleet's access log IR: one entry per sink of each setting,
//! with the setting's format, CEL matches and log type; the default (JSON to stdout) when nothing is
//! configured.

use gwapi_model::envoy_gateway::{
    AlsEnvoyProxyAccessLog, AlsEnvoyProxyAccessLogType, OpenTelemetryEnvoyProxyAccessLog,
    ProxyAccessLog, ProxyAccessLogFormat, ProxyAccessLogFormatType, ProxyAccessLogSetting,
    ProxyAccessLogSinkType, ProxyAccessLogType,
};

use super::cel;
use super::destination::{self, SinkOwner};
use crate::ir::{
    AccessLog, AccessLogType, AlsAccessLog, AlsAccessLogHttp, AlsAccessLogType, JsonAccessLog,
    OpenTelemetryAccessLog, TelemetryAttribute, TextAccessLog,
};
use crate::translator::context::Context;

/// Where entries go when no sink is named.
const STDOUT: &str = "/dev/stdout";

/// The default access log: JSON lines to stdout.
fn default_log(log_type: Option<AccessLogType>) -> JsonAccessLog {
    JsonAccessLog {
        path: STDOUT.to_owned(),
        log_type,
        ..JsonAccessLog::default()
    }
}

/// The access log of a fleet whose EnvoyProxy has `config` (`None`: the default one); `Ok(None)` when
/// access logging is disabled.
pub(super) fn translate(
    ctx: &Context<'_>,
    owner: Option<SinkOwner<'_>>,
    config: Option<&ProxyAccessLog>,
) -> Result<Option<AccessLog>, String> {
    let (Some(owner), Some(config)) = (owner, config) else {
        return Ok(Some(AccessLog {
            json: vec![default_log(None)],
            ..AccessLog::default()
        }));
    };
    if config.disable == Some(true) {
        return Ok(None);
    }
    if config.settings.is_empty() {
        return Ok(Some(AccessLog {
            json: vec![default_log(None)],
            ..AccessLog::default()
        }));
    }
    let mut out = AccessLog::default();
    for (i, setting) in config.settings.iter().enumerate() {
        add_setting(ctx, owner, i, setting, &mut out)?;
    }
    Ok(Some(out))
}

fn log_type(setting: &ProxyAccessLogSetting) -> Option<AccessLogType> {
    match setting.type_.as_ref()? {
        ProxyAccessLogType::Listener => Some(AccessLogType::Listener),
        ProxyAccessLogType::Route => Some(AccessLogType::Route),
        ProxyAccessLogType::Upstream => Some(AccessLogType::Upstream),
        ProxyAccessLogType::Unknown(_) => None,
    }
}

/// The attributes of a JSON format, by key.
fn attributes(format: &ProxyAccessLogFormat) -> Vec<TelemetryAttribute> {
    format
        .json
        .iter()
        .map(|(key, value)| TelemetryAttribute {
            key: key.clone(),
            value: value.clone(),
        })
        .collect()
}

/// The text and attributes a format gives a service sink (a format without type gives both).
fn text_and_attributes(format: &ProxyAccessLogFormat) -> (Option<String>, Vec<TelemetryAttribute>) {
    match format.type_ {
        Some(ProxyAccessLogFormatType::Text) => (format.text.clone(), Vec::new()),
        Some(ProxyAccessLogFormatType::Json) => (None, attributes(format)),
        _ => (format.text.clone(), attributes(format)),
    }
}

fn add_setting(
    ctx: &Context<'_>,
    owner: SinkOwner<'_>,
    i: usize,
    setting: &ProxyAccessLogSetting,
    out: &mut AccessLog,
) -> Result<(), String> {
    let log_type = log_type(setting);
    if setting.sinks.is_empty() {
        out.json.push(default_log(log_type));
        return Ok(());
    }
    for expr in &setting.matches {
        if !cel::is_valid(expr) {
            return Err(format!("invalid CEL expression: {expr}"));
        }
    }
    let cel_matches = setting.matches.clone();
    let format = setting.format.clone().unwrap_or_default();
    for (j, sink) in setting.sinks.iter().enumerate() {
        match sink.type_ {
            ProxyAccessLogSinkType::File => {
                let Some(file) = &sink.file else { continue };
                let json = format.type_ == Some(ProxyAccessLogFormatType::Json)
                    || (format.type_.is_none() && format.text.is_none() && !format.json.is_empty());
                if json {
                    out.json.push(JsonAccessLog {
                        cel_matches: cel_matches.clone(),
                        log_type,
                        json: attributes(&format),
                        path: file.path.clone(),
                    });
                } else {
                    out.text.push(TextAccessLog {
                        cel_matches: cel_matches.clone(),
                        log_type,
                        format: format.text.clone(),
                        path: file.path.clone(),
                    });
                }
            }
            ProxyAccessLogSinkType::Als => {
                let Some(als) = &sink.als else { continue };
                let name = format!("accesslog_als_{i}_{j}");
                out.als.push(als_log(
                    ctx,
                    owner,
                    &name,
                    als,
                    &format,
                    log_type,
                    &cel_matches,
                )?);
            }
            ProxyAccessLogSinkType::OpenTelemetry => {
                let Some(otel) = &sink.open_telemetry else {
                    continue;
                };
                let name = format!("accesslog_otel_{i}_{j}");
                out.open_telemetry.push(otel_log(
                    ctx,
                    owner,
                    &name,
                    otel,
                    &format,
                    log_type,
                    &cel_matches,
                )?);
            }
            ProxyAccessLogSinkType::Unknown(_) => {}
        }
    }
    Ok(())
}

fn als_log(
    ctx: &Context<'_>,
    owner: SinkOwner<'_>,
    name: &str,
    als: &AlsEnvoyProxyAccessLog,
    format: &ProxyAccessLogFormat,
    log_type: Option<AccessLogType>,
    cel_matches: &[String],
) -> Result<AlsAccessLog, String> {
    let destination = destination::resolve(ctx, owner, name, als)?.unwrap_or_default();
    let als_type = match als.type_ {
        AlsEnvoyProxyAccessLogType::Tcp => AlsAccessLogType::Tcp,
        _ => AlsAccessLogType::Http,
    };
    let (text, attributes) = text_and_attributes(format);
    let http = als
        .http
        .as_ref()
        .filter(|_| als_type == AlsAccessLogType::Http);
    Ok(AlsAccessLog {
        cel_matches: cel_matches.to_vec(),
        log_type,
        name: als.log_name.clone().unwrap_or_else(|| {
            let (namespace, name) = crate::translator::index::ns_name(&owner.proxy.metadata);
            format!("{namespace}/{name}")
        }),
        destination,
        traffic: destination::traffic(als)?,
        als_type,
        text,
        attributes,
        http: http.map(|h| AlsAccessLogHttp {
            request_headers: h.request_headers.clone(),
            response_headers: h.response_headers.clone(),
            response_trailers: h.response_trailers.clone(),
        }),
    })
}

fn otel_log(
    ctx: &Context<'_>,
    owner: SinkOwner<'_>,
    name: &str,
    otel: &OpenTelemetryEnvoyProxyAccessLog,
    format: &ProxyAccessLogFormat,
    log_type: Option<AccessLogType>,
    cel_matches: &[String],
) -> Result<OpenTelemetryAccessLog, String> {
    let (destination, authority) =
        destination::collector(ctx, owner, name, otel, otel.host.as_deref(), otel.port)?;
    let (text, attributes) = text_and_attributes(format);
    let resources = if otel.resource_attributes.is_empty() {
        &otel.resources
    } else {
        &otel.resource_attributes
    };
    Ok(OpenTelemetryAccessLog {
        cel_matches: cel_matches.to_vec(),
        log_type,
        authority,
        text,
        attributes,
        resource_attributes: resources
            .iter()
            .map(|(key, value)| TelemetryAttribute {
                key: key.clone(),
                value: value.clone(),
            })
            .collect(),
        destination,
        traffic: destination::traffic(otel)?,
        headers: otel
            .headers
            .iter()
            .map(|h| crate::ir::TelemetryHeader {
                name: h.name.clone(),
                value: h.value.clone(),
            })
            .collect(),
    })
}
