//! EnvoyPatchPolicy statuses and their IR on small YAML snapshots.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_model::builders::snapshot_in_order;
use gwapi_model::load::Loader;
use gwapi_model::resource::{ObjectKey, ResourceKind};

use crate::translator::{ObjectStatus, Translation, Translator, TranslatorConfig};

const BASE: &str = r"
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: eg}
spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {namespace: infra, name: gw}
spec:
  gatewayClassName: eg
  listeners: [{name: http, protocol: HTTP, port: 80}]
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyPatchPolicy
metadata: {namespace: infra, name: patch}
spec:
  type: JSONPatch
  targetRef: {group: gateway.networking.k8s.io, kind: KIND, name: gw}
  jsonPatches:
  - type: type.googleapis.com/envoy.config.listener.v3.Listener
    name: infra/gw/http
    operation: {op: replace, path: /per_connection_buffer_limit_bytes, value: 1024}
";

fn translate(kind: &str, enabled: bool) -> Translation {
    let text = BASE.replace("KIND", kind);
    let loaded = Loader::default().load_str("test", &text);
    assert!(!loaded.has_errors(), "{loaded:?}");
    let config = TranslatorConfig::default()
        .gateway_class_name("eg")
        .enable_envoy_patch_policy(enabled);
    Translator::new(config).translate(&snapshot_in_order(loaded.into_resources()))
}

/// The reason and message of the policy's `Accepted` condition.
fn accepted(t: &Translation) -> (String, String) {
    let key = ObjectKey {
        kind: ResourceKind::EnvoyPatchPolicy,
        namespace: "infra".to_owned(),
        name: "patch".to_owned(),
    };
    let Some(ObjectStatus::Policy(status)) = t.statuses.get(&key) else {
        panic!("no status");
    };
    let ancestor = &status.ancestors[0];
    assert_eq!(ancestor.ancestor_ref.kind.as_deref(), Some("Gateway"));
    let c = &ancestor.conditions[0];
    (c.reason.clone(), c.message.clone())
}

#[test]
fn an_accepted_policy_carries_its_patches_to_the_fleet() {
    let t = translate("Gateway", true);
    assert_eq!(accepted(&t).0, "Accepted");
    let ir = &t.xds["infra/gw"].envoy_patch_policies[0];
    assert_eq!(ir.name, "patch");
    assert_eq!(ir.json_patches.len(), 1);
    assert_eq!(ir.json_patches[0].name, "infra/gw/http");
    assert!(ir.status.is_some());
}

#[test]
fn a_disabled_feature_is_reported() {
    let t = translate("Gateway", false);
    assert_eq!(
        accepted(&t),
        (
            "Disabled".to_owned(),
            "EnvoyPatchPolicy is disabled in the EnvoyGateway configuration".to_owned()
        )
    );
    assert!(
        t.xds["infra/gw"].envoy_patch_policies[0]
            .json_patches
            .is_empty()
    );
}

#[test]
fn only_gateways_can_be_targeted() {
    let t = translate("MyGateway", true);
    assert_eq!(
        accepted(&t),
        (
            "Invalid".to_owned(),
            "TargetRef.Group:gateway.networking.k8s.io TargetRef.Kind:MyGateway, only TargetRef.Group:gateway.networking.k8s.io and TargetRef.Kind:Gateway is supported.".to_owned()
        )
    );
}
