//! Translating a manifest without a cluster (`gwapi-controller translate`, standalone mode, Envoy Gateway's
//! `egctl x translate`): what the API server and the cluster would have added is added here.
//!
//! - [`apply_api_defaults`]: the defaults the Gateway API CRD schemas declare for the fields that change a
//!   translation or a status (a parentRef's `group` and `kind`).
//! - [`add_namespaces`]: a `Namespace` for every namespace an object lives in.
//! - [`add_missing_services`]: a Service for every Service a route's backendRef names that the input lacks, and
//!   the port it names on a Service that lacks it; a Service without a cluster IP gets a placeholder address.
//! - [`add_endpoint_slices`]: an EndpointSlice for every Service that has none, whose one endpoint is the
//!   Service's cluster IP on each of its ports.

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::api::core::v1::{Service, ServicePort, ServiceSpec};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::core::EndpointSlice;
use crate::gateway_api::{Listener, ParentReference};
use crate::resource::Resource;

/// The address egctl gives the endpoint of a Service without a cluster IP.
pub const PLACEHOLDER_ADDRESS: &str = "1.2.3.4";

/// The label that ties an EndpointSlice to its Service.
const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";

/// Appends an EndpointSlice for every Service of `objects` that no EndpointSlice names.
pub fn add_endpoint_slices(objects: &mut Vec<Resource>) {
    let covered: BTreeSet<(String, String)> = objects
        .iter()
        .filter_map(|r| match r {
            Resource::EndpointSlice(slice) => Some((
                slice.metadata.namespace.clone().unwrap_or_default(),
                slice
                    .metadata
                    .labels
                    .as_ref()?
                    .get(SERVICE_NAME_LABEL)?
                    .clone(),
            )),
            _ => None,
        })
        .collect();
    let slices: Vec<Resource> = objects
        .iter()
        .filter_map(|r| match r {
            Resource::Service(service) => Some(service),
            _ => None,
        })
        .filter(|s| {
            let key = (
                s.metadata.namespace.clone().unwrap_or_default(),
                s.metadata.name.clone().unwrap_or_default(),
            );
            !covered.contains(&key)
        })
        .map(|s| Resource::EndpointSlice(Box::new(slice_for(s))))
        .collect();
    objects.extend(slices);
}

/// The cluster IP of `service`, if it has one.
fn cluster_ip(service: &Service) -> Option<String> {
    service
        .spec
        .as_ref()?
        .cluster_ip
        .clone()
        .filter(|ip| !ip.is_empty() && ip != "None")
}

fn slice_for(service: &Service) -> EndpointSlice {
    let name = service.metadata.name.clone().unwrap_or_default();
    let spec = service.spec.clone().unwrap_or_default();
    let address = cluster_ip(service).unwrap_or_else(|| PLACEHOLDER_ADDRESS.to_owned());
    let ports = spec
        .ports
        .unwrap_or_default()
        .into_iter()
        .map(|p| EndpointPort {
            name: p.name,
            port: Some(p.port),
            protocol: p.protocol,
            app_protocol: p.app_protocol,
        })
        .collect();
    EndpointSlice {
        metadata: ObjectMeta {
            name: Some(format!("{name}-offline")),
            namespace: service.metadata.namespace.clone(),
            labels: Some(
                [(SERVICE_NAME_LABEL.to_owned(), name)]
                    .into_iter()
                    .collect(),
            ),
            ..ObjectMeta::default()
        },
        address_type: if address.contains(':') {
            "IPv6"
        } else {
            "IPv4"
        }
        .to_owned(),
        endpoints: vec![Endpoint {
            addresses: vec![address],
            conditions: Some(EndpointConditions {
                ready: Some(true),
                ..EndpointConditions::default()
            }),
            ..Endpoint::default()
        }]
        .into(),
        ports: Some(ports),
    }
}

/// The label Kubernetes gives every namespace, with the namespace's name.
const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

/// The Gateway API group.
const GATEWAY_API_GROUP: &str = "gateway.networking.k8s.io";

