//! Telemetry of small snapshots: defaults, sinks resolved to destinations, unresolved sinks reported on
//! the Gateway, invalid EnvoyProxy objects, EnvoyProxy statuses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_model::ConditionStatus;
use gwapi_model::builders::{
    GatewayBuilder, GatewayClassBuilder, ServiceBuilder, snapshot_in_order,
};
use gwapi_model::envoy_gateway::EnvoyProxy;
use gwapi_model::gateway_api::{
    GatewayInfrastructure, LocalParametersReference, ParametersReference,
};
use gwapi_model::resource::{ObjectKey, Resource, ResourceKind};

use crate::ir::{AccessLogType, AddressType, AlsAccessLogType};
use crate::translator::{ObjectStatus, Translation, Translator, TranslatorConfig};

const KEY: &str = "infra/gw";

fn proxy(namespace: &str, name: &str, spec: &str) -> EnvoyProxy {
    let yaml = format!(
        "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: EnvoyProxy\nmetadata:\n  namespace: {namespace}\n  name: {name}\nspec:\n{spec}"
    );
    serde_norway::from_str(&yaml).unwrap()
}

/// A class (naming `class_proxy`), one Gateway (naming `gateway_proxy`), and a collector Service.
fn translate(class_proxy: Option<&EnvoyProxy>, gateway_proxy: Option<&EnvoyProxy>) -> Translation {
    let mut class = GatewayClassBuilder::new("eg").build();
    class.spec.parameters_ref = class_proxy.map(|p| ParametersReference {
        group: "gateway.envoyproxy.io".to_owned(),
        kind: "EnvoyProxy".to_owned(),
        name: p.metadata.name.clone().unwrap(),
        namespace: p.metadata.namespace.clone(),
    });
    let mut gateway = GatewayBuilder::new("infra", "gw")
        .class("eg")
        .http_listener("http", 80)
        .build();
    if let Some(p) = gateway_proxy {
        gateway.spec.infrastructure = Some(GatewayInfrastructure {
            parameters_ref: Some(LocalParametersReference {
                group: "gateway.envoyproxy.io".to_owned(),
                kind: "EnvoyProxy".to_owned(),
                name: p.metadata.name.clone().unwrap(),
            }),
            ..GatewayInfrastructure::default()
        });
    }
    let mut objects: Vec<Resource> = vec![
        class.into(),
        gateway.into(),
        ServiceBuilder::new("monitoring", "collector")
            .port("grpc", 4317)
            .cluster_ip("10.0.0.7")
            .build()
            .into(),
    ];
    objects.extend(class_proxy.cloned().map(Resource::from));
    objects.extend(gateway_proxy.cloned().map(Resource::from));
    let config = TranslatorConfig::default().gateway_class_name("eg");
    Translator::new(config).translate(&snapshot_in_order(objects))
}

fn gateway_accepted(t: &Translation) -> Option<(ConditionStatus, String, String)> {
    let key = ObjectKey {
        kind: ResourceKind::Gateway,
        namespace: "infra".to_owned(),
        name: "gw".to_owned(),
    };
    let Some(ObjectStatus::Gateway(status)) = t.statuses.get(&key) else {
        panic!("no Gateway status");
    };
    status
        .conditions
        .iter()
        .find(|c| c.type_ == "Accepted")
        .map(|c| (c.status, c.reason.clone(), c.message.clone()))
}

fn proxy_status(t: &Translation, namespace: &str, name: &str) -> ObjectStatus {
    let key = ObjectKey {
        kind: ResourceKind::EnvoyProxy,
        namespace: namespace.to_owned(),
        name: name.to_owned(),
    };
    t.statuses.get(&key).cloned().expect("EnvoyProxy status")
}

#[test]
fn without_envoy_proxy_the_fleet_logs_json_to_stdout() {
    let t = translate(None, None);
    let log = t.xds[KEY].access_log.clone().unwrap();
    assert_eq!(log.json.len(), 1);
    assert_eq!(log.json[0].path, "/dev/stdout");
    assert!(t.xds[KEY].tracing.is_none());
    assert!(t.xds[KEY].metrics.is_none());
}

