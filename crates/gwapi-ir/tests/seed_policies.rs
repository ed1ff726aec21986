//! The seed's own policies (`../shared/seed/ARCHITECTURE.md`: argocd-client, argocd-backend,
//! argocd-security, production-proxy), with the user mistakes fixed as the loader's diagnostics suggest
//! and the rate limit moved from the SecurityPolicy to the BackendTrafficPolicy
//! (`seed_policies.yaml`), translate: every policy is Accepted and sets the IR fields it asks for.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_ir::{ObjectStatus, Translation, Translator, TranslatorConfig};
use gwapi_model::builders::snapshot_in_order;
use gwapi_model::load::{Loader, Severity};
use gwapi_model::resource::{ObjectKey, ResourceKind};
use serde_json::{Value, json};

const FLEET: &str = "argocd/argocd-gateway";

fn translate() -> Translation {
    let text = include_str!("seed_policies.yaml");
    let out = Loader::default().load_str("seed_policies.yaml", text);
    let problems: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity > Severity::Info)
        .map(ToString::to_string)
        .collect();
    assert!(
        problems.is_empty(),
        "the corrected seed loads cleanly: {problems:#?}"
    );
    let snapshot = snapshot_in_order(out.objects.into_iter().map(|o| o.resource));
    Translator::new(TranslatorConfig::default().gateway_class_name("eg")).translate(&snapshot)
}

/// Every condition on every ancestor (parent, for routes) in the status of `kind` `namespace/name`.
fn conditions(t: &Translation, kind: ResourceKind, namespace: &str, name: &str) -> Vec<Value> {
    let key = ObjectKey {
        kind,
        namespace: namespace.to_owned(),
        name: name.to_owned(),
    };
    let status = t
        .statuses
        .get(&key)
        .unwrap_or_else(|| panic!("no status for {key:?}"));
    let value = serde_json::to_value(status).unwrap();
    let holders = match status {
        ObjectStatus::Route(_) => value["parents"].as_array().unwrap().clone(),
        _ => value["ancestors"].as_array().unwrap().clone(),
    };
    assert!(!holders.is_empty(), "{key:?} has ancestors");
    holders
        .iter()
        .flat_map(|h| h["conditions"].as_array().unwrap().clone())
        .collect()
}

fn xds(t: &Translation) -> Value {
    serde_json::to_value(&t.xds[FLEET]).unwrap()
}

/// The IR HTTP listener named `<fleet>/<section>`.
fn listener(t: &Translation, section: &str) -> Value {
    let name = format!("{FLEET}/{section}");
    xds(t)["http"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name.as_str())
        .unwrap_or_else(|| panic!("no listener {name}"))
        .clone()
}

/// The IR routes of the HTTPRoute argocd-server (one per rule).
fn server_routes(t: &Translation) -> Vec<Value> {
    let routes: Vec<Value> = listener(t, "https")["routes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["name"]
                .as_str()
                .unwrap()
                .starts_with("httproute/argocd/argocd-server/")
        })
        .cloned()
        .collect();
    assert_eq!(routes.len(), 3, "one IR route per rule");
    routes
}

#[test]
fn every_seed_policy_and_route_is_accepted() {
    let t = translate();
    let objects = [
        (ResourceKind::ClientTrafficPolicy, "argocd", "argocd-client"),
        (
            ResourceKind::BackendTrafficPolicy,
            "argocd",
            "argocd-backend",
        ),
        (ResourceKind::SecurityPolicy, "argocd", "argocd-security"),
        (
            ResourceKind::EnvoyProxy,
            "envoy-gateway-system",
            "production-proxy",
        ),
        (ResourceKind::HttpRoute, "argocd", "argocd-server"),
        (ResourceKind::GrpcRoute, "argocd", "argocd-grpc"),
    ];
    for (kind, namespace, name) in objects {
        let conditions = conditions(&t, kind, namespace, name);
        let accepted: Vec<&Value> = conditions
            .iter()
            .filter(|c| c["type"] == "Accepted")
            .collect();
        assert!(!accepted.is_empty(), "{name}: {conditions:#?}");
        for c in &accepted {
            assert_eq!(c["status"], "True", "{name}: {c}");
        }
        for c in &conditions {
            let type_ = c["type"].as_str().unwrap();
            assert!(
                c["status"] == "True" || type_ == "Overridden",
                "{name}: unexpected condition {c}"
            );
            assert!(type_ != "Warning", "{name}: {c}");
        }
    }
}

#[test]
fn argocd_client_sets_every_listener_of_the_gateway() {
    let t = translate();
    for section in ["http", "https", "https-wildcard"] {
        let l = listener(&t, section);
        // The reference's IR carries the two HTTP/2 windows crosswise (the stream window holds
        // `initialConnectionWindowSize`); the IR keeps its shape.
        assert_eq!(
            l["http2"],
            json!({
                "initialStreamWindowSize": 1_048_576,
                "initialConnectionWindowSize": 65_536,
                "maxConcurrentStreams": 100
            }),
            "{section}"
        );
        assert_eq!(
            l["tcpKeepalive"],
            json!({"probes": 3, "idleTime": 60, "interval": 30}),
            "{section}"
        );
        assert_eq!(
            l["timeout"]["http"]["requestReceivedTimeout"], "5m0s",
            "{section}"
        );
        assert_eq!(l["connection"]["limit"]["value"], 10_000, "{section}");
    }
    assert!(listener(&t, "http").get("tls").is_none());
    for section in ["https", "https-wildcard"] {
        let tls = &listener(&t, section)["tls"];
        assert_eq!(tls["minVersion"], "1.2", "{section}");
        assert_eq!(
            tls["ciphers"],
            json!([
                "ECDHE-ECDSA-AES128-GCM-SHA256",
                "ECDHE-RSA-AES128-GCM-SHA256"
            ]),
            "{section}"
        );
        assert_eq!(
            tls["certificates"].as_array().unwrap().len(),
            1,
            "{section}"
        );
    }
}

