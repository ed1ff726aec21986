//! [`XdsTranslator`]: the entry point of the IR -> xDS translation.

use gwapi_ir::ir::Xds;

use crate::context::Context;
use crate::{Result, XdsConfig, XdsResources};

/// Translates one IR into Envoy resources; a pure function of its configuration and input.
///
/// ```
/// use gwapi_xds::{XdsConfig, XdsTranslator};
/// let resources = XdsTranslator::new(XdsConfig::default())
///     .translate(&gwapi_xds::ir::ir::Xds::default())
///     .unwrap();
/// assert!(resources.is_empty());
/// ```
#[derive(Clone, Debug, Default)]
pub struct XdsTranslator {
    config: XdsConfig,
}

/// The outcome of a translation that can fail part-way: what was produced, and the first error if any.
#[derive(Debug)]
#[non_exhaustive]
pub struct Translated {
    /// Every resource that could be produced.
    pub resources: XdsResources,
    /// The error that stopped part of the translation, if any.
    pub error: Option<crate::Error>,
    /// The IR's EnvoyPatchPolicies with their statuses, once their patches were applied.
    pub patch_policies: Vec<gwapi_ir::ir::EnvoyPatchPolicy>,
}

impl XdsTranslator {
    /// A translator with these settings.
    pub fn new(config: XdsConfig) -> Self {
        Self { config }
    }

    /// The settings.
    pub fn config(&self) -> &XdsConfig {
        &self.config
    }

    /// Translates `xds`, failing on the first error.
    pub fn translate(&self, xds: &Xds) -> Result<XdsResources> {
        let translated = self.translate_partial(xds);
        match translated.error {
            Some(e) => Err(e),
            None => Ok(translated.resources),
        }
    }

    /// Translates `xds`, keeping what was produced even when part of it fails (like the reference, which
    /// returns both its partial output and the joined errors).
    pub fn translate_partial(&self, xds: &Xds) -> Translated {
        let mut ctx = Context::new(&self.config, xds);
        let mut error = None;
        if let Some(ready) = &xds.ready_listener {
            ctx.resources
                .listeners
                .push(crate::listener::ready::listener(ready));
        }
        for listener in &xds.http {
            match crate::listener::http::translate(&mut ctx, listener) {
                Ok((route_config, create)) => {
                    crate::route::translate(&mut ctx, listener, &route_config, create);
                    crate::filters::add_clusters(&mut ctx, listener);
                }
                Err(e) => {
                    error.get_or_insert(e);
                }
            }
        }
        crate::filters::ratelimit::add_service(&mut ctx, xds);
        crate::telemetry::access_log::add_clusters(&mut ctx, xds.access_log.as_ref());
        if let Some(destination) = xds
            .tracing
            .as_ref()
            .filter(|_| !xds.http.is_empty())
            .and_then(|t| t.destination.as_ref())
        {
            let args = crate::cluster::ClusterArgs {
                traffic: xds.tracing.as_ref().and_then(|t| t.traffic.as_ref()),
                ..crate::cluster::ClusterArgs::default()
            };
            crate::cluster::add_destination(&mut ctx, destination, &args);
        }
        for listener in &xds.tcp {
            crate::listener::tcp::translate(&mut ctx, listener);
        }
        for listener in &xds.udp {
            crate::listener::udp::translate(&mut ctx, listener);
        }
        crate::cluster::add_backend_clusters(&mut ctx, &xds.backend_clusters);
        if let Some(service) = xds
            .global_resources
            .as_ref()
            .and_then(|g| g.proxy_service_cluster.as_ref())
        {
            crate::cluster::add_proxy_service(&mut ctx, service);
        }
        crate::listener::sds::add_clusters(&mut ctx, xds);
        let patch_policies = crate::patch::apply(&mut ctx.resources, &xds.envoy_patch_policies);
        ctx.validate_resources();
        let mut errors = std::mem::take(&mut ctx.errors).into_iter();
        Translated {
            resources: ctx.resources,
            error: error.or_else(|| errors.next()),
            patch_policies,
        }
    }
}