#[test]
fn sinks_become_destinations_named_after_their_position() {
    let p = proxy(
        "infra",
        "telemetry",
        r"
  telemetry:
    accessLog:
      settings:
      - type: Route
      - format: {type: Text, text: 'line'}
        sinks:
        - type: File
          file: {path: /tmp/log}
        - type: ALS
          als:
            type: TCP
            backendRefs: [{name: collector, namespace: monitoring, port: 4317}]
    tracing:
      samplingFraction: {numerator: 1, denominator: 4}
      provider:
        type: OpenTelemetry
        host: otel.example.com
    metrics:
      enableVirtualHostStats: true
      sinks:
      - type: OpenTelemetry
        openTelemetry:
          backendRefs: [{name: collector, namespace: monitoring, port: 4317}]
",
    );
    let t = translate(Some(&p), None);
    let xds = &t.xds[KEY];
    let log = xds.access_log.clone().unwrap();
    assert_eq!(log.json[0].log_type, Some(AccessLogType::Route));
    assert_eq!(log.text[0].format.as_deref(), Some("line"));
    assert_eq!(log.text[0].path, "/tmp/log");
    let als = &log.als[0];
    assert_eq!(als.als_type, AlsAccessLogType::Tcp);
    assert_eq!(als.name, "infra/telemetry");
    assert_eq!(als.destination.name, "accesslog_als_1_1");
    assert_eq!(
        als.destination.settings[0].name,
        "accesslog_als_1_1/backend/-1"
    );
    assert_eq!(als.text.as_deref(), Some("line"));

    let tracing = xds.tracing.clone().unwrap();
    assert_eq!(tracing.service_name, "gw.infra");
    assert!((tracing.sampling_rate - 25.0).abs() < f64::EPSILON);
    assert_eq!(tracing.authority, "otel.example.com");
    let setting = &tracing.destination.unwrap().settings[0];
    assert_eq!(setting.address_type, Some(AddressType::Fqdn));
    assert_eq!(setting.endpoints[0].port, 4317);

    assert!(xds.metrics.unwrap().enable_virtual_host_stats);
    let sinks = &t.infra[KEY].proxy.as_ref().unwrap().resolved_metric_sinks;
    assert_eq!(sinks[0].authority, "collector.monitoring.svc");
    assert_eq!(sinks[0].destination.name, "metrics_otel_0");
}

#[test]
fn an_unresolved_tracing_backend_drops_tracing_and_refuses_the_gateway() {
    let p = proxy(
        "infra",
        "telemetry",
        r"
  telemetry:
    tracing:
      provider:
        backendRefs: [{name: missing, namespace: monitoring, port: 4317}]
",
    );
    let t = translate(Some(&p), None);
    assert!(t.xds[KEY].tracing.is_none());
    assert!(t.xds[KEY].access_log.is_some());
    assert!(!t.xds[KEY].http.is_empty());
    let (status, reason, message) = gateway_accepted(&t).unwrap();
    assert_eq!(status, ConditionStatus::False);
    assert_eq!(reason, "InvalidParameters");
    assert_eq!(
        message,
        "Invalid tracing backendRefs in the referenced EnvoyProxy: service monitoring/missing not found"
    );
}

#[test]
fn an_invalid_cel_match_refuses_the_gateway() {
    let p = proxy(
        "infra",
        "telemetry",
        r"
  telemetry:
    accessLog:
      settings:
      - matches: ['response.code >= (400']
        sinks: [{type: File, file: {path: /dev/stdout}}]
",
    );
    let t = translate(Some(&p), None);
    assert!(t.xds[KEY].access_log.is_none());
    let (_, _, message) = gateway_accepted(&t).unwrap();
    assert!(message.ends_with("invalid CEL expression: response.code >= (400"));
}

#[test]
fn a_sink_without_its_settings_invalidates_the_envoy_proxy() {
    let p = proxy(
        "infra",
        "bad",
        r"
  telemetry:
    accessLog:
      settings:
      - sinks: [{type: File}]
",
    );
    let t = translate(None, Some(&p));
    assert_eq!(t.xds[KEY], crate::ir::Xds::default());
    assert!(t.infra[KEY].proxy.as_ref().unwrap().config.is_none());
    let (status, reason, message) = gateway_accepted(&t).unwrap();
    assert_eq!(status, ConditionStatus::False);
    assert_eq!(reason, "InvalidParameters");
    assert!(message.starts_with("Invalid parametersRef:: unable to configure access log"));
    let ObjectStatus::EnvoyProxy(status) = proxy_status(&t, "infra", "bad") else {
        panic!("not an EnvoyProxy status");
    };
    let ancestor = &status.ancestors[0];
    assert_eq!(ancestor.ancestor_ref.kind.as_deref(), Some("Gateway"));
    assert_eq!(ancestor.conditions[0].status, ConditionStatus::False);
}

#[test]
fn a_gateway_envoy_proxy_is_accepted_for_its_gateway_and_carries_its_status() {
    let class = proxy("infra", "class", "  routingType: Service\n");
    let own = proxy(
        "infra",
        "own",
        "  telemetry:\n    metrics:\n      enableGRPCStats: true\n",
    );
    let t = translate(Some(&class), Some(&own));
    let ObjectStatus::EnvoyProxy(status) = proxy_status(&t, "infra", "own") else {
        panic!("not an EnvoyProxy status");
    };
    assert_eq!(status.ancestors[0].ancestor_ref.name, "gw");
    assert_eq!(status.ancestors[0].conditions[0].reason, "Accepted");
    let config = t.infra[KEY].proxy.as_ref().unwrap().config.clone().unwrap();
    assert_eq!(config.status, Some(status));
    let ObjectStatus::EnvoyProxy(class_status) = proxy_status(&t, "infra", "class") else {
        panic!("not an EnvoyProxy status");
    };
    assert_eq!(
        class_status.ancestors[0].ancestor_ref.kind.as_deref(),
        Some("GatewayClass")
    );
    let grpc = t.xds[KEY].http[0].grpc.clone().unwrap();
    assert!(grpc.enable_grpc_stats);
}

