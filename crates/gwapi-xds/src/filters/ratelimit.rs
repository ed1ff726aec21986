//! `envoy.filters.http.ratelimit`: global rate limits through the rate limit service. The listener gets
//! the filter, each limited route its descriptors (`RateLimitPerRoute`), and the fleet one cluster to the
//! service, authenticated with the proxy's client certificate.

use envoy_types::pb::envoy::config::core::v3::{
    ApiVersion, GrpcService, grpc_service::EnvoyGrpc, grpc_service::TargetSpecifier,
};
use envoy_types::pb::envoy::config::ratelimit::v3::RateLimitServiceConfig;
use envoy_types::pb::envoy::config::route::v3::{
    HeaderMatcher, QueryParameterMatcher, RateLimit as RouteRateLimit,
    header_matcher::HeaderMatchSpecifier,
    query_parameter_matcher::QueryParameterMatchSpecifier,
    rate_limit::{
        Action, HitsAddend, Override, action::ActionSpecifier, action::GenericKey,
        action::HeaderValueMatch, action::QueryParameterValueMatch, action::QueryParameters,
        action::RemoteAddressMatch, action::RequestHeaders, r#override::DynamicMetadata,
        r#override::OverrideSpecifier,
    },
};
use envoy_types::pb::envoy::extensions::filters::http::ratelimit::v3::{
    RateLimit, RateLimitPerRoute, rate_limit::XRateLimitHeadersRfcVersion,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpFilter, http_filter::ConfigType,
};
use envoy_types::pb::envoy::r#type::matcher::v3::AddressMatcher;
use envoy_types::pb::envoy::r#type::metadata::v3::{
    MetadataKey, metadata_key::PathSegment, metadata_key::path_segment::Segment,
};
use envoy_types::pb::google::protobuf::{Any, UInt64Value};
use envoy_types::pb::xds::core::v3::CidrRange;
use gwapi_ir::ir::{
    CidrMatch, GlobalRateLimit, HttpListener, HttpRoute, RateLimitCost, RateLimitRule,
};

use super::HttpFilterBuilder;
use crate::Result;
use crate::any::pack;
use crate::names::RATE_LIMIT_CLUSTER as CLUSTER;
use crate::route::matching::string_matcher;
use crate::wkt::boolean;

/// The filter name, also the key of its per-route configuration.
pub(crate) const NAME: &str = "envoy.filters.http.ratelimit";

/// The global rate limit of `route`, if it has one.
fn global(route: &HttpRoute) -> Option<&GlobalRateLimit> {
    route.traffic.as_ref()?.rate_limit.as_ref()?.global.as_ref()
}

/// Whether any route of `listener` is globally rate limited.
pub(crate) fn enabled(listener: &HttpListener) -> bool {
    listener.routes.iter().any(|r| global(r).is_some())
}

/// The global rate limit filter.
pub(crate) struct RateLimitFilter;

impl HttpFilterBuilder for RateLimitFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        if !enabled(listener) {
            return Ok(None);
        }
        let headers = !listener
            .headers
            .as_ref()
            .is_some_and(|h| h.disable_rate_limit_headers);
        let config = RateLimit {
            domain: listener.name.clone(),
            enable_x_ratelimit_headers: if headers {
                XRateLimitHeadersRfcVersion::DraftVersion03.into()
            } else {
                XRateLimitHeadersRfcVersion::Off.into()
            },
            disable_x_envoy_ratelimited_header: true,
            rate_limit_service: Some(RateLimitServiceConfig {
                grpc_service: Some(GrpcService {
                    target_specifier: Some(TargetSpecifier::EnvoyGrpc(EnvoyGrpc {
                        cluster_name: CLUSTER.to_owned(),
                        ..EnvoyGrpc::default()
                    })),
                    ..GrpcService::default()
                }),
                transport_api_version: ApiVersion::V3.into(),
            }),
            ..RateLimit::default()
        };
        Ok(Some(HttpFilter {
            name: NAME.to_owned(),
            config_type: Some(ConfigType::TypedConfig(pack(&config))),
            ..HttpFilter::default()
        }))
    }
}

