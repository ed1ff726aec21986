//! The world of one case, set up the way `FIXTURES.md` describes the reference harness: the case's objects in
//! file order, the base secrets, the shared fixtures, the zone-discovery variant, and the Envoy proxy Service
//! (with its EndpointSlice) of each Gateway.

use std::collections::BTreeMap;

use gwapi_ir::Translation;
use gwapi_ir::names::hashed_name;
use gwapi_model::Snapshot;
use gwapi_model::core::{EndpointSlice, Service};
use gwapi_model::envoy_gateway::EnvoyProxy;
use gwapi_model::gateway_api::{GatewayClass, GatewayClassSpec, ParametersReference};
use gwapi_model::resource::Resource;
use k8s_openapi::api::core::v1::{ServicePort, ServiceSpec};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

/// The objects the reference harness adds to every case.
pub struct SharedFixtures {
    /// The secrets of `base/base.yaml`.
    pub base_secrets: Vec<Resource>,
    /// Everything in `fixtures.yaml`.
    pub fixtures: Vec<Resource>,
}

/// What the harness knows about a case besides its objects.
pub struct CaseWorld<'a> {
    /// The case name (decides the zone-discovery variant, as `FIXTURES.md` says).
    pub name: &'a str,
    /// The case's own objects, in file order.
    pub objects: Vec<Resource>,
    /// The EnvoyProxy the case gives the GatewayClass (`envoyProxyForGatewayClass`), if any.
    pub class_proxy: Option<EnvoyProxy>,
    /// The GatewayClass name and controller the translation runs for.
    pub class_name: &'a str,
    /// The controller name.
    pub controller_name: &'a str,
    /// The controller namespace.
    pub controller_namespace: &'a str,
    /// Whether each fleet runs in its Gateway's namespace.
    pub gateway_namespace_mode: bool,
}

fn meta(namespace: &str, name: &str, labels: &[(&str, &str)]) -> ObjectMeta {
    ObjectMeta {
        namespace: Some(namespace.to_owned()),
        name: Some(name.to_owned()),
        labels: (!labels.is_empty()).then(|| {
            labels
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>()
        }),
        ..ObjectMeta::default()
    }
}

/// The Envoy proxy Service and EndpointSlice of one fleet.
fn proxy_service(namespace: &str, name: &str, labels: &[(&str, &str)]) -> [Resource; 2] {
    let service = Service {
        metadata: meta(namespace, name, labels),
        spec: Some(ServiceSpec {
            cluster_ip: Some("6.7.8.9".to_owned()),
            ports: Some(vec![ServicePort {
                name: Some("http".to_owned()),
                port: 8080,
                protocol: Some("TCP".to_owned()),
                ..ServicePort::default()
            }]),
            ..ServiceSpec::default()
        }),
        status: None,
    };
    let mut slice_labels = labels.to_vec();
    slice_labels.push(("kubernetes.io/service-name", name));
    let slice = EndpointSlice {
        metadata: meta(namespace, name, &slice_labels),
        address_type: "IPv4".to_owned(),
        endpoints: Some(vec![Endpoint {
            addresses: vec!["7.6.5.4".to_owned()],
            conditions: Some(EndpointConditions {
                ready: Some(true),
                ..EndpointConditions::default()
            }),
            zone: Some("zone1".to_owned()),
            ..Endpoint::default()
        }]),
        ports: Some(vec![EndpointPort {
            name: Some("http".to_owned()),
            port: Some(8080),
            protocol: Some("TCP".to_owned()),
            ..EndpointPort::default()
        }]),
    };
    [service.into(), slice.into()]
}

/// The zone-discovery variant of the fixtures: services 1..4 prefer close endpoints, and the endpoint of
/// `endpointslice-N` is in zone `antarctica-east1` + the letter `'a' + N`.
fn with_zone_discovery(mut resource: Resource) -> Resource {
    let name = resource.metadata().name.clone().unwrap_or_default();
    match &mut resource {
        Resource::Service(service)
            if name
                .strip_prefix("service-")
                .is_some_and(|n| ("1"..="4").contains(&n)) =>
        {
            if let Some(spec) = service.spec.as_mut() {
                spec.traffic_distribution = Some("PreferClose".to_owned());
            }
        }
        Resource::EndpointSlice(slice) => {
            if let Some(n) = name
                .strip_prefix("endpointslice-")
                .and_then(|n| n.parse::<u8>().ok())
                && let Some(endpoint) = slice.endpoints.as_mut().and_then(|e| e.first_mut())
            {
                endpoint.zone = Some(format!("antarctica-east1{}", char::from(b'a' + n)));
            }
        }
        _ => {}
    }
    resource
}

/// The key that signs OIDC cookies, which Envoy Gateway's cert generation job puts in the controller's
/// namespace before any translation (its value is never written out: the IR redacts it).
fn oidc_hmac_secret(controller_namespace: &str) -> Resource {
    gwapi_model::core::Secret {
        metadata: meta(controller_namespace, "envoy-oidc-hmac", &[]),
        data: Some(BTreeMap::from([(
            "hmac-secret".to_owned(),
            k8s_openapi::ByteString(b"conformance-harness-hmac-key".to_vec()),
        )])),
        ..gwapi_model::core::Secret::default()
    }
    .into()
}

