//! Property: rendering a RouteConfiguration to proto3 JSON and parsing it back gives the same message, for
//! the route configurations translated from generated IR (matches, headers, redirects, direct responses,
//! rewrites, weighted destinations, timeouts, retries, HTTP upgrades, HTTP/3).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_xds::render::{from_json, to_json};
use gwapi_xds::{XdsConfig, XdsTranslator};
use proptest::prelude::*;
use serde_json::{Value, json};

fn path_match() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"name": "", "prefix": "/"})),
        "/[a-z]{1,6}".prop_map(|p| json!({"name": "", "prefix": p})),
        "/[a-z]{1,6}/?".prop_map(|p| json!({"name": "", "exact": p})),
        "/[a-z]{1,4}/[0-9]+".prop_map(|p| json!({"name": "", "safeRegex": p})),
    ]
}

fn header_match() -> impl Strategy<Value = Value> {
    ("x-[a-z]{1,5}", "[a-zA-Z0-9,]{1,8}", any::<bool>()).prop_map(|(name, value, exact)| {
        if exact {
            json!({"name": name, "exact": value})
        } else {
            json!({"name": name, "prefix": value})
        }
    })
}

fn add_header() -> impl Strategy<Value = Value> {
    (
        "x-[a-z]{1,5}",
        prop::collection::vec("[ -~]{0,12}", 0..3),
        any::<bool>(),
    )
        .prop_map(|(name, value, append)| json!({"name": name, "value": value, "append": append}))
}

fn destination(name: String) -> impl Strategy<Value = Value> {
    prop::collection::vec((1u32..5, 0u32..200, 1u16..65535), 1..3).prop_map(move |settings| {
        let settings: Vec<Value> = settings
            .into_iter()
            .enumerate()
            .map(|(i, (weight, host, port))| {
                json!({
                    "name": format!("{name}/backend/{i}"),
                    "weight": weight,
                    "endpoints": [{"host": format!("10.0.0.{host}"), "port": port}],
                })
            })
            .collect();
        json!({"name": name, "settings": settings})
    })
}

/// What a route does: forward (optionally rewriting, with a timeout, retries and upgrades), redirect, or
/// respond directly.
fn action(name: String) -> impl Strategy<Value = Value> {
    prop_oneof![
        (
            destination(name),
            prop::option::of("[a-z]{1,8}\\.example\\.com"),
            prop::option::of(1u32..120),
            prop::option::of(1u32..5),
            prop::option::of(prop::sample::select(vec![
                "CONNECT",
                "websocket",
                "spdy/3.1"
            ])),
        )
            .prop_map(|(destination, host, timeout, retries, upgrade)| {
                let mut out = json!({ "destination": destination });
                if let Some(host) = host {
                    out["urlRewrite"] = json!({"host": {"name": host}});
                }
                if let Some(seconds) = timeout {
                    out["timeout"] = json!(format!("{seconds}s"));
                }
                if let Some(retries) = retries {
                    out["retry"] = json!({"numRetries": retries});
                }
                if let Some(kind) = upgrade {
                    out["traffic"] = json!({"httpUpgrade": [
                        {"type": kind, "connect": {"terminate": kind == "CONNECT"}}
                    ]});
                }
                out
            }),
        (
            prop::sample::select(vec![301u32, 302]),
            prop::option::of("[a-z]{1,8}\\.com"),
            prop::option::of("/[a-z]{0,6}"),
        )
            .prop_map(|(status, host, prefix)| {
                let mut redirect = json!({ "statusCode": status, "scheme": "https" });
                if let Some(host) = host {
                    redirect["hostname"] = json!(host);
                }
                if let Some(prefix) = prefix {
                    redirect["path"] = json!({ "prefixMatchReplace": prefix });
                }
                json!({ "redirect": redirect })
            }),
        (200u32..600, prop::option::of("[ -~]{0,40}")).prop_map(|(status, body)| {
            let mut response = json!({ "statusCode": status });
            if let Some(body) = body {
                response["body"] = json!(body.into_bytes());
            }
            json!({ "directResponse": response })
        }),
    ]
}

fn route(index: usize) -> impl Strategy<Value = Value> {
    let name = format!("httproute/ns/r{index}/rule/0/match/0");
    (
        prop::sample::select(vec!["*", "www.example.com", "*.example.org"]),
        path_match(),
        prop::collection::vec(header_match(), 0..3),
        prop::collection::vec(add_header(), 0..3),
        prop::collection::vec("x-[a-z]{1,5}", 0..2),
        action(format!("httproute/ns/r{index}/rule/0")),
    )
        .prop_map(move |(hostname, path, headers, add, remove, action)| {
            let mut route = json!({
                "name": name,
                "hostname": hostname,
                "pathMatch": path,
                "headerMatches": headers,
                "addResponseHeaders": add,
                "removeRequestHeaders": remove,
            });
            if let (Value::Object(route), Value::Object(action)) = (&mut route, action) {
                route.extend(action);
            }
            route
        })
}

fn listener() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(0usize..1, 1..6),
        any::<bool>(),
        prop::option::of(1u32..2000),
    )
        .prop_flat_map(|(sizes, http3, external_port)| {
            let routes: Vec<_> = (0..sizes.len()).map(route).collect();
            (routes, Just(http3), Just(external_port))
        })
        .prop_map(|(routes, http3, external_port)| {
            let mut listener = json!({
                "name": "ns/gw/web",
                "address": "0.0.0.0",
                "port": 10443,
                "hostnames": ["*"],
                "routes": routes,
            });
            if http3 {
                listener["http3"] = json!({});
                listener["tls"] = json!({"certificates": [{"name": "ns/cert"}]});
            }
            if let Some(port) = external_port {
                listener["externalPort"] = json!(port);
            }
            json!({ "http": [listener] })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn route_configurations_survive_a_json_round_trip(ir in listener()) {
        let ir = serde_json::from_value(ir).unwrap();
        let translated = XdsTranslator::new(XdsConfig::default()).translate_partial(&ir);
        prop_assert!(!translated.resources.routes.is_empty(), "{:?}", translated.error);
        for route_config in &translated.resources.routes {
            let rendered = to_json(route_config).unwrap();
            let parsed: envoy_types::pb::envoy::config::route::v3::RouteConfiguration =
                from_json(&rendered).unwrap();
            prop_assert_eq!(&parsed, route_config);
            prop_assert_eq!(to_json(&parsed).unwrap(), rendered);
        }
    }
}
