//! Every kind gwapi reads, as one enum, and the registry that maps `apiVersion`/`kind` to it.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::core::{ConfigMap, EndpointSlice, Namespace, Secret, Service};
use crate::envoy_gateway::{
    Backend, BackendTrafficPolicy, ClientTrafficPolicy, EnvoyExtensionPolicy, EnvoyGateway,
    EnvoyPatchPolicy, EnvoyProxy, HttpRouteFilter as EgHttpRouteFilter, SecurityPolicy,
};
use crate::gateway_api::{
    BackendTlsPolicy, Gateway, GatewayClass, GrpcRoute, HttpRoute, ListenerSet, ReferenceGrant,
    ServiceImport, TcpRoute, TlsRoute, UdpRoute,
};

/// Defines [`Resource`], [`ResourceKind`] and the kind registry from one list, so that adding a kind is one
/// line.
macro_rules! resources {
    ($( $(#[$doc:meta])* $variant:ident($ty:ty) = $group:literal, $kind:literal, $namespaced:literal, $plural:ident; )+) => {
        /// One object of a kind gwapi reads.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Resource {
            $( $(#[$doc])* $variant(Box<$ty>), )+
            /// An object of a kind gwapi passes through without interpreting it (extension kinds).
            Unstructured(Box<UnstructuredObject>),
        }

        /// The kinds gwapi reads.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum ResourceKind {
            $( $(#[$doc])* $variant, )+
            /// An extension kind passed through as data.
            Unstructured,
        }

        impl ResourceKind {
            /// Every kind gwapi reads (without [`ResourceKind::Unstructured`]).
            pub const ALL: &'static [ResourceKind] = &[$(ResourceKind::$variant),+];

            /// The API group (`""` for the core group).
            #[must_use]
            pub fn group(self) -> &'static str {
                match self {
                    $( Self::$variant => $group, )+
                    Self::Unstructured => "",
                }
            }

            /// The Kubernetes kind, as written in `kind:`.
            #[must_use]
            pub fn kind(self) -> &'static str {
                match self {
                    $( Self::$variant => $kind, )+
                    Self::Unstructured => "",
                }
            }

            /// Whether objects of this kind live in a namespace.
            #[must_use]
            pub fn namespaced(self) -> bool {
                match self {
                    $( Self::$variant => $namespaced, )+
                    Self::Unstructured => true,
                }
            }

            /// The JSON schema of the kind's type (used for "did you mean" hints), generated once per process.
            #[must_use]
            pub fn json_schema(self) -> &'static serde_json::Value {
                static SCHEMAS: std::sync::LazyLock<std::collections::BTreeMap<ResourceKind, serde_json::Value>> =
                    std::sync::LazyLock::new(|| {
                        std::collections::BTreeMap::from([
                            $( (ResourceKind::$variant, crate::load::schema_of::<$ty>()), )+
                        ])
                    });
                static NULL: serde_json::Value = serde_json::Value::Null;
                SCHEMAS.get(&self).unwrap_or(&NULL)
            }

            /// Looks a kind up by API group and kind name.
            #[must_use]
            pub fn from_group_kind(group: &str, kind: &str) -> Option<Self> {
                match (group, kind) {
                    $( ($group, $kind) => Some(Self::$variant), )+
                    _ => None,
                }
            }

            /// Looks a kind up by its kind name alone, when the name is unambiguous.
            #[must_use]
            pub fn from_kind(kind: &str) -> Option<Self> {
                let mut found = Self::ALL.iter().copied().filter(|k| k.kind() == kind);
                match (found.next(), found.next()) {
                    (Some(k), None) => Some(k),
                    _ => None,
                }
            }
        }

        impl Resource {
            /// The object's kind.
            #[must_use]
            pub fn kind(&self) -> ResourceKind {
                match self {
                    $( Self::$variant(_) => ResourceKind::$variant, )+
                    Self::Unstructured(_) => ResourceKind::Unstructured,
                }
            }

            /// The object's metadata.
            #[must_use]
            pub fn metadata(&self) -> &ObjectMeta {
                match self {
                    $( Self::$variant(o) => &o.metadata, )+
                    Self::Unstructured(o) => &o.metadata,
                }
            }

            /// The object's metadata, for changes.
            pub fn metadata_mut(&mut self) -> &mut ObjectMeta {
                match self {
                    $( Self::$variant(o) => &mut o.metadata, )+
                    Self::Unstructured(o) => &mut o.metadata,
                }
            }

            /// The object as a JSON value, with `apiVersion` and `kind`.
            pub fn to_json(&self) -> Result<serde_json::Value, serde_json::Error> {
                match self {
                    $( Self::$variant(o) => serde_json::to_value(o), )+
                    Self::Unstructured(o) => Ok(o.object.clone()),
                }
            }
        }

        /// Decodes a JSON-like object of `kind` into a [`Resource`], through `decode`, which sees the
        /// concrete type. Used by the loader, which adds diagnostics around it.
        pub(crate) fn decode_kind<D: crate::load::DecodeKind>(
            kind: ResourceKind,
            decoder: D,
        ) -> Option<Resource> {
            match kind {
                $( ResourceKind::$variant => decoder
                    .decode::<$ty>()
                    .map(|o| Resource::$variant(Box::new(o))), )+
                ResourceKind::Unstructured => None,
            }
        }

        impl crate::snapshot::Snapshot {
            $(
                #[doc = concat!("Every `", $kind, "`, oldest first (creation time, then namespace, then name).")]
                pub fn $plural(&self) -> impl Iterator<Item = &$ty> + '_ {
                    self.of_kind(ResourceKind::$variant).filter_map(|r| match r {
                        Resource::$variant(o) => Some(o.as_ref()),
                        _ => None,
                    })
                }
            )+
        }

        $(
            impl From<$ty> for Resource {
                fn from(o: $ty) -> Self {
                    Self::$variant(Box::new(o))
                }
            }
        )+
    };
}

