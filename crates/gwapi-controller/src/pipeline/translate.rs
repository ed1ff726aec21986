//! [`Pipeline`]: Snapshot -> IR + statuses -> xDS per IR key, reporting only what changed.

use std::collections::BTreeMap;
use std::time::Instant;

use gwapi_ir::ir::Infra;
use gwapi_ir::{Statuses, Translator, TranslatorConfig};
use gwapi_model::Snapshot;
use gwapi_xds::{XdsConfig, XdsTranslator};

use super::{HostConfig, KeyOutput, Update};

/// The settings of a [`Pipeline`].
#[derive(Clone, Debug, Default)]
#[must_use]
#[non_exhaustive]
pub struct PipelineConfig {
    /// The Snapshot -> IR translation settings.
    pub translator: TranslatorConfig,
    /// The IR -> xDS translation settings.
    pub xds: XdsConfig,
    /// Set when the fleets run as host processes (standalone mode).
    pub host: Option<HostConfig>,
}

impl PipelineConfig {
    /// Sets the Snapshot -> IR settings.
    pub fn translator(mut self, config: TranslatorConfig) -> Self {
        self.translator = config;
        self
    }

    /// Sets the IR -> xDS settings.
    pub fn xds(mut self, config: XdsConfig) -> Self {
        self.xds = config;
        self
    }

    /// Runs the fleets as host processes with these settings.
    pub fn host(mut self, config: HostConfig) -> Self {
        self.host = Some(config);
        self
    }
}

/// Translates the controller's input and remembers what it last published, so that each run reports only
/// the IR keys, statuses and fleets that changed.
///
/// ```
/// use gwapi_controller::pipeline::{Pipeline, PipelineConfig, Store};
/// let mut pipeline = Pipeline::new(PipelineConfig::default());
/// let update = pipeline.run(&Store::default().snapshot());
/// assert!(update.changed.is_empty() && update.removed.is_empty());
/// ```
#[derive(Debug)]
pub struct Pipeline {
    translator: Translator,
    xds_translator: XdsTranslator,
    host: Option<HostConfig>,
    outputs: BTreeMap<String, KeyOutput>,
    statuses: Statuses,
    infra: BTreeMap<String, Infra>,
    runs: u64,
}

impl Pipeline {
    /// A pipeline that has published nothing yet.
    pub fn new(config: PipelineConfig) -> Self {
        Self {
            translator: Translator::new(config.translator),
            xds_translator: XdsTranslator::new(config.xds),
            host: config.host,
            outputs: BTreeMap::new(),
            statuses: Statuses::default(),
            infra: BTreeMap::new(),
            runs: 0,
        }
    }

    /// Translates `snapshot` and returns what changed since the previous run.
    ///
    /// A key whose IR -> xDS translation fails keeps its previous resources (the proxies keep serving the
    /// last good configuration) and the error is reported in [`Update::errors`]; a key that never translated
    /// publishes what could be produced.
    pub fn run(&mut self, snapshot: &Snapshot) -> Update {
        let started = Instant::now();
        // Certificates and CRLs expire: each run checks them against the wall clock (the translator
        // itself never reads the clock).
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok());
        let translation =
            Translator::new(self.translator.config().clone().current_time(now)).translate(snapshot);
        let mut update = Update::default();
        let mut outputs = BTreeMap::new();
        for (key, mut ir) in translation.xds {
            if let Some(host) = &self.host {
                host.adapt_fleet(&key, &mut ir);
            }
            let previous = self.outputs.remove(&key);
            let output = self.translate_key(&key, ir, previous, &mut update);
            outputs.insert(key, output);
        }
        update.removed = std::mem::take(&mut self.outputs).into_keys().collect();
        self.outputs = outputs;
        if self.runs == 0 || translation.statuses != self.statuses {
            self.statuses = translation.statuses;
            update.statuses = Some(self.statuses.clone());
        }
        if self.runs == 0 || translation.infra != self.infra {
            self.infra = translation.infra;
            update.infra = Some(self.infra.clone());
        }
        self.runs += 1;
        update.duration = started.elapsed();
        update
    }

    fn translate_key(
        &self,
        key: &str,
        ir: gwapi_ir::ir::Xds,
        previous: Option<KeyOutput>,
        update: &mut Update,
    ) -> KeyOutput {
        if let Some(previous) = previous.as_ref().filter(|p| p.ir == ir) {
            return previous.clone();
        }
        let translated = self.xds_translator.translate_partial(&ir);
        match (translated.error, previous) {
            (Some(error), Some(previous)) => {
                update.errors.insert(key.to_owned(), error.to_string());
                KeyOutput {
                    ir,
                    error: Some(error.to_string()),
                    ..previous
                }
            }
            (error, previous) => {
                if let Some(error) = &error {
                    update.errors.insert(key.to_owned(), error.to_string());
                }
                if previous
                    .as_ref()
                    .is_none_or(|p| p.resources != translated.resources)
                {
                    update
                        .changed
                        .insert(key.to_owned(), translated.resources.clone());
                }
                KeyOutput {
                    ir,
                    resources: translated.resources,
                    error: error.map(|e| e.to_string()),
                }
            }
        }
    }

    /// The output of every IR key, as last published.
    pub fn outputs(&self) -> &BTreeMap<String, KeyOutput> {
        &self.outputs
    }

    /// The statuses of the last run.
    pub fn statuses(&self) -> &Statuses {
        &self.statuses
    }

    /// The infrastructure IR of the last run, by key.
    pub fn infra(&self) -> &BTreeMap<String, Infra> {
        &self.infra
    }

    /// How many times the pipeline ran.
    pub fn runs(&self) -> u64 {
        self.runs
    }
}
