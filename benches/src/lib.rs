//! Generated inputs for gwapi's benchmarks: snapshots of the sizes the issues measure (1 Gateway with 100,
//! 1,000 or 10,000 HTTPRoutes, 5 hostnames and 2 rules each).
//!
//! ```
//! let snapshot = gwapi_benches::http_routes_snapshot(10);
//! assert_eq!(snapshot.http_routes().count(), 10);
//! ```

#![forbid(unsafe_code)]

pub mod large;

use gwapi_model::Snapshot;
use gwapi_model::builders::{
    GatewayBuilder, GatewayClassBuilder, HttpRouteBuilder, ServiceBuilder, snapshot_in_order,
};
use gwapi_model::resource::Resource;

/// The namespace of the generated Gateway.
pub const GATEWAY_NAMESPACE: &str = "infra";

/// A snapshot with one GatewayClass `eg`, one Gateway with an HTTP listener, `routes` HTTPRoutes (5
/// hostnames, 2 rules each, spread over 10 namespaces) and the Services they use.
#[must_use]
pub fn http_routes_snapshot(routes: usize) -> Snapshot {
    let mut objects: Vec<Resource> = vec![
        GatewayClassBuilder::new("eg").build().into(),
        GatewayBuilder::new(GATEWAY_NAMESPACE, "gw")
            .http_listener("http", 80)
            .build()
            .into(),
    ];
    for namespace in std::iter::once(GATEWAY_NAMESPACE.to_owned())
        .chain((0..routes.min(10)).map(|i| format!("team-{i}")))
    {
        objects.push(
            gwapi_model::core::Namespace {
                metadata: gwapi_model::builders::meta("", &namespace),
                ..gwapi_model::core::Namespace::default()
            }
            .into(),
        );
    }
    for i in 0..routes {
        let namespace = format!("team-{}", i % 10);
        let service = format!("svc-{i}");
        let mut route = HttpRouteBuilder::new(&namespace, &format!("route-{i}"))
            .parent_in(GATEWAY_NAMESPACE, "gw");
        for h in 0..5 {
            route = route.hostname(&format!("app-{i}-{h}.example.com"));
        }
        let route = route
            .rule(|r| r.path_prefix("/api").backend(&service, 8080))
            .rule(|r| r.path_prefix("/").backend(&service, 8080).weight(2));
        objects.push(route.build().into());
        objects.push(endpoint_slice(&namespace, &service, i));
        objects.push(
            ServiceBuilder::new(&namespace, &service)
                .port("http", 8080)
                .cluster_ip("10.0.0.1")
                .build()
                .into(),
        );
    }
    snapshot_in_order(objects)
}

/// One ready endpoint (`10.1.x.y:8080`) of Service `namespace/service`, port `http`.
fn endpoint_slice(namespace: &str, service: &str, i: usize) -> Resource {
    let value = serde_json::json!({
        "metadata": {"namespace": namespace, "name": format!("{service}-1"),
                     "labels": {"kubernetes.io/service-name": service}},
        "addressType": "IPv4",
        "ports": [{"name": "http", "port": 8080}],
        "endpoints": [{"addresses": [format!("10.1.{}.{}", i / 250 % 250, i % 250 + 1)],
                       "conditions": {"ready": true}}],
    });
    serde_json::from_value::<gwapi_model::core::EndpointSlice>(value)
        .unwrap_or_default()
        .into()
}

/// The IR of the one Gateway of [`http_routes_snapshot`]`(routes)`.
/// (Empty if the Gateway was not translated.)
#[must_use]
pub fn http_routes_ir(routes: usize) -> gwapi_ir::ir::Xds {
    let translator =
        gwapi_ir::Translator::new(gwapi_ir::TranslatorConfig::default().gateway_class_name("eg"));
    let translation = translator.translate(&http_routes_snapshot(routes));
    translation.xds.into_values().next().unwrap_or_default()
}

/// The protobuf encoding of every resource of `resources`: the bytes an xDS server sends. Returns the total
/// size, so that the work cannot be optimised away.
#[must_use]
pub fn encode(resources: &gwapi_xds::XdsResources) -> usize {
    use prost::Message;
    let mut total = 0;
    total += resources
        .listeners
        .iter()
        .map(|r| r.encode_to_vec().len())
        .sum::<usize>();
    total += resources
        .routes
        .iter()
        .map(|r| r.encode_to_vec().len())
        .sum::<usize>();
    total += resources
        .clusters
        .iter()
        .map(|r| r.encode_to_vec().len())
        .sum::<usize>();
    total += resources
        .endpoints
        .iter()
        .map(|r| r.encode_to_vec().len())
        .sum::<usize>();
    total += resources
        .secrets
        .iter()
        .map(|r| r.encode_to_vec().len())
        .sum::<usize>();
    total
}

#[cfg(test)]
mod tests {
    use gwapi_model::load::{Loader, LoaderConfig};

    use crate::large::{Scale, manifest};

    /// Every generated route attaches: the IR has one route per rule and hostname.
    #[test]
    fn generated_routes_all_reach_the_ir() {
        let ir = crate::http_routes_ir(10);
        let routes: usize = ir.http.iter().map(|l| l.routes.len()).sum();
        assert_eq!(routes, 10 * 5 * 2);
        let resources = gwapi_xds::XdsTranslator::new(gwapi_xds::XdsConfig::default())
            .translate(&ir)
            .expect("the generated IR translates");
        assert_eq!(resources.clusters.len(), 10 * 2);
        assert!(crate::encode(&resources) > 10 * 100);
    }

    /// The large scenario attaches its routes: every Gateway's fleet has HTTP routes.
    #[test]
    fn large_scenario_routes_attach() {
        let output =
            Loader::new(LoaderConfig::default()).load_str("large.yaml", &manifest(Scale::LARGE));
        let snapshot = gwapi_model::builders::snapshot_in_order(output.into_resources());
        let t = gwapi_ir::Translator::new(
            gwapi_ir::TranslatorConfig::default().gateway_class_name("eg"),
        )
        .translate(&snapshot);
        let routes: usize = t
            .xds
            .values()
            .flat_map(|x| &x.http)
            .map(|l| l.routes.len())
            .sum();
        assert!(routes >= 500 * 2, "{routes} HTTP routes in the IR");
    }

    /// The large scenario loads without a problem and every policy is there.
    #[test]
    fn large_scenario_loads_cleanly() {
        let output =
            Loader::new(LoaderConfig::default()).load_str("large.yaml", &manifest(Scale::LARGE));
        assert!(!output.has_errors(), "{:?}", output.diagnostics);
        let resources = output.into_resources();
        let count = |kind: &str| resources.iter().filter(|r| r.kind().kind() == kind).count();
        assert_eq!(count("HTTPRoute"), 500);
        assert_eq!(count("GRPCRoute"), 250);
        assert_eq!(count("UDPRoute"), 100);
        for kind in [
            "ClientTrafficPolicy",
            "BackendTrafficPolicy",
            "SecurityPolicy",
            "EnvoyExtensionPolicy",
        ] {
            assert_eq!(count(kind), 500, "{kind}");
        }
    }
}
