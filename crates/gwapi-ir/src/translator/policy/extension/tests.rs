//! EnvoyExtensionPolicy end to end on small YAML snapshots: each kind of extension in the IR, the
//! policy's status when an extension is invalid, fail-open, and merged policies.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_model::gateway_api::PolicyStatus;
use gwapi_model::resource::ResourceKind;

use super::lua_check;
use crate::ir::{AddressType, BodyProcessingMode, HttpRoute, Protocol};
use crate::translator::policy::test_support::{GATEWAY_WORLD, policy_status, translate_yaml};
use crate::translator::{Translation, TranslatorConfig};

/// Beside [`GATEWAY_WORLD`]: a route `apps/web` and the Services `apps/web` and `apps/grpc`.
const BASE: &str = r"
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {namespace: apps, name: web}
spec:
  parentRefs: [{namespace: infra, name: gw}]
  rules:
  - backendRefs: [{name: web, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {namespace: apps, name: web}
spec: {ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {namespace: apps, name: grpc}
spec: {ports: [{name: grpc, port: 9000}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: apps, name: grpc-1, labels: {kubernetes.io/service-name: grpc}}
addressType: IPv4
ports: [{name: grpc, port: 9000}]
endpoints: [{addresses: [10.0.0.9], conditions: {ready: true}}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: apps, name: web-1, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 8080}]
endpoints: [{addresses: [10.0.0.8], conditions: {ready: true}}]
";

fn translate_with(config: TranslatorConfig, extra: &str) -> Translation {
    translate_yaml(config, &format!("{GATEWAY_WORLD}---{BASE}\n---\n{extra}"))
}

fn translate(extra: &str) -> Translation {
    translate_with(
        TranslatorConfig::default()
            .gateway_class_name("eg")
            .enable_backend(true),
        extra,
    )
}

fn route(t: &Translation) -> &HttpRoute {
    let routes = &t.xds["infra/gw"].http[0].routes;
    assert!(!routes.is_empty(), "{:#?}", t.statuses);
    &routes[0]
}

fn status(t: &Translation, name: &str) -> PolicyStatus {
    policy_status(t, ResourceKind::EnvoyExtensionPolicy, "apps", name)
}

/// The `Accepted` condition's reason and message for the policy's first ancestor.
fn accepted(t: &Translation, name: &str) -> (String, String) {
    let s = status(t, name);
    let c = s.ancestors[0]
        .conditions
        .iter()
        .find(|c| c.type_ == "Accepted")
        .unwrap();
    (c.reason.clone(), c.message.clone())
}

fn policy(name: &str, body: &str) -> String {
    format!(
        "apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyExtensionPolicy
metadata: {{namespace: apps, name: {name}}}
spec:
  targetRefs: [{{group: gateway.networking.k8s.io, kind: HTTPRoute, name: web}}]
{body}"
    )
}

#[test]
fn ext_proc_calls_a_service_over_grpc() {
    let t = translate(&policy(
        "p",
        "  extProc:
  - backendRefs: [{name: grpc, port: 9000}]
    messageTimeout: 5s
    processingMode:
      request: {body: Buffered, attributes: [request.path]}
      response: {}
    metadata: {accessibleNamespaces: [a], writableNamespaces: [b]}
",
    ));
    assert_eq!(accepted(&t, "p").0, "Accepted");
    let ext = &route(&t).envoy_extensions.as_ref().unwrap().ext_procs[0];
    assert_eq!(ext.name, "envoyextensionpolicy/apps/p/extproc/0");
    assert_eq!(ext.authority, "grpc.apps:9000");
    let setting = &ext.destination.settings[0];
    assert_eq!(
        setting.name,
        "envoyextensionpolicy/apps/p/extproc/0/backend/0"
    );
    assert_eq!(setting.protocol, Some(Protocol::Grpc));
    assert_eq!(setting.endpoints[0].host, "10.0.0.9");
    assert!(ext.request_header_processing && ext.response_header_processing);
    assert_eq!(
        ext.request_body_processing_mode,
        Some(BodyProcessingMode::Buffered)
    );
    assert_eq!(ext.response_body_processing_mode, None);
    assert_eq!(ext.request_attributes, ["request.path"]);
    assert_eq!(ext.forwarding_metadata_namespaces, ["a"]);
    assert_eq!(ext.receiving_metadata_namespaces, ["b"]);
    assert!(ext.message_timeout.is_some());
}

#[test]
fn a_missing_service_fails_the_route_closed() {
    let t = translate(&policy(
        "p",
        "  extProc:\n  - backendRefs: [{name: nope, port: 9000}]\n",
    ));
    assert_eq!(
        accepted(&t, "p"),
        (
            "Invalid".to_owned(),
            "ExtProc: service apps/nope not found.".to_owned()
        )
    );
    assert_eq!(route(&t).direct_response.as_ref().unwrap().status_code, 500);
}

#[test]
fn a_missing_port_is_reported() {
    let t = translate(&policy(
        "p",
        "  extProc:\n  - backendRefs: [{name: grpc, port: 1}]\n",
    ));
    assert_eq!(
        accepted(&t, "p").1,
        "ExtProc: TCP Port 1 not found on service apps/grpc."
    );
}

#[test]
fn a_failing_extension_that_fails_open_is_left_out() {
    let t = translate(&policy(
        "p",
        "  extProc:
  - backendRefs: [{name: nope, port: 9000}]
    failOpen: true
  - backendRefs: [{name: grpc, port: 9000}]
",
    ));
    assert_eq!(accepted(&t, "p").0, "Invalid");
    let r = route(&t);
    assert!(r.direct_response.is_none());
    let procs = &r.envoy_extensions.as_ref().unwrap().ext_procs;
    assert_eq!(procs.len(), 1);
    assert_eq!(procs[0].name, "envoyextensionpolicy/apps/p/extproc/1");
}

#[test]
fn backends_need_the_backend_feature() {
    let backend = "apiVersion: gateway.envoyproxy.io/v1alpha1
kind: Backend
metadata: {namespace: apps, name: be}
spec: {endpoints: [{ip: {address: 1.1.1.1, port: 3001}}]}
---
";
    let extra = format!(
        "{backend}{}",
        policy(
            "p",
            "  extProc:\n  - backendRefs: [{group: gateway.envoyproxy.io, kind: Backend, name: be}]\n",
        )
    );
    let t = translate_with(TranslatorConfig::default().gateway_class_name("eg"), &extra);
    assert_eq!(
        accepted(&t, "p").1,
        "ExtProc: resource be of type Backend cannot be used since Backend is disabled in Envoy Gateway configuration."
    );
    let t = translate(&extra);
    let ext = &route(&t).envoy_extensions.as_ref().unwrap().ext_procs[0];
    assert_eq!(ext.authority, "be.apps");
    assert_eq!(
        ext.destination.settings[0].address_type,
        Some(AddressType::Ip)
    );
}

#[test]
fn lua_can_be_disabled() {
    let body = "  lua:\n  - {type: Inline, inline: 'function envoy_on_request(h) end'}\n";
    let t = translate(&policy("p", body));
    let lua = &route(&t).envoy_extensions.as_ref().unwrap().luas[0];
    assert_eq!(lua.name, "envoyextensionpolicy/apps/p/lua/0");
    let t = translate_with(
        TranslatorConfig::default()
            .gateway_class_name("eg")
            .enable_lua(false),
        &policy("p", body),
    );
    assert_eq!(
        accepted(&t, "p").1,
        "Lua: Skipping Lua EnvoyExtensionPolicy as feature is disabled in the Gateway."
    );
}

#[test]
fn lua_needs_an_entry_point() {
    let t = translate(&policy(
        "p",
        "  lua:\n  - {type: Inline, inline: 'function other(h) end'}\n",
    ));
    assert_eq!(
        accepted(&t, "p").1,
        "Lua: validation failed for lua body in policy with name envoyextensionpolicy/apps/p/lua/0: expected one of envoy_on_request() or envoy_on_response() to be defined."
    );
    let disabled = gwapi_model::envoy_gateway::LuaValidation::Disabled;
    assert!(lua_check::validate("function other(h) end", &disabled).is_ok());
}

#[test]
fn a_missing_lua_config_map_is_reported() {
    let t = translate(&policy(
        "p",
        "  lua:\n  - {type: ValueRef, valueRef: {group: v1, kind: ConfigMap, name: cm}}\n",
    ));
    assert_eq!(
        accepted(&t, "p").1,
        "Lua: can't find the referenced configmap cm in namespace apps."
    );
}

#[test]
fn dynamic_modules_must_be_registered() {
    let t = translate(&policy(
        "p",
        "  dynamicModule:\n  - {name: mine, filterName: f}\n",
    ));
    assert_eq!(
        accepted(&t, "p").1,
        "DynamicModule: dynamic module \"mine\" is not registered in the EnvoyProxy dynamicModules allowlist."
    );
}

#[test]
fn wasm_is_served_by_the_cache_under_the_hash_of_its_url() {
    let body = "  wasm:
  - name: w
    code: {type: HTTP, http: {url: 'https://example.com/w.wasm', sha256: abc}}
    env: {hostKeys: [K]}
";
    let t = translate(&policy("p", body));
    let wasm = &route(&t).envoy_extensions.as_ref().unwrap().wasms[0];
    assert_eq!(wasm.wasm_name, "w");
    assert_eq!(wasm.host_keys, ["K"]);
    let code = wasm.http_wasm_code.as_ref().unwrap();
    assert_eq!(code.sha256, "abc");
    assert!(
        code.serving_url
            .starts_with("https://envoy-gateway.envoy-gateway-system.svc.cluster.local:18002/")
    );
    // A module fetched with another checksum is refused.
    let fetched = [("https://example.com/w.wasm".to_owned(), "def".to_owned())].into();
    let t = translate_with(
        TranslatorConfig::default()
            .gateway_class_name("eg")
            .wasm_checksums(fetched),
        &policy("p", body),
    );
    assert_eq!(
        accepted(&t, "p").1,
        "Wasm: module downloaded from https://example.com/w.wasm has checksum def, which does not match: abc."
    );
}

#[test]
fn wasm_images_need_their_pull_secret() {
    let t = translate(&policy(
        "p",
        "  wasm:
  - code:
      type: Image
      image: {url: 'registry.io/w', sha256: abc, pullSecretRef: {name: pull}}
",
    ));
    assert_eq!(
        accepted(&t, "p").1,
        "Wasm: secret apps/pull does not exist."
    );
}

#[test]
fn a_route_policy_merged_onto_the_gateway_s_keeps_each_extension_s_owner() {
    let gateway_policy = "apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyExtensionPolicy
metadata: {namespace: infra, name: gw-policy}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: gw}]
  extProc:
  - backendRefs: [{name: grpc, namespace: apps, port: 9000}]
  lua:
  - {type: Inline, inline: 'function envoy_on_request(h) end'}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {namespace: apps, name: grant}
spec:
  from: [{group: gateway.envoyproxy.io, kind: EnvoyExtensionPolicy, namespace: infra}]
  to: [{group: '', kind: Service}]
---
";
    let t = translate(&format!(
        "{gateway_policy}{}",
        policy(
            "route-policy",
            "  mergeType: StrategicMerge\n  lua:\n  - {type: Inline, inline: 'function envoy_on_response(h) end'}\n",
        )
    ));
    let ext = route(&t).envoy_extensions.as_ref().unwrap();
    assert_eq!(
        ext.ext_procs[0].name,
        "envoyextensionpolicy/infra/gw-policy/extproc/0"
    );
    assert_eq!(ext.luas.len(), 1);
    assert_eq!(
        ext.luas[0].name,
        "envoyextensionpolicy/apps/route-policy/lua/0"
    );
}

#[test]
fn a_route_whose_own_policy_is_invalid_still_gets_the_gateway_s_extensions() {
    let gateway_policy = "apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyExtensionPolicy
metadata: {namespace: infra, name: gw-policy}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: gw}]
  lua:
  - {type: Inline, inline: 'function envoy_on_request(h) h:logInfo(1) end'}
