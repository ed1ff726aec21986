//! Properties of `Translator::translate` over generated Gateway API worlds: translating twice gives the same
//! result, the order objects arrive in does not matter (creation times decide precedence), unrelated objects
//! change nothing, and every route gets a status for every Gateway of the class it names.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_ir::{ObjectStatus, Translator, TranslatorConfig};
use gwapi_model::Snapshot;
use gwapi_model::builders::{
    GatewayBuilder, GatewayClassBuilder, HttpRouteBuilder, ListenerBuilder, ServiceBuilder,
    snapshot_in_order,
};
use gwapi_model::gateway_api::{ParentReference, ProtocolType};
use gwapi_model::resource::{ObjectKey, Resource, ResourceKind};
use proptest::prelude::*;

/// A generated world: Gateways with listeners (name, port, hostname), and routes (namespace, parents
/// (gateway, listener), hostnames, backend).
#[derive(Clone, Debug)]
struct World {
    gateways: Vec<Vec<GeneratedListener>>,
    routes: Vec<GeneratedRoute>,
}

/// A listener: name suffix, port, hostname index.
type GeneratedListener = (u8, u16, Option<u8>);
/// A route: namespace, parents (gateway, listener), hostnames, backend.
type GeneratedRoute = (u8, Vec<(u8, Option<u8>)>, Vec<u8>, u8);

fn world() -> impl Strategy<Value = World> {
    let listener = (
        0u8..3,
        prop::sample::select(vec![80u16, 443, 8080]),
        prop::option::of(0u8..3),
    );
    let gateway = prop::collection::vec(listener, 1..4);
    let parent = (0u8..3, prop::option::of(0u8..4));
    let route = (
        0u8..3,
        prop::collection::vec(parent, 1..3),
        prop::collection::vec(0u8..4, 0..3),
        0u8..4,
    );
    (
        prop::collection::vec(gateway, 1..3),
        prop::collection::vec(route, 0..8),
    )
        .prop_map(|(gateways, routes)| World { gateways, routes })
}

const HOSTS: [&str; 3] = ["*.example.com", "a.example.com", "other.org"];

fn objects(world: &World) -> Vec<Resource> {
    let mut out: Vec<Resource> = vec![GatewayClassBuilder::new("eg").build().into()];
    for (g, listeners) in world.gateways.iter().enumerate() {
        let mut gateway = GatewayBuilder::new("infra", &format!("gw-{g}"));
        for (l, (name, port, host)) in listeners.iter().enumerate() {
            let listener_name = format!("l{name}-{l}");
            gateway = gateway.listener(
                &listener_name,
                ProtocolType::Http,
                i32::from(*port),
                |b: ListenerBuilder| {
                    let b = b.from_all_namespaces();
                    match host {
                        Some(h) => b.hostname(HOSTS[usize::from(*h) % HOSTS.len()]),
                        None => b,
                    }
                },
            );
        }
        out.push(gateway.build().into());
    }
    for (r, (namespace, parents, hosts, backend)) in world.routes.iter().enumerate() {
        let mut route = HttpRouteBuilder::new(&format!("ns-{namespace}"), &format!("route-{r}"));
        for (gateway, section) in parents {
            route = route.parent_ref(ParentReference {
                namespace: Some("infra".to_owned()),
                name: format!("gw-{gateway}"),
                section_name: section.map(|s| format!("l{s}-0")),
                ..ParentReference::default()
            });
        }
        for h in hosts {
            route = route.hostname(&format!("h{h}.example.com"));
        }
        let service = format!("svc-{backend}");
        out.push(
            route
                .rule(|rule| rule.path_prefix("/").backend(&service, 8080))
                .build()
                .into(),
        );
    }
    for namespace in 0..3 {
        for backend in 0..3 {
            out.push(
                ServiceBuilder::new(&format!("ns-{namespace}"), &format!("svc-{backend}"))
                    .port("http", 8080)
                    .cluster_ip("10.0.0.1")
                    .build()
                    .into(),
            );
        }
    }
    out
}

fn translator() -> Translator {
    Translator::new(TranslatorConfig::default().gateway_class_name("eg"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn translation_is_deterministic(world in world()) {
        let snapshot = snapshot_in_order(objects(&world));
        prop_assert_eq!(translator().translate(&snapshot), translator().translate(&snapshot));
    }

    #[test]
    fn input_order_does_not_matter(world in world(), seed in any::<u64>()) {
        let snapshot = snapshot_in_order(objects(&world));
        // The same objects (with the same creation times), inserted in another order.
        let mut shuffled: Vec<Resource> = snapshot.iter().cloned().collect();
        let len = shuffled.len() as u64;
        for i in 0..shuffled.len() {
            let j = usize::try_from(seed.rotate_left(u32::try_from(i % 64).unwrap()) % len).unwrap();
            shuffled.swap(i, j);
        }
        let reordered: Snapshot = shuffled.into_iter().collect();
        prop_assert_eq!(translator().translate(&snapshot), translator().translate(&reordered));
    }

    #[test]
    fn unrelated_objects_change_nothing(world in world()) {
        let mut objects = objects(&world);
        let plain = translator().translate(&snapshot_in_order(objects.clone()));
        objects.push(ServiceBuilder::new("elsewhere", "unrelated").port("http", 80).build().into());
        objects.push(GatewayBuilder::new("infra", "other-class").class("not-ours").http_listener("http", 80).build().into());
        let with_unrelated = translator().translate(&snapshot_in_order(objects));
        prop_assert_eq!(plain.xds, with_unrelated.xds);
        prop_assert_eq!(plain.infra, with_unrelated.infra);
    }

    #[test]
    fn renaming_unrelated_objects_changes_nothing(world in world(), name in "[a-z][a-z0-9-]{0,20}") {
        let with = |name: &str| {
            let mut objects = objects(&world);
            objects.push(ServiceBuilder::new("elsewhere", name).port("http", 80).build().into());
            objects.push(
                GatewayBuilder::new("infra", &format!("{name}-gw"))
                    .class("not-ours")
                    .http_listener("http", 80)
                    .build()
                    .into(),
            );
            translator().translate(&snapshot_in_order(objects))
        };
        let (a, b) = (with("unrelated"), with(&name));
        prop_assert_eq!(a.xds, b.xds);
        prop_assert_eq!(a.infra, b.infra);
        prop_assert_eq!(a.statuses, b.statuses);
    }

    #[test]
    fn every_route_has_a_status_for_every_gateway_it_names(world in world()) {
        let snapshot = snapshot_in_order(objects(&world));
        let translation = translator().translate(&snapshot);
        let gateways: Vec<String> = snapshot.gateways().filter_map(|g| g.metadata.name.clone()).collect();
        for route in snapshot.http_routes() {
            let key = ObjectKey {
                kind: ResourceKind::HttpRoute,
                namespace: route.metadata.namespace.clone().unwrap_or_default(),
                name: route.metadata.name.clone().unwrap_or_default(),
            };
            // Parents that are not Gateways of this controller's class are not ours to report on.
            let ours: Vec<&ParentReference> =
                route.spec.parent_refs.iter().filter(|p| gateways.contains(&p.name)).collect();
            let parents = match translation.statuses.get(&key) {
                Some(ObjectStatus::Route(status)) => status.parents.clone(),
                _ => Vec::new(),
            };
            for parent in ours {
                prop_assert!(
                    parents.iter().any(|p| p.parent_ref == *parent),
                    "{key} has no status for parent {parent:?}"
                );
            }
        }
    }
}
