//! The per-call state of one translation: the resources built so far, in the order they were added.

use std::collections::BTreeSet;

use envoy_types::pb::envoy::config::cluster::v3::Cluster;
use envoy_types::pb::envoy::config::endpoint::v3::ClusterLoadAssignment;
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::Secret;

use gwapi_ir::ir::{HealthCheckLog, Metrics, Tracing, Xds};

use crate::{XdsConfig, XdsResources, validate};

/// What one call of [`crate::XdsTranslator::translate`] builds; a local of that call, never a field.
pub(crate) struct Context<'a> {
    /// The translator settings.
    pub config: &'a XdsConfig,
    /// The fleet's metrics settings.
    pub metrics: Option<&'a Metrics>,
    /// The fleet's access logs.
    pub access_log: Option<&'a gwapi_ir::ir::AccessLog>,
    /// The fleet's tracing.
    pub tracing: Option<&'a Tracing>,
    /// The fleet's health check event log.
    pub health_check_log: Option<&'a HealthCheckLog>,
    /// The fleet's HTTP filter order (EnvoyProxy `filterOrder`).
    pub filter_order: &'a [gwapi_ir::ir::FilterPosition],
    /// The resources built so far.
    pub resources: XdsResources,
    /// The errors met so far (the translation goes on past them).
    pub errors: Vec<crate::Error>,
    cluster_names: BTreeSet<String>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(config: &'a XdsConfig, xds: &'a Xds) -> Self {
        Self {
            config,
            metrics: xds.metrics.as_ref(),
            health_check_log: xds.health_check_log.as_ref(),
            tracing: xds.tracing.as_ref(),
            filter_order: &xds.filter_order,
            access_log: xds.access_log.as_ref(),
            resources: XdsResources::default(),
            errors: Vec::new(),
            cluster_names: BTreeSet::new(),
        }
    }

    /// Whether a cluster of this name exists already.
    pub(crate) fn has_cluster(&self, name: &str) -> bool {
        self.cluster_names.contains(name)
    }

    /// Adds a cluster and its load assignment unless a cluster of that name exists; a pair that breaks
    /// Envoy's validation rules is left out and its error kept.
    pub(crate) fn add_cluster(
        &mut self,
        cluster: Cluster,
        endpoints: Option<ClusterLoadAssignment>,
    ) {
        if self.cluster_names.contains(&cluster.name) {
            return;
        }
        let valid = endpoints
            .as_ref()
            .map_or(Ok(()), |e| {
                validate::check("ClusterLoadAssignment", &e.cluster_name, e)
            })
            .and_then(|()| validate::check("Cluster", &cluster.name, &cluster));
        if let Err(e) = valid {
            self.errors.push(e);
            return;
        }
        self.cluster_names.insert(cluster.name.clone());
        self.resources.clusters.push(cluster);
        if let Some(endpoints) = endpoints {
            self.resources.endpoints.push(endpoints);
        }
    }

    /// Adds a secret unless one of that name exists (upstream TLS secrets are shared by clusters).
    pub(crate) fn add_shared_secret(&mut self, secret: Secret) {
        if !self.resources.secrets.iter().any(|s| s.name == secret.name) {
            self.resources.secrets.push(secret);
        }
    }

    /// Adds a secret (the reference keeps one per TLS configuration that names it, duplicates included).
    pub(crate) fn add_secret(&mut self, secret: Secret) {
        self.resources.secrets.push(secret);
    }
}

impl Context<'_> {
    /// Drops the listeners, route configurations and secrets that break Envoy's validation rules, keeping
    /// their errors.
    pub(crate) fn validate_resources(&mut self) {
        let errors = &mut self.errors;
        let resources = &mut self.resources;
        resources
            .listeners
            .retain(|l| keep(errors, validate::check("Listener", &l.name, l)));
        resources
            .routes
            .retain(|r| keep(errors, validate::check("RouteConfiguration", &r.name, r)));
        resources
            .secrets
            .retain(|s| keep(errors, validate::check("Secret", &s.name, s)));
    }
}

fn keep(errors: &mut Vec<crate::Error>, result: crate::Result<()>) -> bool {
    match result {
        Ok(()) => true,
        Err(e) => {
            errors.push(e);
            false
        }
    }
}