#[test]
fn argocd_backend_sets_traffic_of_every_rule_of_its_route() {
    let t = translate();
    for route in server_routes(&t) {
        let traffic = &route["traffic"];
        assert_eq!(
            traffic["retry"],
            json!({
                "numRetries": 3,
                "retryOn": {
                    "triggers": ["5xx", "connect-failure", "gateway-error", "reset"],
                    "httpStatusCodes": [503, 504]
                },
                "perRetry": {
                    "timeout": "10s",
                    "backOff": {"baseInterval": "100ms", "maxInterval": "1s"}
                }
            })
        );
        assert_eq!(
            traffic["timeout"],
            json!({
                "tcp": {"connectTimeout": "10s"},
                "http": {"requestTimeout": "5m0s", "connectionIdleTimeout": "1m0s"}
            })
        );
        assert_eq!(
            traffic["circuitBreaker"],
            json!({
                "maxConnections": 1024,
                "maxPendingRequests": 1024,
                "maxParallelRequests": 1024,
                "maxParallelRetries": 3
            })
        );
        assert_eq!(
            traffic["loadBalancer"],
            json!({"leastRequest": {"slowStart": {"window": "30s"}}})
        );
        let active = &traffic["healthCheck"]["active"];
        assert_eq!(active["http"]["path"], "/healthz");
        assert_eq!(active["http"]["expectedStatuses"], json!([200, 204]));
        assert_eq!(
            (&active["interval"], &active["timeout"]),
            (&json!("10s"), &json!("5s"))
        );
        assert_eq!(
            (&active["unhealthyThreshold"], &active["healthyThreshold"]),
            (&json!(3), &json!(2))
        );
        // The rate limit the seed wrote in its SecurityPolicy.
        let local = &traffic["rateLimit"]["local"];
        assert_eq!(local["default"], json!({"requests": 100, "unit": "Minute"}));
        let rules = local["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(
            rules[0]["headerMatches"],
            json!([{"name": ":path", "distinct": false, "exact": "/api/v1/session"}])
        );
        assert_eq!(rules[0]["limit"], json!({"requests": 10, "unit": "Minute"}));
        assert!(traffic["rateLimit"].get("global").is_none());
    }
}

#[test]
fn argocd_security_sets_cors_and_jwt_of_every_rule_of_its_route() {
    let t = translate();
    for route in server_routes(&t) {
        let security = &route["security"];
        assert_eq!(
            security["cors"],
            json!({
                "allowOrigins": [
                    {"distinct": false, "exact": "https://argocd.platform.example.com"}
                ],
                "allowMethods": ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
                "allowHeaders": ["Authorization", "Content-Type", "X-Requested-With"],
                "maxAge": "24h0m0s",
                "allowCredentials": true
            })
        );
        let providers = security["jwt"]["providers"].as_array().unwrap();
        assert_eq!(providers.len(), 1);
        assert_eq!(providers[0]["name"], "keycloak");
        assert_eq!(
            providers[0]["issuer"],
            "https://keycloak.example.com/realms/platform"
        );
        assert_eq!(
            providers[0]["remoteJWKS"]["uri"],
            "https://keycloak.example.com/realms/platform/protocol/openid-connect/certs"
        );
        assert_eq!(
            providers[0]["claimToHeaders"],
            json!([{"header": "x-user-id", "claim": "sub"}])
        );
    }
}

#[test]
fn policies_on_the_http_route_leave_the_grpc_route_alone() {
    let t = translate();
    let https = listener(&t, "https");
    let grpc = https["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["name"]
                .as_str()
                .unwrap()
                .starts_with("grpcroute/argocd/argocd-grpc/")
        })
        .unwrap()
        .clone();
    assert!(grpc.get("traffic").is_none() && grpc.get("security").is_none());
    assert_eq!(grpc["destination"]["settings"][0]["protocol"], "GRPC");
}

#[test]
fn production_proxy_shapes_the_fleet() {
    let t = translate();
    let infra = serde_json::to_value(&t.infra[FLEET]).unwrap();
    let config = &infra["proxy"]["config"];
    assert_eq!(config["metadata"]["name"], "production-proxy");
    let kubernetes = &config["spec"]["provider"]["kubernetes"];
    let deployment = &kubernetes["envoyDeployment"];
    assert_eq!(deployment["replicas"], 3);
    assert_eq!(
        deployment["strategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}})
    );
    let anti_affinity = &deployment["pod"]["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"];
    assert_eq!(
        anti_affinity[0]["topologyKey"],
        "topology.kubernetes.io/zone"
    );
    let spread = &deployment["pod"]["topologySpreadConstraints"][0];
    assert_eq!(
        (&spread["topologyKey"], &spread["whenUnsatisfiable"]),
        (&json!("kubernetes.io/hostname"), &json!("ScheduleAnyway"))
    );
    assert_eq!(kubernetes["envoyService"]["type"], "LoadBalancer");
    let ports: Vec<&str> = infra["proxy"]["listeners"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["ports"].as_array().unwrap())
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(ports, vec!["http-80", "https-443"]);
}
