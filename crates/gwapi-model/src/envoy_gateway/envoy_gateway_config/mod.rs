//! The `EnvoyGateway` configuration file (`apiVersion: gateway.envoyproxy.io/v1alpha1`, `kind: EnvoyGateway`):
//! the settings of the Envoy Gateway controller itself. It is not a CRD: the spec fields sit at the top
//! level, next to `apiVersion` and `kind`. Envoy Gateway's file has no `metadata`; gwapi accepts one, so
//! that the configuration can be kept and loaded like any other manifest.

mod extension_manager;
mod observability;
mod provider;
mod rate_limit;

pub use extension_manager::*;
pub use observability::*;
pub use provider::*;
pub use rate_limit::*;

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;
use crate::envoy_gateway::EnvoyProxySpec;

/// The `EnvoyGateway` configuration file (`EnvoyGateway`, with `EnvoyGatewaySpec` inlined).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyGateway {
    /// `gateway.envoyproxy.io/v1alpha1`.
    #[serde(default)]
    pub api_version: String,
    /// `EnvoyGateway`.
    #[serde(default)]
    pub kind: String,
    /// Optional metadata (not part of Envoy Gateway's file; accepted for kubectl-style manifests).
    #[serde(default, skip_serializing_if = "is_empty_metadata")]
    pub metadata: k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    /// Gateway API settings: the controller name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<GatewaySettings>,
    /// The provider (Kubernetes or Custom) and its settings; Kubernetes when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<EnvoyGatewayProvider>,
    /// Log levels of the controller; `default: info` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging: Option<EnvoyGatewayLogging>,
    /// The admin server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<EnvoyGatewayAdmin>,
    /// Metrics and traces of the controller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telemetry: Option<EnvoyGatewayTelemetry>,
    /// The xDS gRPC server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xds_server: Option<XdsServer>,
    /// The global rate limit service; global rate limiting is disabled when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<RateLimit>,
    /// An extension manager.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_manager: Option<ExtensionManager>,
    /// Several extension managers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension_managers: Vec<ExtensionManager>,
    /// Which Envoy Gateway API extensions are enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_apis: Option<ExtensionApiSettings>,
    /// Experimental Gateway API resources that are enabled.
    #[serde(
        default,
        rename = "gatewayAPI",
        skip_serializing_if = "Option::is_none"
    )]
    pub gateway_api: Option<GatewayApiSettings>,
    /// Runtime flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_flags: Option<RuntimeFlags>,
    /// The default `EnvoyProxy` spec of every proxy fleet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envoy_proxy: Option<EnvoyProxySpec>,
}

/// Gateway API settings of the controller (`Gateway`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GatewaySettings {
    /// The controller name matched against `GatewayClass` `controllerName`;
    /// `gateway.envoyproxy.io/gatewayclass-controller` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller_name: Option<String>,
}

/// The xDS gRPC server (`XDSServer`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct XdsServer {
    /// The age after which a connection is gracefully closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connection_age: Option<Duration>,
    /// The grace period after `maxConnectionAge` before the connection is closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connection_age_grace: Option<Duration>,
    /// The largest xDS message accepted from a proxy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_receive_message_size: Option<Quantity>,
}

/// Which Envoy Gateway API extensions are enabled (`ExtensionAPISettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionApiSettings {
    /// Whether `EnvoyPatchPolicy` resources are reconciled.
    #[serde(default)]
    pub enable_envoy_patch_policy: bool,
    /// Whether Backend resources are reconciled.
    #[serde(default)]
    pub enable_backend: bool,
    /// Whether Lua `EnvoyExtensionPolicies` are disabled (deprecated: use `enableLua`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_lua: Option<bool>,
    /// Whether Lua `EnvoyExtensionPolicies` are enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_lua: Option<bool>,
    /// Whether SDS settings are read from Secrets of type `gateway.envoyproxy.io/sds`.
    #[serde(default, rename = "enableSDSSecretRef")]
    pub enable_sds_secret_ref: bool,
}

/// Experimental Gateway API resources that are enabled (`GatewayAPISettings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GatewayApiSettings {
    /// The enabled resources (`GatewayAPI` names, e.g. `XListenerSet`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enabled: Vec<String>,
}

crate::string_enum! {
    /// A runtime flag guarding a breaking change or a risky feature (`RuntimeFlag`).
    pub enum RuntimeFlag {
        /// The xDS name scheme v2.
        XdsNameSchemeV2 = "XDSNameSchemeV2",
        /// Field indexes to look up `EndpointSlices`.
        EndpointSliceIndex = "EndpointSliceIndex",
        /// One SDS secret per resource for the system CA (the pre-1.x behaviour).
        PerResourceSystemCaSecret = "PerResourceSystemCASecret",
    }
}

/// Runtime flags (`RuntimeFlags`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeFlags {
    /// Flags turned on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enabled: Vec<RuntimeFlag>,
    /// Flags turned off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disabled: Vec<RuntimeFlag>,
}

fn is_empty_metadata(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> bool {
    *meta == k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta::default()
}

impl kube::Resource for EnvoyGateway {
    type DynamicType = ();
    type Scope = kube::core::ClusterResourceScope;

    fn kind((): &()) -> std::borrow::Cow<'_, str> {
        "EnvoyGateway".into()
    }
    fn group((): &()) -> std::borrow::Cow<'_, str> {
        crate::envoy_gateway::GROUP.into()
    }
    fn version((): &()) -> std::borrow::Cow<'_, str> {
        "v1alpha1".into()
    }
    fn plural((): &()) -> std::borrow::Cow<'_, str> {
        "envoygateways".into()
    }
    fn meta(&self) -> &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
        &self.metadata
    }
    fn meta_mut(&mut self) -> &mut k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
        &mut self.metadata
    }
}
