//! Access logs on listeners (no-route connections only), connection managers and TCP proxies.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_xds::{ResourceKind, XdsConfig, XdsTranslator};

fn translate(yaml: &str) -> gwapi_xds::Translated {
    let value: serde_json::Value = serde_norway::from_str(yaml).unwrap();
    let ir = serde_json::from_value(value).unwrap();
    XdsTranslator::new(XdsConfig::default()).translate_partial(&ir)
}

const LISTENERS: &str = "
http:
- name: h
  address: 0.0.0.0
  port: 10080
  hostnames: ['*']
tcp:
- name: t
  address: 0.0.0.0
  port: 10090
";

#[test]
fn default_json_log_everywhere_with_the_no_route_filter_on_listeners() {
    let t = translate(&format!(
        "accessLog:\n  json:\n  - path: /dev/stdout\n{LISTENERS}"
    ));
    assert!(t.error.is_none(), "{:?}", t.error);
    let listeners = t.resources.to_json(ResourceKind::Listener).unwrap();
    for listener in &listeners {
        let log = &listener["accessLog"][0];
        assert_eq!(log["filter"]["responseFlagFilter"]["flags"][0], "NR");
        let format = &log["typedConfig"]["logFormat"]["jsonFormat"];
        assert_eq!(format["response_code"], "%RESPONSE_CODE%");
    }
    let hcm = &listeners[0]["defaultFilterChain"]["filters"][0]["typedConfig"];
    assert!(hcm["accessLog"][0].get("filter").is_none());
    let proxy = &listeners[1]["filterChains"][0]["filters"][0]["typedConfig"];
    assert_eq!(proxy["accessLog"][0]["name"], "envoy.access_loggers.file");
}

#[test]
fn cel_matches_are_required_alongside_the_no_route_flag() {
    let t = translate(&format!(
        "accessLog:\n  text:\n  - path: /dev/stdout\n    format: x\n    celMatches: ['request.path == \"/\"']\n{LISTENERS}"
    ));
    let listeners = t.resources.to_json(ResourceKind::Listener).unwrap();
    let filters = &listeners[0]["accessLog"][0]["filter"]["andFilter"]["filters"];
    assert_eq!(
        filters[0]["extensionFilter"]["name"],
        "envoy.access_loggers.extension_filters.cel"
    );
    assert_eq!(filters[1]["responseFlagFilter"]["flags"][0], "NR");
}

#[test]
fn a_text_log_without_format_is_an_error() {
    let t = translate(&format!(
        "accessLog:\n  text:\n  - path: /dev/stdout\n{LISTENERS}"
    ));
    assert!(t.error.unwrap().to_string().contains("text.Format is nil"));
}

#[test]
fn log_types_select_where_a_sink_goes() {
    let t = translate(&format!(
        "accessLog:\n  json:\n  - path: /l\n    logType: Listener\n  - path: /r\n    logType: Route\n{LISTENERS}"
    ));
    let listeners = t.resources.to_json(ResourceKind::Listener).unwrap();
    let listener_logs = listeners[0]["accessLog"].as_array().unwrap();
    assert_eq!(listener_logs.len(), 1);
    assert_eq!(listener_logs[0]["typedConfig"]["path"], "/l");
    let hcm = &listeners[0]["defaultFilterChain"]["filters"][0]["typedConfig"];
    assert_eq!(hcm["accessLog"].as_array().unwrap().len(), 1);
    assert_eq!(hcm["accessLog"][0]["typedConfig"]["path"], "/r");
}