resources! {
    /// Gateway API `GatewayClass`.
    GatewayClass(GatewayClass) = "gateway.networking.k8s.io", "GatewayClass", false, gateway_classes;
    /// Gateway API `Gateway`.
    Gateway(Gateway) = "gateway.networking.k8s.io", "Gateway", true, gateways;
    /// Gateway API `ListenerSet`.
    ListenerSet(ListenerSet) = "gateway.networking.k8s.io", "ListenerSet", true, listener_sets;
    /// Gateway API `HTTPRoute`.
    HttpRoute(HttpRoute) = "gateway.networking.k8s.io", "HTTPRoute", true, http_routes;
    /// Gateway API `GRPCRoute`.
    GrpcRoute(GrpcRoute) = "gateway.networking.k8s.io", "GRPCRoute", true, grpc_routes;
    /// Gateway API `TLSRoute`.
    TlsRoute(TlsRoute) = "gateway.networking.k8s.io", "TLSRoute", true, tls_routes;
    /// Gateway API `TCPRoute`.
    TcpRoute(TcpRoute) = "gateway.networking.k8s.io", "TCPRoute", true, tcp_routes;
    /// Gateway API `UDPRoute`.
    UdpRoute(UdpRoute) = "gateway.networking.k8s.io", "UDPRoute", true, udp_routes;
    /// Gateway API `BackendTLSPolicy`.
    BackendTlsPolicy(BackendTlsPolicy) = "gateway.networking.k8s.io", "BackendTLSPolicy", true, backend_tls_policies;
    /// Multi-cluster `ServiceImport`.
    ServiceImport(ServiceImport) = "multicluster.x-k8s.io", "ServiceImport", true, service_imports;
    /// Gateway API `ReferenceGrant`.
    ReferenceGrant(ReferenceGrant) = "gateway.networking.k8s.io", "ReferenceGrant", true, reference_grants;
    /// Envoy Gateway `ClientTrafficPolicy`.
    ClientTrafficPolicy(ClientTrafficPolicy) = "gateway.envoyproxy.io", "ClientTrafficPolicy", true, client_traffic_policies;
    /// Envoy Gateway `BackendTrafficPolicy`.
    BackendTrafficPolicy(BackendTrafficPolicy) = "gateway.envoyproxy.io", "BackendTrafficPolicy", true, backend_traffic_policies;
    /// Envoy Gateway `Backend`.
    Backend(Backend) = "gateway.envoyproxy.io", "Backend", true, backends;
    /// Envoy Gateway `EnvoyProxy`.
    EnvoyProxy(EnvoyProxy) = "gateway.envoyproxy.io", "EnvoyProxy", true, envoy_proxies;
    /// The Envoy Gateway controller's configuration file (`EnvoyGateway`, not a CRD).
    EnvoyGateway(EnvoyGateway) = "gateway.envoyproxy.io", "EnvoyGateway", false, envoy_gateway_configs;
    /// Envoy Gateway `SecurityPolicy`.
    SecurityPolicy(SecurityPolicy) = "gateway.envoyproxy.io", "SecurityPolicy", true, security_policies;
    /// Envoy Gateway `EnvoyExtensionPolicy`.
    EnvoyExtensionPolicy(EnvoyExtensionPolicy) = "gateway.envoyproxy.io", "EnvoyExtensionPolicy", true, envoy_extension_policies;
    /// Envoy Gateway `EnvoyPatchPolicy`.
    EnvoyPatchPolicy(EnvoyPatchPolicy) = "gateway.envoyproxy.io", "EnvoyPatchPolicy", true, envoy_patch_policies;
    /// Envoy Gateway `HTTPRouteFilter`.
    HttpRouteFilter(EgHttpRouteFilter) = "gateway.envoyproxy.io", "HTTPRouteFilter", true, http_route_filters;
    /// Kubernetes `Namespace`.
    Namespace(Namespace) = "", "Namespace", false, namespaces;
    /// Kubernetes `Service`.
    Service(Service) = "", "Service", true, services;
    /// Kubernetes `EndpointSlice`.
    EndpointSlice(EndpointSlice) = "discovery.k8s.io", "EndpointSlice", true, endpoint_slices;
    /// Kubernetes `Secret`.
    Secret(Secret) = "", "Secret", true, secrets;
    /// Kubernetes `ConfigMap`.
    ConfigMap(ConfigMap) = "", "ConfigMap", true, config_maps;
}

impl std::fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Unstructured => "Unstructured",
            k => k.kind(),
        })
    }
}

/// An object of a kind gwapi does not interpret (for example an extension's policy kind), kept whole.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnstructuredObject {
    /// The object's metadata.
    #[schemars(skip)]
    pub metadata: ObjectMeta,
    /// The whole object, as read.
    pub object: serde_json::Value,
}

/// Identifies one object: kind, namespace (empty for cluster-scoped kinds) and name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectKey {
    /// The object's kind.
    pub kind: ResourceKind,
    /// The object's namespace, `""` for cluster-scoped objects.
    pub namespace: String,
    /// The object's name.
    pub name: String,
}

impl ObjectKey {
    /// The key of a resource.
    #[must_use]
    pub fn of(resource: &Resource) -> Self {
        let meta = resource.metadata();
        Self {
            kind: resource.kind(),
            namespace: meta.namespace.clone().unwrap_or_default(),
            name: meta.name.clone().unwrap_or_default(),
        }
    }
}

impl std::fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.namespace.is_empty() {
            write!(f, "{} {}", self.kind, self.name)
        } else {
            write!(f, "{} {}/{}", self.kind, self.namespace, self.name)
        }
    }
}
