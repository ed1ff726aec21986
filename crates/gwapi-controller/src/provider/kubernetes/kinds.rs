//! Which API resource serves each kind the translator reads, and the kinds of a fleet's objects.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use gwapi_model::resource::ResourceKind;
use kube::core::{ApiResource, GroupVersionKind};

/// One kind the provider watches: the model's kind and the API resource that serves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WatchedKind {
    /// The model's kind.
    pub kind: ResourceKind,
    /// The API group, version, kind and plural the objects are read from.
    pub api: ApiResource,
}

impl WatchedKind {
    /// `kind` served as `group/version` under `plural`.
    pub fn new(kind: ResourceKind, version: &str, plural: &str) -> Self {
        let gvk = GroupVersionKind::gvk(kind.group(), version, kind.kind());
        Self {
            kind,
            api: ApiResource::from_gvk_with_plural(&gvk, plural),
        }
    }
}

/// The versions (preferred first) and plural of each kind read from the API: Gateway API v1.6 serves
/// every kind as `v1` (ReferenceGrant's storage version is `v1beta1`); clusters with older Gateway API
/// CRDs serve TLSRoute, TCPRoute and UDPRoute as `v1alpha2` and BackendTLSPolicy as `v1alpha3`. Envoy
/// Gateway's kinds are `v1alpha1`.
///
/// `EnvoyGateway` is the controller's configuration file, not an API kind, and is not watched.
fn served(kind: ResourceKind) -> Option<(&'static [&'static str], &'static str)> {
    use ResourceKind as K;
    const V1: &[&str] = &["v1"];
    const V1ALPHA1: &[&str] = &["v1alpha1"];
    Some(match kind {
        K::GatewayClass => (V1, "gatewayclasses"),
        K::Gateway => (V1, "gateways"),
        K::ListenerSet => (V1, "listenersets"),
        K::HttpRoute => (V1, "httproutes"),
        K::GrpcRoute => (V1, "grpcroutes"),
        K::TlsRoute => (&["v1", "v1alpha3", "v1alpha2"], "tlsroutes"),
        K::TcpRoute => (&["v1", "v1alpha2"], "tcproutes"),
        K::UdpRoute => (&["v1", "v1alpha2"], "udproutes"),
        K::BackendTlsPolicy => (&["v1", "v1alpha3"], "backendtlspolicies"),
        K::ReferenceGrant => (&["v1beta1", "v1"], "referencegrants"),
        K::ServiceImport => (V1ALPHA1, "serviceimports"),
        K::ClientTrafficPolicy => (V1ALPHA1, "clienttrafficpolicies"),
        K::BackendTrafficPolicy => (V1ALPHA1, "backendtrafficpolicies"),
        K::Backend => (V1ALPHA1, "backends"),
        K::EnvoyProxy => (V1ALPHA1, "envoyproxies"),
        K::SecurityPolicy => (V1ALPHA1, "securitypolicies"),
        K::EnvoyExtensionPolicy => (V1ALPHA1, "envoyextensionpolicies"),
        K::EnvoyPatchPolicy => (V1ALPHA1, "envoypatchpolicies"),
        K::HttpRouteFilter => (V1ALPHA1, "httproutefilters"),
        K::Namespace => (V1, "namespaces"),
        K::Service => (V1, "services"),
        K::EndpointSlice => (V1, "endpointslices"),
        K::Secret => (V1, "secrets"),
        K::ConfigMap => (V1, "configmaps"),
        _ => return None,
    })
}

/// The API resource of `kind` in its preferred version, when it is read from the API.
pub fn watched_kind(kind: ResourceKind) -> Option<WatchedKind> {
    watched_versions(kind).into_iter().next()
}

/// The API resources of `kind`, one per version it may be served as, preferred first.
pub fn watched_versions(kind: ResourceKind) -> Vec<WatchedKind> {
    served(kind)
        .map(|(versions, plural)| {
            versions
                .iter()
                .map(|version| WatchedKind::new(kind, version, plural))
                .collect()
        })
        .unwrap_or_default()
}

/// The version each kind is served as in this cluster, as the watchers found it (the preferred version
/// until a watcher found another). Cloning shares it.
#[derive(Clone, Debug, Default)]
pub struct ServedVersions {
    found: Arc<Mutex<BTreeMap<ResourceKind, WatchedKind>>>,
}

impl ServedVersions {
    /// Records that `kind` is served as `served`.
    pub fn set(&self, served: WatchedKind) {
        self.found
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(served.kind, served);
    }

    /// The API resource to use for `kind`.
    pub fn get(&self, kind: ResourceKind) -> Option<WatchedKind> {
        let found = self.found.lock().unwrap_or_else(PoisonError::into_inner);
        found.get(&kind).cloned().or_else(|| watched_kind(kind))
    }
}

/// Every kind read from the API, in the model's order.
pub fn watched_kinds() -> Vec<WatchedKind> {
    ResourceKind::ALL
        .iter()
        .copied()
        .filter_map(watched_kind)
        .collect()
}

/// The kinds of a fleet's objects, in apply order (the garbage collector lists each of them).
pub fn fleet_kinds() -> Vec<ApiResource> {
    [
        ("", "v1", "ServiceAccount", "serviceaccounts"),
        ("", "v1", "ConfigMap", "configmaps"),
        ("apps", "v1", "Deployment", "deployments"),
        ("apps", "v1", "DaemonSet", "daemonsets"),
        ("", "v1", "Service", "services"),
        (
            "autoscaling",
            "v2",
            "HorizontalPodAutoscaler",
            "horizontalpodautoscalers",
        ),
        (
            "policy",
            "v1",
            "PodDisruptionBudget",
            "poddisruptionbudgets",
        ),
    ]
    .into_iter()
    .map(|(group, version, kind, plural)| {
        ApiResource::from_gvk_with_plural(&GroupVersionKind::gvk(group, version, kind), plural)
    })
    .collect()
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

    #[test]
    fn every_api_kind_is_watched_and_the_config_file_is_not() {
        let kinds = watched_kinds();
        assert_eq!(kinds.len(), ResourceKind::ALL.len() - 1);
        assert!(watched_kind(ResourceKind::EnvoyGateway).is_none());
        let route = watched_kind(ResourceKind::HttpRoute).unwrap();
        assert_eq!(route.api.api_version, "gateway.networking.k8s.io/v1");
        assert_eq!(route.api.plural, "httproutes");
        let service = watched_kind(ResourceKind::Service).unwrap();
        assert_eq!(service.api.api_version, "v1");
        let tls: Vec<String> = watched_versions(ResourceKind::TlsRoute)
            .into_iter()
            .map(|k| k.api.version)
            .collect();
        assert_eq!(tls, ["v1", "v1alpha3", "v1alpha2"]);
        let served = ServedVersions::default();
        assert_eq!(
            served.get(ResourceKind::TlsRoute).unwrap().api.version,
            "v1"
        );
        served.set(watched_versions(ResourceKind::TlsRoute).pop().unwrap());
        assert_eq!(
            served.get(ResourceKind::TlsRoute).unwrap().api.version,
            "v1alpha2"
        );
    }
}
