//! [`Translator`]: Snapshot -> IR + statuses, pure and deterministic.

mod backend;
mod backend_clusters;
mod backend_tls;
mod conditions;
mod config;
mod context;
mod gateway;
pub(crate) mod global_resources;
mod graph;
mod index;
mod policy;
mod reference_grant;
mod route;
mod status;
mod telemetry;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use config::TranslatorConfig;
pub use status::{ObjectStatus, Statuses};

use gwapi_model::Snapshot;

use crate::ir::{Infra, Xds};

/// What a translation produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Translation {
    /// The xDS IR of each proxy fleet, by IR key (`<namespace>/<gateway>`, or the class name when merged).
    pub xds: BTreeMap<String, Xds>,
    /// The infrastructure IR of each proxy fleet, by IR key.
    pub infra: BTreeMap<String, Infra>,
    /// The status of every object the translation has something to say about.
    pub statuses: Statuses,
}

/// Translates Gateway API and Envoy Gateway resources into IR and statuses.
///
/// ```
/// use gwapi_ir::{Translator, TranslatorConfig};
/// let translator = Translator::new(TranslatorConfig::default());
/// let translation = translator.translate(&gwapi_model::Snapshot::new());
/// assert!(translation.xds.is_empty());
/// ```
#[derive(Clone, Debug, Default)]
pub struct Translator {
    config: TranslatorConfig,
}

impl Translator {
    /// A translator with the given options.
    #[must_use]
    pub fn new(config: TranslatorConfig) -> Self {
        Self { config }
    }

    /// The translator's options.
    pub fn config(&self) -> &TranslatorConfig {
        &self.config
    }

    /// Translates `snapshot`. Never fails: problems in the input become statuses.
    #[must_use]
    pub fn translate(&self, snapshot: &Snapshot) -> Translation {
        let mut ctx = context::Context::new(&self.config, snapshot);
        let mut gateways = gateway::process_gateways(&mut ctx);
        let (mut xds, mut infra) = gateway::build_fleets(&ctx, &gateways);
        telemetry::apply(&ctx, &mut gateways, &mut xds, &mut infra);
        let mut statuses = Statuses::default();
        route::process_routes(&mut ctx, &gateways, &mut xds, &mut statuses);
        backend_tls::apply_proxy_settings(&ctx, &gateways, &mut xds, &mut statuses);
        backend_tls::policy_statuses(&ctx, &gateways, &mut statuses);
        policy::process_client_traffic_policies(&ctx, &gateways, &mut xds, &mut statuses);
        policy::mirror_http3_to_infra(&xds, &mut infra);
        policy::process_backend_traffic_policies(&ctx, &gateways, &mut xds, &mut statuses);
        policy::process_security_policies(&ctx, &gateways, &mut xds, &mut statuses);
        policy::process_envoy_extension_policies(&ctx, &gateways, &mut xds, &mut statuses);
        policy::process_envoy_patch_policies(&ctx, &gateways, &mut xds, &mut statuses);
        telemetry::fleet::apply(&ctx, &gateways, &mut xds);
        backend_clusters::apply(&ctx, &gateways, &mut xds);
        gateway::envoy_proxy_statuses(&ctx, &gateways, &mut statuses);
        gateway::gateway_statuses(&ctx.graph, &gateways, &mut statuses);
        backend::eg_backend::backend_statuses(&ctx, &mut statuses);
        gateway::gateway_class_status(&ctx, &mut statuses);
        route::mark_rules_overlap(&xds, &mut statuses);
        Translation {
            xds,
            infra,
            statuses,
        }
    }
}