/// The per-route configuration of `route` on `listener`, if the route is globally rate limited.
pub(crate) fn per_route(route: &HttpRoute, listener: &HttpListener) -> Option<Any> {
    let global = global(route)?;
    let mut rate_limits = Vec::new();
    for (index, rule) in global.rules.iter().enumerate() {
        let actions = actions(route, rule, index);
        let limit = rule.limit.from_metadata.as_ref().map(|m| Override {
            override_specifier: Some(OverrideSpecifier::DynamicMetadata(DynamicMetadata {
                metadata_key: Some(MetadataKey {
                    key: m.namespace.clone(),
                    path: vec![PathSegment {
                        segment: Some(Segment::Key(m.key.clone())),
                    }],
                }),
            })),
        });
        rate_limits.push(RouteRateLimit {
            actions: actions.clone(),
            limit: limit.clone(),
            hits_addend: rule.request_cost.as_ref().map(hits),
            ..RouteRateLimit::default()
        });
        if let Some(cost) = &rule.response_cost {
            rate_limits.push(RouteRateLimit {
                actions,
                limit,
                hits_addend: Some(hits(cost)),
                apply_on_stream_done: true,
                ..RouteRateLimit::default()
            });
        }
    }
    Some(pack(&RateLimitPerRoute {
        domain: listener.name.clone(),
        rate_limits,
        ..RateLimitPerRoute::default()
    }))
}

fn hits(cost: &RateLimitCost) -> HitsAddend {
    match cost {
        RateLimitCost::Number(n) => HitsAddend {
            number: Some(UInt64Value { value: *n }),
            ..HitsAddend::default()
        },
        RateLimitCost::Format(f) => HitsAddend {
            format: f.clone(),
            ..HitsAddend::default()
        },
    }
}

fn generic(key: &str) -> Action {
    Action {
        action_specifier: Some(ActionSpecifier::GenericKey(GenericKey {
            descriptor_key: key.to_owned(),
            descriptor_value: key.to_owned(),
            ..GenericKey::default()
        })),
    }
}

/// The descriptor key of match `m` of rule `rule` (`-1` for a rule without matches).
fn descriptor_key(rule: usize, m: i64) -> String {
    format!("rule-{rule}-match-{m}")
}

fn actions(route: &HttpRoute, rule: &RateLimitRule, index: usize) -> Vec<Action> {
    let mut actions = vec![generic(&route.name)];
    for (i, header) in rule.header_matches.iter().enumerate() {
        let key = descriptor_key(index, i64::try_from(i).unwrap_or(i64::MAX));
        let action = if header.distinct {
            ActionSpecifier::RequestHeaders(RequestHeaders {
                header_name: header.name.clone(),
                descriptor_key: key,
                ..RequestHeaders::default()
            })
        } else {
            ActionSpecifier::HeaderValueMatch(HeaderValueMatch {
                descriptor_value: key.clone(),
                descriptor_key: key,
                expect_match: Some(boolean(!header.invert)),
                headers: vec![HeaderMatcher {
                    name: header.name.clone(),
                    header_match_specifier: string_matcher(header)
                        .map(HeaderMatchSpecifier::StringMatch),
                    ..HeaderMatcher::default()
                }],
                ..HeaderValueMatch::default()
            })
        };
        actions.push(Action {
            action_specifier: Some(action),
        });
    }
    let offset = rule.header_matches.len();
    for (i, query) in rule.query_param_matches.iter().enumerate() {
        let key = descriptor_key(index, i64::try_from(offset + i).unwrap_or(i64::MAX));
        let action = if query.distinct {
            ActionSpecifier::QueryParameters(QueryParameters {
                query_parameter_name: query.name.clone(),
                descriptor_key: key,
                ..QueryParameters::default()
            })
        } else {
            ActionSpecifier::QueryParameterValueMatch(QueryParameterValueMatch {
                descriptor_value: key.clone(),
                descriptor_key: key,
                expect_match: Some(boolean(!query.invert)),
                query_parameters: vec![QueryParameterMatcher {
                    name: query.name.clone(),
                    query_parameter_match_specifier: string_matcher(query)
                        .map(QueryParameterMatchSpecifier::StringMatch),
                }],
                ..QueryParameterValueMatch::default()
            })
        };
        actions.push(Action {
            action_specifier: Some(action),
        });
    }
    if let Some(cidr) = &rule.cidr_match {
        actions.extend(cidr_actions(
            cidr,
            "masked_remote_address",
            "remote_address",
        ));
    }
    if rule.header_matches.is_empty()
        && rule.query_param_matches.is_empty()
        && rule.cidr_match.is_none()
    {
        actions.push(generic(&descriptor_key(index, -1)));
    }
    actions
}