/// Fills the CRD schema defaults that change a translation or a status, as the API server does when the
/// object is created: every route's parentRefs (`group: gateway.networking.k8s.io`, `kind: Gateway`), and the
/// group of the route kinds a listener allows, a redirect's status code (302); and the
/// `kubernetes.io/metadata.name` label of namespaces.
pub fn apply_api_defaults(resource: &mut Resource) {
    if let Resource::Namespace(ns) = resource {
        // Kubernetes (1.22+) labels every namespace with its own name.
        let name = ns.metadata.name.clone().unwrap_or_default();
        ns.metadata
            .labels
            .get_or_insert_with(Default::default)
            .entry(NAMESPACE_NAME_LABEL.to_owned())
            .or_insert(name);
    }
    let listeners: &mut [Listener] = match resource {
        Resource::Gateway(g) => &mut g.spec.listeners,
        Resource::ListenerSet(s) => &mut s.spec.listeners,
        _ => &mut [],
    };
    for kind in listeners
        .iter_mut()
        .filter_map(|l| l.allowed_routes.as_mut())
        .flat_map(|a| a.kinds.iter_mut())
    {
        kind.group
            .get_or_insert_with(|| GATEWAY_API_GROUP.to_owned());
    }
    if let Resource::HttpRoute(route) = resource {
        // A redirect without a status code answers 302.
        for filter in route.spec.rules.iter_mut().flat_map(|r| {
            r.filters
                .iter_mut()
                .chain(r.backend_refs.iter_mut().flat_map(|b| b.filters.iter_mut()))
        }) {
            if let Some(redirect) = filter.request_redirect.as_mut() {
                redirect.status_code.get_or_insert(302);
            }
        }
    }
    let parents: &mut [ParentReference] = match resource {
        Resource::HttpRoute(r) => &mut r.spec.parent_refs,
        Resource::GrpcRoute(r) => &mut r.spec.parent_refs,
        Resource::TlsRoute(r) => &mut r.spec.parent_refs,
        Resource::TcpRoute(r) => &mut r.spec.parent_refs,
        Resource::UdpRoute(r) => &mut r.spec.parent_refs,
        _ => return,
    };
    for parent in parents {
        parent
            .group
            .get_or_insert_with(|| GATEWAY_API_GROUP.to_owned());
        parent.kind.get_or_insert_with(|| "Gateway".to_owned());
    }
}

/// Appends a `Namespace` for every namespace an object of `objects` lives in that none declares.
pub fn add_namespaces(objects: &mut Vec<Resource>) {
    let declared: BTreeSet<String> = objects
        .iter()
        .filter_map(|r| match r {
            Resource::Namespace(ns) => ns.metadata.name.clone(),
            _ => None,
        })
        .collect();
    let used: BTreeSet<String> = objects
        .iter()
        .filter_map(|r| r.metadata().namespace.clone())
        .filter(|ns| !declared.contains(ns))
        .collect();
    objects.extend(used.into_iter().map(|name| {
        let mut namespace = Resource::Namespace(Box::new(Namespace {
            metadata: ObjectMeta {
                name: Some(name),
                ..ObjectMeta::default()
            },
            ..Namespace::default()
        }));
        apply_api_defaults(&mut namespace);
        namespace
    }));
}

