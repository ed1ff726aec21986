//! Just enough X.509 to read the DNS names of a certificate's subjectAltName extension (for overlapping
//! certificate detection): PEM body -> DER -> the extension's `dNSName` entries.

use super::pem;

/// The OID of subjectAltName (2.5.29.17), DER-encoded with its tag and length.
const SAN_OID: [u8; 5] = [0x06, 0x03, 0x55, 0x1D, 0x11];

/// The DNS names of the certificates in `pem_bytes`, in order.
pub(super) fn dns_names(pem_bytes: &[u8]) -> Vec<String> {
    pem::blocks(pem_bytes)
        .iter()
        .filter(|b| b.label == "CERTIFICATE")
        .filter_map(|b| base64(&b.body))
        .flat_map(|der| san_dns_names(&der))
        .collect()
}

/// Standard base64, padding optional; `None` if not base64.
pub(crate) use crate::ir::decode_base64 as base64;

/// A DER length at `at`: (length, bytes used).
fn der_len(der: &[u8], at: usize) -> Option<(usize, usize)> {
    let first = *der.get(at)?;
    if first < 0x80 {
        return Some((usize::from(first), 1));
    }
    let n = usize::from(first & 0x7f);
    let mut len = 0_usize;
    for i in 0..n {
        len = (len << 8) | usize::from(*der.get(at + 1 + i)?);
    }
    Some((len, 1 + n))
}

/// The `dNSName` entries of the subjectAltName extension of one DER certificate.
fn san_dns_names(der: &[u8]) -> Vec<String> {
    let Some(start) = der.windows(SAN_OID.len()).position(|w| w == SAN_OID) else {
        return Vec::new();
    };
    let mut at = start + SAN_OID.len();
    if der.get(at) == Some(&0x01) {
        at += 3; // critical: BOOLEAN
    }
    let mut names = Vec::new();
    let Some(body) = (|| {
        if der.get(at) != Some(&0x04) {
            return None;
        }
        let (_, used) = der_len(der, at + 1)?;
        let seq = at + 1 + used;
        if der.get(seq) != Some(&0x30) {
            return None;
        }
        let (len, used) = der_len(der, seq + 1)?;
        let from = seq + 1 + used;
        der.get(from..from + len)
    })() else {
        return names;
    };
    let mut i = 0;
    while let Some(tag) = body.get(i).copied() {
        let Some((len, used)) = der_len(body, i + 1) else {
            break;
        };
        let from = i + 1 + used;
        if tag == 0x82
            && let Some(value) = body.get(from..from + len)
        {
            names.push(String::from_utf8_lossy(value).into_owned());
        }
        i = from + len;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::{base64, san_dns_names};

    #[test]
    fn reads_dns_names_of_the_san_extension() {
        // OID, OCTET STRING { SEQUENCE { [2] "a.com", [2] "*.b.com" } }
        let mut der = vec![0x30, 0x00, 0x06, 0x03, 0x55, 0x1D, 0x11, 0x04, 18, 0x30, 16];
        der.extend([0x82, 5]);
        der.extend(b"a.com");
        der.extend([0x82, 7]);
        der.extend(b"*.b.com");
        assert_eq!(san_dns_names(&der), ["a.com", "*.b.com"]);
        assert_eq!(base64("aGk=").as_deref(), Some(&b"hi"[..]));
    }
}
