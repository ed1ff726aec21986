#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
use envoy_types::pb::envoy::config::cluster::v3::Cluster;
use envoy_types::pb::envoy::config::core::v3::Node;
use envoy_types::pb::envoy::config::endpoint::v3::ClusterLoadAssignment;
use envoy_types::pb::google::rpc::Status as RpcStatus;

use super::*;
use crate::XdsResources;

fn resources(clusters: &[&str]) -> XdsResources {
    XdsResources {
        clusters: clusters
            .iter()
            .map(|name| Cluster {
                name: (*name).to_owned(),
                ..Cluster::default()
            })
            .collect(),
        endpoints: clusters
            .iter()
            .map(|name| ClusterLoadAssignment {
                cluster_name: (*name).to_owned(),
                ..ClusterLoadAssignment::default()
            })
            .collect(),
        ..XdsResources::default()
    }
}

fn request(kind: ResourceKind, names: &[&str], nonce: &str) -> DiscoveryRequest {
    DiscoveryRequest {
        node: Some(Node {
            id: "envoy-1".to_owned(),
            cluster: "ns/gw".to_owned(),
            ..Node::default()
        }),
        type_url: type_url(kind),
        resource_names: names.iter().map(|n| (*n).to_owned()).collect(),
        response_nonce: nonce.to_owned(),
        ..DiscoveryRequest::default()
    }
}

fn nack(kind: ResourceKind, nonce: &str) -> DiscoveryRequest {
    DiscoveryRequest {
        error_detail: Some(RpcStatus {
            code: 3,
            message: "rejected".to_owned(),
            ..RpcStatus::default()
        }),
        ..request(kind, &[], nonce)
    }
}

#[test]
fn waits_for_a_snapshot_then_answers() {
    let cache = SnapshotCache::new();
    let mut stream = SotwStream::default();
    stream.handle(request(ResourceKind::Cluster, &[], ""), cache.counters());
    assert!(stream.pending(&cache, cache.counters()).is_empty());
    cache.set("ns/gw", resources(&["a", "b"]));
    let sent = stream.pending(&cache, cache.counters());
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].resources.len(), 2);
    assert!(stream.pending(&cache, cache.counters()).is_empty());
}

#[test]
fn endpoints_carry_the_requested_names_only() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&["a", "b"]));
    let mut stream = SotwStream::default();
    stream.handle(
        request(ResourceKind::Endpoint, &["b"], ""),
        cache.counters(),
    );
    let sent = stream.pending(&cache, cache.counters());
    assert_eq!(sent[0].resources.len(), 1);
    // Asking for more names after the ACK sends again.
    stream.handle(
        request(ResourceKind::Endpoint, &["a", "b"], &sent[0].nonce),
        cache.counters(),
    );
    let again = stream.pending(&cache, cache.counters());
    assert_eq!(again[0].resources.len(), 2);
    assert_eq!(again[0].version_info, sent[0].version_info);
}

#[test]
fn a_nack_never_resends_the_rejected_version() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&["a"]));
    let mut stream = SotwStream::default();
    stream.handle(request(ResourceKind::Cluster, &[], ""), cache.counters());
    let first = stream.pending(&cache, cache.counters());
    stream.handle(
        request(ResourceKind::Cluster, &[], &first[0].nonce),
        cache.counters(),
    );
    cache.set("ns/gw", resources(&["a", "bad"]));
    let bad = stream.pending(&cache, cache.counters());
    assert_eq!(bad.len(), 1);
    stream.handle(nack(ResourceKind::Cluster, &bad[0].nonce), cache.counters());
    assert!(stream.pending(&cache, cache.counters()).is_empty());
    let stats = cache.stats();
    assert_eq!((stats.acks, stats.nacks), (1, 1));
    assert_eq!(
        stats.last_nacks["ns/gw"].rejected_version,
        bad[0].version_info
    );
    assert_eq!(stats.last_nacks["ns/gw"].message, "rejected");
    // A new version goes out.
    cache.set("ns/gw", resources(&["a", "c"]));
    assert_eq!(stream.pending(&cache, cache.counters()).len(), 1);
}

#[test]
fn stale_nonces_are_ignored_and_pushes_wait_for_the_ack() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&["a"]));
    let mut stream = SotwStream::default();
    stream.handle(request(ResourceKind::Cluster, &[], ""), cache.counters());
    let first = stream.pending(&cache, cache.counters());
    cache.set("ns/gw", resources(&["a", "b"]));
    // Still waiting for the ACK of the first response.
    assert!(stream.pending(&cache, cache.counters()).is_empty());
    stream.handle(nack(ResourceKind::Cluster, "stale"), cache.counters());
    assert_eq!(cache.stats().nacks, 0);
    assert!(stream.pending(&cache, cache.counters()).is_empty());
    stream.handle(
        request(ResourceKind::Cluster, &[], &first[0].nonce),
        cache.counters(),
    );
    let second = stream.pending(&cache, cache.counters());
    assert_eq!(second[0].resources.len(), 2);
    assert_ne!(second[0].nonce, first[0].nonce);
}

#[test]
fn pushes_follow_make_before_break_order() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&["a"]));
    let mut stream = SotwStream::default();
    for kind in [
        ResourceKind::Route,
        ResourceKind::Listener,
        ResourceKind::Endpoint,
    ] {
        stream.handle(request(kind, &[], ""), cache.counters());
    }
    stream.handle(request(ResourceKind::Cluster, &[], ""), cache.counters());
    let order: Vec<_> = stream
        .pending(&cache, cache.counters())
        .iter()
        .map(|r| from_type_url(&r.type_url).unwrap())
        .collect();
    assert_eq!(
        order,
        [
            ResourceKind::Cluster,
            ResourceKind::Endpoint,
            ResourceKind::Listener,
            ResourceKind::Route
        ]
    );
}

#[test]
fn the_node_id_names_the_key_when_the_cluster_is_empty() {
    let cache = SnapshotCache::new();
    cache.set("envoy-1", resources(&["a"]));
    let mut stream = SotwStream::default();
    let mut first = request(ResourceKind::Cluster, &[], "");
    first.node.as_mut().unwrap().cluster.clear();
    stream.handle(first, cache.counters());
    assert_eq!(stream.pending(&cache, cache.counters()).len(), 1);
}

#[test]
fn a_new_cluster_subscription_is_answered_at_the_same_version() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&["a", "b"]));
    let mut stream = SotwStream::default();
    stream.handle(request(ResourceKind::Cluster, &["a"], ""), cache.counters());
    let first = stream.pending(&cache, cache.counters());
    assert_eq!(first[0].resources.len(), 2, "CDS carries every cluster");
    stream.handle(
        request(ResourceKind::Cluster, &["a", "b"], &first[0].nonce),
        cache.counters(),
    );
    let second = stream.pending(&cache, cache.counters());
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].version_info, first[0].version_info);
}

#[test]
fn a_removed_key_sends_nothing_until_it_returns() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&["a"]));
    let mut stream = SotwStream::default();
    stream.handle(request(ResourceKind::Cluster, &[], ""), cache.counters());
    let first = stream.pending(&cache, cache.counters());
    stream.handle(
        request(ResourceKind::Cluster, &[], &first[0].nonce),
        cache.counters(),
    );
    cache.remove("ns/gw");
    assert!(stream.pending(&cache, cache.counters()).is_empty());
    cache.set("ns/gw", resources(&["a"]));
    assert!(
        stream.pending(&cache, cache.counters()).is_empty(),
        "same version"
    );
    cache.set("ns/gw", resources(&["b"]));
    assert_eq!(stream.pending(&cache, cache.counters()).len(), 1);
}
