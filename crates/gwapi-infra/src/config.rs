//! `InfraConfig`: the settings of the controller that renders every fleet (not per-fleet settings, which come
//! from the IR and its `EnvoyProxy`).

/// The controller-wide settings of [`InfraRenderer`](crate::InfraRenderer).
///
/// ```
/// let config = gwapi_infra::InfraConfig::default()
///     .controller_namespace("gateway-system")
///     .xds_port(18001);
/// assert_eq!(config.xds_host(), "envoy-gateway.gateway-system.svc.cluster.local.");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
#[non_exhaustive]
pub struct InfraConfig {
    pub(crate) controller_namespace: String,
    pub(crate) dns_domain: String,
    pub(crate) controller_service: String,
    pub(crate) xds_address: Option<String>,
    pub(crate) xds_port: u16,
    pub(crate) envoy_image: String,
    pub(crate) shutdown_manager_image: String,
    pub(crate) certs_secret_name: String,
    pub(crate) gateway_namespace_mode: bool,
    pub(crate) max_connections: u64,
}

impl Default for InfraConfig {
    fn default() -> Self {
        Self {
            controller_namespace: "envoy-gateway-system".to_owned(),
            dns_domain: "cluster.local".to_owned(),
            controller_service: "envoy-gateway".to_owned(),
            xds_address: None,
            xds_port: 18000,
            envoy_image: "docker.io/envoyproxy/envoy:distroless-dev".to_owned(),
            shutdown_manager_image: "docker.io/envoyproxy/gateway-dev:latest".to_owned(),
            certs_secret_name: "envoy".to_owned(),
            gateway_namespace_mode: false,
            max_connections: 50_000,
        }
    }
}

impl InfraConfig {
    /// The namespace the controller runs in, where fleets live outside gateway-namespace mode
    /// (`envoy-gateway-system`).
    pub fn controller_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.controller_namespace = namespace.into();
        self
    }

    /// The cluster DNS domain (`cluster.local`).
    pub fn dns_domain(mut self, domain: impl Into<String>) -> Self {
        self.dns_domain = domain.into();
        self
    }

    /// The name of the controller's Service (`envoy-gateway`), from which the default xDS host is derived.
    pub fn controller_service(mut self, service: impl Into<String>) -> Self {
        self.controller_service = service.into();
        self
    }

    /// The host the proxies reach the xDS server at; `<service>.<namespace>.svc.<domain>.` when unset.
    pub fn xds_address(mut self, address: impl Into<String>) -> Self {
        self.xds_address = Some(address.into());
        self
    }

    /// The xDS server port (18000).
    pub fn xds_port(mut self, port: u16) -> Self {
        self.xds_port = port;
        self
    }

    /// The default Envoy image (`docker.io/envoyproxy/envoy:distroless-dev`).
    pub fn envoy_image(mut self, image: impl Into<String>) -> Self {
        self.envoy_image = image.into();
        self
    }

    /// The shutdown-manager image (`docker.io/envoyproxy/gateway-dev:latest`).
    pub fn shutdown_manager_image(mut self, image: impl Into<String>) -> Self {
        self.shutdown_manager_image = image.into();
        self
    }

    /// The Secret with the proxies' xDS client certificate (`envoy`).
    pub fn certs_secret_name(mut self, name: impl Into<String>) -> Self {
        self.certs_secret_name = name.into();
        self
    }

    /// Whether fleets run in their Gateway's namespace, named after the Gateway, and authenticate to xDS with
    /// a projected service account token instead of a client certificate.
    pub fn enable_gateway_namespace_mode(mut self, enable: bool) -> Self {
        self.gateway_namespace_mode = enable;
        self
    }

    /// The overload manager's limit of downstream connections per proxy (50000).
    pub fn max_connections(mut self, max: u64) -> Self {
        self.max_connections = max;
        self
    }

    /// The xDS host the bootstrap points at.
    pub fn xds_host(&self) -> String {
        self.xds_address.clone().unwrap_or_else(|| {
            format!(
                "{}.{}.svc.{}.",
                self.controller_service, self.controller_namespace, self.dns_domain
            )
        })
    }

    /// The audience of the projected service account token in gateway-namespace mode: the controller
    /// Service's DNS name.
    pub fn token_audience(&self) -> String {
        format!(
            "{}.{}.svc.{}",
            self.controller_service, self.controller_namespace, self.dns_domain
        )
    }

    /// Whether gateway-namespace mode is on.
    pub fn gateway_namespace_mode(&self) -> bool {
        self.gateway_namespace_mode
    }
}
