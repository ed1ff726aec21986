//! [`Metrics`]: the controller's counters, rendered in the Prometheus text format.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::SinkStats;

/// Counters updated by the translation loop and read by `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {
    translations: AtomicU64,
    translation_micros_sum: AtomicU64,
    translation_micros_last: AtomicU64,
    xds_pushes: AtomicU64,
    xds_translation_errors: AtomicU64,
    status_writes: AtomicU64,
    input_errors: AtomicU64,
}

impl Metrics {
    /// Records one translation that took `duration`.
    pub fn translated(&self, duration: Duration) {
        let micros = u64::try_from(duration.as_micros()).unwrap_or(u64::MAX);
        self.translations.fetch_add(1, Ordering::Relaxed);
        self.translation_micros_sum
            .fetch_add(micros, Ordering::Relaxed);
        self.translation_micros_last
            .store(micros, Ordering::Relaxed);
    }

    /// Records `n` xDS snapshots pushed to the cache.
    pub fn pushed(&self, n: u64) {
        self.xds_pushes.fetch_add(n, Ordering::Relaxed);
    }

    /// Records `n` IR -> xDS translation errors.
    pub fn xds_errors(&self, n: u64) {
        self.xds_translation_errors.fetch_add(n, Ordering::Relaxed);
    }

    /// Records one write of the statuses.
    pub fn status_written(&self) {
        self.status_writes.fetch_add(1, Ordering::Relaxed);
    }

    /// Records `n` input diagnostics at error level.
    pub fn input_errors(&self, n: u64) {
        self.input_errors.fetch_add(n, Ordering::Relaxed);
    }

    /// The number of xDS pushes so far.
    pub fn pushes(&self) -> u64 {
        self.xds_pushes.load(Ordering::Relaxed)
    }

    /// The Prometheus text exposition of every counter, with the sink's.
    #[allow(clippy::cast_precision_loss)]
    pub fn render(&self, sink: SinkStats) -> String {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let seconds = |micros: u64| micros as f64 / 1e6;
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, value: String| {
            let _ = write!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n"
            );
        };
        metric(
            "gwapi_translation_duration_seconds_sum",
            "counter",
            "Total time spent translating the input (Snapshot -> IR -> xDS).",
            seconds(get(&self.translation_micros_sum)).to_string(),
        );
        metric(
            "gwapi_translation_duration_seconds_count",
            "counter",
            "Translations run.",
            get(&self.translations).to_string(),
        );
        metric(
            "gwapi_translation_last_duration_seconds",
            "gauge",
            "Duration of the last translation.",
            seconds(get(&self.translation_micros_last)).to_string(),
        );
        metric(
            "gwapi_xds_pushes_total",
            "counter",
            "xDS snapshots published (one per changed IR key).",
            get(&self.xds_pushes).to_string(),
        );
        metric(
            "gwapi_xds_translation_errors_total",
            "counter",
            "IR -> xDS translations that failed (the last good resources kept serving).",
            get(&self.xds_translation_errors).to_string(),
        );
        metric(
            "gwapi_status_writes_total",
            "counter",
            "Status writes.",
            get(&self.status_writes).to_string(),
        );
        metric(
            "gwapi_input_errors_total",
            "counter",
            "Input diagnostics at error level.",
            get(&self.input_errors).to_string(),
        );
        metric(
            "gwapi_xds_connected_proxies",
            "gauge",
            "Proxies connected to the xDS server.",
            sink.connected_proxies.to_string(),
        );
        metric(
            "gwapi_xds_nacks_total",
            "counter",
            "xDS responses rejected by proxies.",
            sink.nacks.to_string(),
        );
        out
    }
}
