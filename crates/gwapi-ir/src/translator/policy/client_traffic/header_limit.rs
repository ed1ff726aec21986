//! `headers.maxRequestHeaderLimit`: the largest request header block clients may send, in KiB (at
//! least 1Ki, at most 8192Ki).

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::translator::policy::quantity;

/// The smallest limit, in bytes.
const MIN_BYTES: u128 = 1024;
/// The largest limit, in bytes (Envoy's maximum of 8 MiB).
const MAX_BYTES: u128 = 8192 * 1024;

/// The limit in KiB (rounded up), or why it is invalid.
pub(crate) fn convert(limit: Option<&Quantity>) -> Result<Option<u32>, String> {
    let Some(q) = limit else {
        return Ok(None);
    };
    let bytes = quantity::whole(&q.0)
        .ok_or_else(|| format!("invalid MaxRequestHeaderLimit value {}", q.0))?;
    if bytes < MIN_BYTES {
        return Err(format!(
            "MaxRequestHeaderLimit value {} must be at least 1Ki",
            q.0
        ));
    }
    if bytes > MAX_BYTES {
        return Err(format!(
            "MaxRequestHeaderLimit value {} exceeds the maximum of 8192Ki",
            q.0
        ));
    }
    Ok(u32::try_from(bytes.div_ceil(1024)).ok())
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

    use super::convert;

    #[test]
    fn limits_in_kib_within_range() {
        let q = |s: &str| Quantity(s.to_owned());
        assert_eq!(convert(Some(&q("96Ki"))), Ok(Some(96)));
        assert_eq!(
            convert(Some(&q("512"))),
            Err("MaxRequestHeaderLimit value 512 must be at least 1Ki".to_owned())
        );
        assert!(convert(Some(&q("8193Ki"))).is_err());
        assert_eq!(convert(None), Ok(None));
    }
}
