//! `EnvoyProxy`: the configuration of a fleet of managed Envoy proxies (deployment, logging, telemetry,
//! bootstrap, filter order, backend TLS, ...), referenced by a `GatewayClass` or a Gateway.

mod backend_tls;
mod bootstrap;
mod dynamic_module;
mod filter_order;
mod geo_ip;
mod kubernetes;
mod logging;
mod lua;
mod provider;
mod telemetry;

pub use backend_tls::*;
pub use bootstrap::*;
pub use dynamic_module::*;
pub use filter_order::*;
pub use geo_ip::*;
pub use kubernetes::*;
pub use logging::*;
pub use lua::*;
pub use provider::*;
pub use telemetry::*;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::envoy_gateway::{MergeType, RoutingType};
use crate::gateway_api::ParentReference;
use crate::{Condition, Duration};

/// The desired state of an Envoy proxy fleet (`EnvoyProxySpec`). The kind is [`EnvoyProxy`].
#[derive(CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "gateway.envoyproxy.io",
    version = "v1alpha1",
    kind = "EnvoyProxy",
    plural = "envoyproxies",
    namespaced,
    status = "EnvoyProxyStatus",
    derive = "PartialEq",
    derive = "Default"
)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyProxySpec {
    /// The resource provider (Kubernetes or Host) and its settings; Kubernetes with defaults when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<EnvoyProxyProvider>,
    /// Log levels of the proxies; `default: warn` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging: Option<ProxyLogging>,
    /// Access logs, tracing and metrics of the proxies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telemetry: Option<ProxyTelemetry>,
    /// A custom or patched Envoy bootstrap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bootstrap: Option<ProxyBootstrap>,
    /// The number of worker threads; the number of cpuset threads when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<i32>,
    /// Whether Services are reached through their cluster IP or their endpoints (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_type: Option<RoutingType>,
    /// Extra command line options for Envoy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_args: Vec<String>,
    /// Whether all Gateways of the class share one proxy fleet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_gateways: Option<bool>,
    /// Cluster deduplication across routes; enabled when present, even empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_backends: Option<MergeBackendsConfig>,
    /// Graceful shutdown (drain) settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shutdown: Option<ShutdownConfig>,
    /// Reorders filters of the HTTP filter chain, applied in list order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filter_order: Vec<FilterPosition>,
    /// TLS settings used towards backends that have a TLS policy.
    #[serde(
        default,
        rename = "backendTLS",
        skip_serializing_if = "Option::is_none"
    )]
    pub backend_tls: Option<BackendTlsConfig>,
    /// The IP family of the listeners; IPv4 when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_family: Option<IpFamily>,
    /// Whether `HTTPRoute` rules keep their order instead of the Gateway API precedence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preserve_route_order: Option<bool>,
    /// Lua script validation strictness (deprecated: use `lua.validationType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lua_validation: Option<LuaValidation>,
    /// How Lua scripts of `EnvoyExtensionPolicies` are validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lua: Option<LuaValidationConfig>,
    /// The dynamic modules that `EnvoyExtensionPolicies` and load balancer policies may use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dynamic_modules: Vec<DynamicModuleEntry>,
    /// The `GeoIP` provider shared by the `GeoIP` filters of the fleet.
    #[serde(default, rename = "geoIP", skip_serializing_if = "Option::is_none")]
    pub geo_ip: Option<EnvoyProxyGeoIp>,
    /// How this `EnvoyProxy` merges with less specific ones; it replaces them when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_type: Option<MergeType>,
}

/// The observed state of an `EnvoyProxy` (`EnvoyProxyStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyProxyStatus {
    /// The status for each `GatewayClass` or Gateway that uses this `EnvoyProxy`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ancestors: Vec<EnvoyProxyAncestorStatus>,
}

/// The status of an `EnvoyProxy` for one `GatewayClass` or Gateway that uses it (`EnvoyProxyAncestorStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyProxyAncestorStatus {
    /// The `GatewayClass` or Gateway that refers to this `EnvoyProxy` with its parameters reference.
    pub ancestor_ref: ParentReference,
    /// The conditions of the `EnvoyProxy` for this ancestor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
}

/// Cluster deduplication settings (`MergeBackendsConfig`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MergeBackendsConfig {
    /// Only backends whose Service, `ServiceImport` or Backend matches this selector are deduplicated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
}

/// Graceful shutdown settings (`ShutdownConfig`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ShutdownConfig {
    /// The delay before health checks start failing during the drain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_failure_delay: Option<Duration>,
    /// The graceful drain timeout; 60s when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drain_timeout: Option<Duration>,
    /// The minimum drain duration; 10s when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_drain_duration: Option<Duration>,
}

crate::string_enum! {
    /// The IP family of the proxy fleet's listeners (`IPFamily`).
    pub enum IpFamily {
        /// IPv4 only.
        Ipv4 = "IPv4",
        /// IPv6 only.
        Ipv6 = "IPv6",
        /// IPv4 and IPv6.
        DualStack = "DualStack",
    }
}
