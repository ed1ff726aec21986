//! Just enough PEM: find the blocks of a document and write them back in canonical form (64-column base64,
//! a newline after each block), as Go's `pem.Encode` does after parsing.

/// One PEM block: its label and its base64 body (whitespace removed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PemBlock {
    /// The label (`CERTIFICATE`, `RSA PRIVATE KEY`, ...).
    pub label: String,
    /// The base64 body.
    pub body: String,
}

/// The PEM blocks of `bytes`, in order.
pub(crate) fn blocks(bytes: &[u8]) -> Vec<PemBlock> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut current: Option<PemBlock> = None;
    for line in text.lines().map(str::trim) {
        if let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|r| r.strip_suffix("-----"))
        {
            current = Some(PemBlock {
                label: label.to_owned(),
                body: String::new(),
            });
        } else if let Some(label) = line
            .strip_prefix("-----END ")
            .and_then(|r| r.strip_suffix("-----"))
        {
            if let Some(block) = current.take().filter(|b| b.label == label) {
                out.push(block);
            }
        } else if let Some(block) = current.as_mut()
            && !line.contains(':')
        {
            block.body.push_str(line);
        }
    }
    out
}

/// `blocks` written back in canonical form.
pub(crate) fn encode(blocks: &[PemBlock]) -> Vec<u8> {
    let mut out = String::new();
    for block in blocks {
        out.push_str("-----BEGIN ");
        out.push_str(&block.label);
        out.push_str("-----\n");
        let chars: Vec<char> = block.body.chars().collect();
        for line in chars.chunks(64) {
            out.extend(line);
            out.push('\n');
        }
        out.push_str("-----END ");
        out.push_str(&block.label);
        out.push_str("-----\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::{blocks, encode};

    #[test]
    fn round_trips_to_canonical_form() {
        let body = "A".repeat(70);
        let text = format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----");
        let parsed = blocks(text.as_bytes());
        assert_eq!(parsed.len(), 1);
        let encoded = String::from_utf8(encode(&parsed)).unwrap_or_default();
        assert_eq!(
            encoded,
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n{}\n-----END CERTIFICATE-----\n",
                "A".repeat(64),
                "A".repeat(6)
            )
        );
    }
}
