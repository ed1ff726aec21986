//! `mergeBackends` on small snapshots: shared clusters, and the routes that keep their own.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;

use gwapi_model::builders::snapshot_in_order;
use gwapi_model::load::{Loader, LoaderConfig};

use crate::ir::{HttpRoute, RouteDestination, Xds};
use crate::translator::{Translator, TranslatorConfig};

const KEY: &str = "infra/gw";

/// A class whose EnvoyProxy sets `mergeBackends` (with `merge_backends` as its YAML body, not at all
/// when `None`), a Gateway with HTTP listeners `a` (port 80) and `b` (port 81) and TCP listeners `t`
/// and `u`, the Services `web` and `api` (port 8080, one endpoint each, `web` labelled
/// `tier: web`), plus `extra` objects.
fn translate(merge_backends: Option<&str>, extra: &str) -> Xds {
    let (web, api) = (endpoints("web", "10.1.0.1"), endpoints("api", "10.1.0.2"));
    let spec = merge_backends.map_or_else(
        || "spec: {}".to_owned(),
        |m| format!("spec:\n  mergeBackends: {m}"),
    );
    let yaml = format!(
        r"
apiVersion: v1
kind: Namespace
metadata: {{name: infra}}
---
apiVersion: v1
kind: Namespace
metadata: {{name: apps}}
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyProxy
metadata: {{namespace: infra, name: proxy}}
{spec}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {{name: eg}}
spec:
  controllerName: gateway.envoyproxy.io/gatewayclass-controller
  parametersRef: {{group: gateway.envoyproxy.io, kind: EnvoyProxy, namespace: infra, name: proxy}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {{namespace: infra, name: gw}}
spec:
  gatewayClassName: eg
  listeners:
  - {{name: a, port: 80, protocol: HTTP, allowedRoutes: {{namespaces: {{from: All}}}}}}
  - {{name: b, port: 81, protocol: HTTP, allowedRoutes: {{namespaces: {{from: All}}}}}}
  - {{name: t, port: 9000, protocol: TCP, allowedRoutes: {{namespaces: {{from: All}}}}}}
  - {{name: u, port: 9001, protocol: TCP, allowedRoutes: {{namespaces: {{from: All}}}}}}
---
apiVersion: v1
kind: Service
metadata: {{namespace: apps, name: web, labels: {{tier: web}}}}
spec:
  clusterIP: 10.0.0.1
  ports: [{{name: http, port: 8080, protocol: TCP}}]
---
apiVersion: v1
kind: Service
metadata: {{namespace: apps, name: api}}
spec:
  clusterIP: 10.0.0.2
  ports: [{{name: http, port: 8080, protocol: TCP}}]
---
{web}---
{api}---
{extra}"
    );
    let loaded = Loader::new(LoaderConfig::default()).load_str("test.yaml", &yaml);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let snapshot = snapshot_in_order(loaded.into_resources());
    let translation = Translator::new(TranslatorConfig::default()).translate(&snapshot);
    translation.xds.get(KEY).cloned().unwrap()
}

/// The EndpointSlice of Service `service`, with one ready endpoint at `ip`.
fn endpoints(service: &str, ip: &str) -> String {
    format!(
        "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {{namespace: apps, name: \
         {service}, labels: {{kubernetes.io/service-name: {service}}}}}\naddressType: IPv4\nports: \
         [{{name: http, port: 8080, protocol: TCP}}]\nendpoints: [{{addresses: [{ip}], conditions: \
         {{ready: true}}}}]\n"
    )
}

/// An HTTPRoute `name` on listener `section` (all listeners when empty) with one rule per backend
/// list (`"web"`, `"web api"`), each rule matching `/<name>/<index>`.
fn route(name: &str, section: &str, rules: &[&str]) -> String {
    let section = if section.is_empty() {
        String::new()
    } else {
        format!(", sectionName: {section}")
    };
    let mut out = format!(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{namespace: apps, \
         name: {name}}}\nspec:\n  parentRefs: [{{namespace: infra, name: gw{section}}}]\n  rules:\n"
    );
    for (i, backends) in rules.iter().enumerate() {
        let _ = write!(
            out,
            "  - name: rule-{i}\n    matches: [{{path: {{value: /{name}/{i}}}}}]\n    backendRefs:\n"
        );
        for b in backends.split_whitespace() {
            let _ = writeln!(out, "    - {{name: {b}, port: 8080}}");
        }
    }
    out.push_str("---\n");
    out
}

fn routes(xds: &Xds) -> Vec<&HttpRoute> {
    xds.http.iter().flat_map(|l| l.routes.iter()).collect()
}

