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

/// The canonical spelling of a whole quantity, as Kubernetes prints it (`1000G` -> `1T`, `2048Ki` ->
/// `2Mi`); the text as given when it is not a whole quantity.
pub(crate) fn canonical(text: &str) -> String {
    let Some(value) = whole(text) else {
        return text.to_owned();
    };
    if value == 0 {
        return "0".to_owned();
    }
    let binary = text.ends_with('i');
    let (base, suffixes): (u128, &[&str]) = if binary {
        (1024, &["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"])
    } else {
        (1000, &["", "k", "M", "G", "T", "P", "E"])
    };
    let mut mantissa = value;
    let mut index = 0;
    while mantissa % base == 0 && index + 1 < suffixes.len() {
        mantissa /= base;
        index += 1;
    }
    format!(
        "{mantissa}{}",
        suffixes.get(index).copied().unwrap_or_default()
    )
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

    #[test]
    fn canonical_spelling() {
        assert_eq!(super::canonical("1000G"), "1T");
        assert_eq!(super::canonical("5000Mi"), "5000Mi");
        assert_eq!(super::canonical("2048Ki"), "2Mi");
    }
}
