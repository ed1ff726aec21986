//! BackendTrafficPolicy end to end on small snapshots: features on the IR routes, the Envoy client
//! certificate of global rate limits, invalid policies failing their routes closed, TCP routes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_model::builders::{
    GatewayBuilder, GatewayClassBuilder, HttpRouteBuilder, ServiceBuilder, meta, snapshot_in_order,
};
use gwapi_model::core::Secret;
use gwapi_model::envoy_gateway::BackendTrafficPolicy;
use gwapi_model::gateway_api::{ProtocolType, TcpRoute};
use gwapi_model::resource::Resource;

use crate::translator::{Translation, Translator, TranslatorConfig};

fn translate(objects: Vec<Resource>) -> Translation {
    let config = TranslatorConfig::default().gateway_class_name("eg");
    Translator::new(config).translate(&snapshot_in_order(objects))
}

fn base() -> Vec<Resource> {
    vec![
        gwapi_model::core::Namespace {
            metadata: meta("", "infra"),
            ..gwapi_model::core::Namespace::default()
        }
        .into(),
        GatewayClassBuilder::new("eg").build().into(),
        GatewayBuilder::new("infra", "gw")
            .class("eg")
            .http_listener("http", 80)
            .build()
            .into(),
        ServiceBuilder::new("infra", "web")
            .port("http", 8080)
            .build()
            .into(),
        HttpRouteBuilder::new("infra", "web")
            .parent_in("infra", "gw")
            .rule(|r| r.path_prefix("/").backend("web", 8080))
            .build()
            .into(),
    ]
}

fn policy(spec: &str) -> Resource {
    let mut p: BackendTrafficPolicy = serde_norway::from_str(&format!(
        "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\nmetadata: {{}}\n\
         spec:\n  targetRefs:\n  - {{group: gateway.networking.k8s.io, kind: Gateway, name: gw}}\n{spec}"
    ))
    .unwrap();
    p.metadata = meta("infra", "btp");
    p.into()
}

fn route_json(t: &Translation) -> serde_json::Value {
    let route = &t.xds["infra/gw"].http[0].routes[0];
    serde_json::to_value(route).unwrap()
}

#[test]
fn local_rate_limit_and_retry_reach_the_routes() {
    let mut objects = base();
    objects.push(policy(
        "  rateLimit:\n    local:\n      rules:\n      - limit: {requests: 10, unit: Minute}\n  \
         retry:\n    numRetries: 3\n",
    ));
    let v = route_json(&translate(objects));
    assert_eq!(
        v["traffic"]["rateLimit"]["local"]["default"],
        serde_json::json!({"requests": 10, "unit": "Minute"})
    );
    assert_eq!(v["traffic"]["retry"]["numRetries"], 3);
    assert_eq!(v["metadata"]["policies"][0]["name"], "btp");
}

#[test]
fn global_rate_limit_brings_the_envoy_client_certificate() {
    let mut objects = base();
    let secret: Secret = serde_norway::from_str(
        "metadata: {name: envoy, namespace: envoy-gateway-system}\ndata: {tls.crt: Y2VydA==, tls.key: a2V5}\n",
    )
    .unwrap();
    objects.push(secret.into());
    objects.push(policy(
        "  rateLimit:\n    global:\n      rules:\n      - clientSelectors:\n        - headers: [{name: x-user, value: one}]\n        \
         limit: {requests: 5, unit: Hour}\n",
    ));
    let t = translate(objects);
    let global = t.xds["infra/gw"].global_resources.clone().unwrap();
    assert_eq!(
        global.envoy_client_certificate.unwrap().name,
        "envoy-gateway-system/envoy"
    );
    assert_eq!(
        route_json(&t)["traffic"]["rateLimit"]["global"]["rules"][0]["name"],
        "infra/btp/rule/0"
    );
}

#[test]
fn an_invalid_policy_fails_its_routes_closed() {
    let mut objects = base();
    objects.push(policy(
        "  bandwidthLimit:\n    request:\n      limit: {value: '1023', unit: Second}\n",
    ));
    let v = route_json(&translate(objects));
    assert_eq!(v["directResponse"]["statusCode"], 500);
    assert!(v.get("traffic").is_none());
}

#[test]
fn tcp_routes_take_the_connection_features_of_their_gateway_policy() {
    let mut objects = base();
    objects[2] = GatewayBuilder::new("infra", "gw")
        .class("eg")
        .listener("tcp", ProtocolType::Tcp, 9000, |l| l)
        .build()
        .into();
    let route: TcpRoute = serde_norway::from_str(
        "apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\n\
         metadata: {namespace: infra, name: db}\n\
         spec:\n  parentRefs: [{name: gw}]\n  rules:\n  - backendRefs: [{name: web, port: 8080}]\n",
    )
    .unwrap();
    objects.push(route.into());
    objects.push(policy(
        "  loadBalancer: {type: ConsistentHash, consistentHash: {type: SourceIP}}\n  \
         circuitBreaker: {maxConnections: 10}\n",
    ));
    let t = translate(objects);
    let route = &t.xds["infra/gw"].tcp[0].routes[0];
    let v = serde_json::to_value(route).unwrap();
    assert_eq!(
        v["loadBalancer"],
        serde_json::json!({"consistentHash": {"sourceIP": true}})
    );
    assert_eq!(v["circuitBreaker"]["maxConnections"], 10);
    assert_eq!(v["metadata"]["policies"][0]["name"], "btp");
}
