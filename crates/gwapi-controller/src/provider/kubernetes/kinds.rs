//! Which API resource serves each kind the translator reads, and the kinds of a fleet's objects.

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

/// The version and plural of each kind read from the API: Gateway API v1.6 (every kind served as `v1`,
/// ReferenceGrant's storage version `v1beta1`), Envoy Gateway `v1alpha1`, the core kinds.
///
/// `EnvoyGateway` is the controller's configuration file, not an API kind, and is not watched.
fn served(kind: ResourceKind) -> Option<(&'static str, &'static str)> {
    use ResourceKind as K;
    Some(match kind {
        K::GatewayClass => ("v1", "gatewayclasses"),
        K::Gateway => ("v1", "gateways"),
        K::ListenerSet => ("v1", "listenersets"),
        K::HttpRoute => ("v1", "httproutes"),
        K::GrpcRoute => ("v1", "grpcroutes"),
        K::TlsRoute => ("v1", "tlsroutes"),
        K::TcpRoute => ("v1", "tcproutes"),
        K::UdpRoute => ("v1", "udproutes"),
        K::BackendTlsPolicy => ("v1", "backendtlspolicies"),
        K::ReferenceGrant => ("v1beta1", "referencegrants"),
        K::ServiceImport => ("v1alpha1", "serviceimports"),
        K::ClientTrafficPolicy => ("v1alpha1", "clienttrafficpolicies"),
        K::BackendTrafficPolicy => ("v1alpha1", "backendtrafficpolicies"),
        K::Backend => ("v1alpha1", "backends"),
        K::EnvoyProxy => ("v1alpha1", "envoyproxies"),
        K::SecurityPolicy => ("v1alpha1", "securitypolicies"),
        K::EnvoyExtensionPolicy => ("v1alpha1", "envoyextensionpolicies"),
        K::EnvoyPatchPolicy => ("v1alpha1", "envoypatchpolicies"),
        K::HttpRouteFilter => ("v1alpha1", "httproutefilters"),
        K::Namespace => ("v1", "namespaces"),
        K::Service => ("v1", "services"),
        K::EndpointSlice => ("v1", "endpointslices"),
        K::Secret => ("v1", "secrets"),
        K::ConfigMap => ("v1", "configmaps"),
        _ => return None,
    })
}

/// The API resource of `kind`, when it is read from the API.
pub fn watched_kind(kind: ResourceKind) -> Option<WatchedKind> {
    served(kind).map(|(version, plural)| WatchedKind::new(kind, version, plural))
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
    }
}