/// Builds the snapshot of a case.
pub fn snapshot(world: CaseWorld<'_>, shared: &SharedFixtures) -> Snapshot {
    let mut objects = world.objects;
    let has_class = objects.iter().any(|o| matches!(o, Resource::GatewayClass(c) if c.metadata.name.as_deref() == Some(world.class_name)));
    if let Some(proxy) = &world.class_proxy {
        objects.push(proxy.clone().into());
    }
    if !has_class {
        // The reference harness passes the class's EnvoyProxy beside the class; gwapi finds it through the
        // class's parametersRef, so the class is made to name it.
        let parameters_ref = world.class_proxy.as_ref().map(|p| ParametersReference {
            group: "gateway.envoyproxy.io".to_owned(),
            kind: "EnvoyProxy".to_owned(),
            name: p.metadata.name.clone().unwrap_or_default(),
            namespace: p.metadata.namespace.clone(),
        });
        objects.push(
            GatewayClass {
                metadata: ObjectMeta {
                    name: Some(world.class_name.to_owned()),
                    ..ObjectMeta::default()
                },
                spec: GatewayClassSpec {
                    controller_name: world.controller_name.to_owned(),
                    parameters_ref,
                    description: None,
                },
                status: None,
            }
            .into(),
        );
    }
    let merged = world
        .class_proxy
        .as_ref()
        .is_some_and(|p| p.spec.merge_gateways == Some(true));
    let gateways: Vec<(String, String)> = objects
        .iter()
        .filter_map(|o| match o {
            Resource::Gateway(g) if g.spec.gateway_class_name == world.class_name => Some((
                g.metadata.namespace.clone().unwrap_or_default(),
                g.metadata.name.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect();
    let zone_discovery = world.name.contains("enable-zone-discovery");
    let mut extra: Vec<Resource> = shared.base_secrets.clone();
    extra.push(oidc_hmac_secret(world.controller_namespace));
    extra.extend(shared.fixtures.iter().cloned().map(|r| {
        if zone_discovery {
            with_zone_discovery(r)
        } else {
            r
        }
    }));
    if merged {
        let name = format!("envoy-{}", hashed_name(world.class_name));
        extra.extend(proxy_service(
            world.controller_namespace,
            &name,
            &[(
                "gateway.envoyproxy.io/owning-gatewayclass",
                world.class_name,
            )],
        ));
    } else {
        for (namespace, name) in &gateways {
            let labels = [
                ("gateway.envoyproxy.io/owning-gateway-name", name.as_str()),
                (
                    "gateway.envoyproxy.io/owning-gateway-namespace",
                    namespace.as_str(),
                ),
            ];
            let (service_namespace, service_name) = if world.gateway_namespace_mode {
                (namespace.clone(), name.clone())
            } else {
                (
                    world.controller_namespace.to_owned(),
                    format!("envoy-{}", hashed_name(&format!("{namespace}/{name}"))),
                )
            };
            extra.extend(proxy_service(&service_namespace, &service_name, &labels));
        }
    }
    objects.extend(extra);
    in_file_order(objects)
}

/// Gives objects without a creation time (EnvoyProxy objects aside) one that keeps file order and sorts before any real time (as Go's
/// zero time does), so that "oldest wins" ties follow the file as in the reference harness.
fn in_file_order(objects: Vec<Resource>) -> Snapshot {
    let zero = k8s_openapi::jiff::Timestamp::from_second(-62_135_596_800).unwrap_or_default();
    let mut snapshot = Snapshot::new();
    for (i, mut object) in objects.into_iter().enumerate() {
        // EnvoyProxy objects are found by reference, never by age, and the infra IR carries them verbatim:
        // they keep their metadata as written.
        let by_reference = matches!(object, Resource::EnvoyProxy(_));
        let meta = object.metadata_mut();
        if meta.creation_timestamp.is_none() && !by_reference {
            let offset =
                k8s_openapi::jiff::SignedDuration::from_secs(i64::try_from(i).unwrap_or(0));
            meta.creation_timestamp = zero.checked_add(offset).ok().map(Time);
        }
        snapshot.insert(object);
    }
    snapshot
}

/// Drops the status the class's EnvoyProxy carries in the infra IR when the case names no GatewayClass.
///
/// The reference harness then translates without a GatewayClass object, so nothing gives the class's
/// EnvoyProxy a status; gwapi finds that EnvoyProxy through the class [`snapshot`] adds, and records
/// that class as its ancestor. The EnvoyProxy statuses themselves are not compared in those cases (the reference's output
/// has none), so only the copy inside the infra IR differs.
pub fn forget_class_proxy_status(translation: &mut Translation, class_proxy: &ObjectMeta) {
    let configs = translation
        .infra
        .values_mut()
        .filter_map(|i| i.proxy.as_mut()?.config.as_mut());
    for config in configs {
        if config.metadata.name == class_proxy.name
            && config.metadata.namespace == class_proxy.namespace
        {
            config.status = None;
        }
    }
}
