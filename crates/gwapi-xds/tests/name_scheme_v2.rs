//! Under XDSNameSchemeV2, listeners are named after protocol and client port, plain-HTTP route
//! configurations after the port, and virtual hosts after their hostname alone.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_xds::{XdsConfig, XdsTranslator};

const IR: &str = "
http:
- name: ns/gw/http
  address: 0.0.0.0
  port: 10080
  externalPort: 80
  hostnames: ['*']
  routes:
  - name: r
    hostname: foo.net
    destination:
      name: d
      settings:
      - name: d/backend/0
        endpoints: [{host: 1.2.3.4, port: 8080}]
udp:
- name: ns/gw/udp
  address: 0.0.0.0
  port: 10053
  externalPort: 53
";

fn translate(v2: bool) -> gwapi_xds::XdsResources {
    let value: serde_json::Value = serde_norway::from_str(IR).unwrap();
    let ir = serde_json::from_value(value).unwrap();
    XdsTranslator::new(XdsConfig::default().enable_xds_name_scheme_v2(v2))
        .translate(&ir)
        .unwrap()
}

#[test]
fn names_follow_ports() {
    let resources = translate(true);
    let names: Vec<&str> = resources
        .listeners
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(names, ["tcp-80", "udp-53"]);
    assert_eq!(resources.routes[0].name, "http-80");
    assert_eq!(resources.routes[0].virtual_hosts[0].name, "foo_net");
    let chain = resources.listeners[0]
        .default_filter_chain
        .as_ref()
        .unwrap();
    assert_eq!(chain.name, "http-80");
}

#[test]
fn default_scheme_keeps_ir_names() {
    let resources = translate(false);
    assert_eq!(resources.listeners[0].name, "ns/gw/http");
    assert_eq!(resources.routes[0].name, "ns/gw/http");
    assert_eq!(
        resources.routes[0].virtual_hosts[0].name,
        "ns/gw/http/foo_net"
    );
}
