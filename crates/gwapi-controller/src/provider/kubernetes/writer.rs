//! [`Writer`]: the leader's loop that brings the API in line with each translation (statuses, fleets).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tracing::info;

use super::desired::Desired;
use super::infra::InfraApplier;
use super::status_writer::StatusWriter;
use crate::runtime::ControllerState;

/// The longest wait before failed writes are tried again.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(30);

/// Writes statuses and applies fleets while this replica leads; standbys only follow the translations.
#[derive(Debug)]
pub struct Writer {
    statuses: StatusWriter,
    infra: InfraApplier,
    state: Option<Arc<ControllerState>>,
    retry_delay: Duration,
    resync: Duration,
}

impl Writer {
    /// A writer of statuses and fleets.
    pub fn new(statuses: StatusWriter, infra: InfraApplier) -> Self {
        Self {
            statuses,
            infra,
            state: None,
            retry_delay: Duration::from_millis(500),
            resync: Duration::from_mins(5),
        }
    }

    /// Counts status writes in `state`'s metrics.
    #[must_use]
    pub fn with_state(mut self, state: Arc<ControllerState>) -> Self {
        self.state = Some(state);
        self
    }

    /// Sets the first delay before failed writes are tried again (it doubles up to 30 s).
    #[must_use]
    pub fn retry_delay(mut self, delay: Duration) -> Self {
        self.retry_delay = delay;
        self
    }

    /// Sets how often the leader checks everything again even when nothing changed (statuses or fleet
    /// objects changed by someone else are put back); 5 minutes by default.
    #[must_use]
    pub fn resync(mut self, period: Duration) -> Self {
        self.resync = period;
        self
    }

    /// Runs until `shutdown` completes: on each new translation, each leadership gain, each resync period
    /// and after failures, writes what the leader should.
    pub async fn run(
        self,
        mut desired: watch::Receiver<Option<Arc<Desired>>>,
        mut leading: watch::Receiver<bool>,
        shutdown: impl std::future::Future<Output = ()>,
    ) {
        tokio::pin!(shutdown);
        let mut was_leading = false;
        let mut applied_infra: Option<Arc<Desired>> = None;
        let mut failures: u32 = 0;
        loop {
            let is_leading = *leading.borrow_and_update();
            let current = desired.borrow_and_update().clone();
            if is_leading && !was_leading {
                info!("leading: writing statuses and fleets");
                applied_infra = None;
            }
            was_leading = is_leading;
            let mut failed = false;
            if let (true, Some(current)) = (is_leading, current) {
                let report = self.statuses.write(&current).await;
                if let Some(state) = &self.state {
                    for _ in &report.written {
                        state.metrics.status_written();
                    }
                }
                failed |= !report.failed.is_empty();
                let infra_changed = applied_infra
                    .as_ref()
                    .is_none_or(|a| a.infra != current.infra || a.owner_uids != current.owner_uids);
                if infra_changed {
                    let report = self.infra.apply(&current).await;
                    if report.failed {
                        failed = true;
                    } else {
                        applied_infra = Some(current);
                    }
                }
            }
            failures = if failed {
                failures.saturating_add(1)
            } else {
                0
            };
            let retry = (failures > 0).then(|| {
                self.retry_delay
                    .saturating_mul(2u32.saturating_pow(failures.min(16) - 1))
                    .min(MAX_RETRY_DELAY)
            });
            tokio::select! {
                () = &mut shutdown => return,
                changed = desired.changed() => if changed.is_err() { return },
                changed = leading.changed() => if changed.is_err() { return },
                () = sleep_or_pending(retry) => {}
                () = tokio::time::sleep(self.resync) => applied_infra = None,
            }
        }
    }
}

async fn sleep_or_pending(delay: Option<Duration>) {
    match delay {
        Some(delay) => tokio::time::sleep(delay).await,
        None => std::future::pending().await,
    }
}
