//! Fluent builders for tests and examples: one shared place to build objects, instead of per-file
//! `mk_*` copies.
//!
//! ```
//! use gwapi_model::builders::{GatewayBuilder, HttpRouteBuilder, ServiceBuilder, snapshot_in_order};
//! let snapshot = snapshot_in_order([
//!     GatewayBuilder::new("infra", "gw").class("eg").http_listener("http", 80).build().into(),
//!     HttpRouteBuilder::new("apps", "web")
//!         .parent_in("infra", "gw")
//!         .hostname("web.example.com")
//!         .rule(|r| r.path_prefix("/").backend("web", 8080))
//!         .build()
//!         .into(),
//!     ServiceBuilder::new("apps", "web").port("http", 8080).build().into(),
//! ]);
//! assert_eq!(snapshot.len(), 3);
//! let route = snapshot.http_routes().next().unwrap();
//! assert_eq!(route.spec.rules[0].backend_refs[0].port, Some(8080));
//! ```

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{ServicePort, ServiceSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

use crate::Snapshot;
use crate::core::Service;
use crate::gateway_api::{
    AllowedRoutes, FromNamespaces, Gateway, GatewayClass, GatewayClassSpec, GatewaySpec,
    HttpBackendRef, HttpPathMatch, HttpRoute, HttpRouteMatch, HttpRouteRule, HttpRouteSpec,
    Listener, ListenerTlsConfig, ParentReference, PathMatchType, ProtocolType, ReferenceGrant,
    ReferenceGrantFrom, ReferenceGrantSpec, ReferenceGrantTo, RouteNamespaces,
    SecretObjectReference, TlsModeType,
};
use crate::resource::Resource;

/// Metadata with a namespace (empty for cluster-scoped objects) and a name.
#[must_use]
pub fn meta(namespace: &str, name: &str) -> ObjectMeta {
    ObjectMeta {
        namespace: (!namespace.is_empty()).then(|| namespace.to_owned()),
        name: Some(name.to_owned()),
        ..ObjectMeta::default()
    }
}

/// A snapshot whose objects were created in the given order (one second apart), so that "oldest wins"
/// follows the order of the list.
pub fn snapshot_in_order(objects: impl IntoIterator<Item = Resource>) -> Snapshot {
    let epoch = jiff_timestamp(1_700_000_000);
    objects
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            let offset = i64::try_from(i).unwrap_or(i64::MAX);
            r.metadata_mut().creation_timestamp = epoch.map(|t| {
                Time(
                    t.saturating_add(k8s_openapi::jiff::SignedDuration::from_secs(offset))
                        .unwrap_or(t),
                )
            });
            r
        })
        .collect()
}

fn jiff_timestamp(seconds: i64) -> Option<k8s_openapi::jiff::Timestamp> {
    k8s_openapi::jiff::Timestamp::from_second(seconds).ok()
}

/// Builds a [`GatewayClass`].
#[derive(Clone, Debug)]
#[must_use]
pub struct GatewayClassBuilder(GatewayClass);

impl GatewayClassBuilder {
    /// A class managed by Envoy Gateway's controller name.
    pub fn new(name: &str) -> Self {
        let spec = GatewayClassSpec {
            controller_name: "gateway.envoyproxy.io/gatewayclass-controller".to_owned(),
            parameters_ref: None,
            description: None,
        };
        Self(GatewayClass {
            metadata: meta("", name),
            spec,
            status: None,
        })
    }

    /// Sets the controller name.
    pub fn controller(mut self, controller: &str) -> Self {
        controller.clone_into(&mut self.0.spec.controller_name);
        self
    }

    /// The class.
    pub fn build(self) -> GatewayClass {
        self.0
    }
}

/// Builds a [`Gateway`].
#[derive(Clone, Debug)]
#[must_use]
pub struct GatewayBuilder(Gateway);

