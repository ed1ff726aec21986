//! What the policy tests share: a Gateway world in YAML, translating manifests, reading a policy's status.

#![allow(clippy::panic)]

use gwapi_model::builders::snapshot_in_order;
use gwapi_model::gateway_api::PolicyStatus;
use gwapi_model::load::Loader;
use gwapi_model::resource::{ObjectKey, ResourceKind};

use crate::translator::{ObjectStatus, Translation, Translator, TranslatorConfig};

/// Namespaces `infra` and `apps`, the GatewayClass `eg` (Envoy Gateway's controller) and the Gateway
/// `infra/gw` with one HTTP listener on port 80 that admits routes from every namespace.
pub(super) const GATEWAY_WORLD: &str = r"
apiVersion: v1
kind: Namespace
metadata: {name: infra}
---
apiVersion: v1
kind: Namespace
metadata: {name: apps}
---
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
  listeners:
  - {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}
";

/// Translates the manifests `text` with `config`; they must load without errors.
pub(super) fn translate_yaml(config: TranslatorConfig, text: &str) -> Translation {
    let loaded = Loader::default().load_str("test.yaml", text);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    Translator::new(config).translate(&snapshot_in_order(loaded.into_resources()))
}

/// The status of the policy of `kind` named `namespace/name`.
pub(super) fn policy_status(
    t: &Translation,
    kind: ResourceKind,
    namespace: &str,
    name: &str,
) -> PolicyStatus {
    let key = ObjectKey {
        kind,
        namespace: namespace.to_owned(),
        name: name.to_owned(),
    };
    match t.statuses.get(&key) {
        Some(ObjectStatus::Policy(p)) => p.clone(),
        other => panic!("no policy status for {namespace}/{name}: {other:?}"),
    }
}
