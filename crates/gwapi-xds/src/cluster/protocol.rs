//! Upstream HTTP protocol options (`envoy.extensions.upstreams.http.v3.HttpProtocolOptions`): HTTP/2 to
//! gRPC and HTTP/2 backends, the listener's HTTP/1 options otherwise.

use envoy_types::pb::envoy::config::core::v3::{
    Http1ProtocolOptions, Http2ProtocolOptions, HttpProtocolOptions as CommonHttpProtocolOptions,
    KeepaliveSettings, UpstreamHttpProtocolOptions,
};
use envoy_types::pb::envoy::extensions::upstreams::http::v3::{
    HttpProtocolOptions,
    http_protocol_options::{
        AutoHttpConfig, ExplicitHttpConfig, UpstreamProtocolOptions, UseDownstreamHttpConfig,
        explicit_http_config::ProtocolConfig,
    },
};
use envoy_types::pb::envoy::r#type::v3::Percent;
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{DestinationSetting, Http2Settings, Protocol, TrafficFeatures};

use super::ClusterArgs;

use crate::any::pack;
use crate::wkt::{boolean, duration, uint32};

/// The key of the upstream HTTP protocol options in `typed_extension_protocol_options`.
pub(crate) const KEY: &str = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

/// Default HTTP/2 stream window of upstream connections.
const STREAM_WINDOW: u32 = 65_536;
/// Default HTTP/2 connection window of upstream connections.
const CONNECTION_WINDOW: u32 = 1_048_576;

/// The HTTP/2 options of upstream connections, from the route's HTTP/2 settings.
pub(crate) fn http2(settings: Option<&Http2Settings>) -> Http2ProtocolOptions {
    let s = settings.cloned().unwrap_or_default();
    // Envoy Gateway's IR spells the two windows the other way round (`initialStreamWindowSize` holds the
    // connection window): its golden files are the contract, so the values are read crosswise.
    Http2ProtocolOptions {
        initial_stream_window_size: Some(uint32(
            s.initial_connection_window_size.unwrap_or(STREAM_WINDOW),
        )),
        initial_connection_window_size: Some(uint32(
            s.initial_stream_window_size.unwrap_or(CONNECTION_WINDOW),
        )),
        max_concurrent_streams: s.max_concurrent_streams.map(uint32),
        override_stream_error_on_invalid_http_message: s.reset_stream_on_error.map(boolean),
        connection_keepalive: s.connection_keepalive.as_ref().map(|k| KeepaliveSettings {
            interval: k.interval.as_ref().map(duration),
            timeout: k.timeout.as_ref().map(duration),
            interval_jitter: k.interval_jitter.map(|j| Percent {
                value: f64::from(j),
            }),
            connection_idle_interval: k.idle_interval.as_ref().map(duration),
        }),
        ..Http2ProtocolOptions::default()
    }
}

fn explicit(config: ProtocolConfig) -> UpstreamProtocolOptions {
    UpstreamProtocolOptions::ExplicitHttpConfig(ExplicitHttpConfig {
        protocol_config: Some(config),
    })
}

/// The upstream protocol options of a cluster over `settings`, if it needs any.
pub(crate) fn options(settings: &[DestinationSetting], args: &ClusterArgs<'_>) -> Option<Any> {
    let (http1, traffic) = (args.http1.as_ref(), args.traffic);
    let http2_settings = traffic.and_then(|t| t.http2.as_ref());
    let common = common(traffic);
    let needs_http2 = settings
        .iter()
        .any(|s| matches!(s.protocol, Some(Protocol::Grpc | Protocol::Http2)));
    // Over TLS to every backend, ALPN picks HTTP/2 or HTTP/1.1.
    let tls_http = !settings.is_empty()
        && settings.iter().all(|s| {
            s.tls.is_some()
                && !s.force_http1_upstream
                && matches!(s.protocol, Some(Protocol::Http | Protocol::Https) | None)
        });
    let force_http1 = settings.iter().any(|s| s.force_http1_upstream);
    let mut http_filters: Vec<_> = traffic
        .and_then(|t| t.admission_control.as_ref())
        .map(super::admission_control::filter)
        .into_iter()
        .chain(super::credential_injection::of(settings).map(super::credential_injection::filter))
        .collect();
    if !http_filters.is_empty() {
        http_filters.push(super::admission_control::upstream_codec());
    }
    let hash_policy = if args.role == super::ClusterRole::Service {
        super::load_balancer::hash_policies(traffic.and_then(|t| t.load_balancer.as_ref()))
    } else {
        Vec::new()
    };
    let upstream = if args.use_client_protocol {
        UpstreamProtocolOptions::UseDownstreamProtocolConfig(UseDownstreamHttpConfig {
            http_protocol_options: Some(http1.cloned().unwrap_or_default()),
            http2_protocol_options: Some(http2(http2_settings)),
            ..UseDownstreamHttpConfig::default()
        })
    } else if needs_http2 {
        explicit(ProtocolConfig::Http2ProtocolOptions(http2(http2_settings)))
    } else if tls_http {
        // Over TLS, ALPN picks HTTP/2 or HTTP/1.1.
        UpstreamProtocolOptions::AutoConfig(AutoHttpConfig {
            http_protocol_options: Some(http1.cloned().unwrap_or_default()),
            http2_protocol_options: Some(http2(http2_settings)),
            ..AutoHttpConfig::default()
        })
    } else if let Some(http1) = http1 {
        explicit(ProtocolConfig::HttpProtocolOptions(http1.clone()))
    } else if force_http1 || common.is_some() || !http_filters.is_empty() {
        explicit(ProtocolConfig::HttpProtocolOptions(
            Http1ProtocolOptions::default(),
        ))
    } else {
        return None;
    };
    Some(pack(&HttpProtocolOptions {
        common_http_protocol_options: common,
        upstream_protocol_options: Some(upstream),
        hash_policy,
        http_filters,
        upstream_http_protocol_options: super::tls::auto_sni(settings).then(|| {
            UpstreamHttpProtocolOptions {
                auto_sni: true,
                ..UpstreamHttpProtocolOptions::default()
            }
        }),
        ..HttpProtocolOptions::default()
    }))
}

/// The connection limits of upstream HTTP connections, from the route's circuit breaker and timeouts.
fn common(traffic: Option<&TrafficFeatures>) -> Option<CommonHttpProtocolOptions> {
    let traffic = traffic?;
    let http = traffic.timeout.as_ref().and_then(|t| t.http.as_ref());
    let options = CommonHttpProtocolOptions {
        max_requests_per_connection: traffic
            .circuit_breaker
            .as_ref()
            .and_then(|c| c.max_requests_per_connection)
            .map(uint32),
        idle_timeout: http
            .and_then(|h| h.connection_idle_timeout.as_ref())
            .map(duration),
        max_connection_duration: http
            .and_then(|h| h.max_connection_duration.as_ref())
            .map(duration),
        ..CommonHttpProtocolOptions::default()
    };
    (options != CommonHttpProtocolOptions::default()).then_some(options)
}