impl GatewayBuilder {
    /// A Gateway of class `eg` without listeners.
    pub fn new(namespace: &str, name: &str) -> Self {
        let spec = GatewaySpec {
            gateway_class_name: "eg".to_owned(),
            ..GatewaySpec::default()
        };
        Self(Gateway {
            metadata: meta(namespace, name),
            spec,
            status: None,
        })
    }

    /// Sets the class.
    pub fn class(mut self, class: &str) -> Self {
        class.clone_into(&mut self.0.spec.gateway_class_name);
        self
    }

    /// Adds a listener built by `f` from one with the given name, protocol and port.
    pub fn listener(
        mut self,
        name: &str,
        protocol: ProtocolType,
        port: i32,
        f: impl FnOnce(ListenerBuilder) -> ListenerBuilder,
    ) -> Self {
        let listener = Listener {
            name: name.to_owned(),
            hostname: None,
            port,
            protocol,
            tls: None,
            allowed_routes: None,
        };
        self.0.spec.listeners.push(f(ListenerBuilder(listener)).0);
        self
    }

    /// Adds an HTTP listener that accepts routes from every namespace.
    pub fn http_listener(self, name: &str, port: i32) -> Self {
        self.listener(
            name,
            ProtocolType::Http,
            port,
            ListenerBuilder::from_all_namespaces,
        )
    }

    /// The Gateway.
    pub fn build(self) -> Gateway {
        self.0
    }
}

/// Builds a [`Listener`] inside [`GatewayBuilder::listener`].
#[derive(Clone, Debug)]
#[must_use]
pub struct ListenerBuilder(Listener);

impl ListenerBuilder {
    /// Sets the hostname.
    pub fn hostname(mut self, hostname: &str) -> Self {
        self.0.hostname = Some(hostname.to_owned());
        self
    }

    /// Accepts routes from every namespace.
    pub fn from_all_namespaces(mut self) -> Self {
        let namespaces = RouteNamespaces {
            from: Some(FromNamespaces::All),
            selector: None,
        };
        self.0.allowed_routes = Some(AllowedRoutes {
            namespaces: Some(namespaces),
            kinds: Vec::new(),
        });
        self
    }

    /// Terminates TLS with the certificate in a Secret of the Gateway's namespace.
    pub fn terminate_tls(mut self, secret: &str) -> Self {
        let reference = SecretObjectReference {
            name: secret.to_owned(),
            ..SecretObjectReference::default()
        };
        self.0.tls = Some(ListenerTlsConfig {
            mode: Some(TlsModeType::Terminate),
            certificate_refs: vec![reference],
            options: BTreeMap::new(),
        });
        self
    }
}

/// Builds an [`HttpRoute`].
#[derive(Clone, Debug)]
#[must_use]
pub struct HttpRouteBuilder(HttpRoute);

impl HttpRouteBuilder {
    /// A route without parents, hostnames or rules.
    pub fn new(namespace: &str, name: &str) -> Self {
        Self(HttpRoute {
            metadata: meta(namespace, name),
            spec: HttpRouteSpec::default(),
            status: None,
        })
    }

    /// Attaches to a Gateway of the route's namespace.
    pub fn parent(self, gateway: &str) -> Self {
        self.parent_ref(ParentReference {
            name: gateway.to_owned(),
            ..ParentReference::default()
        })
    }

    /// Attaches to a Gateway of another namespace.
    pub fn parent_in(self, namespace: &str, gateway: &str) -> Self {
        self.parent_ref(ParentReference {
            namespace: Some(namespace.to_owned()),
            name: gateway.to_owned(),
            ..ParentReference::default()
        })
    }

    /// Adds a parent reference as written.
    pub fn parent_ref(mut self, parent: ParentReference) -> Self {
        self.0.spec.parent_refs.push(parent);
        self
    }

    /// Adds a hostname.
    pub fn hostname(mut self, hostname: &str) -> Self {
        self.0.spec.hostnames.push(hostname.to_owned());
        self
    }

