//! JWT authentication, RBAC (HTTP and network), and dynamic resolver backends: small IRs, assertions
//! on the xDS they become.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_xds::{ResourceKind, XdsConfig, XdsTranslator};
use serde_json::Value;

struct Out {
    listeners: Vec<Value>,
    routes: Vec<Value>,
    clusters: Vec<Value>,
}

fn translate(yaml: &str) -> Out {
    let value: Value = serde_norway::from_str(yaml).unwrap();
    let ir = serde_json::from_value(value).unwrap();
    let t = XdsTranslator::new(XdsConfig::default()).translate_partial(&ir);
    assert!(t.error.is_none(), "{:?}", t.error);
    Out {
        listeners: t.resources.to_json(ResourceKind::Listener).unwrap(),
        routes: t.resources.to_json(ResourceKind::Route).unwrap(),
        clusters: t.resources.to_json(ResourceKind::Cluster).unwrap(),
    }
}

fn http_filters(out: &Out) -> &Vec<Value> {
    out.listeners[0]["defaultFilterChain"]["filters"][0]["typedConfig"]["httpFilters"]
        .as_array()
        .unwrap()
}

fn filter_names(out: &Out) -> Vec<&str> {
    http_filters(out)
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect()
}

fn route(out: &Out, index: usize) -> &Value {
    &out.routes[0]["virtualHosts"][0]["routes"][index]
}

/// One HTTP listener with `routes` (YAML list items, indented by 2).
fn http(routes: &str) -> String {
    format!(
        "http:\n- name: l\n  address: 0.0.0.0\n  port: 10080\n  hostnames: ['*']\n  routes:\n{routes}"
    )
}

const PROVIDER: &str = "
        - name: example
          issuer: https://www.example.com
          audiences: [foo.com]
          remoteJWKS:
            uri: https://keys.example.com/jwks.json";

fn jwt_route(name: &str, path: &str, extra: &str) -> String {
    format!(
        "  - name: {name}
    hostname: '*'
    pathMatch:
      exact: {path}
    security:
      jwt:{extra}
        providers:{PROVIDER}
    destination:
      name: {name}-dest
      settings:
      - endpoints:
        - host: 1.2.3.4
          port: 50000
        name: {name}-dest/backend/0
"
    )
}

