//! SecurityPolicy authentication features end to end on small manifests: the IR each feature gives the
//! routes it reaches, and the status of invalid policies.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_model::resource::{ObjectKey, ResourceKind};

use crate::ir::{ExtAuthService, HttpRoute, Jwks, SecurityFeatures};
use crate::translator::policy::test_support::{GATEWAY_WORLD, translate_yaml};
use crate::translator::{ObjectStatus, Translation, TranslatorConfig};

/// Beside [`GATEWAY_WORLD`]: a route to `web:8080`, and the Services the policies call.
const BASE: &str = r"
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {namespace: apps, name: web}
spec:
  parentRefs: [{namespace: infra, name: gw}]
  rules:
  - backendRefs: [{name: web, port: 8080}]
---
apiVersion: v1
kind: Service
metadata: {namespace: apps, name: web}
spec: {ports: [{name: http, port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {namespace: apps, name: authz}
spec: {ports: [{name: grpc, port: 9000}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  namespace: apps
  name: authz-1
  labels: {kubernetes.io/service-name: authz}
addressType: IPv4
ports: [{name: grpc, port: 9000}]
endpoints: [{addresses: [10.0.0.9]}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  namespace: apps
  name: web-1
  labels: {kubernetes.io/service-name: web}
addressType: IPv4
ports: [{name: http, port: 8080}]
endpoints: [{addresses: [10.0.0.8]}]
";

fn translate(extra: &str) -> Translation {
    let config = TranslatorConfig::default().gateway_class_name("eg");
    translate_yaml(config, &format!("{GATEWAY_WORLD}---{BASE}---\n{extra}"))
}

/// The IR route of HTTPRoute apps/web.
fn route(t: &Translation) -> &HttpRoute {
    let fleet = t.xds.get("infra/gw").expect("fleet");
    let listener = fleet.http.first().expect("listener");
    let Some(route) = listener.routes.first() else {
        panic!("no route: {:#?} {:#?}", t.statuses, fleet.http);
    };
    route
}

fn security(t: &Translation) -> &SecurityFeatures {
    route(t).security.as_ref().expect("security")
}

/// The Accepted condition of policy `apps/name`: (status, reason, message).
fn accepted(t: &Translation, name: &str) -> (String, String, String) {
    let key = ObjectKey {
        kind: ResourceKind::SecurityPolicy,
        namespace: "apps".to_owned(),
        name: name.to_owned(),
    };
    let Some(ObjectStatus::Policy(status)) = t.statuses.get(&key) else {
        panic!("no status for {name}");
    };
    let c = status.ancestors[0]
        .conditions
        .iter()
        .find(|c| c.type_ == "Accepted")
        .expect("Accepted");
    (
        format!("{:?}", c.status),
        c.reason.clone(),
        c.message.clone(),
    )
}

fn policy(name: &str, body: &str) -> String {
    format!(
        "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: SecurityPolicy\nmetadata: {{namespace: \
         apps, name: {name}, uid: u-1}}\nspec:\n  targetRefs: [{{group: gateway.networking.k8s.io, \
         kind: HTTPRoute, name: web}}]\n{body}"
    )
}

#[test]
fn basic_auth_reads_the_htpasswd_secret() {
    let t = translate(&format!(
        "{}---\napiVersion: v1\nkind: Secret\nmetadata: {{namespace: apps, name: users}}\n\
         data: {{.htpasswd: dXNlcjp7U0hBfXg=}}\n",
        policy("basic", "  basicAuth: {users: {name: users}}\n")
    ));
    let basic = security(&t).basic_auth.as_ref().expect("basic auth");
    assert_eq!(basic.name, "securitypolicy/apps/basic");
    assert_eq!(basic.users.bytes, b"user:{SHA}x".to_vec());
}

#[test]
fn basic_auth_without_its_secret_is_invalid_and_fails_closed() {
    let t = translate(&policy("basic", "  basicAuth: {users: {name: missing}}\n"));
    let (status, reason, message) = accepted(&t, "basic");
    assert_eq!((status.as_str(), reason.as_str()), ("False", "Invalid"));
    assert_eq!(message, "BasicAuth: secret apps/missing does not exist.");
    assert_eq!(
        route(&t).direct_response.as_ref().map(|d| d.status_code),
        Some(500)
    );
}

#[test]
fn api_keys_given_to_two_clients_are_refused() {
    let t = translate(&format!(
        "{}---\napiVersion: v1\nkind: Secret\nmetadata: {{namespace: apps, name: keys}}\n\
         data: {{a: a2V5, b: a2V5}}\n",
        policy(
            "keys",
            "  apiKeyAuth:\n    credentialRefs: [{name: keys}]\n    extractFrom: [{headers: [x-api-key]}]\n"
        )
    ));
    let (_, reason, message) = accepted(&t, "keys");
    assert_eq!(reason, "Invalid");
    assert_eq!(message, "APIKeyAuth: duplicated API key.");
}

#[test]
fn grpc_ext_auth_calls_the_service_by_name() {
    let t = translate(&policy(
        "authz",
        "  extAuth:\n    failOpen: true\n    grpc: {backendRefs: [{name: authz, port: 9000}]}\n",
    ));
    let ext = security(&t).ext_auth.as_ref().expect("ext auth");
    assert!(ext.fail_open);
    let ExtAuthService::Grpc(grpc) = &ext.service else {
        panic!("not gRPC");
    };
    assert_eq!(grpc.authority, "authz.apps:9000");
    assert_eq!(grpc.destination.name, "securitypolicy/apps/authz/extauth/0");
    let setting = &grpc.destination.settings[0];
    assert_eq!(
        setting.name,
        "securitypolicy/apps/authz/extauth/0/backend/0"
    );
    assert_eq!(setting.endpoints[0].host, "10.0.0.9");
}

#[test]
fn ext_auth_backends_need_a_port() {
    let t = translate(&policy(
        "authz",
        "  extAuth:\n    grpc: {backendRefs: [{name: authz}]}\n",
    ));
    let (_, _, message) = accepted(&t, "authz");
    assert_eq!(
        message,
        "ExtAuth: a valid port number corresponding to a port on the Service must be specified."
    );
}

#[test]
fn local_jwks_come_from_a_config_map() {
    let t = translate(&format!(
        "{}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{namespace: apps, name: keys}}\n\
         data: {{jwks: '{{\"keys\": []}}'}}\n",
        policy(
            "jwt",
            "  jwt:\n    providers:\n    - name: p\n      localJWKS: {type: ValueRef, valueRef: \
             {group: '', kind: ConfigMap, name: keys}}\n"
        )
    ));
    let jwt = security(&t).jwt.as_ref().expect("jwt");
    assert_eq!(
        jwt.providers[0].jwks,
        Jwks::Local("{\"keys\": []}".to_owned())
    );
    let missing = translate(&policy(
        "jwt",
        "  jwt:\n    providers:\n    - name: p\n      localJWKS: {type: ValueRef, valueRef: \
         {group: '', kind: ConfigMap, name: nope}}\n",
    ));
    let (_, _, message) = accepted(&missing, "jwt");
    assert_eq!(message, "JWT: local JWKS ConfigMap apps/nope not found.");
}

#[test]
fn oidc_derives_paths_scopes_and_cookie_suffix() {
    let t = translate(&format!(
        "{}---\napiVersion: v1\nkind: Secret\nmetadata: {{namespace: apps, name: client}}\n\
         data: {{client-secret: c2VjcmV0}}\n",
        policy(
            "login",
            "  oidc:\n    provider:\n      issuer: https://idp.example\n      \
             authorizationEndpoint: https://idp.example/auth\n      tokenEndpoint: \
             https://idp.example/token\n    clientID: app\n    clientSecret: {name: client}\n    \
             redirectURL: https://www.example.com/cb\n    scopes: [email]\n"
        )
    ));
    let oidc = security(&t).oidc.as_ref().expect("oidc");
    assert_eq!(oidc.redirect_path, "/cb");
    assert_eq!(oidc.logout_path, "/logout");
    assert_eq!(oidc.scopes, vec!["openid".to_owned(), "email".to_owned()]);
    assert!(oidc.refresh_token);
    // FNV-1a (32 bits) of the policy's UID.
    assert_eq!(oidc.cookie_suffix.len(), 8);
    assert_eq!(oidc.provider.token_endpoint, "https://idp.example/token");
}

#[test]
fn a_route_policy_merges_onto_the_gateway_policy_feature_by_feature() {
    let gateway_policy = "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: SecurityPolicy\n\
         metadata: {namespace: infra, name: gw-policy}\nspec:\n  targetRefs: [{group: \
         gateway.networking.k8s.io, kind: Gateway, name: gw}]\n  basicAuth: {users: {name: \
         users}}\n  cors: {allowMethods: [PUT]}\n---\napiVersion: v1\nkind: Secret\nmetadata: \
         {namespace: infra, name: users}\ndata: {.htpasswd: dXNlcjp7U0hBfXg=}\n";
    let t = translate(&format!(
        "{gateway_policy}---\n{}",
        policy(
            "route-policy",
            "  mergeType: StrategicMerge\n  cors: {allowHeaders: [x-route]}\n"
        )
    ));
    let s = security(&t);
    let basic = s
        .basic_auth
        .as_ref()
        .expect("basic auth from the gateway policy");
    assert_eq!(basic.name, "securitypolicy/infra/gw-policy");
    let cors = s.cors.as_ref().expect("cors");
    assert_eq!(cors.allow_methods, vec!["PUT".to_owned()]);
    assert_eq!(cors.allow_headers, vec!["x-route".to_owned()]);
}

#[test]
fn location_rules_need_the_fleet_geoip_provider() {
    let t = translate(&policy(
        "geo",
        "  authorization:\n    defaultAction: Deny\n    rules:\n    - action: Allow\n      \
         principal: {clientIPGeoLocations: [{country: US}]}\n",
    ));
    let (status, reason, message) = accepted(&t, "geo");
    assert_eq!((status.as_str(), reason.as_str()), ("False", "Invalid"));
    assert_eq!(
        message,
        "Authorization: authorization clientIPGeoLocations requires EnvoyProxy.spec.geoIP.provider \
         to be configured."
    );
    assert_eq!(
        route(&t).direct_response.as_ref().map(|d| d.status_code),
        Some(500)
    );
}

#[test]
fn authorization_reaches_tcp_routes_and_route_policies_override_the_gateway_one() {
    let t = translate(
        "apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {namespace: infra, name: tcp}
spec:
  gatewayClassName: eg
  listeners:
  - {name: foo, protocol: TCP, port: 9000, allowedRoutes: {namespaces: {from: All}}}
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {namespace: apps, name: db}
spec:
  parentRefs: [{namespace: infra, name: tcp, sectionName: foo}]
  rules:
  - backendRefs: [{name: web, port: 8080}]
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: SecurityPolicy
metadata: {namespace: infra, name: whole}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: tcp}]
  authorization:
    defaultAction: Deny
    rules: [{action: Allow, principal: {clientCIDRs: [10.0.0.0/8]}}]
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: SecurityPolicy
metadata: {namespace: apps, name: db}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: TCPRoute, name: db}]
  authorization:
    defaultAction: Allow
",
    );
    let fleet = t.xds.get("infra/tcp").expect("fleet");
    let route = &fleet.tcp[0].routes[0];
    let authorization = route.authorization.as_ref().expect("authorization");
    assert_eq!(
        authorization.default_action,
        crate::ir::AuthorizationAction::Allow
    );
    let key = ObjectKey {
        kind: ResourceKind::SecurityPolicy,
        namespace: "infra".to_owned(),
        name: "whole".to_owned(),
    };
    let Some(ObjectStatus::Policy(status)) = t.statuses.get(&key) else {
        panic!("no status");
    };
    let overridden = status.ancestors[0]
        .conditions
        .iter()
        .find(|c| c.type_ == "Overridden")
        .expect("Overridden");
    assert!(
        overridden.message.ends_with("routes: [apps/db]"),
        "{}",
        overridden.message
    );
}