fn destination<'x>(xds: &'x Xds, prefix: &str) -> &'x RouteDestination {
    routes(xds)
        .into_iter()
        .find(|r| r.name.starts_with(prefix))
        .and_then(|r| r.destination.as_ref())
        .unwrap()
}

fn refs(d: &RouteDestination) -> Vec<(&str, Option<u32>)> {
    d.backend_cluster_refs
        .iter()
        .map(|r| (r.name.as_str(), r.weight))
        .collect()
}

#[test]
fn routes_to_one_backend_share_its_cluster() {
    let extra = route("one", "a", &["web"]) + &route("two", "a", &["web"]);
    let xds = translate(Some("{}"), &extra);
    let names: Vec<&str> = xds
        .backend_clusters
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["service/apps/web/8080/http"]);
    let cluster = &xds.backend_clusters[0];
    let setting = cluster.setting.as_ref().unwrap();
    assert_eq!(setting.name, "service/apps/web/8080/http");
    assert_eq!(setting.weight, None);
    let meta = cluster.metadata.as_ref().unwrap();
    assert_eq!(
        (meta.kind.as_str(), meta.section_name.as_str()),
        ("Service", "8080")
    );
    for prefix in ["httproute/apps/one/", "httproute/apps/two/"] {
        let d = destination(&xds, prefix);
        assert!(d.settings.is_empty());
        assert_eq!(refs(d), [("service/apps/web/8080/http", Some(1))]);
    }
}

#[test]
fn without_merge_backends_every_route_keeps_its_cluster() {
    let extra = route("one", "a", &["web"]) + &route("two", "a", &["web"]);
    let xds = translate(None, &extra);
    assert!(xds.backend_clusters.is_empty());
    assert_eq!(destination(&xds, "httproute/apps/two/").settings.len(), 1);
}

#[test]
fn a_weighted_rule_references_each_backend_cluster_with_its_weight() {
    let extra = route("split", "a", &["web api"]);
    let xds = translate(Some("{}"), &extra);
    let d = destination(&xds, "httproute/apps/split/");
    assert_eq!(
        refs(d),
        [
            ("service/apps/web/8080/http", Some(1)),
            ("service/apps/api/8080/http", Some(1))
        ]
    );
    assert_eq!(xds.backend_clusters.len(), 2);
}

#[test]
fn a_route_policy_keeps_its_own_cluster() {
    let policy = "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\n\
                  metadata: {namespace: apps, name: cb}\nspec:\n  targetRefs: [{group: \
                  gateway.networking.k8s.io, kind: HTTPRoute, name: two}]\n  circuitBreaker: \
                  {maxConnections: 10}\n---\n";
    let extra = route("one", "a", &["web"]) + &route("two", "a", &["web"]) + policy;
    let xds = translate(Some("{}"), &extra);
    assert_eq!(xds.backend_clusters.len(), 1);
    assert_eq!(refs(destination(&xds, "httproute/apps/one/")).len(), 1);
    let two = destination(&xds, "httproute/apps/two/");
    assert!(two.backend_cluster_refs.is_empty());
    assert_eq!(two.settings.len(), 1);
}

#[test]
fn a_gateway_policy_shapes_the_shared_cluster() {
    let policy = "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\n\
                  metadata: {namespace: infra, name: cb}\nspec:\n  targetRefs: [{group: \
                  gateway.networking.k8s.io, kind: Gateway, name: gw}]\n  circuitBreaker: \
                  {maxConnections: 10}\n  useClientProtocol: true\n---\n";
    let extra = route("one", "a", &["web"]) + &route("two", "b", &["web"]) + policy;
    let xds = translate(Some("{}"), &extra);
    assert_eq!(xds.backend_clusters.len(), 1);
    let cluster = &xds.backend_clusters[0];
    assert!(cluster.use_client_protocol);
    assert!(
        cluster
            .traffic
            .as_ref()
            .and_then(|t| t.circuit_breaker.as_ref())
            .is_some()
    );
    for prefix in ["httproute/apps/one/", "httproute/apps/two/"] {
        assert_eq!(refs(destination(&xds, prefix)).len(), 1);
    }
}

#[test]
fn a_merged_route_policy_that_changes_nothing_still_shares() {
    let policies = "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\n\
                    metadata: {namespace: infra, name: gw}\nspec:\n  targetRefs: [{group: \
                    gateway.networking.k8s.io, kind: Gateway, name: gw}]\n  circuitBreaker: \
                    {maxConnections: 10}\n---\napiVersion: gateway.envoyproxy.io/v1alpha1\nkind: \
                    BackendTrafficPolicy\nmetadata: {namespace: apps, name: same}\nspec:\n  \
                    mergeType: StrategicMerge\n  targetRefs: [{group: gateway.networking.k8s.io, \
                    kind: HTTPRoute, name: two}]\n---\n";
    let extra = route("one", "a", &["web"]) + &route("two", "a", &["web"]) + policies;
    let xds = translate(Some("{}"), &extra);
    assert_eq!(refs(destination(&xds, "httproute/apps/two/")).len(), 1);
}