#[test]
fn jwt_providers_are_keyed_by_content_and_shared_across_routes() {
    let out = translate(&http(&format!(
        "{}{}",
        jwt_route("a", "/a", ""),
        jwt_route("b", "/b", "")
    )));
    assert_eq!(
        filter_names(&out),
        ["envoy.filters.http.jwt_authn", "envoy.filters.http.router"]
    );
    let config = &http_filters(&out)[0]["typedConfig"];
    let providers = config["providers"].as_object().unwrap();
    assert_eq!(providers.len(), 1, "identical providers are shared");
    let (key, provider) = providers.iter().next().unwrap();
    let digest = key.strip_prefix("example_").unwrap();
    assert_eq!(digest.len(), 16);
    assert!(digest.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(provider["payloadInMetadata"], "example");
    assert_eq!(provider["forward"], true);
    let http_uri = &provider["remoteJwks"]["httpUri"];
    assert_eq!(http_uri["cluster"], "keys_example_com_443");
    assert_eq!(http_uri["timeout"], "10s");
    assert!(provider["remoteJwks"].get("cacheDuration").is_none());
    let requirements = config["requirementMap"].as_object().unwrap();
    assert_eq!(requirements.len(), 1);
    let (requirement, value) = requirements.iter().next().unwrap();
    assert_eq!(value["providerName"], key.as_str());
    for index in 0..2 {
        let per_route = &route(&out, index)["typedPerFilterConfig"]["envoy.filters.http.jwt_authn"];
        assert_eq!(per_route["requirementName"], requirement.as_str());
    }
    let cluster = out
        .clusters
        .iter()
        .find(|c| c["name"] == "keys_example_com_443")
        .expect("the key set cluster");
    assert_eq!(
        cluster["transportSocket"]["typedConfig"]["sni"],
        "keys.example.com"
    );
}

#[test]
fn jwt_allow_missing_is_an_alternative_requirement() {
    let out = translate(&http(&jwt_route("a", "/a", "\n        allowMissing: true")));
    let config = &http_filters(&out)[0]["typedConfig"];
    let (name, requirement) = config["requirementMap"]
        .as_object()
        .unwrap()
        .iter()
        .next()
        .unwrap();
    assert!(name.starts_with("example-or-missing_"), "{name}");
    let alternatives = requirement["requiresAny"]["requirements"]
        .as_array()
        .unwrap();
    assert_eq!(alternatives.len(), 2);
    assert!(alternatives[0]["providerName"].is_string());
    assert_eq!(alternatives[1]["allowMissing"], serde_json::json!({}));
}

#[test]
fn jwt_keys_are_stable_and_change_with_the_provider() {
    let first = translate(&http(&jwt_route("a", "/a", "")));
    let again = translate(&http(&jwt_route("a", "/a", "")));
    let other = translate(&http(
        &jwt_route("a", "/a", "").replace("foo.com", "bar.com"),
    ));
    let key = |out: &Out| {
        http_filters(out)[0]["typedConfig"]["providers"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap()
            .clone()
    };
    assert_eq!(key(&first), key(&again));
    assert_ne!(key(&first), key(&other));
}

fn authz_route(authorization: &str) -> String {
    format!(
        "  - name: r
    hostname: '*'
    pathMatch:
      prefix: /
    security:
      authorization:
{authorization}
    destination:
      name: r-dest
      settings:
      - endpoints:
        - host: 1.2.3.4
          port: 8080
        name: r-dest/backend/0
"
    )
}

fn rbac_matcher(out: &Out) -> &Value {
    &route(out, 0)["typedPerFilterConfig"]["envoy.filters.http.rbac"]["rbac"]["matcher"]
}

#[test]
fn rbac_rules_become_matchers_in_order_with_the_default_last() {
    let out = translate(&http(&authz_route(
        "        defaultAction: Deny
        rules:
        - action: Allow
          name: by-header
          principal:
            headers:
            - name: x-user
              values: [alice, bob]
        - action: Deny
          name: by-method-and-cidr
          operation:
            methods: [POST]
          principal:
            clientCIDRs:
            - cidr: 10.0.0.0/8
              maskLen: 8",
    )));
    assert_eq!(
        filter_names(&out),
        ["envoy.filters.http.rbac", "envoy.filters.http.router"]
    );
    let matcher = rbac_matcher(&out);
    let matchers = matcher["matcherList"]["matchers"].as_array().unwrap();
    assert_eq!(matchers[0]["onMatch"]["action"]["name"], "by-header");
    let alternatives = matchers[0]["predicate"]["orMatcher"]["predicate"]
        .as_array()
        .unwrap();
    assert_eq!(alternatives.len(), 2);
    assert_eq!(
        alternatives[1]["singlePredicate"]["valueMatch"]["exact"],
        "bob"
    );
    let deny = &matchers[1];
    assert_eq!(deny["onMatch"]["action"]["typedConfig"]["action"], "DENY");
    let both = deny["predicate"]["andMatcher"]["predicate"]
        .as_array()
        .unwrap();
    assert_eq!(both[0]["singlePredicate"]["valueMatch"]["ignoreCase"], true);
    let ip = &both[1]["singlePredicate"]["customMatch"]["typedConfig"];
    assert_eq!(ip["cidrRanges"][0]["addressPrefix"], "10.0.0.0");
    assert_eq!(ip["cidrRanges"][0]["prefixLen"], 8);
    assert_eq!(matcher["onNoMatch"]["action"]["name"], "default");
    assert_eq!(
        matcher["onNoMatch"]["action"]["typedConfig"]["name"],
        "DENY"
    );
}

#[test]
fn rbac_scopes_match_either_scope_claim_of_the_provider() {
    let out = translate(&http(&authz_route(
        "        defaultAction: Deny
        rules:
        - action: Allow
          name: scoped
          principal:
            jwt:
              provider: p
              scopes: [read]",
    )));
    let predicate = &rbac_matcher(&out)["matcherList"]["matchers"][0]["predicate"];
    let claims = predicate["orMatcher"]["predicate"].as_array().unwrap();
    let paths: Vec<&Value> = claims
        .iter()
        .map(|c| &c["singlePredicate"]["input"]["typedConfig"]["path"][1]["key"])
        .collect();
    assert_eq!(paths, ["scope", "scp"]);
    let input = &claims[0]["singlePredicate"]["input"]["typedConfig"];
    assert_eq!(input["filter"], "envoy.filters.http.jwt_authn");
    assert_eq!(input["path"][0]["key"], "p");
}

#[test]
fn rbac_rules_it_cannot_express_fail_closed() {
    let out = translate(&http(&authz_route(
        "        defaultAction: Allow
        rules:
        - action: Allow
          name: cel-allow
          cel: has(request.headers.x)
          principal: {}
        - action: Deny
          name: cel-deny
          cel: request.headers.all(h, h == 'x')
          principal: {}",
    )));
    let matchers = rbac_matcher(&out)["matcherList"]["matchers"]
        .as_array()
        .unwrap();
    assert_eq!(matchers.len(), 1, "the allow rule is left out");
    assert_eq!(matchers[0]["onMatch"]["action"]["name"], "cel-deny");
    let any = &matchers[0]["predicate"]["singlePredicate"]["customMatch"]["typedConfig"];
    assert_eq!(
        any["cidrRanges"][0]["prefixLen"], 0,
        "the deny rule matches everyone"
    );
}

#[test]
fn tcp_route_authorization_runs_before_the_proxy() {
    let out = translate(
        "tcp:
- name: t
  address: 0.0.0.0
  port: 10090
  routes:
  - name: r
    authorization:
      defaultAction: Allow
      rules:
      - action: Deny
        name: office
        principal:
          clientCIDRs:
          - cidr: 10.0.0.0/24
            maskLen: 24
    destination:
      name: r-dest
      settings:
      - endpoints:
        - host: 10.2.3.4
          port: 50000
        name: r-dest/backend/0
",
    );
    let filters = out.listeners[0]["filterChains"][0]["filters"]
        .as_array()
        .unwrap();
    assert_eq!(filters[0]["name"], "envoy.filters.network.rbac");
    assert_eq!(filters[0]["typedConfig"]["statPrefix"], "tcp-10090");
    let matcher = &filters[0]["typedConfig"]["matcher"];
    assert_eq!(
        matcher["matcherList"]["matchers"][0]["onMatch"]["action"]["name"],
        "office"
    );
    assert_eq!(filters[1]["name"], "envoy.filters.network.tcp_proxy");
}

fn dynamic_route(rewrite: &str) -> String {
    format!(
        "  - name: r
    hostname: '*'
    pathMatch:
      prefix: /
{rewrite}    destination:
      name: r-dest
      settings:
      - isDynamicResolver: true
        name: r-dest/backend/0
        protocol: HTTP
"
    )
}

#[test]
fn dynamic_resolver_routes_use_a_dns_cache_cluster_and_deny_loopback_hosts() {
    let out = translate(&http(&dynamic_route("")));
    assert_eq!(
        filter_names(&out),
        [
            "envoy.filters.http.rbac.dfp_loopback_deny",
            "envoy.filters.http.router"
        ]
    );
    let cluster = &out.clusters[0];
    assert_eq!(
        cluster["clusterType"]["name"],
        "envoy.clusters.dynamic_forward_proxy"
    );
    let cache = &cluster["clusterType"]["typedConfig"]["dnsCacheConfig"];
    assert_eq!(
        cache["name"],
        "envoy-gateway-dfp-cache-v4_preferred-30000ms-default"
    );
    assert_eq!(cache["dnsRefreshRate"], "30s");
    assert!(cluster.get("loadAssignment").is_none());
    assert!(cluster.get("edsClusterConfig").is_none());
    let guard =
        &route(&out, 0)["typedPerFilterConfig"]["envoy.filters.http.rbac.dfp_loopback_deny"];
    let hosts = guard["rbac"]["matcher"]["matcherList"]["matchers"][0]["predicate"]["orMatcher"]
        ["predicate"]
        .as_array()
        .unwrap();
    assert!(hosts.len() > 1);
    for host in hosts {
        assert_eq!(
            host["singlePredicate"]["input"]["typedConfig"]["headerName"],
            ":authority"
        );
    }
}

#[test]
fn dynamic_resolver_guards_follow_the_host_rewrite() {
    let header = translate(&http(&dynamic_route(
        "    urlRewrite:\n      host:\n        header: x-target\n",
    )));
    let guard =
        &route(&header, 0)["typedPerFilterConfig"]["envoy.filters.http.rbac.dfp_loopback_deny"];
    let first = &guard["rbac"]["matcher"]["matcherList"]["matchers"][0]["predicate"]["orMatcher"]["predicate"]
        [0];
    assert_eq!(
        first["singlePredicate"]["input"]["typedConfig"]["headerName"],
        "x-target"
    );
    let literal = translate(&http(&dynamic_route(
        "    urlRewrite:\n      host:\n        name: fixed.example.com\n",
    )));
    assert_eq!(filter_names(&literal), ["envoy.filters.http.router"]);
}

#[test]
fn dynamic_resolver_tls_routes_resolve_the_server_name() {
    let out = translate(
        "tcp:
- name: t
  address: 0.0.0.0
  port: 10443
  routes:
  - name: r
    tls:
      inspector:
        snis: [foo.com]
    destination:
      name: r-dest
      settings:
      - isDynamicResolver: true
        protocol: HTTPS
        name: r-dest/backend/0
",
    );
    let names: Vec<&Value> = out.listeners[0]["filterChains"][0]["filters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["name"])
        .collect();
    assert_eq!(
        names,
        [
            "envoy.filters.network.rbac",
            "envoy.filters.network.sni_dynamic_forward_proxy",
            "envoy.filters.network.tcp_proxy"
        ]
    );
    let dfp = &out.listeners[0]["filterChains"][0]["filters"][1]["typedConfig"];
    assert_eq!(dfp["portValue"], 443);
    assert_eq!(
        dfp["dnsCacheConfig"]["name"],
        out.clusters[0]["clusterType"]["typedConfig"]["dnsCacheConfig"]["name"]
    );
}

#[test]
fn rbac_cel_rules_carry_the_parsed_expression() {
    let out = translate(&http(&authz_route(
        "        defaultAction: Deny
        rules:
        - action: Allow
          name: admin
          cel: request.path.startsWith('/admin') && request.method == 'GET'
          principal: {}",
    )));
    let predicate = &rbac_matcher(&out)["matcherList"]["matchers"][0]["predicate"];
    let single = &predicate["singlePredicate"];
    assert_eq!(single["customMatch"]["name"], "cel_matcher");
    assert_eq!(
        single["input"]["typedConfig"]["@type"],
        "type.googleapis.com/xds.type.matcher.v3.HttpAttributesCelMatchInput"
    );
    let parsed = &single["customMatch"]["typedConfig"]["exprMatch"]["celExprParsed"];
    assert_eq!(parsed["expr"]["callExpr"]["function"], "_&&_");
    assert_eq!(parsed["sourceInfo"]["location"], "<input>");
}
