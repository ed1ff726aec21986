//! Durations as Envoy Gateway's IR writes them: Go's `time.Duration.String()` (`"1m30s"`, `"1h0m0s"`,
//! `"100ms"`), read back from any Go duration text.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A duration that serializes the way Go prints `time.Duration`.
///
/// ```
/// use gwapi_ir::ir::GoDuration;
/// use std::time::Duration;
/// assert_eq!(GoDuration(Duration::from_secs(1000)).to_string(), "16m40s");
/// assert_eq!(GoDuration(Duration::from_secs(3600)).to_string(), "1h0m0s");
/// assert_eq!(GoDuration(Duration::from_millis(1500)).to_string(), "1.5s");
/// assert_eq!(GoDuration(Duration::from_millis(100)).to_string(), "100ms");
/// assert_eq!(GoDuration(Duration::from_micros(1500)).to_string(), "1.5ms");
/// assert_eq!(GoDuration(Duration::ZERO).to_string(), "0s");
/// assert_eq!("1h30m".parse::<GoDuration>().unwrap(), GoDuration(Duration::from_secs(5400)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoDuration(pub Duration);

impl fmt::Display for GoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nanos = self.0.as_nanos();
        if nanos == 0 {
            return f.write_str("0s");
        }
        if nanos < 1_000_000_000 {
            let (unit, scale) = if nanos < 1_000 {
                ("ns", 1)
            } else if nanos < 1_000_000 {
                ("µs", 1_000)
            } else {
                ("ms", 1_000_000)
            };
            return write!(f, "{}{unit}", decimal(nanos, scale));
        }
        let total_secs = self.0.as_secs();
        let hours = total_secs / 3600;
        let minutes = (total_secs % 3600) / 60;
        let seconds = decimal(
            u128::from(total_secs % 60) * 1_000_000_000 + u128::from(self.0.subsec_nanos()),
            1_000_000_000,
        );
        if hours > 0 {
            write!(f, "{hours}h{minutes}m{seconds}s")
        } else if minutes > 0 {
            write!(f, "{minutes}m{seconds}s")
        } else {
            write!(f, "{seconds}s")
        }
    }
}

/// `value / scale` as a decimal without trailing zeros.
fn decimal(value: u128, scale: u128) -> String {
    let whole = value / scale;
    let fraction = value % scale;
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = scale.to_string().len() - 1;
    let text = format!("{whole}.{fraction:0digits$}");
    text.trim_end_matches('0').to_owned()
}

/// An invalid Go duration.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid duration {0:?}")]
pub struct InvalidDuration(pub String);

impl std::str::FromStr for GoDuration {
    type Err = InvalidDuration;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        gwapi_model::Duration::from(s)
            .parse()
            .map(GoDuration)
            .ok_or_else(|| InvalidDuration(s.to_owned()))
    }
}

impl From<Duration> for GoDuration {
    fn from(d: Duration) -> Self {
        Self(d)
    }
}

impl Serialize for GoDuration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for GoDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
