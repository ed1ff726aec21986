//! Kubernetes quantities (`100M`, `32Ki`, `1Gi`) as whole numbers of bytes.

/// The value of a quantity, `None` when it is not a whole number (`100m`, `1.5`, `abc`).
pub(crate) fn whole(text: &str) -> Option<u128> {
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(digits_end);
    let number: u128 = number.parse().ok()?;
    let scale: u128 = match suffix {
        "" => 1,
        "k" => 1_000,
        "M" => 1_000_000,
        "G" => 1_000_000_000,
        "T" => 1_000_000_000_000,
        "P" => 1_000_000_000_000_000,
        "E" => 1_000_000_000_000_000_000,
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        "Ti" => 1 << 40,
        "Pi" => 1 << 50,
        "Ei" => 1 << 60,
        _ => return None,
    };
    number.checked_mul(scale)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::whole;

    #[test]
    fn reads_decimal_and_binary_suffixes() {
        assert_eq!(whole("100M"), Some(100_000_000));
        assert_eq!(whole("32Ki"), Some(32_768));
        assert_eq!(whole("7"), Some(7));
        assert_eq!(whole("100m"), None);
        assert_eq!(whole(""), None);
    }
}