#[test]
fn service_routing_and_cluster_stat_names_apply_to_the_routes_of_the_fleet() {
    use gwapi_model::builders::{HttpRouteBuilder, meta};
    let p = proxy(
        "infra",
        "class",
        "  routingType: Service\n  telemetry:\n    metrics:\n      clusterStatName: '%ROUTE_KIND%/%ROUTE_NAME%/%ROUTE_RULE_NUMBER%/%BACKEND_REFS%'\n",
    );
    let mut class = GatewayClassBuilder::new("eg").build();
    class.spec.parameters_ref = Some(ParametersReference {
        group: "gateway.envoyproxy.io".to_owned(),
        kind: "EnvoyProxy".to_owned(),
        name: "class".to_owned(),
        namespace: Some("infra".to_owned()),
    });
    let objects: Vec<Resource> = vec![
        gwapi_model::core::Namespace {
            metadata: meta("", "infra"),
            ..gwapi_model::core::Namespace::default()
        }
        .into(),
        class.into(),
        p.into(),
        GatewayBuilder::new("infra", "gw")
            .class("eg")
            .http_listener("http", 80)
            .build()
            .into(),
        ServiceBuilder::new("infra", "web")
            .port("http", 8080)
            .cluster_ip("10.1.2.3")
            .build()
            .into(),
        serde_norway::from_str::<gwapi_model::core::EndpointSlice>(
            "metadata: {namespace: infra, name: web, labels: {kubernetes.io/service-name: web}}\naddressType: IPv4\nendpoints: [{addresses: [7.7.7.7]}]\nports: [{name: http, port: 8080}]\n",
        )
        .unwrap()
        .into(),
        HttpRouteBuilder::new("infra", "r")
            .parent("gw")
            .rule(|r| r.path_prefix("/").backend("web", 8080))
            .build()
            .into(),
    ];
    let config = TranslatorConfig::default().gateway_class_name("eg");
    let t = Translator::new(config).translate(&snapshot_in_order(objects));
    let destination = t.xds[KEY].http[0].routes[0].destination.clone().unwrap();
    let setting = &destination.settings[0];
    assert_eq!(setting.endpoints[0].host, "10.1.2.3");
    assert_eq!(setting.endpoints[0].port, 8080);
    assert_eq!(setting.address_type, None);
    assert_eq!(
        destination.stat_name.as_deref(),
        Some("httproute/r/0/infra/web")
    );
}

#[test]
fn the_class_envoy_proxy_is_carried_with_its_status() {
    let class = proxy("infra", "class", "  routingType: Service\n");
    let t = translate(Some(&class), None);
    let ObjectStatus::EnvoyProxy(status) = proxy_status(&t, "infra", "class") else {
        panic!("not an EnvoyProxy status");
    };
    assert_eq!(
        status.ancestors[0].ancestor_ref.kind.as_deref(),
        Some("GatewayClass")
    );
    let config = t.infra[KEY].proxy.as_ref().unwrap().config.clone().unwrap();
    assert_eq!(config.status, Some(status));
}

#[test]
fn without_endpoint_routing_services_are_reached_by_cluster_ip_and_service_port() {
    use gwapi_model::builders::{HttpRouteBuilder, meta};
    let objects: Vec<Resource> = vec![
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
            .port("http", 80)
            .cluster_ip("10.1.2.3")
            .build()
            .into(),
        serde_norway::from_str::<gwapi_model::core::EndpointSlice>(
            "metadata: {namespace: infra, name: web, labels: {kubernetes.io/service-name: web}}\naddressType: IPv4\nendpoints: [{addresses: [7.7.7.7]}]\nports: [{name: http, port: 8080}]\n",
        )
        .unwrap()
        .into(),
        HttpRouteBuilder::new("infra", "r")
            .parent("gw")
            .rule(|r| r.path_prefix("/").backend("web", 80))
            .build()
            .into(),
    ];
    let snapshot = snapshot_in_order(objects);
    let endpoint_of = |config: TranslatorConfig| {
        let t = Translator::new(config).translate(&snapshot);
        let setting = t.xds[KEY].http[0].routes[0]
            .destination
            .clone()
            .unwrap()
            .settings[0]
            .clone();
        (
            setting.endpoints[0].host.clone(),
            setting.endpoints[0].port,
            setting.address_type,
        )
    };
    let config = TranslatorConfig::default().gateway_class_name("eg");
    assert_eq!(
        endpoint_of(config.clone()),
        ("7.7.7.7".to_owned(), 8080, Some(AddressType::Ip))
    );
    assert_eq!(
        endpoint_of(config.enable_endpoint_routing(false)),
        ("10.1.2.3".to_owned(), 80, None)
    );
}