/// Adds the cluster of the rate limit service (and the client certificate it authenticates with) when a
/// listener of `xds` is globally rate limited.
pub(crate) fn add_service(ctx: &mut crate::context::Context<'_>, xds: &gwapi_ir::ir::Xds) {
    if !xds.http.iter().any(enabled) {
        return;
    }
    let url = ctx.config.rate_limit_service_url();
    let authority = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
    let (host, port) = authority
        .rsplit_once(':')
        .map_or((authority, 0), |(h, p)| (h, p.parse().unwrap_or(0)));
    let setting = gwapi_ir::ir::DestinationSetting {
        name: crate::names::internal_backend(CLUSTER),
        protocol: Some(gwapi_ir::ir::Protocol::Grpc),
        address_type: Some(gwapi_ir::ir::AddressType::Fqdn),
        endpoints: vec![gwapi_ir::ir::DestinationEndpoint {
            host: host.to_owned(),
            port,
            ..gwapi_ir::ir::DestinationEndpoint::default()
        }],
        ..gwapi_ir::ir::DestinationSetting::default()
    };
    let destination = gwapi_ir::ir::RouteDestination {
        name: CLUSTER.to_owned(),
        settings: vec![setting],
        ..gwapi_ir::ir::RouteDestination::default()
    };
    let args = crate::cluster::ClusterArgs::default();
    let (mut cluster, assignment) =
        crate::cluster::build(ctx, CLUSTER, &destination.settings, &destination, &args);
    let certificate = xds
        .global_resources
        .as_ref()
        .and_then(|g| g.envoy_client_certificate.as_ref());
    cluster.transport_socket = Some(crate::cluster::tls::control_plane_client(
        certificate.map(|c| c.name.as_str()),
    ));
    ctx.add_cluster(cluster, assignment);
    if let Some(certificate) = certificate {
        for secret in crate::listener::tls::secrets(&gwapi_ir::ir::TlsConfig {
            certificates: vec![certificate.clone()],
            ..gwapi_ir::ir::TlsConfig::default()
        }) {
            ctx.add_secret(secret);
        }
    }
}

/// The actions of a client address range: the masked address, and the address itself when each address
/// counts separately.
pub(crate) fn cidr_actions(cidr: &CidrMatch, masked_key: &str, remote_key: &str) -> Vec<Action> {
    let (prefix, _) = cidr
        .cidr
        .split_once('/')
        .unwrap_or((cidr.cidr.as_str(), ""));
    let matcher = AddressMatcher {
        ranges: vec![CidrRange {
            address_prefix: prefix.to_owned(),
            prefix_len: Some(crate::wkt::uint32(cidr.mask_len)),
        }],
        invert_match: cidr.invert,
    };
    let masked = masked_value(cidr);
    let mut actions = vec![Action {
        action_specifier: Some(ActionSpecifier::RemoteAddressMatch(RemoteAddressMatch {
            address_matcher: Some(matcher.clone()),
            descriptor_key: masked_key.to_owned(),
            descriptor_value: masked,
            ..RemoteAddressMatch::default()
        })),
    }];
    if cidr.distinct {
        actions.push(Action {
            action_specifier: Some(ActionSpecifier::RemoteAddressMatch(RemoteAddressMatch {
                address_matcher: Some(matcher),
                descriptor_key: remote_key.to_owned(),
                descriptor_value: "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%".to_owned(),
                ..RemoteAddressMatch::default()
            })),
        });
    }
    actions
}

/// The descriptor value of a client address range (`invert:` marks an inverted match).
pub(crate) fn masked_value(cidr: &CidrMatch) -> String {
    if cidr.invert {
        format!("invert:{}", cidr.cidr)
    } else {
        cidr.cidr.clone()
    }
}
