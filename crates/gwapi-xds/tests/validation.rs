//! Resources that break Envoy's validation rules are reported and left out.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_xds::{XdsConfig, XdsTranslator};

fn translate(yaml: &str) -> gwapi_xds::Translated {
    let value: serde_json::Value = serde_norway::from_str(yaml).unwrap();
    let ir = serde_json::from_value(value).unwrap();
    XdsTranslator::new(XdsConfig::default()).translate_partial(&ir)
}

#[test]
fn an_endpoint_without_address_is_an_error() {
    let t = translate(
        "tcp:\n- name: l\n  address: '::'\n  port: 10080\n  routes:\n  - name: r\n    destination:\n      name: d\n      settings:\n      - name: d/backend/0\n        endpoints:\n        - port: 50000\n",
    );
    let error = t.error.expect("an error");
    assert!(
        error
            .to_string()
            .contains("validation failed for xds resource"),
        "{error}"
    );
    assert!(t.resources.clusters.is_empty());
    assert!(t.resources.endpoints.is_empty());
}

#[test]
fn a_listener_without_address_is_an_error() {
    let t = translate("http:\n- name: l\n  address: ''\n  port: 10080\n  hostnames: ['*']\n");
    assert!(t.error.is_some());
    assert!(t.resources.listeners.is_empty());
}

#[test]
fn rendering_is_deterministic() {
    let yaml = "http:\n- name: l\n  address: '::'\n  port: 10080\n  hostnames: ['*']\n  routes:\n  - name: r\n    hostname: '*'\n    metadata: {kind: HTTPRoute, name: n, namespace: ns, sectionName: s}\n    destination:\n      name: d\n      settings:\n      - name: d/backend/0\n        endpoints:\n        - host: 1.2.3.4\n          port: 80\n";
    let first = translate(yaml).resources;
    for _ in 0..10 {
        let again = translate(yaml).resources;
        for kind in gwapi_xds::ResourceKind::ALL {
            assert_eq!(
                serde_json::to_string(&first.to_json(kind).unwrap()).unwrap(),
                serde_json::to_string(&again.to_json(kind).unwrap()).unwrap()
            );
        }
    }
}