---
";
    let t = translate(&format!(
        "{gateway_policy}{}",
        policy(
            "route-policy",
            "  lua:\n  - {type: ValueRef, valueRef: {group: v1, kind: ConfigMap, name: missing}}\n",
        )
    ));
    let r = route(&t);
    assert_eq!(r.direct_response.as_ref().unwrap().status_code, 500);
    let luas = &r.envoy_extensions.as_ref().unwrap().luas;
    assert_eq!(luas.len(), 1);
    assert_eq!(luas[0].name, "envoyextensionpolicy/infra/gw-policy/lua/0");
    assert_eq!(accepted(&t, "route-policy").0, "Invalid");
}

/// The block scalar ends with a newline: the appended entry-point call is on line 6.
#[test]
fn strict_lua_validation_reports_an_unknown_stream_handle_method() {
    let t = translate(&policy(
        "p",
        "  lua:\n  - type: Inline\n    inline: |\n      function envoy_on_response(r)\n        \
         r:logWarn('x')\n        r:sendLocalReply(403)\n      end\n",
    ));
    assert_eq!(
        accepted(&t, "p"),
        (
            "Invalid".to_owned(),
            "Lua: validation failed for lua body in policy with name \
             envoyextensionpolicy/apps/p/lua/0: failed to validate with envoy_on_response: \
             <string>:3: attempt to call a non-function object\nstack traceback:\n\t<string>:3: \
             in function 'envoy_on_response'\n\t<string>:6: in main chunk\n\t[G]: ?."
                .to_owned()
        )
    );
    assert_eq!(route(&t).direct_response.as_ref().unwrap().status_code, 500);
}
