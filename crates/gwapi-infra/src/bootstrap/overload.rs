//! The fixed-heap overload actions: when the container has a memory limit, Envoy shrinks its heap at 95%
//! and stops accepting requests at 98% of 80% of that limit.

use crate::fleet::Fleet;

/// The heap limit of the fixed-heap resource monitor: 80% of the container's memory limit.
pub(crate) fn max_heap_size_bytes(fleet: &Fleet<'_>) -> Option<u128> {
    let limit = fleet
        .container()?
        .resources
        .as_ref()?
        .limits
        .as_ref()?
        .get("memory")?;
    parse_quantity_bytes(&limit.0).map(|bytes| bytes * 4 / 5)
}

/// The integer value of a Kubernetes quantity (`2Gi`, `512M`, `1000`), rounded down; `None` when it is not
/// one or is fractional below a byte.
pub(crate) fn parse_quantity_bytes(text: &str) -> Option<u128> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let multiplier: u128 = match suffix {
        "" => 1,
        "k" => 1_000,
        "M" => 1_000_000,
        "G" => 1_000_000_000,
        "T" => 1_000_000_000_000,
        "P" => 1_000_000_000_000_000,
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        "Ti" => 1 << 40,
        "Pi" => 1 << 50,
        _ => return None,
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let whole: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut value = whole.checked_mul(multiplier)?;
    if !fraction.is_empty() {
        let digits = u32::try_from(fraction.len()).ok()?;
        let scale = 10u128.checked_pow(digits)?;
        let fraction: u128 = fraction.parse().ok()?;
        value = value.checked_add(fraction.checked_mul(multiplier)? / scale)?;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quantities() {
        assert_eq!(parse_quantity_bytes("2Gi"), Some(2_147_483_648));
        assert_eq!(parse_quantity_bytes("512M"), Some(512_000_000));
        assert_eq!(parse_quantity_bytes("1.5Gi"), Some(1_610_612_736));
        assert_eq!(parse_quantity_bytes("12"), Some(12));
        assert_eq!(parse_quantity_bytes("1e3"), None);
    }
}
