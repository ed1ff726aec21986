//! [`TranslatorConfig`]: what a translation needs to know that is not in the Snapshot.

/// Options of a [`Translator`](super::Translator). Toggles are positive (`enable_*`).
///
/// ```
/// use gwapi_ir::TranslatorConfig;
/// let config = TranslatorConfig::default().gateway_class_name("eg").enable_backend(false);
/// assert_eq!(config.gateway_class_name, "eg");
/// assert!(!config.enable_backend);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[must_use]
#[allow(clippy::struct_excessive_bools)] // independent feature toggles, each positive
pub struct TranslatorConfig {
    /// The controller name this translator answers for (GatewayClass `spec.controllerName`).
    pub controller_name: String,
    /// The GatewayClass whose Gateways are translated.
    pub gateway_class_name: String,
    /// The namespace the controller (and, outside gateway-namespace mode, every proxy fleet) runs in.
    pub controller_namespace: String,
    /// The cluster DNS domain (for service hostnames such as the rate limit service).
    pub dns_domain: String,
    /// Whether EnvoyPatchPolicy is honoured.
    pub enable_envoy_patch_policy: bool,
    /// Whether the Envoy Gateway `Backend` kind is honoured.
    pub enable_backend: bool,
    /// Whether Lua in EnvoyExtensionPolicy is allowed.
    pub enable_lua: bool,
    /// Whether the global rate limit service is configured.
    pub enable_global_rate_limit: bool,
    /// Whether each proxy fleet runs in its Gateway's namespace (gateway-namespace mode).
    pub enable_gateway_namespace_mode: bool,
    /// Whether the proxies run as host processes rather than in Kubernetes.
    pub enable_running_on_host: bool,
    /// Whether TLS secrets are delivered to Envoy by SDS references instead of inline.
    pub enable_sds_secret_refs: bool,
    /// Whether the system CA bundle is delivered as one secret per resource.
    pub enable_per_resource_system_ca_secret: bool,
    /// Whether Service backends are reached through their endpoints (EndpointSlices); when off, every
    /// Service backend is reached through its cluster IP and Service port, whatever the EnvoyProxy's
    /// `routingType` (as `egctl x translate` does, having no cluster to read endpoints from).
    pub enable_endpoint_routing: bool,
    /// The EnvoyProxy spec every fleet starts from (the EnvoyGateway configuration's default), before the
    /// GatewayClass's and the Gateway's EnvoyProxy are merged over it.
    pub envoy_proxy_defaults: Option<Box<gwapi_model::envoy_gateway::EnvoyProxySpec>>,
    /// The time (seconds since the Unix epoch) at which certificates and CRLs are checked for expiry; the
    /// translator never reads the clock, so without it nothing is considered expired.
    pub current_time: Option<i64>,
    /// The SHA-256 (hex) of the Wasm modules the caller fetched, by original URL (OCI images as
    /// `oci://<image>:<tag>`); translation downloads nothing, so a policy's checksum is only checked
    /// against these.
    pub wasm_checksums: std::collections::BTreeMap<String, String>,
}

impl Default for TranslatorConfig {
    fn default() -> Self {
        Self {
            controller_name: "gateway.envoyproxy.io/gatewayclass-controller".to_owned(),
            gateway_class_name: "eg".to_owned(),
            controller_namespace: "envoy-gateway-system".to_owned(),
            dns_domain: "cluster.local".to_owned(),
            enable_envoy_patch_policy: false,
            enable_backend: false,
            enable_lua: true,
            enable_global_rate_limit: false,
            enable_gateway_namespace_mode: false,
            enable_running_on_host: false,
            enable_sds_secret_refs: false,
            enable_per_resource_system_ca_secret: false,
            enable_endpoint_routing: true,
            envoy_proxy_defaults: None,
            current_time: None,
            wasm_checksums: std::collections::BTreeMap::new(),
        }
    }
}

impl TranslatorConfig {
    /// Sets the EnvoyProxy spec every fleet starts from.
    pub fn envoy_proxy_defaults(
        mut self,
        spec: Option<gwapi_model::envoy_gateway::EnvoyProxySpec>,
    ) -> Self {
        self.envoy_proxy_defaults = spec.map(Box::new);
        self
    }

    /// Sets the time (seconds since the Unix epoch) certificates and CRLs are checked against.
    pub fn current_time(mut self, seconds: Option<i64>) -> Self {
        self.current_time = seconds;
        self
    }

    /// Sets the SHA-256 of the Wasm modules the caller fetched, by original URL.
    pub fn wasm_checksums(mut self, checksums: std::collections::BTreeMap<String, String>) -> Self {
        self.wasm_checksums = checksums;
        self
    }
}

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty;)+) => {
        impl TranslatorConfig {
            $(
                $(#[$doc])*
                pub fn $name(mut self, value: impl Into<$ty>) -> Self {
                    self.$name = value.into();
                    self
                }
            )+
        }
    };
}

setters! {
    /// Sets the controller name.
    controller_name: String;
    /// Sets the GatewayClass to translate.
    gateway_class_name: String;
    /// Sets the controller namespace.
    controller_namespace: String;
    /// Sets the cluster DNS domain.
    dns_domain: String;
    /// Honours EnvoyPatchPolicy.
    enable_envoy_patch_policy: bool;
    /// Honours the `Backend` kind.
    enable_backend: bool;
    /// Allows Lua extensions.
    enable_lua: bool;
    /// Enables the global rate limit service.
    enable_global_rate_limit: bool;
    /// Runs each fleet in its Gateway's namespace.
    enable_gateway_namespace_mode: bool;
    /// Runs the proxies as host processes.
    enable_running_on_host: bool;
    /// Delivers TLS secrets by SDS reference.
    enable_sds_secret_refs: bool;
    /// Delivers the system CA bundle as one secret per resource.
    enable_per_resource_system_ca_secret: bool;
    /// Reaches Service backends through their endpoints (off: through their cluster IPs).
    enable_endpoint_routing: bool;
}