#[test]
fn a_listener_with_other_http1_settings_keeps_its_clusters() {
    let policy = "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: ClientTrafficPolicy\n\
                  metadata: {namespace: infra, name: case}\nspec:\n  targetRefs: [{group: \
                  gateway.networking.k8s.io, kind: Gateway, name: gw, sectionName: a}]\n  http1: \
                  {preserveHeaderCase: true}\n---\n";
    let extra = route("one", "a", &["web"]) + &route("two", "b", &["web"]) + policy;
    let xds = translate(Some("{}"), &extra);
    assert!(
        destination(&xds, "httproute/apps/one/")
            .backend_cluster_refs
            .is_empty()
    );
    assert_eq!(refs(destination(&xds, "httproute/apps/two/")).len(), 1);
}

#[test]
fn a_backend_with_filters_keeps_its_setting() {
    let filtered = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: \
                    {namespace: apps, name: mixed}\nspec:\n  parentRefs: [{namespace: infra, \
                    name: gw}]\n  rules:\n  - backendRefs:\n    - {name: web, port: 8080}\n    - \
                    name: api\n      port: 8080\n      filters:\n      - type: \
                    RequestHeaderModifier\n        requestHeaderModifier: {add: [{name: x, \
                    value: y}]}\n---\n";
    let xds = translate(Some("{}"), filtered);
    let d = destination(&xds, "httproute/apps/mixed/");
    assert_eq!(refs(d), [("service/apps/web/8080/http", Some(1))]);
    assert_eq!(d.settings.len(), 1);
    assert!(d.settings[0].filters.is_some());
}

#[test]
fn the_selector_picks_the_backends_that_merge() {
    let extra = route("both", "a", &["web", "api"]);
    let xds = translate(Some("{selector: {matchLabels: {tier: web}}}"), &extra);
    let names: Vec<&str> = xds
        .backend_clusters
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["service/apps/web/8080/http"]);
    let merged = routes(&xds)
        .iter()
        .filter_map(|r| r.destination.as_ref())
        .filter(|d| d.settings.is_empty())
        .count();
    assert_eq!(merged, 1);
}

#[test]
fn session_persistence_across_backends_keeps_the_route_cluster() {
    let sticky = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: \
                  {namespace: apps, name: sticky}\nspec:\n  parentRefs: [{namespace: infra, name: \
                  gw}]\n  rules:\n  - sessionPersistence: {sessionName: s, type: Cookie}\n    \
                  backendRefs:\n    - {name: web, port: 8080}\n    - {name: api, port: \
                  8080}\n---\n";
    let xds = translate(Some("{}"), sticky);
    assert!(xds.backend_clusters.is_empty());
    assert_eq!(
        destination(&xds, "httproute/apps/sticky/").settings.len(),
        2
    );
}

/// A TCPRoute `name` on TCP listener `section` with one rule over `backends`.
fn tcp_route(name: &str, section: &str, backends: &str) -> String {
    let refs: Vec<String> = backends
        .split_whitespace()
        .map(|b| format!("{{name: {b}, port: 8080}}"))
        .collect();
    format!(
        "apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata: {{namespace: \
         apps, name: {name}}}\nspec:\n  parentRefs: [{{namespace: infra, name: gw, sectionName: \
         {section}}}]\n  rules:\n  - backendRefs: [{}]\n---\n",
        refs.join(", ")
    )
}

#[test]
fn tcp_routes_share_a_cluster_only_with_a_single_backend() {
    let extra = tcp_route("one", "t", "web") + &tcp_route("two", "u", "web api");
    let xds = translate(Some("{}"), &extra);
    let names: Vec<&str> = xds
        .backend_clusters
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["service/apps/web/8080/tcp"]);
    let destination = |listener: &str| {
        xds.tcp
            .iter()
            .find(|l| l.name == listener)
            .and_then(|l| l.routes.first())
            .and_then(|r| r.destination.clone())
            .unwrap()
    };
    let one = destination("infra/gw/t");
    assert_eq!(refs(&one), [("service/apps/web/8080/tcp", Some(1))]);
    assert!(one.settings.is_empty());
    let two = destination("infra/gw/u");
    assert!(two.backend_cluster_refs.is_empty());
    assert_eq!(two.settings.len(), 2);
}
