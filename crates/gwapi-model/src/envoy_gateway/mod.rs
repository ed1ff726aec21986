//! Envoy Gateway kinds (`gateway.envoyproxy.io/v1alpha1`) and the EnvoyGateway configuration file: every
//! field that the corpus exercises, with the kube `CustomResource` derive so that CRD manifests can be
//! generated from them.

mod backend;
mod backend_traffic_policy;
mod client_traffic_policy;
mod cluster;
mod common;
mod envoy_extension_policy;
mod envoy_gateway_config;
mod envoy_patch_policy;
mod envoy_proxy;
mod http2;
mod http_route_filter;
mod policy_target;
mod security_policy;

pub use backend::*;
pub use backend_traffic_policy::*;
pub use client_traffic_policy::*;
pub use cluster::*;
pub use common::*;
pub use envoy_extension_policy::*;
pub use envoy_gateway_config::*;
pub use envoy_patch_policy::*;
pub use envoy_proxy::*;
pub use http_route_filter::*;
pub use http2::*;
pub use policy_target::*;
pub use security_policy::*;

/// The API group of the Envoy Gateway kinds.
pub const GROUP: &str = "gateway.envoyproxy.io";

/// The CustomResourceDefinitions of the Envoy Gateway kinds, generated from the types.
///
/// ```
/// let crds = gwapi_model::envoy_gateway::crds();
/// assert!(crds.iter().any(|c| c.spec.names.kind == "SecurityPolicy"));
/// assert!(crds.iter().all(|c| c.spec.group == "gateway.envoyproxy.io"));
/// ```
#[must_use]
pub fn crds()
-> Vec<k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition>
{
    use kube::CustomResourceExt;
    vec![
        Backend::crd(),
        BackendTrafficPolicy::crd(),
        ClientTrafficPolicy::crd(),
        EnvoyExtensionPolicy::crd(),
        EnvoyPatchPolicy::crd(),
        EnvoyProxy::crd(),
        HttpRouteFilter::crd(),
        SecurityPolicy::crd(),
    ]
}
