//! The ready listener: answers Envoy's readiness probe on its own address, outside the overload manager.

use envoy_types::pb::envoy::config::core::v3::socket_address::Protocol;
use envoy_types::pb::envoy::config::listener::v3::{Filter, FilterChain, Listener, filter};
use envoy_types::pb::envoy::config::route::v3::{
    DirectResponseAction, HeaderMatcher, Route, RouteConfiguration, RouteMatch, VirtualHost,
    header_matcher::HeaderMatchSpecifier, route::Action, route_match::PathSpecifier,
};
use envoy_types::pb::envoy::extensions::filters::http::health_check::v3::HealthCheck;
use envoy_types::pb::envoy::extensions::filters::http::router::v3::Router;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpConnectionManager, HttpFilter, http_connection_manager::RouteSpecifier,
    http_filter::ConfigType,
};
use envoy_types::pb::envoy::r#type::matcher::v3::{StringMatcher, string_matcher::MatchPattern};
use gwapi_ir::ir::ReadyListener;

use crate::address::socket;
use crate::any::pack;
use crate::listener::http::HCM;
use crate::names;
use crate::wkt::boolean;

/// The ready listener of `ready`.
pub(crate) fn listener(ready: &ReadyListener) -> Listener {
    let health = HealthCheck {
        pass_through_mode: Some(boolean(false)),
        headers: vec![HeaderMatcher {
            name: ":path".to_owned(),
            header_match_specifier: Some(HeaderMatchSpecifier::StringMatch(StringMatcher {
                match_pattern: Some(MatchPattern::Exact(ready.path.clone())),
                ..StringMatcher::default()
            })),
            ..HeaderMatcher::default()
        }],
        ..HealthCheck::default()
    };
    let router = Router {
        suppress_envoy_headers: true,
        ..Router::default()
    };
    let route_config = RouteConfiguration {
        name: names::READY_ROUTE.to_owned(),
        virtual_hosts: vec![VirtualHost {
            name: names::READY_ROUTE.to_owned(),
            domains: vec!["*".to_owned()],
            routes: vec![Route {
                r#match: Some(RouteMatch {
                    path_specifier: Some(PathSpecifier::Prefix("/".to_owned())),
                    ..RouteMatch::default()
                }),
                action: Some(Action::DirectResponse(DirectResponseAction {
                    status: 500,
                    ..DirectResponseAction::default()
                })),
                ..Route::default()
            }],
            ..VirtualHost::default()
        }],
        ..RouteConfiguration::default()
    };
    let hcm = HttpConnectionManager {
        stat_prefix: names::READY_STAT_PREFIX.to_owned(),
        route_specifier: Some(RouteSpecifier::RouteConfig(route_config)),
        http_filters: vec![
            HttpFilter {
                name: "envoy.filters.http.health_check".to_owned(),
                config_type: Some(ConfigType::TypedConfig(pack(&health))),
                ..HttpFilter::default()
            },
            HttpFilter {
                name: "envoy.filters.http.router".to_owned(),
                config_type: Some(ConfigType::TypedConfig(pack(&router))),
                ..HttpFilter::default()
            },
        ],
        ..HttpConnectionManager::default()
    };
    Listener {
        name: names::ready_listener(&ready.address, ready.port),
        address: Some(socket(&ready.address, ready.port, Protocol::Tcp)),
        bypass_overload_manager: true,
        filter_chains: vec![FilterChain {
            filters: vec![Filter {
                name: HCM.to_owned(),
                config_type: Some(filter::ConfigType::TypedConfig(pack(&hcm))),
            }],
            ..FilterChain::default()
        }],
        ..Listener::default()
    }
}
