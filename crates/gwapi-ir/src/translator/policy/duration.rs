//! Policy durations (`10s`, `1m30s`) into the IR, with the reference's message for a bad value.

use gwapi_model::Duration;

use crate::ir::GoDuration;

/// `d` as an IR duration; the error names `field` (`invalid IdleTimeout value 10x`).
pub(crate) fn parse(field: &str, d: Option<&Duration>) -> Result<Option<GoDuration>, String> {
    d.map(|d| {
        d.parse()
            .map(GoDuration)
            .ok_or_else(|| format!("invalid {field} value {}", d.as_str()))
    })
    .transpose()
}
