//! Protocol upgrades of routes: WebSocket by default, or the upgrades a BackendTrafficPolicy lists
//! (`httpUpgrade`), `CONNECT` among them.

use envoy_types::pb::envoy::config::route::v3::route_action::{
    UpgradeConfig, upgrade_config::ConnectConfig,
};
use gwapi_ir::ir::HttpRoute;

/// The upgrade type of HTTP `CONNECT`.
const CONNECT: &str = "CONNECT";
/// The upgrade every HTTP/1 route allows unless its policy lists others.
const WEBSOCKET: &str = "websocket";

/// The upgrades `route` allows: none on HTTP/2-only (gRPC) routes, the listed ones, or WebSocket.
pub(crate) fn configs(route: &HttpRoute) -> Vec<UpgradeConfig> {
    if route.is_http2 {
        return Vec::new();
    }
    let listed = route
        .traffic
        .as_ref()
        .map(|t| t.http_upgrade.as_slice())
        .unwrap_or_default();
    if listed.is_empty() {
        return vec![UpgradeConfig {
            upgrade_type: WEBSOCKET.to_owned(),
            ..UpgradeConfig::default()
        }];
    }
    listed
        .iter()
        .map(|u| UpgradeConfig {
            upgrade_type: u.kind.clone(),
            // Envoy terminates a CONNECT (and forwards its payload) when the config is present.
            connect_config: u
                .connect
                .as_ref()
                .filter(|c| c.terminate)
                .map(|_| ConnectConfig::default()),
            ..UpgradeConfig::default()
        })
        .collect()
}

/// Whether `route` serves `CONNECT` requests (which carry no path, so the route matches them instead of
/// a path).
pub(crate) fn is_connect(route: &HttpRoute) -> bool {
    !route.is_http2
        && route.traffic.as_ref().is_some_and(|t| {
            t.http_upgrade
                .iter()
                .any(|u| u.kind.eq_ignore_ascii_case(CONNECT))
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use gwapi_ir::ir::{ConnectUpgrade, HttpUpgrade, TrafficFeatures};

    fn route(upgrades: Vec<HttpUpgrade>) -> HttpRoute {
        HttpRoute {
            traffic: Some(TrafficFeatures {
                http_upgrade: upgrades,
                ..TrafficFeatures::default()
            }),
            ..HttpRoute::default()
        }
    }

    #[test]
    fn websocket_by_default_none_on_http2() {
        let plain = HttpRoute::default();
        assert_eq!(configs(&plain)[0].upgrade_type, WEBSOCKET);
        assert!(!is_connect(&plain));
        let grpc = HttpRoute {
            is_http2: true,
            ..HttpRoute::default()
        };
        assert!(configs(&grpc).is_empty());
    }

    #[test]
    fn connect_terminated() {
        let r = route(vec![HttpUpgrade {
            kind: CONNECT.to_owned(),
            connect: Some(ConnectUpgrade { terminate: true }),
        }]);
        let c = configs(&r);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].upgrade_type, CONNECT);
        assert!(c[0].connect_config.is_some());
        assert!(is_connect(&r));
    }

    #[test]
    fn connect_proxied() {
        let r = route(vec![
            HttpUpgrade {
                kind: "websocket".to_owned(),
                connect: None,
            },
            HttpUpgrade {
                kind: CONNECT.to_owned(),
                connect: Some(ConnectUpgrade { terminate: false }),
            },
        ]);
        let c = configs(&r);
        assert_eq!(c.len(), 2);
        assert!(c[1].connect_config.is_none());
    }
}
