#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
use envoy_types::pb::envoy::config::cluster::v3::Cluster;
use envoy_types::pb::envoy::config::core::v3::Node;
use envoy_types::pb::google::protobuf::Duration;
use envoy_types::pb::google::rpc::Status as RpcStatus;

use super::*;
use crate::XdsResources;

fn resources(clusters: &[(&str, i64)]) -> XdsResources {
    XdsResources {
        clusters: clusters
            .iter()
            .map(|(name, timeout)| Cluster {
                name: (*name).to_owned(),
                connect_timeout: Some(Duration {
                    seconds: *timeout,
                    nanos: 0,
                }),
                ..Cluster::default()
            })
            .collect(),
        ..XdsResources::default()
    }
}

fn request(subscribe: &[&str], nonce: &str) -> DeltaDiscoveryRequest {
    DeltaDiscoveryRequest {
        node: Some(Node {
            id: "envoy-1".to_owned(),
            cluster: "ns/gw".to_owned(),
            ..Node::default()
        }),
        type_url: type_url(ResourceKind::Cluster),
        resource_names_subscribe: subscribe.iter().map(|n| (*n).to_owned()).collect(),
        response_nonce: nonce.to_owned(),
        ..DeltaDiscoveryRequest::default()
    }
}

fn names(response: &DeltaDiscoveryResponse) -> Vec<&str> {
    response.resources.iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn sends_only_changes_and_removals() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&[("a", 1), ("b", 1)]));
    let mut stream = DeltaStream::default();
    stream.handle(request(&[], ""), cache.counters());
    let first = stream.pending(&cache, cache.counters());
    assert_eq!(names(&first[0]), ["a", "b"]);
    stream.handle(request(&[], &first[0].nonce), cache.counters());
    cache.set("ns/gw", resources(&[("a", 1), ("c", 1)]));
    let second = stream.pending(&cache, cache.counters());
    assert_eq!(names(&second[0]), ["c"]);
    assert_eq!(second[0].removed_resources, ["b"]);
    assert_eq!(cache.stats().acks, 1);
}

#[test]
fn a_nack_is_counted_and_not_resent() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&[("a", 1)]));
    let mut stream = DeltaStream::default();
    stream.handle(request(&[], ""), cache.counters());
    let first = stream.pending(&cache, cache.counters());
    stream.handle(
        DeltaDiscoveryRequest {
            error_detail: Some(RpcStatus {
                message: "bad".to_owned(),
                ..RpcStatus::default()
            }),
            ..request(&[], &first[0].nonce)
        },
        cache.counters(),
    );
    assert!(stream.pending(&cache, cache.counters()).is_empty());
    assert_eq!(cache.stats().nacks, 1);
    assert_eq!(cache.stats().last_nacks["ns/gw"].message, "bad");
}

#[test]
fn reconnections_skip_what_the_proxy_has() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&[("a", 1), ("b", 2)]));
    let mut stream = DeltaStream::default();
    stream.handle(request(&[], ""), cache.counters());
    let first = stream.pending(&cache, cache.counters());
    let mut again = DeltaStream::default();
    let mut reconnect = request(&[], "");
    reconnect.initial_resource_versions = first[0]
        .resources
        .iter()
        .filter(|r| r.name == "a")
        .map(|r| (r.name.clone(), r.version.clone()))
        .collect();
    again.handle(reconnect, cache.counters());
    let sent = again.pending(&cache, cache.counters());
    assert_eq!(names(&sent[0]), ["b"]);
}

#[test]
fn named_subscriptions_get_their_names() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&[("a", 1), ("b", 1)]));
    let mut stream = DeltaStream::default();
    stream.handle(request(&["b"], ""), cache.counters());
    let first = stream.pending(&cache, cache.counters());
    assert_eq!(names(&first[0]), ["b"]);
    stream.handle(request(&["a"], &first[0].nonce), cache.counters());
    let second = stream.pending(&cache, cache.counters());
    assert_eq!(names(&second[0]), ["a"]);
}

#[test]
fn unsubscribed_names_are_forgotten_without_removal() {
    let cache = SnapshotCache::new();
    cache.set("ns/gw", resources(&[("a", 1), ("b", 1)]));
    let mut stream = DeltaStream::default();
    stream.handle(request(&["a", "b"], ""), cache.counters());
    let first = stream.pending(&cache, cache.counters());
    let mut unsubscribe = request(&[], &first[0].nonce);
    unsubscribe.resource_names_unsubscribe = vec!["b".to_owned()];
    stream.handle(unsubscribe, cache.counters());
    cache.set("ns/gw", resources(&[("a", 1)]));
    assert!(stream.pending(&cache, cache.counters()).is_empty());
    cache.set("ns/gw", resources(&[("a", 2)]));
    let second = stream.pending(&cache, cache.counters());
    assert_eq!(names(&second[0]), ["a"]);
    assert!(second[0].removed_resources.is_empty());
}
