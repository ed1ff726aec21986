//! [`XdsConfig`]: the settings of one [`crate::XdsTranslator`].

/// The default namespace of the control plane.
pub const DEFAULT_CONTROLLER_NAMESPACE: &str = "envoy-gateway-system";
/// The default cluster DNS domain.
pub const DEFAULT_DNS_DOMAIN: &str = "cluster.local";

/// Settings of the IR -> xDS translation, built with `#[must_use]` setters.
///
/// ```
/// use gwapi_xds::XdsConfig;
/// let config = XdsConfig::default().dns_domain("example-cluster.local").enable_xds_name_scheme_v2(true);
/// assert_eq!(
///     config.rate_limit_service_url(),
///     "grpc://envoy-ratelimit.envoy-gateway-system.svc.example-cluster.local:8081"
/// );
/// assert!(config.xds_name_scheme_v2());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct XdsConfig {
    controller_namespace: String,
    dns_domain: String,
    rate_limit_service_url: Option<String>,
    xds_name_scheme_v2: bool,
    per_resource_system_ca_secret: bool,
}

impl Default for XdsConfig {
    fn default() -> Self {
        Self {
            controller_namespace: DEFAULT_CONTROLLER_NAMESPACE.to_owned(),
            dns_domain: DEFAULT_DNS_DOMAIN.to_owned(),
            rate_limit_service_url: None,
            xds_name_scheme_v2: false,
            per_resource_system_ca_secret: false,
        }
    }
}

impl XdsConfig {
    /// The namespace the control plane runs in (default `envoy-gateway-system`).
    #[must_use]
    pub fn controller_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.controller_namespace = namespace.into();
        self
    }

    /// The cluster DNS domain (default `cluster.local`).
    #[must_use]
    pub fn dns_domain(mut self, domain: impl Into<String>) -> Self {
        self.dns_domain = domain.into();
        self
    }

    /// The URL of the global rate-limit service; derived from namespace and DNS domain unless set.
    #[must_use]
    pub fn rate_limit_url(mut self, url: impl Into<String>) -> Self {
        self.rate_limit_service_url = Some(url.into());
        self
    }

    /// Turns on Envoy Gateway's XDSNameSchemeV2 runtime flag.
    #[must_use]
    pub fn enable_xds_name_scheme_v2(mut self, enable: bool) -> Self {
        self.xds_name_scheme_v2 = enable;
        self
    }

    /// Turns on Envoy Gateway's PerResourceSystemCASecret runtime flag.
    #[must_use]
    pub fn enable_per_resource_system_ca_secret(mut self, enable: bool) -> Self {
        self.per_resource_system_ca_secret = enable;
        self
    }

    /// The control plane namespace.
    pub fn namespace(&self) -> &str {
        &self.controller_namespace
    }

    /// The cluster DNS domain.
    pub fn domain(&self) -> &str {
        &self.dns_domain
    }

    /// The global rate-limit service URL.
    pub fn rate_limit_service_url(&self) -> String {
        self.rate_limit_service_url.clone().unwrap_or_else(|| {
            format!(
                "grpc://envoy-ratelimit.{}.svc.{}:8081",
                self.controller_namespace, self.dns_domain
            )
        })
    }

    /// Whether the XDSNameSchemeV2 flag is on.
    pub fn xds_name_scheme_v2(&self) -> bool {
        self.xds_name_scheme_v2
    }

    /// Whether the PerResourceSystemCASecret flag is on.
    pub fn per_resource_system_ca_secret(&self) -> bool {
        self.per_resource_system_ca_secret
    }
}
