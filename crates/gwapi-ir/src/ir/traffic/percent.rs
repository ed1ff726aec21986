//! Percentages that may be fractional (`0.01`, `80`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A percentage in `[0, 100]` that Go holds as a float; written as an integer when it is whole (`80`), as a
/// decimal otherwise (`0.01`), the way Go's YAML writer prints a `float32`/`float64`.
///
/// ```
/// use gwapi_ir::ir::Percent;
/// assert_eq!(serde_json::to_value(Percent(80.0)).unwrap(), serde_json::json!(80));
/// assert_eq!(serde_json::to_value(Percent(0.01)).unwrap(), serde_json::json!(0.01));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize)]
#[serde(into = "PercentNumber")]
pub struct Percent(pub f64);

/// The serialized number of a [`Percent`].
#[derive(Clone, Copy, Debug)]
enum PercentNumber {
    Whole(u64),
    Fraction(f64),
}

impl From<Percent> for PercentNumber {
    fn from(p: Percent) -> Self {
        let value = p.0;
        if value.fract() == 0.0 && (0.0..=1e15).contains(&value) {
            // Whole and in range: the cast is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let whole = value as u64;
            Self::Whole(whole)
        } else {
            Self::Fraction(value)
        }
    }
}

impl Serialize for PercentNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Self::Whole(n) => s.serialize_u64(n),
            Self::Fraction(f) => s.serialize_f64(f),
        }
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(Percent)
    }
}