/// A Service port a route's backendRef names: namespace, name, port, protocol.
type ServiceRef = (String, String, i32, &'static str);

/// The Services (with port and protocol) the backendRefs of the routes of `objects` name.
fn referenced_services(objects: &[Resource]) -> Vec<ServiceRef> {
    let mut found = Vec::new();
    for object in objects {
        let protocol = match object {
            Resource::UdpRoute(_) => "UDP",
            Resource::HttpRoute(_)
            | Resource::GrpcRoute(_)
            | Resource::TlsRoute(_)
            | Resource::TcpRoute(_) => "TCP",
            _ => continue,
        };
        let namespace = object.metadata().namespace.clone().unwrap_or_default();
        let Ok(json) = object.to_json() else { continue };
        let rules = json
            .pointer("/spec/rules")
            .and_then(serde_json::Value::as_array)
            .cloned()
            .unwrap_or_default();
        for rule in &rules {
            let refs = rule
                .get("backendRefs")
                .and_then(serde_json::Value::as_array)
                .cloned()
                .unwrap_or_default();
            for r in &refs {
                let text = |key: &str| r.get(key).and_then(serde_json::Value::as_str);
                let core = text("group").is_none_or(str::is_empty)
                    && text("kind").is_none_or(|k| k == "Service");
                let port = r
                    .get("port")
                    .and_then(serde_json::Value::as_i64)
                    .and_then(|p| i32::try_from(p).ok());
                if let (true, Some(name), Some(port)) = (core, text("name"), port) {
                    let ns = text("namespace").unwrap_or(&namespace).to_owned();
                    found.push((ns, name.to_owned(), port, protocol));
                }
            }
        }
    }
    found
}

/// Adds the Services and Service ports that routes name and `objects` lacks, and a placeholder cluster IP
/// to every Service without one.
pub fn add_missing_services(objects: &mut Vec<Resource>) {
    for (namespace, name, port, protocol) in referenced_services(objects) {
        let existing = objects.iter_mut().find_map(|r| match r {
            Resource::Service(s)
                if s.metadata.namespace.as_deref() == Some(namespace.as_str())
                    && s.metadata.name.as_deref() == Some(name.as_str()) =>
            {
                Some(s)
            }
            _ => None,
        });
        let service_port = ServicePort {
            name: Some(format!("{}-{port}", protocol.to_lowercase())),
            port,
            protocol: Some(protocol.to_owned()),
            ..ServicePort::default()
        };
        match existing {
            Some(service) => {
                let ports = service
                    .spec
                    .get_or_insert_with(ServiceSpec::default)
                    .ports
                    .get_or_insert_with(Vec::new);
                let has = ports
                    .iter()
                    .any(|p| p.port == port && p.protocol.as_deref().unwrap_or("TCP") == protocol);
                if !has {
                    ports.push(service_port);
                }
            }
            None => objects.push(Resource::Service(Box::new(Service {
                metadata: ObjectMeta {
                    name: Some(name),
                    namespace: Some(namespace),
                    ..ObjectMeta::default()
                },
                spec: Some(ServiceSpec {
                    ports: Some(vec![service_port]),
                    ..ServiceSpec::default()
                }),
                ..Service::default()
            }))),
        }
    }
    for object in objects.iter_mut() {
        if let Resource::Service(service) = object
            && cluster_ip(service).is_none()
        {
            service
                .spec
                .get_or_insert_with(ServiceSpec::default)
                .cluster_ip = Some(PLACEHOLDER_ADDRESS.to_owned());
        }
    }
}

/// The name egctl gives the EnvoyProxy it adds for a GatewayClass without one.
pub const DEFAULT_ENVOY_PROXY_NAME: &str = "default-envoy-proxy";

/// What `egctl x translate --add-missing-resources` adds besides Services and Namespaces: when the
/// GatewayClass `class_name` names no parameters, an EnvoyProxy named [`DEFAULT_ENVOY_PROXY_NAME`] in
/// `namespace` with the default settings (egctl writes the default bootstrap into it, which changes
/// nothing), and the class's parametersRef to it. Returns whether it added one.
pub fn add_default_envoy_proxy(
    objects: &mut Vec<Resource>,
    class_name: &str,
    namespace: &str,
) -> bool {
    let Some(class) = objects.iter_mut().find_map(|r| match r {
        Resource::GatewayClass(c) if c.metadata.name.as_deref() == Some(class_name) => Some(c),
        _ => None,
    }) else {
        return false;
    };
    if class.spec.parameters_ref.is_some() {
        return false;
    }
    class.spec.parameters_ref = Some(crate::gateway_api::ParametersReference {
        group: crate::envoy_gateway::GROUP.to_owned(),
        kind: "EnvoyProxy".to_owned(),
        name: DEFAULT_ENVOY_PROXY_NAME.to_owned(),
        namespace: Some(namespace.to_owned()),
    });
    let mut proxy = crate::envoy_gateway::EnvoyProxy::new(
        DEFAULT_ENVOY_PROXY_NAME,
        crate::envoy_gateway::EnvoyProxySpec::default(),
    );
    proxy.metadata.namespace = Some(namespace.to_owned());
    objects.push(Resource::EnvoyProxy(Box::new(proxy)));
    true
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
    use crate::builders::GatewayClassBuilder;

    #[test]
    fn the_default_envoy_proxy_is_added_only_for_a_class_without_parameters() {
        let mut objects: Vec<Resource> = vec![GatewayClassBuilder::new("eg").build().into()];
        assert!(add_default_envoy_proxy(
            &mut objects,
            "eg",
            "envoy-gateway-system"
        ));
        let Resource::GatewayClass(class) = &objects[0] else {
            panic!("the class moved");
        };
        let reference = class.spec.parameters_ref.clone().unwrap();
        assert_eq!(reference.kind, "EnvoyProxy");
        assert_eq!(reference.name, DEFAULT_ENVOY_PROXY_NAME);
        let Resource::EnvoyProxy(proxy) = &objects[1] else {
            panic!("no EnvoyProxy added");
        };
        assert_eq!(
            proxy.metadata.namespace.as_deref(),
            Some("envoy-gateway-system")
        );
        // Once the class names parameters, nothing more is added.
        assert!(!add_default_envoy_proxy(
            &mut objects,
            "eg",
            "envoy-gateway-system"
        ));
        assert!(!add_default_envoy_proxy(
            &mut objects,
            "other",
            "envoy-gateway-system"
        ));
        assert_eq!(objects.len(), 2);
    }
}
