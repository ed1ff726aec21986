//! Access logs: every sink of the IR's `accessLog` becomes an `access_log` entry of each listener (only
//! for connections no route took: the `NR` response flag), of each HTTP connection manager and of each
//! TCP proxy, filtered by its CEL expressions; ALS and OpenTelemetry collectors get their own clusters.

use envoy_types::pb::envoy::config::accesslog::v3::{
    AccessLog as AccessLogProto, AccessLogFilter, AndFilter, ExtensionFilter, ResponseFlagFilter,
    access_log, access_log_filter::FilterSpecifier, extension_filter,
};
use envoy_types::pb::envoy::extensions::access_loggers::filters::cel::v3::ExpressionFilter;
use gwapi_ir::ir::{AccessLog, AccessLogType};

use super::access_log_sinks as sinks;
use crate::Result;
use crate::any::pack;
use crate::context::Context;

/// Envoy's name of the CEL access log filter.
const CEL_FILTER: &str = "envoy.access_loggers.extension_filters.cel";
/// The response flag of requests and connections that no route took.
const NO_ROUTE: &str = "NR";

/// Where an access log is attached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The listener itself: connections that no filter chain or route took.
    Listener,
    /// HTTP connection managers.
    Http,
    /// TCP and UDP proxies.
    Tcp,
}

impl Scope {
    fn log_type(self) -> AccessLogType {
        match self {
            Self::Listener => AccessLogType::Listener,
            Self::Http | Self::Tcp => AccessLogType::Route,
        }
    }
}

/// Whether a sink of `log_type` is attached at `scope`.
fn selected(log_type: Option<AccessLogType>, scope: Scope) -> bool {
    log_type.is_none_or(|t| t == scope.log_type())
}

/// The filter of one sink: its CEL expressions, and for listeners the `NR` flag, all required.
fn filter(cel_matches: &[String], scope: Scope) -> Option<AccessLogFilter> {
    let mut filters: Vec<AccessLogFilter> = cel_matches
        .iter()
        .map(|expression| AccessLogFilter {
            filter_specifier: Some(FilterSpecifier::ExtensionFilter(ExtensionFilter {
                name: CEL_FILTER.to_owned(),
                config_type: Some(extension_filter::ConfigType::TypedConfig(pack(
                    &ExpressionFilter {
                        expression: expression.clone(),
                        ..ExpressionFilter::default()
                    },
                ))),
            })),
        })
        .collect();
    if scope == Scope::Listener {
        filters.push(AccessLogFilter {
            filter_specifier: Some(FilterSpecifier::ResponseFlagFilter(ResponseFlagFilter {
                flags: vec![NO_ROUTE.to_owned()],
            })),
        });
    }
    match filters.len() {
        0 => None,
        1 => filters.pop(),
        _ => Some(AccessLogFilter {
            filter_specifier: Some(FilterSpecifier::AndFilter(AndFilter { filters })),
        }),
    }
}

fn entry(
    name: &str,
    config: envoy_types::pb::google::protobuf::Any,
    cel_matches: &[String],
    scope: Scope,
) -> AccessLogProto {
    AccessLogProto {
        name: name.to_owned(),
        filter: filter(cel_matches, scope),
        config_type: Some(access_log::ConfigType::TypedConfig(config)),
    }
}

/// The access logs of `scope`: file (text, then JSON), ALS, then OpenTelemetry sinks.
///
/// # Errors
/// A text sink without a format.
pub(crate) fn access_logs(log: Option<&AccessLog>, scope: Scope) -> Result<Vec<AccessLogProto>> {
    let Some(log) = log else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for text in log.text.iter().filter(|t| selected(t.log_type, scope)) {
        let config = pack(&sinks::text(text)?);
        out.push(entry(sinks::FILE, config, &text.cel_matches, scope));
    }
    for json in log.json.iter().filter(|j| selected(j.log_type, scope)) {
        let config = pack(&sinks::json(json));
        out.push(entry(sinks::FILE, config, &json.cel_matches, scope));
    }
    for als in log.als.iter().filter(|a| selected(a.log_type, scope)) {
        let (name, config) = sinks::als(als, scope == Scope::Tcp);
        out.push(entry(name, config, &als.cel_matches, scope));
    }
    for otel in log
        .open_telemetry
        .iter()
        .filter(|o| selected(o.log_type, scope))
    {
        let config = pack(&sinks::open_telemetry(otel));
        out.push(entry(
            sinks::OPEN_TELEMETRY,
            config,
            &otel.cel_matches,
            scope,
        ));
    }
    Ok(out)
}

/// The access logs of `scope` for the fleet of `ctx`, recording an error (and attaching none) when the
/// configuration is invalid.
pub(crate) fn for_scope(ctx: &mut Context<'_>, scope: Scope) -> Vec<AccessLogProto> {
    match access_logs(ctx.access_log, scope) {
        Ok(logs) => logs,
        Err(e) => {
            if !ctx.errors.iter().any(|x| x.to_string() == e.to_string()) {
                ctx.errors.push(e);
            }
            Vec::new()
        }
    }
}

/// Adds the clusters of the ALS and OpenTelemetry collectors of `log`.
pub(crate) fn add_clusters(ctx: &mut Context<'_>, log: Option<&AccessLog>) {
    let Some(log) = log else {
        return;
    };
    let destinations = log
        .als
        .iter()
        .map(|a| (&a.destination, a.traffic.as_ref()))
        .chain(
            log.open_telemetry
                .iter()
                .map(|o| (&o.destination, o.traffic.as_ref())),
        );
    for (destination, traffic) in destinations {
        let args = crate::cluster::ClusterArgs {
            traffic,
            ..crate::cluster::ClusterArgs::default()
        };
        crate::cluster::add_destination(ctx, destination, &args);
    }
}