    /// Adds a rule built by `f`.
    pub fn rule(mut self, f: impl FnOnce(HttpRuleBuilder) -> HttpRuleBuilder) -> Self {
        self.0
            .spec
            .rules
            .push(f(HttpRuleBuilder(HttpRouteRule::default())).0);
        self
    }

    /// The route.
    pub fn build(self) -> HttpRoute {
        self.0
    }
}

/// Builds an [`HttpRouteRule`] inside [`HttpRouteBuilder::rule`].
#[derive(Clone, Debug)]
#[must_use]
pub struct HttpRuleBuilder(HttpRouteRule);

impl HttpRuleBuilder {
    /// Adds a path match of the given type.
    pub fn path(mut self, type_: PathMatchType, value: &str) -> Self {
        let path = HttpPathMatch {
            type_: Some(type_),
            value: Some(value.to_owned()),
        };
        self.0.matches.push(HttpRouteMatch {
            path: Some(path),
            ..HttpRouteMatch::default()
        });
        self
    }

    /// Adds a path prefix match.
    pub fn path_prefix(self, prefix: &str) -> Self {
        self.path(PathMatchType::PathPrefix, prefix)
    }

    /// Adds a backend: a Service of the route's namespace and a port.
    pub fn backend(mut self, service: &str, port: i32) -> Self {
        self.0.backend_refs.push(HttpBackendRef {
            name: service.to_owned(),
            port: Some(port),
            ..HttpBackendRef::default()
        });
        self
    }

    /// Sets the weight of the last backend added.
    pub fn weight(mut self, weight: i32) -> Self {
        if let Some(last) = self.0.backend_refs.last_mut() {
            last.weight = Some(weight);
        }
        self
    }
}

/// Builds a core [`Service`].
#[derive(Clone, Debug)]
#[must_use]
pub struct ServiceBuilder(Service);

impl ServiceBuilder {
    /// A ClusterIP Service without ports.
    pub fn new(namespace: &str, name: &str) -> Self {
        Self(Service {
            metadata: meta(namespace, name),
            spec: Some(ServiceSpec::default()),
            status: None,
        })
    }

    /// Adds a TCP port.
    pub fn port(mut self, name: &str, port: i32) -> Self {
        if let Some(spec) = self.0.spec.as_mut() {
            spec.ports.get_or_insert_with(Vec::new).push(ServicePort {
                name: Some(name.to_owned()),
                port,
                protocol: Some("TCP".to_owned()),
                ..ServicePort::default()
            });
        }
        self
    }

    /// Sets the cluster IP.
    pub fn cluster_ip(mut self, ip: &str) -> Self {
        if let Some(spec) = self.0.spec.as_mut() {
            spec.cluster_ip = Some(ip.to_owned());
        }
        self
    }

    /// The Service.
    pub fn build(self) -> Service {
        self.0
    }
}

/// Builds a [`ReferenceGrant`].
#[derive(Clone, Debug)]
#[must_use]
pub struct ReferenceGrantBuilder(ReferenceGrant);

impl ReferenceGrantBuilder {
    /// A grant in `namespace` that allows nothing yet.
    pub fn new(namespace: &str, name: &str) -> Self {
        Self(ReferenceGrant {
            metadata: meta(namespace, name),
            spec: ReferenceGrantSpec::default(),
        })
    }

    /// Allows objects of `kind` (in `group`) from `namespace`.
    pub fn from(mut self, group: &str, kind: &str, namespace: &str) -> Self {
        self.0.spec.from.push(ReferenceGrantFrom {
            group: group.to_owned(),
            kind: kind.to_owned(),
            namespace: namespace.to_owned(),
        });
        self
    }

    /// To objects of `kind` (in `group`), all of them or the one named.
    pub fn to(mut self, group: &str, kind: &str, name: Option<&str>) -> Self {
        self.0.spec.to.push(ReferenceGrantTo {
            group: group.to_owned(),
            kind: kind.to_owned(),
            name: name.map(str::to_owned),
        });
        self
    }

    /// The grant.
    pub fn build(self) -> ReferenceGrant {
        self.0
    }
}
