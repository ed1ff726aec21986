//! What standalone mode does on each change: write the statuses file, print the table, run the proxies.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use tracing::warn;

use super::proxies::Proxies;
use crate::pipeline::{Pipeline, Update, statuses_yaml, summary_table};
use crate::runtime::{ControllerState, Observer};

/// Writes the statuses to a YAML file and prints the summary table when they change.
pub struct StatusWriter {
    /// The statuses file.
    pub file: PathBuf,
    /// The controller state (for the status-write counter).
    pub state: Arc<ControllerState>,
    /// Whether to print the table on standard output.
    pub print_table: bool,
}

impl Observer for StatusWriter {
    fn on_update(&mut self, update: &Update, _pipeline: &Pipeline) {
        let Some(statuses) = &update.statuses else {
            return;
        };
        match statuses_yaml(statuses) {
            Ok(yaml) => {
                // Written next to the target then renamed, so readers never see half a file.
                let temporary = self.file.with_extension("yaml.tmp");
                let written = std::fs::write(&temporary, yaml)
                    .and_then(|()| std::fs::rename(&temporary, &self.file));
                match written {
                    Ok(()) => self.state.metrics.status_written(),
                    Err(e) => {
                        warn!(file = %self.file.display(), error = %e, "cannot write the statuses");
                    }
                }
            }
            Err(e) => warn!(error = %e, "cannot render the statuses"),
        }
        if self.print_table {
            println!("{}", summary_table(statuses));
        }
    }
}

/// Starts and stops the Envoy processes as fleets come and go.
pub struct ProxyRunner(pub Arc<Mutex<Proxies>>);

impl Observer for ProxyRunner {
    fn on_update(&mut self, update: &Update, _pipeline: &Pipeline) {
        if let Some(infra) = &update.infra {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .reconcile(infra.keys());
        }
    }
}
