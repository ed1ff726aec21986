//! Durations as Kubernetes writes them (`"10s"`, `"1h30m"`, `"250ms"`), kept exactly as written.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A Go-style duration string (Gateway API `Duration` and `metav1.Duration`), kept as written so that
/// loading and saving an object gives the same text; [`Duration::parse`] reads its value.
///
/// ```
/// use gwapi_model::Duration;
/// assert_eq!(Duration::from("1m30s").parse(), Some(std::time::Duration::from_secs(90)));
/// assert_eq!(Duration::from("250ms").parse(), Some(std::time::Duration::from_millis(250)));
/// assert_eq!(Duration::from("1.5h").parse(), Some(std::time::Duration::from_secs(5400)));
/// assert_eq!(Duration::from("ten seconds").parse(), None);
/// ```
#[derive(
    Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct Duration(pub String);

impl Duration {
    /// The text as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value, or `None` when the text is not a valid non-negative Go duration.
    #[must_use]
    pub fn parse(&self) -> Option<std::time::Duration> {
        parse_go_duration(&self.0)
    }
}

impl From<&str> for Duration {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses a Go duration (`time.ParseDuration` syntax, without a sign other than `+`).
fn parse_go_duration(text: &str) -> Option<std::time::Duration> {
    let s = text.strip_prefix('+').unwrap_or(text);
    if s == "0" {
        return Some(std::time::Duration::ZERO);
    }
    if s.is_empty() {
        return None;
    }
    let mut total_nanos: u128 = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_len);
        if number.is_empty() || number == "." {
            return None;
        }
        let unit_len = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_len);
        let unit_nanos: u128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let whole: u128 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let mut nanos = whole.checked_mul(unit_nanos)?;
        let mut scale = unit_nanos;
        for digit in fraction.chars() {
            scale /= 10;
            nanos = nanos.checked_add(u128::from(digit.to_digit(10)?) * scale)?;
        }
        total_nanos = total_nanos.checked_add(nanos)?;
        rest = next;
    }
    let secs = u64::try_from(total_nanos / 1_000_000_000).ok()?;
    let sub = u32::try_from(total_nanos % 1_000_000_000).ok()?;
    Some(std::time::Duration::new(secs, sub))
}
