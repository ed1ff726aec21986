//! The check of an EnvoyProxy's custom bootstrap (`spec.bootstrap`): the proxies must keep reaching the
//! control plane the way the default bootstrap makes them, so a bootstrap that changes
//! `dynamic_resources` or drops the `xds_cluster` makes the EnvoyProxy invalid (with Envoy Gateway's
//! messages). `Replace` is checked as given; `Merge` as merged into the default (maps merge, lists
//! append); `JSONPatch` by the paths its operations touch.

use gwapi_model::envoy_gateway::{BootstrapType, JsonPatchOperation, ProxyBootstrap};
use serde_json::Value;

/// The `dynamic_resources` of the default bootstrap (the same in every fleet's bootstrap: ADS over
/// delta gRPC through `xds_cluster`).
const DEFAULT_DYNAMIC_RESOURCES: &str = r#"{
  "ads_config": {
    "api_type": "DELTA_GRPC",
    "transport_api_version": "V3",
    "grpc_services": [{"envoy_grpc": {"cluster_name": "xds_cluster"}}],
    "set_node_on_first_message_only": true
  },
  "lds_config": {"ads": {}, "initial_fetch_timeout": "0s", "resource_api_version": "V3"},
  "cds_config": {"ads": {}, "initial_fetch_timeout": "0s", "resource_api_version": "V3"}
}"#;

/// The name of the cluster through which the proxies reach the control plane.
const XDS_CLUSTER: &str = "xds_cluster";

const DYNAMIC_RESOURCES_CHANGED: &str = "dynamic_resources cannot be modified";

/// The `dynamic_resources` every proxy's bootstrap must keep.
fn default_dynamic_resources() -> Value {
    serde_json::from_str(DEFAULT_DYNAMIC_RESOURCES).unwrap_or(Value::Null)
}

/// Why the custom bootstrap `bootstrap` cannot be used, if it cannot.
pub(crate) fn problem(bootstrap: &ProxyBootstrap) -> Option<String> {
    match bootstrap.type_.as_ref().unwrap_or(&BootstrapType::Replace) {
        BootstrapType::JsonPatch => patch_problem(&bootstrap.json_patches),
        BootstrapType::Merge => {
            let user = match parse(bootstrap.value.as_deref()?) {
                Ok(user) => user,
                Err(e) => return Some(e),
            };
            let mut merged = default_dynamic_resources();
            if let Some(theirs) = user.get("dynamic_resources") {
                gwapi_model::envoy_gateway::merge_bootstrap(&mut merged, theirs.clone());
            }
            (merged != default_dynamic_resources()).then(|| DYNAMIC_RESOURCES_CHANGED.to_owned())
        }
        BootstrapType::Replace | BootstrapType::Unknown(_) => {
            let user = match parse(bootstrap.value.as_deref()?) {
                Ok(user) => user,
                Err(e) => return Some(e),
            };
            replace_problem(&user)
        }
    }
}

fn parse(text: &str) -> Result<Value, String> {
    serde_norway::from_str(text).map_err(|e| format!("invalid bootstrap: {e}"))
}

/// The problem of a bootstrap that replaces the default one.
fn replace_problem(user: &Value) -> Option<String> {
    if user.get("dynamic_resources") != Some(&default_dynamic_resources()) {
        return Some(DYNAMIC_RESOURCES_CHANGED.to_owned());
    }
    let has_xds_cluster = user
        .pointer("/static_resources/clusters")
        .and_then(Value::as_array)
        .is_some_and(|clusters| {
            clusters
                .iter()
                .any(|c| c.get("name").and_then(Value::as_str) == Some(XDS_CLUSTER))
        });
    (!has_xds_cluster).then(|| format!("{XDS_CLUSTER} must be included"))
}

/// The problem of patches applied to the default bootstrap: none may touch `dynamic_resources`.
fn patch_problem(patches: &[JsonPatchOperation]) -> Option<String> {
    patches
        .iter()
        .flat_map(|p| [p.path.as_deref(), p.from.as_deref()])
        .flatten()
        .any(|path| path == "/dynamic_resources" || path.starts_with("/dynamic_resources/"))
        .then(|| DYNAMIC_RESOURCES_CHANGED.to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::*;

    fn bootstrap(type_: BootstrapType, value: &str) -> ProxyBootstrap {
        ProxyBootstrap {
            type_: Some(type_),
            value: Some(value.to_owned()),
            json_patches: Vec::new(),
        }
    }

    const DYNAMIC: &str = "dynamic_resources:
  ads_config:
    api_type: DELTA_GRPC
    transport_api_version: V3
    grpc_services:
    - envoy_grpc:
        cluster_name: xds_cluster
    set_node_on_first_message_only: true
  lds_config:
    ads: {}
    initial_fetch_timeout: 0s
    resource_api_version: V3
  cds_config:
    ads: {}
    initial_fetch_timeout: 0s
    resource_api_version: V3
";

    #[test]
    fn a_replacement_must_keep_the_dynamic_resources_and_the_xds_cluster() {
        let admin_only =
            "admin:\n  address:\n    socket_address: {address: 127.0.0.1, port_value: 19000}\n";
        assert_eq!(
            problem(&bootstrap(BootstrapType::Replace, admin_only)).as_deref(),
            Some("dynamic_resources cannot be modified")
        );
        assert_eq!(
            problem(&bootstrap(BootstrapType::Replace, DYNAMIC)).as_deref(),
            Some("xds_cluster must be included")
        );
        let full = format!("{DYNAMIC}static_resources:\n  clusters:\n  - name: xds_cluster\n");
        assert_eq!(problem(&bootstrap(BootstrapType::Replace, &full)), None);
    }

    #[test]
    fn a_merge_may_not_touch_the_dynamic_resources() {
        let stats = "stats_flush_interval: 10s\n";
        assert_eq!(problem(&bootstrap(BootstrapType::Merge, stats)), None);
        let more = "dynamic_resources:\n  ads_config:\n    api_type: GRPC\n";
        assert_eq!(
            problem(&bootstrap(BootstrapType::Merge, more)).as_deref(),
            Some("dynamic_resources cannot be modified")
        );
    }
}
