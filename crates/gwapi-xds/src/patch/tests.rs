#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use envoy_types::pb::envoy::config::cluster::v3::Cluster;
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::Secret;
use gwapi_ir::ir::{EnvoyPatchPolicy, EnvoyPatchPolicyStatus, PolicyAncestorStatus};
use serde_json::json;

use super::apply;
use crate::XdsResources;

fn policy(patches: serde_json::Value) -> EnvoyPatchPolicy {
    EnvoyPatchPolicy {
        name: "p".into(),
        namespace: "default".into(),
        generation: Some(2),
        status: Some(EnvoyPatchPolicyStatus {
            ancestors: vec![PolicyAncestorStatus::default()],
        }),
        json_patches: serde_json::from_value(patches).unwrap(),
    }
}

fn condition(policy: &EnvoyPatchPolicy) -> (String, String, Option<i64>) {
    let c = &policy.status.as_ref().unwrap().ancestors[0].conditions[0];
    (c.reason.clone(), c.message.clone(), c.observed_generation)
}

fn resources() -> XdsResources {
    XdsResources {
        clusters: vec![Cluster {
            name: "c".into(),
            ..Cluster::default()
        }],
        ..XdsResources::default()
    }
}

const CLUSTER: &str = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
const SECRET: &str = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret";

#[test]
fn patches_an_existing_resource_with_proto_field_names() {
    let mut res = resources();
    let out = apply(
        &mut res,
        &[policy(json!([{"type": CLUSTER, "name": "c", "operation":
            {"op": "add", "path": "/per_connection_buffer_limit_bytes", "value": 100}}]))],
    );
    assert_eq!(
        res.clusters[0]
            .per_connection_buffer_limit_bytes
            .unwrap()
            .value,
        100
    );
    assert_eq!(
        condition(&out[0]),
        (
            "Programmed".into(),
            "Patches have been successfully applied.".into(),
            Some(2)
        )
    );
}

#[test]
fn adds_a_whole_resource_at_the_empty_path() {
    let mut res = resources();
    apply(
        &mut res,
        &[policy(json!([{"type": CLUSTER, "name": "new", "operation":
            {"op": "add", "path": "", "value": {"name": "new", "connect_timeout": "5s"}}}]))],
    );
    assert_eq!(res.clusters[1].name, "new");
}

#[test]
fn json_path_selects_every_target() {
    let mut res = resources();
    res.clusters.push(Cluster {
        name: "d".into(),
        ..Cluster::default()
    });
    apply(
        &mut res,
        &[policy(json!([{"type": CLUSTER, "name": "d", "operation":
            {"op": "add", "jsonPath": "$", "path": "alt_stat_name", "value": "x"}}]))],
    );
    assert_eq!(res.clusters[1].alt_stat_name, "x");
}

#[test]
fn missing_resources_and_invalid_operations_are_reported() {
    let mut res = resources();
    let out = apply(
        &mut res,
        &[
            policy(json!([{"type": CLUSTER, "name": "nope", "operation":
                {"op": "remove", "path": "/name"}}])),
            policy(json!([{"type": CLUSTER, "name": "c", "operation":
                {"op": "replace", "path": "/name"}}])),
            policy(json!([{"type": CLUSTER, "name": "c", "operation":
                {"op": "replace", "jsonPath": "..nothing", "value": 1}}])),
        ],
    );
    assert_eq!(condition(&out[0]).0, "ResourceNotFound");
    assert_eq!(
        condition(&out[0]).1,
        format!("Unable to find xds resources: {CLUSTER}/nope")
    );
    assert_eq!(
        condition(&out[1]).1,
        "The replace operation requires a value."
    );
    assert!(
        condition(&out[2])
            .1
            .starts_with("No jsonPointers were found")
    );
    assert_eq!(res, resources());
}

#[test]
fn unknown_fields_are_rejected() {
    let mut res = resources();
    let out = apply(
        &mut res,
        &[policy(json!([{"type": CLUSTER, "name": "c", "operation":
            {"op": "add", "path": "/no/such", "value": 1}}]))],
    );
    assert_eq!(
        condition(&out[0]).1,
        r#"Unable to unmarshal xds resource {"name":"c","no":{"such":1}}, err:proto: (line 1:13): unknown field "no"."#
    );
    assert_eq!(res, resources());
}

#[test]
fn the_system_trust_store_is_protected() {
    let mut res = resources();
    res.secrets.push(Secret {
        name: "system_ca_certificates".into(),
        ..Secret::default()
    });
    let out = apply(
        &mut res,
        &[policy(
            json!([{"type": SECRET, "name": "system_ca_certificates", "operation":
            {"op": "add", "path": "/name", "value": "x"}}]),
        )],
    );
    assert!(
        condition(&out[0])
            .1
            .ends_with("cannot be modified by patches.")
    );
    assert_eq!(res.secrets[0].name, "system_ca_certificates");
}
